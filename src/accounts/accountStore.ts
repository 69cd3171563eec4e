import * as vscode from 'vscode';
import type { TokenStore } from './tokenStore';

/** What is remembered about a connection. Never the token: that is in the TokenStore. */
export interface Account {
  /** Stable id: backend, user id and API origin, so one user on two APIs are two accounts. */
  readonly id: string;
  readonly kind: 'vercel';
  /** The origin the token was checked against; it is sent nowhere else. */
  readonly origin: string;
  readonly userId: string;
  readonly username: string;
  readonly email: string;
}

const stateKey = 'projectSecrets.accounts';
const contextKey = 'projectSecrets.hasAccounts';

/** Connected accounts: metadata in globalState, tokens in SecretStorage. */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, readonly tokens: TokenStore) {}

  list(): readonly Account[] {
    return this.state.get<Account[]>(stateKey, []);
  }

  get(id: string): Account | undefined {
    return this.list().find((account) => account.id === id);
  }

  /** Stores the token first, so an account is never listed without one. */
  async add(account: Account, token: string): Promise<void> {
    await this.tokens.set(account.id, token);
    const others = this.list().filter((a) => a.id !== account.id);
    await this.state.update(stateKey, [...others, account]);
    await this.syncContext();
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(stateKey, this.list().filter((a) => a.id !== id));
    await this.tokens.delete(id);
    await this.syncContext();
    this.changed.fire();
  }

  /** Drives the welcome view; reads only local state, so it is safe at activation. */
  syncContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', contextKey, this.list().length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function vercelAccountId(origin: string, userId: string): string {
  return `vercel:${userId}@${origin}`;
}
