import type { SecretsApiConnection, VercelAccount } from '../accounts/accountStore';
import { ApiSecretNode } from '../tree/nodes/apiSecretNode';
import { SecretsApiConnectionNode } from '../tree/nodes/secretsApiConnectionNode';
import { SecretsApiProjectNode } from '../tree/nodes/secretsApiProjectNode';
import type { Services } from './command';
import { pickConnection } from './pickers';

export interface BackendHandlers {
  vercel(node: unknown, account?: VercelAccount): Promise<void>;
  secretsApi?(node: unknown, connection: SecretsApiConnection): Promise<void>;
}

/**
 * The same verb ("Add Secret…", "Rename…") works on every backend: a tree node tells
 * which; from the palette the user first picks a connection.
 */
export async function dispatch(services: Services, node: unknown, handlers: BackendHandlers): Promise<void> {
  if (node instanceof SecretsApiProjectNode || node instanceof ApiSecretNode || node instanceof SecretsApiConnectionNode) {
    if (!handlers.secretsApi) return;
    return handlers.secretsApi(node, node instanceof ApiSecretNode ? node.parent.account : node.account);
  }
  if (node !== undefined) return handlers.vercel(node);
  const account = await pickConnection(services, handlers.secretsApi ? ['vercel', 'secretsApi'] : ['vercel']);
  if (account.kind === 'secretsApi') return handlers.secretsApi?.(undefined, account);
  if (account.kind === 'vercel') return handlers.vercel(undefined, account);
}
