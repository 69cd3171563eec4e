import * as vscode from 'vscode';
import type { TreeNode } from '../node';

/** A plain informational row, e.g. "No projects". */
export class MessageNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string) {
    this.id = `${parent.id}/message`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'projectSecrets.message';
    return item;
  }
}
