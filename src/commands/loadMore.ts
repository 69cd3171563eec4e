import type { Command } from './command';
import { ScopeNode } from '../tree/nodes/scopeNode';

/** The "Load more…" row: fetch the next page of the scope's projects. */
export const loadMore: Command = {
  id: 'projectSecrets.loadMore',
  run({ tree }, node?: unknown) {
    if (!(node instanceof ScopeNode)) return;
    node.requestMore();
    tree.rerender(node);
  },
};
