import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { withLoading } from '../platform/prompts';
import type { NodeContext, TreeNode } from './node';
import { PagedNode } from './pagedNode';
import { LoadMoreNode } from './rows';
import { searchPick } from '../platform/searchPick';

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
    // All loaded: VS Code's own filter finds them. More pages: the server searches them.
    if (parent instanceof PagedNode && parent.search && choices.some((child) => child instanceof LoadMoreNode)) {
      node = await searchBelow(context, parent, choices, (child) => offered(child) || child.holds?.includes(wanted.family) === true);
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

/**
 * A level whose list the server can search (a scope's projects): the rows loaded so far, and
 * as the user types, the server's matches (debounced; see searchPick). "Load more…" loads the
 * next page of whichever list is shown.
 */
async function searchBelow(context: NodeContext, parent: PagedNode<TreeNode>, choices: readonly TreeNode[], fits: (node: TreeNode) => boolean): Promise<TreeNode> {
  const split = (rows: readonly TreeNode[]) => ({ items: rows.filter((row) => !(row instanceof LoadMoreNode)), more: rows.some((row) => row instanceof LoadMoreNode) });
  const first = split(choices);
  return searchPick<TreeNode>({
    title: label(parent), placeHolder: vscode.l10n.t('Pick one, or type to search'),
    initial: first.items, initialMore: first.more,
    loadMore: async () => {
      parent.requestMore();
      return split((await parent.loadChildren(context)).filter((child) => fits(child) || child instanceof LoadMoreNode));
    },
    search: async (text, cursor) => {
      const page = await parent.search!(context, text, cursor);
      return { items: page.items.filter(fits), next: page.next };
    },
    show: (node) => {
      const description = node.toTreeItem().description;
      return { label: label(node), description: typeof description === 'string' ? description : undefined };
    },
    describe: (err) => context.describe(err),
  });
}
