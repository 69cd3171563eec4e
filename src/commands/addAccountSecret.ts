import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { accountSecretNameProblem, accountSecretValueProblem, maxAccountSecretNameLength, type CreatedSecret } from '../core/vercel/accountSecrets';
import { assertValid } from '../core/vercel/envRules';
import { withCancellableProgress } from '../progress';
import { afterAccountSecretChange, explainRetired, resolveAccountSecrets } from './accountSecretTarget';
import { writeVerified } from './verify';
import type { Command } from './command';
import { pickProject } from './pickers';

/** "Add Account Secret…": name, value, decryptable?, optional project; one POST /v2/secrets/{name}. */
export const addAccountSecret: Command = {
  id: 'projectSecrets.addAccountSecret',
  async run(services, node?: unknown) {
    const at = await resolveAccountSecrets(services, node);
    const title = vscode.l10n.t('Add Account Secret');
    const name = await vscode.window.showInputBox({
      title, ignoreFocusOut: true, placeHolder: 'my-api-key',
      prompt: vscode.l10n.t('Name of the secret (at most {0} characters), unique in this scope.', maxAccountSecretNameLength),
      validateInput: accountSecretNameProblem,
    });
    if (name === undefined) throw new CancelledError();
    const value = await vscode.window.showInputBox({
      title, password: true, ignoreFocusOut: true,
      prompt: vscode.l10n.t('Value of {0}. It is sent to Vercel only and never shown or logged here.', name),
      validateInput: accountSecretValueProblem,
    });
    if (value === undefined) throw new CancelledError();
    services.logger.addSecret(value);
    const yes = vscode.l10n.t('Yes, allow decrypting');
    const no = vscode.l10n.t('No, write-only');
    const decrypt = await vscode.window.showQuickPick([no, yes], { title, placeHolder: vscode.l10n.t('Allow the value to be decrypted later?') });
    if (decrypt === undefined) throw new CancelledError();
    const none = { label: vscode.l10n.t('No project'), id: undefined as string | undefined };
    const association = await vscode.window.showQuickPick([none, { label: vscode.l10n.t('Associate with a project…'), id: 'pick' }],
      { title, placeHolder: vscode.l10n.t('Associate the secret with a project? (optional)') });
    if (!association) throw new CancelledError();
    const projectId = association.id ? (await pickProject(at.client, at.scope)).id : undefined;
    assertValid(accountSecretNameProblem(name), accountSecretValueProblem(value));
    let created: CreatedSecret | undefined;
    await writeVerified(services, {
      what: vscode.l10n.t('Creating {0}', name),
      write: () => withCancellableProgress(vscode.l10n.t('Creating {0}…', name), async (signal) => {
        created = await at.client.accountSecrets.create(at.scope, { name, value, decryptable: decrypt === yes, projectId }, signal)
          .catch(explainRetired);
      }),
      // Vercel keeps names in lower case.
      happened: async () => (await at.client.accountSecrets.list(at.scope)).items.some((s) => s.name.toLowerCase() === name.toLowerCase()),
    });
    afterAccountSecretChange(services, at, created
      ? vscode.l10n.t('Created account secret {0} ({1}, {2}).', created.name, created.uid,
        created.decryptable ? vscode.l10n.t('decryptable') : vscode.l10n.t('not decryptable'))
      : vscode.l10n.t('Created account secret {0}.', name));
  },
};
