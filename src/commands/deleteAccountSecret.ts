import * as vscode from 'vscode';
import { afterAccountSecretChange, explainRetired, resolveAccountSecret } from './accountSecretTarget';
import type { Command } from './command';
import { confirm } from './envPrompts';

/** "Delete…" on an account secret, after a modal confirmation. */
export const deleteAccountSecret: Command = {
  id: 'projectSecrets.deleteAccountSecret',
  async run(services, node?: unknown) {
    const at = await resolveAccountSecret(services, node);
    await confirm(vscode.l10n.t('Delete the account secret {0}?', at.secret.name),
      vscode.l10n.t('Environment variables that still reference @{0} stop working in new deployments. This cannot be undone.', at.secret.name),
      vscode.l10n.t('Delete'));
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', at.secret.name) },
      () => at.client.accountSecrets.delete(at.scope, at.secret.uid).catch(explainRetired));
    afterAccountSecretChange(services, at, vscode.l10n.t('Deleted account secret {0}.', at.secret.name));
  },
};
