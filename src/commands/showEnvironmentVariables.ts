import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { ScopeNode } from '../tree/nodes/scopeNode';
import type { Command } from './command';

/**
 * From the "retired" row of account secrets: pick one of the scope's projects and
 * reveal its environment variables in the tree, where secrets live now.
 */
export const showEnvironmentVariables: Command = {
  id: 'projectSecrets.showEnvironmentVariables',
  async run({ tree, treeView }, node?: unknown) {
    if (!(node instanceof ScopeNode)) return;
    await tree.getChildren(node);
    const projects = node.loadedProjects();
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
