import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../core/errors';
import { accountSecretNameProblem } from '../core/vercel/accountSecrets';
import { withCancellableProgress } from '../progress';
import { afterAccountSecretChange, explainRetired, resolveAccountSecret } from './accountSecretTarget';
import { writeVerified } from './verify';
import type { Command } from './command';

/** "Rename…" on an account secret: PATCH /v2/secrets/{name} with the new name. */
export const renameAccountSecret: Command = {
  id: 'projectSecrets.renameAccountSecret',
  async run(services, node?: unknown) {
    const at = await resolveAccountSecret(services, node);
    const newName = await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename {0}', at.secret.name), value: at.secret.name, ignoreFocusOut: true,
      prompt: vscode.l10n.t('New name, unique among this scope\'s secrets.'),
      validateInput: (text) => accountSecretNameProblem(text) ?? (text === at.secret.name ? vscode.l10n.t('Type a new name.') : undefined),
    });
    if (newName === undefined) throw new CancelledError();
    if (newName === at.secret.name) throw new InputError(vscode.l10n.t('Type a new name.'));
    await writeVerified(services, {
      what: vscode.l10n.t('Renaming {0} to {1}', at.secret.name, newName),
      happened: async () => (await at.client.accountSecrets.list(at.scope)).items.some((s) => s.uid === at.secret.uid && s.name === newName.toLowerCase()),
      write: () => withCancellableProgress(vscode.l10n.t('Renaming {0}…', at.secret.name),
        (signal) => at.client.accountSecrets.rename(at.scope, at.secret.name, newName, signal)).then(undefined, (err: unknown) => {
        // Names are unique per scope; Vercel refuses a taken one.
        if (err instanceof ApiError && (err.status === 409 || (err.status === 400 && /exist|taken|unique/i.test(err.apiMessage ?? '')))) {
          throw new InputError(vscode.l10n.t('A secret named {0} already exists in this scope: choose another name. Nothing was changed.', newName));
        }
        return explainRetired(err);
      }),
    });
    afterAccountSecretChange(services, at, vscode.l10n.t('Renamed account secret {0} to {1}.', at.secret.name, newName));
  },
};
