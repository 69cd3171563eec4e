import * as vscode from 'vscode';
import type { Command, Services } from '../backends/backend';
import type { Connection } from '../connections/accountStore';
import { CancelledError } from '../core/errors';
import { connectionOf } from './target';

/** Forgets an account: its token leaves SecretStorage, its node leaves the tree, its backend forgets its local state. */
export const removeAccount: Command = {
  id: 'projectSecrets.removeAccount',
  async run(services, node?: unknown) {
    const account = connectionOf(node) ?? await pickAccount(services);
    await services.accounts.remove(account.id);
    await services.backends.of(account).forget?.(services, account);
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}; its token was deleted from this machine.', account.label));
  },
};

async function pickAccount({ accounts, backends }: Services): Promise<Connection> {
  const list = accounts.list();
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No account is connected.'));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(
    list.map((account) => ({ label: account.label, description: backends.of(account).kindLabel, detail: account.origin, account })),
    { title: vscode.l10n.t('Remove Account'), placeHolder: vscode.l10n.t('Which account should be removed from this machine?') });
  if (!picked) throw new CancelledError();
  return picked.account;
}
