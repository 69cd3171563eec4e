import type { Command } from '../backends/backend';
import { PagedNode } from '../tree/pagedNode';

/** The "Load more…" row: fetch the next page of its parent, whatever kind of paged node it is. */
export const loadMore: Command = {
  id: 'projectSecrets.loadMore',
  run({ tree }, node?: unknown) {
    if (!(node instanceof PagedNode)) return;
    node.requestMore();
    tree.rerender(node);
  },
};
