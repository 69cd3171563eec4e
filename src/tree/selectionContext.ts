import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** The context key keybindings match the selected row with, as menus match `viewItem`. */
export const selectionKey = 'projectSecrets.selection';

/**
 * Keeps `projectSecrets.selection` equal to the selected row's contextValue (empty when none),
 * so a key such as F2 runs the command that fits the row, as its context menu would.
 */
export function selectionContext(treeView: vscode.TreeView<TreeNode>): vscode.Disposable {
  const update = () => {
    const [node] = treeView.selection;
    void vscode.commands.executeCommand('setContext', selectionKey, node?.toTreeItem().contextValue ?? '');
  };
  update();
  return treeView.onDidChangeSelection(update);
}
