import * as vscode from 'vscode';
import { InputError, vercelDashboardUrl } from '../../../core/errors';
import { capabilityCommand, capable, targetOf } from '../../../commands/target';
import type { Command, Services } from '../../backend';
import { LinkedSharedNode } from './projectRows';
import { SharedVariableNode } from './sharedVariableNode';

/** The team shared variables' own commands: each takes its row (or picks one from the palette/selection). */

export const addSharedVariables = capabilityCommand('projectSecrets.addSharedVariables', 'sharedVariable', 'addSecret');
export const setSharedVariableValue = capabilityCommand('projectSecrets.setSharedVariableValue', 'sharedVariable', 'setValue');
export const renameSharedVariable = capabilityCommand('projectSecrets.renameSharedVariable', 'sharedVariable', 'rename');
export const deleteSharedVariable = capabilityCommand('projectSecrets.deleteSharedVariable', 'sharedVariable', 'delete');

async function sharedRow(services: Services, node: unknown): Promise<SharedVariableNode> {
  const row = await targetOf(services, node, capable('sharedVariable', 'rename'));
  if (!(row instanceof SharedVariableNode)) throw new InputError(vscode.l10n.t('Pick a shared variable.'));
  return row;
}

export const linkSharedVariable: Command = {
  id: 'projectSecrets.linkSharedVariable',
  async run(services, node?: unknown) {
    await (await sharedRow(services, node)).link(services);
  },
};

/** On a project's "shared" row: unlinks that project; on a shared variable: asks which project. */
export const unlinkSharedVariable: Command = {
  id: 'projectSecrets.unlinkSharedVariable',
  async run(services, node?: unknown) {
    const linked = node instanceof LinkedSharedNode ? node : node === undefined ? selectedLinked(services) : undefined;
    if (linked) return linked.unlink(services);
    await (await sharedRow(services, node)).unlink(services);
  },
};

function selectedLinked(services: Services): LinkedSharedNode | undefined {
  const [first] = services.treeView.selection;
  return first instanceof LinkedSharedNode ? first : undefined;
}

/** From a step-up authentication error row: the dashboard, where Vercel asks the user to confirm. */
export const openVercelDashboard: Command = {
  id: 'projectSecrets.openVercelDashboard',
  async run() {
    await vscode.env.openExternal(vscode.Uri.parse(vercelDashboardUrl));
  },
};
