import * as vscode from 'vscode';
import type { VercelAccount } from '../accounts/accountStore';
import { ApiError, CancelledError, InputError } from '../core/errors';
import type { AccountSecret } from '../core/vercel/accountSecrets';
import type { VercelClient } from '../core/vercel/client';
import type { Scope } from '../core/vercel/models';
import { AccountSecretNode } from '../tree/nodes/accountSecretNode';
import { AccountSecretsNode } from '../tree/nodes/accountSecretsNode';
import type { Services } from './command';
import { pickConnection, pickScope } from './pickers';

/** Where an account secret command acts: a scope (and a secret), from the tree or pickers. */
export interface AccountSecretsContext {
  readonly account: VercelAccount;
  readonly scope: Scope;
  readonly client: VercelClient;
  readonly node?: AccountSecretsNode;
}

export async function resolveAccountSecrets(services: Services, node: unknown): Promise<AccountSecretsContext> {
  const list = node instanceof AccountSecretNode ? node.parent : node instanceof AccountSecretsNode ? node : undefined;
  if (list) return { account: list.account, scope: list.scope, client: await services.clients.vercelForAccount(list.account), node: list };
  const account = await pickConnection(services, ['vercel']) as VercelAccount;
  const client = await services.clients.vercelForAccount(account);
  return { account, scope: await pickScope(client), client };
}

export async function resolveAccountSecret(services: Services, node: unknown): Promise<AccountSecretsContext & { secret: AccountSecret }> {
  const at = await resolveAccountSecrets(services, node);
  if (node instanceof AccountSecretNode) return { ...at, secret: node.secret };
  const page = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window }, () => at.client.accountSecrets.list(at.scope));
  if (page.items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This scope has no account secrets.'));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(page.items.map((secret) => ({ label: secret.name, description: secret.uid, secret })),
    { title: vscode.l10n.t('Account secret'), placeHolder: vscode.l10n.t('Pick an account secret') });
  if (!picked) throw new CancelledError();
  return { ...at, secret: picked.secret };
}

/** Reload the scope's "Account Secrets" node (one request) and say what happened. */
export function afterAccountSecretChange({ tree }: Services, at: AccountSecretsContext, message: string): void {
  const node = at.node ?? tree.find((n) => n instanceof AccountSecretsNode && n.account.id === at.account.id
    && JSON.stringify(n.scope) === JSON.stringify(at.scope));
  if (node) tree.refresh(node);
  void vscode.window.showInformationMessage(message);
}

/** The legacy API's 410 means the feature is gone, not that something broke: say what to use instead. */
export function explainRetired(err: unknown): never {
  if (err instanceof ApiError && err.status === 410) {
    throw new InputError(vscode.l10n.t('Vercel retired account secrets on 2024-05-01: use sensitive environment variables instead ("Add Secret…" on a project).'));
  }
  throw err;
}
