import * as vscode from 'vscode';
import type { TreeNode } from '../node';
import type { ScopeNode } from './scopeNode';

/** The row that fetches the next page of a scope's projects. */
export class LoadMoreNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: ScopeNode) {
    this.id = `${parent.id}/load-more`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.tooltip = vscode.l10n.t('Load the next page of projects');
    item.contextValue = 'projectSecrets.loadMore';
    item.command = { command: 'projectSecrets.loadMore', title: vscode.l10n.t('Load More'), arguments: [this.parent] };
    return item;
  }
}
