import * as vscode from 'vscode';
import type { Command, SecretItem } from '../backends/backend';
import { emptyValueNotice } from '../core/values';
import type { TreeNode } from '../tree/node';
import { capabilityCommand, capable, targetOf } from './target';

/**
 * The verbs every backend's secrets share. Each takes the row it was invoked on (or picks one
 * by walking the tree from the palette) and calls that row's capability; the row's backend
 * does the rest.
 */

/** "Add Secret…" on a project. */
export const addSecret = capabilityCommand('projectSecrets.setSecret', 'secret', 'addSecret');
export const setSecretValue = capabilityCommand('projectSecrets.setSecretValue', 'secret', 'setValue');
export const renameSecret = capabilityCommand('projectSecrets.renameSecret', 'secret', 'rename');
export const deleteSecret = capabilityCommand('projectSecrets.deleteSecret', 'secret', 'delete');

/** Any row with a name (an account secret's too); from the palette, a secret. */
export const copySecretName: Command = {
  id: 'projectSecrets.copySecretName',
  async run(services, node?: unknown) {
    const named = (node as SecretItem | undefined)?.family !== undefined && typeof (node as SecretItem).name === 'string'
      ? node as SecretItem & TreeNode : await targetOf(services, node, capable('secret', 'name'));
    await vscode.env.clipboard.writeText(named.name!);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', named.name!), 3000);
  },
};

/** "Copy Value": one read, to the clipboard, cleared again after a while; an empty value is not copied. */
export const copySecretValue: Command = {
  id: 'projectSecrets.copySecretValue',
  async run(services, node?: unknown) {
    const item = await targetOf(services, node, capable('secret', 'readValue'));
    const value = await item.readValue!(services);
    // Nothing to copy: say so, and leave whatever the user has on the clipboard.
    const empty = emptyValueNotice(value, item.name ?? '');
    if (empty !== undefined) {
      void vscode.window.showInformationMessage(empty);
      return;
    }
    services.logger.addSecret(value);
    const seconds = await services.clipboard.copySecret(value);
    vscode.window.setStatusBarMessage(seconds
      ? vscode.l10n.t('Copied the value of {0}; the clipboard is cleared in {1} s.', item.name ?? '', seconds)
      : vscode.l10n.t('Copied the value of {0}.', item.name ?? ''), 5000);
  },
};
