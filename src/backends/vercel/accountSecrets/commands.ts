import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import { capable, targetOf } from '../../../commands/target';
import type { Command } from '../../backend';
import { ScopeNode } from '../scopeNode';

/** The legacy account secrets' own commands: each takes its node (or picks one) and calls its capability. */

export const addAccountSecret: Command = {
  id: 'projectSecrets.addAccountSecret',
  async run(services, node?: unknown) {
    await (await targetOf(services, node, capable('accountSecret', 'addSecret'))).addSecret!(services);
  },
};

export const renameAccountSecret: Command = {
  id: 'projectSecrets.renameAccountSecret',
  async run(services, node?: unknown) {
    await (await targetOf(services, node, capable('accountSecret', 'rename'))).rename!(services);
  },
};

export const deleteAccountSecret: Command = {
  id: 'projectSecrets.deleteAccountSecret',
  async run(services, node?: unknown) {
    await (await targetOf(services, node, capable('accountSecret', 'delete'))).delete!(services);
  },
};

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
