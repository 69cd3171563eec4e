import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { withLoading } from '../platform/prompts';
import type { NodeContext, TreeNode } from './node';
import { LoadMoreNode } from './rows';

/** What a palette picker looks for: nodes of one family that can do what the command needs. */
export interface Wanted<T extends TreeNode> {
  /** The family of the target (TreeNode.family); the walk enters only nodes that hold it. */
  readonly family: string;
  /** Whether a node is a target (a command invoked on it acts on it, and explains a refusal). */
  accepts(node: TreeNode): node is T;
  /** Whether a picker offers it (default: `accepts`); e.g. no system variable for "Set Value…". */
  offered?(node: TreeNode): node is T;
}

export function label(node: TreeNode): string {
  const item = node.toTreeItem();
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/**
 * Walks the tree down from `start` with quick picks, as the user would expand it, until a
 * node `wanted` accepts: the same nodes, the same requests and the same "Load more…" as
 * the tree. A level with one way down is not asked; a target is always asked for.
 * Throws CancelledError on Escape, or when there is nothing to pick (after saying so).
 */
export async function pickBelow<T extends TreeNode>(context: NodeContext, start: TreeNode, wanted: Wanted<T>): Promise<T> {
  const offered = (node: TreeNode): node is T => (wanted.offered ?? wanted.accepts)(node);
  let node = start;
  for (;;) {
    if (offered(node)) return node;
    const parent = node;
    const children = parent.loadChildren
      ? await withLoading(vscode.l10n.t('Loading {0}…', label(parent)), () => parent.loadChildren!(context))
      : [];
    const choices = children.filter((child) => offered(child) || child.holds?.includes(wanted.family) || child instanceof LoadMoreNode);
    const targets = choices.filter((child) => !(child instanceof LoadMoreNode));
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has nothing this command applies to.', label(parent)));
      throw new CancelledError();
    }
    if (choices.length === 1 && !offered(choices[0])) {
      node = choices[0];
      continue;
    }
    const picked = await vscode.window.showQuickPick(choices.map((child) => {
      const item = child.toTreeItem();
      const text = label(child);
      return {
        label: child instanceof LoadMoreNode ? `$(more) ${text}` : text,
        description: typeof item.description === 'string' ? item.description : undefined,
        node: child,
      };
    }), { title: label(parent), placeHolder: vscode.l10n.t('Pick one') });
    if (!picked) throw new CancelledError();
    if (picked.node instanceof LoadMoreNode) {
      picked.node.parent.requestMore();
      continue; // the same level again, one page longer
    }
    node = picked.node;
  }
}
