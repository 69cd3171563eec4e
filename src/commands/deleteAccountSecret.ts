import * as vscode from 'vscode';
import { withCancellableProgress } from '../progress';
import { afterAccountSecretChange, explainRetired, resolveAccountSecret } from './accountSecretTarget';
import { writeVerified } from './verify';
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
    await writeVerified(services, {
      what: vscode.l10n.t('Deleting {0}', at.secret.name),
      write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', at.secret.name),
        (signal) => at.client.accountSecrets.delete(at.scope, at.secret.uid, signal).catch(explainRetired)),
      happened: async () => !(await at.client.accountSecrets.list(at.scope)).items.some((s) => s.uid === at.secret.uid),
    });
    afterAccountSecretChange(services, at, vscode.l10n.t('Deleted account secret {0}.', at.secret.name));
  },
};
