import * as vscode from 'vscode';
import type { TreeNode } from '../node';

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
