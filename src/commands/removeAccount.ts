import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { Account } from '../accounts/accountStore';
import { connectionOf, kindLabel } from '../tree/connectionNodes';
import type { Command } from './command';

/** Forgets an account: its token leaves SecretStorage, its node leaves the tree. */
export const removeAccount: Command = {
  id: 'projectSecrets.removeAccount',
  async run({ accounts, pushLog }, node?: unknown) {
    const account = connectionOf(node) ?? await pickAccount(accounts.list());
    await accounts.remove(account.id);
    if (account.kind === 'marketplace') await pushLog.forget(account.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}; its token was deleted from this machine.', account.label));
  },
};

async function pickAccount(list: readonly Account[]): Promise<Account> {
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No account is connected.'));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(
    list.map((account) => ({ label: account.label, description: kindLabel(account), detail: account.origin, account })),
    { title: vscode.l10n.t('Remove Account'), placeHolder: vscode.l10n.t('Which account should be removed from this machine?') });
  if (!picked) throw new CancelledError();
  return picked.account;
}
