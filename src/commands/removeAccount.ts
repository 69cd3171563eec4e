import * as vscode from 'vscode';
import type { Command, Services } from '../backends/backend';
import type { Connection } from '../connections/accountStore';
import { CancelledError } from '../core/errors';
import { done } from '../platform/notify';
import { confirm } from '../platform/prompts';
import { connectionOf } from './target';

/**
 * Forgets a connection after a modal confirmation: its token leaves SecretStorage, its node
 * leaves the tree, its backend forgets its local state. One flow under several ids, so each
 * kind's menu says what it removes ("Remove Account…" on a Vercel account); from the palette
 * the id decides which connections are offered: those whose backend's `remove` is this id,
 * or all of them for the generic "Remove Connection…".
 */
async function removeFlow(services: Services, id: string, node: unknown): Promise<void> {
  const account = connectionOf(node) ?? await pickAccount(services, id);
  const backend = services.backends.of(account);
  await confirm(vscode.l10n.t('Remove the {0} {1}?', backend.kindLabel, account.label),
    vscode.l10n.t('Its token is forgotten: deleted from this machine\'s secret storage. Nothing changes at {0}; you can add it again with a token.',
      hostOf(account.origin)),
    vscode.l10n.t('Remove'));
  await services.accounts.remove(account.id);
  await backend.forget?.(services, account);
  done(vscode.l10n.t('Removed {0}; its token was forgotten.', account.label));
}

export const removeAccount: Command = {
  id: 'projectSecrets.removeAccount',
  run: (services, node?: unknown) => removeFlow(services, removeAccount.id, node),
};

/** The generic "Remove Connection…": any kind of connection (a backend names its own in `Backend.remove`). */
export const removeConnection: Command = {
  id: 'projectSecrets.removeConnection',
  run: (services, node?: unknown) => removeFlow(services, removeConnection.id, node),
};

export const removeInstallation: Command = {
  id: 'projectSecrets.removeInstallation',
  run: (services, node?: unknown) => removeFlow(services, removeInstallation.id, node),
};

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

async function pickAccount({ accounts, backends }: Services, id: string): Promise<Connection> {
  const list = accounts.list().filter((account) => id === removeConnection.id || (backends.of(account).remove ?? removeConnection.id) === id);
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to remove: no such connection is connected.'));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(
    list.map((account) => ({ label: account.label, description: backends.of(account).kindLabel, detail: account.origin, account })),
    { title: vscode.l10n.t('Remove'), placeHolder: vscode.l10n.t('Which connection should be removed from this machine?') });
  if (!picked) throw new CancelledError();
  return picked.account;
}
