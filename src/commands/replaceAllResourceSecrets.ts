import * as vscode from 'vscode';
import type { Command } from './command';
import { confirm } from './envPrompts';
import { collectSecrets, summarize } from './marketplace/collect';
import { push } from './marketplace/push';
import { resolveResource } from './marketplace/target';

/** "Replace All Resource Secrets…": the resource ends with exactly these; everything else is removed. */
export const replaceAllResourceSecrets: Command = {
  id: 'projectSecrets.replaceAllResourceSecrets',
  async run(services, node?: unknown) {
    const at = await resolveResource(services, node);
    const secrets = await collectSecrets(services, vscode.l10n.t('Replace all secrets of {0}', at.resource.name));
    await confirm(vscode.l10n.t('Replace ALL secrets of {0}?', at.resource.name),
      `${vscode.l10n.t('Every secret of {0} that is not in this list is removed on Vercel\'s side, and connected projects lose it at their next deployment. This cannot be undone. The resource will have exactly:', at.resource.name)}\n\n${summarize(secrets)}`,
      vscode.l10n.t('Replace All'));
    await push(services, at, secrets, false);
  },
};
