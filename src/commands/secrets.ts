import * as vscode from 'vscode';
import type { Command, SecretItem, Services } from '../backends/backend';
import { emptyValueNotice } from '../core/values';
import type { TreeNode } from '../tree/node';
import { capabilityCommand, capable, selected, targetOf } from './target';

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
      ? node as SecretItem & TreeNode
      : (node === undefined ? selectedNamed(services) : undefined) ?? await targetOf(services, node, capable('secret', 'name'));
    await vscode.env.clipboard.writeText(named.name!);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', named.name!), 3000);
  },
};

/** `row` when it reads its own value (whatever its family), else undefined. */
function readable(row: unknown): (SecretItem & TreeNode) | undefined {
  const item = row as (SecretItem & TreeNode) | undefined;
  return typeof item?.readValue === 'function' && (item.offers?.('readValue') ?? true) ? item : undefined;
}

/** The selected row when it has a name (Ctrl+C on an account secret too). */
function selectedNamed(services: Services): (SecretItem & TreeNode) | undefined {
  const row = selected(services) as (SecretItem & TreeNode) | undefined;
  return row?.family !== undefined && typeof row.name === 'string' ? row : undefined;
}

/**
 * "Copy Value": one read, to the clipboard, cleared again after a while; an empty value is not
 * copied. Takes any row that can read its value (a shared variable's too); the palette walks to a secret.
 */
export const copySecretValue: Command = {
  id: 'projectSecrets.copySecretValue',
  async run(services, node?: unknown) {
    const item = readable(node) ?? (node === undefined ? readable(selected(services)) : undefined)
      ?? await targetOf(services, node, capable('secret', 'readValue'));
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
