import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** The generic rows every backend's tree uses: messages, errors and "Load more…". */

/** A plain informational row, e.g. "No projects". */
export class MessageNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string, private readonly icon?: string) {
    this.id = `${parent.id}/message`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    if (this.icon) item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'projectSecrets.message';
    return item;
  }
}

export interface RetryAction {
  readonly command: string;
  readonly node: TreeNode;
}

/** An error in place of a node's children: the message, and a click that retries. */
export class ErrorNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string, private readonly retry?: RetryAction) {
    this.id = `${parent.id}/error`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = `${this.message}\n\n${vscode.l10n.t('Click to retry.')}`;
    item.contextValue = 'projectSecrets.error';
    const retry = this.retry ?? { command: 'projectSecrets.refresh', node: this.parent };
    item.command = { command: retry.command, title: vscode.l10n.t('Retry'), arguments: [retry.node] };
    return item;
  }
}

/** The row that fetches the next page of its parent (any paged node). */
export class LoadMoreNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode & { requestMore(): void }) {
    this.id = `${parent.id}/load-more`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.tooltip = vscode.l10n.t('Load the next page');
    item.contextValue = 'projectSecrets.loadMore';
    item.command = { command: 'projectSecrets.loadMore', title: vscode.l10n.t('Load More'), arguments: [this.parent] };
    return item;
  }
}

/** Shown in place of every value: a fixed mask that reveals nothing, not even the length. */
export const valueMask = '••••••';
