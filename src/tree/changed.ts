import * as vscode from 'vscode';
import type { TreeControl } from './node';

/**
 * After a change: reload the node that lists what changed (by id, so a node a palette
 * picker built stands for the one the tree shows; one request on the next expansion) and
 * tell the user what happened.
 */
export function changed(tree: TreeControl, listId: string, message: string): void {
  tree.refreshShown(listId);
  void vscode.window.showInformationMessage(message);
}
