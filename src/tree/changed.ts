import type { TreeControl } from './node';
import { done } from '../platform/notify';

/**
 * After a change: reload the node that lists what changed (by id, so a node a palette
 * picker built stands for the one the tree shows; one request on the next expansion) and
 * say what happened quietly, in the status bar: the tree shows the result.
 */
export function changed(tree: TreeControl, listId: string, message: string): void {
  tree.refreshShown(listId);
  done(message);
}
