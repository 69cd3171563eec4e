import type { Command, SecretItem } from '../backends/backend';
import type { TreeNode } from '../tree/node';
import type { Wanted } from '../tree/pick';
import { targetOf } from './target';

/** Rows with details (variables, Secrets API secrets, account secrets); the palette walks to variables. */
const withDetails: Wanted<SecretItem> = {
  family: 'secret',
  accepts: (node: TreeNode): node is SecretItem => typeof (node as SecretItem).details === 'function',
};

/** "Show Details" (Enter on a row): its metadata in a read-only document, never its value. */
export const showDetails: Command = {
  id: 'projectSecrets.showDetails',
  async run(services, node?: unknown) {
    const item = await targetOf(services, node, withDetails);
    await services.details.show(item.id, item.details!());
  },
};
