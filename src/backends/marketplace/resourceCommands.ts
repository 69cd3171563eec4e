import * as vscode from 'vscode';
import { targetOf } from '../../commands/target';
import { confirm } from '../../platform/prompts';
import type { TreeNode } from '../../tree/node';
import type { Command, Services } from '../backend';
import { collectSecrets, summarize } from './collect';
import { push } from './push';
import { ResourceNode } from './resourceNode';

/** The resource a command acts on: its row, or picked by walking from the installation (or a connection). */
export function resource(services: Services, node: unknown): Promise<ResourceNode> {
  return targetOf(services, node, { family: 'resource', accepts: (n: TreeNode): n is ResourceNode => n instanceof ResourceNode });
}

/** "Update Resource Secrets…": only the given secrets are overwritten (`partial: true`). */
export const updateResourceSecrets: Command = {
  id: 'projectSecrets.updateResourceSecrets',
  async run(services, node?: unknown) {
    const at = await resource(services, node);
    const secrets = await collectSecrets(services, vscode.l10n.t('Update secrets of {0}', at.resource.name));
    await confirm(secrets.length === 1 ? vscode.l10n.t('Update 1 secret of {0}?', at.resource.name) : vscode.l10n.t('Update {0} secrets of {1}?', secrets.length, at.resource.name),
      `${summarize(secrets)}\n\n${vscode.l10n.t('Other secrets of the resource are kept.')}`, vscode.l10n.t('Update'));
    await push(services, at, secrets, true);
  },
};

/** "Replace All Resource Secrets…": the resource ends with exactly these; everything else is removed. */
export const replaceAllResourceSecrets: Command = {
  id: 'projectSecrets.replaceAllResourceSecrets',
  async run(services, node?: unknown) {
    const at = await resource(services, node);
    const secrets = await collectSecrets(services, vscode.l10n.t('Replace all secrets of {0}', at.resource.name));
    await confirm(vscode.l10n.t('Replace ALL secrets of {0}?', at.resource.name),
      `${vscode.l10n.t('Every secret of {0} that is not in this list is removed on Vercel\'s side, and connected projects lose it at their next deployment. This cannot be undone. The resource will have exactly:', at.resource.name)}\n\n${summarize(secrets)}`,
      vscode.l10n.t('Replace All'));
    await push(services, at, secrets, false);
  },
};
