import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import { capabilityCommand } from '../../../commands/target';
import type { Command } from '../../backend';
import { ScopeNode } from '../scopeNode';

/** The legacy account secrets' own commands: each takes its node (or picks one) and calls its capability. */

export const addAccountSecret = capabilityCommand('projectSecrets.addAccountSecret', 'accountSecret', 'addSecret');
export const renameAccountSecret = capabilityCommand('projectSecrets.renameAccountSecret', 'accountSecret', 'rename');
export const deleteAccountSecret = capabilityCommand('projectSecrets.deleteAccountSecret', 'accountSecret', 'delete');

/**
 * From the "retired" row of account secrets: pick one of the scope's projects and
 * reveal its environment variables in the tree, where secrets live now.
 */
export const showEnvironmentVariables: Command = {
  id: 'projectSecrets.showEnvironmentVariables',
  async run({ tree, treeView }, node?: unknown) {
    if (!(node instanceof ScopeNode)) return;
    await tree.getChildren(node);
    const projects = node.loaded();
    if (projects.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This scope has no projects.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(projects.map((p) => ({ label: p.project.name, node: p })),
      { title: vscode.l10n.t('Environment variables of…'), placeHolder: vscode.l10n.t('Secrets now live in each project\'s environment variables') });
    if (!picked) throw new CancelledError();
    await treeView.reveal(picked.node, { expand: true, select: true, focus: true });
  },
};
