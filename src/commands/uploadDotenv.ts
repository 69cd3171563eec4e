import type { Command, Services } from '../backends/backend';
import type { TreeNode } from '../tree/node';
import { targetOf } from './target';

/** A row that can take a .env upload (a Vercel project, a Secrets API project): the flow is its backend's. */
interface UploadTarget extends TreeNode {
  uploadDotenv(services: Services): Promise<void>;
}

function isUploadTarget(node: TreeNode): node is UploadTarget {
  return typeof (node as Partial<UploadTarget>).uploadDotenv === 'function';
}

/** "Upload .env…": on a project row, or (palette) the selected one or one picked by walking the tree. */
export const uploadDotenv: Command = {
  id: 'projectSecrets.uploadDotenv',
  async run(services, node?: unknown) {
    const target = await targetOf(services, node, { family: 'secret', accepts: isUploadTarget });
    await target.uploadDotenv(services);
  },
};
