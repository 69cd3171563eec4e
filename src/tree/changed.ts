import type { TreeControl, TreeNode } from './node';
import { done } from '../platform/notify';

/**
 * After a change: reload the node that lists what changed (by id, so a node a palette
 * picker built stands for the one the tree shows; one request on the next expansion) and
 * say what happened quietly, in the status bar: the tree shows the result. For an unknown
 * outcome (read back to verify): the answer of the write is not there to patch the list with.
 */
export function changed(tree: TreeControl, listId: string, message: string): void {
  tree.refreshShown(listId);
  done(message);
}

/**
 * After a write the server answered: `patch` puts what it answered into the node the tree
 * shows with `listId` (its loaded children, updated in place) and says whether it could;
 * that node is then drawn again without a request. A node that loaded nothing yet is left
 * to load on expansion; one that cannot be patched (loading, another kind) is reloaded.
 */
export function patched(tree: TreeControl, listId: string, patch: (node: TreeNode) => boolean, message: string): void {
  const node = tree.shownNode(listId);
  if (node && patch(node)) tree.rerender(node);
  else tree.refreshShown(listId);
  done(message);
}
