import type { Command } from '../backends/backend';
import type { TreeNode } from '../tree/node';
import { ErrorNode } from '../tree/rows';

/** Refreshes one node (context menu, error row) or the whole view (title button, palette). */
export const refresh: Command = {
  id: 'projectSecrets.refresh',
  run({ tree }, node?: unknown) {
    const target = node instanceof ErrorNode ? node.parent : (node as TreeNode | undefined);
    tree.refresh(target && typeof target === 'object' && 'id' in target ? target : undefined);
  },
};
