import * as vscode from 'vscode';
import type { Command } from './command';
import { confirm } from './envPrompts';
import { collectSecrets, summarize } from './marketplace/collect';
import { push } from './marketplace/push';
import { resolveResource } from './marketplace/target';

/** "Update Resource Secrets…": only the given secrets are overwritten (`partial: true`). */
export const updateResourceSecrets: Command = {
  id: 'projectSecrets.updateResourceSecrets',
  async run(services, node?: unknown) {
    const at = await resolveResource(services, node);
    const secrets = await collectSecrets(services, vscode.l10n.t('Update secrets of {0}', at.resource.name));
    await confirm(vscode.l10n.t('Update {0} secret(s) of {1}?', secrets.length, at.resource.name),
      `${summarize(secrets)}\n\n${vscode.l10n.t('Other secrets of the resource are kept.')}`, vscode.l10n.t('Update'));
    await push(services, at, secrets, true);
  },
};
