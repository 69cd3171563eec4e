import type * as vscode from 'vscode';

const keyPrefix = 'projectSecrets.token.';

/** Tokens live only in SecretStorage, under namespaced keys. */
export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(accountId: string): Thenable<string | undefined> {
    return this.secrets.get(keyPrefix + accountId);
  }

  set(accountId: string, token: string): Thenable<void> {
    return this.secrets.store(keyPrefix + accountId, token);
  }

  delete(accountId: string): Thenable<void> {
    return this.secrets.delete(keyPrefix + accountId);
  }
}
