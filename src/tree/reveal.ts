import type * as vscode from 'vscode';
import type { TreeControl, TreeNode } from './node';

/** Where something new shows up in the tree once a command made it. */

/**
 * After adding a connection: its row, selected and expanded (so its contents load), without
 * taking the focus from where the command was run. Nothing when the view cannot show it.
 */
export async function revealConnection(tree: TreeControl, treeView: vscode.TreeView<unknown>, id: string): Promise<void> {
  // The store's change already redrew the roots; only this one reloads (a new token for a known account).
  const node = (await tree.getChildren()).find((root) => root.id === id);
  if (!node) return;
  tree.refresh(node);
  const revealed = await treeView.reveal(node, { select: true, focus: false, expand: true }).then(() => true, () => false);
  // Expanding loads its children: wait for that same load, so the command ends with the row filled in.
  if (revealed) await tree.getChildren(node).catch(() => undefined);
}

/**
 * After adding a row under `parent` (e.g. a variable to a project): the row `isNew` finds among
 * the parent's reloaded children, revealed and selected, so the keyboard acts on it next.
 * `parent` may be a copy a palette picker built: the tree knows rows by id.
 */
export async function revealChild(tree: TreeControl, treeView: vscode.TreeView<unknown>, parent: TreeNode, isNew: (node: TreeNode) => boolean): Promise<void> {
  const shown = tree.shownNode(parent.id) ?? parent;
  const node = (await tree.getChildren(shown)).find(isNew);
  if (node) await treeView.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
}
