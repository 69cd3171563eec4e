import * as vscode from 'vscode';
import type { MarketplaceConnection } from '../../accounts/accountStore';
import { CancelledError } from '../../core/errors';
import type { MarketplaceClient, Resource } from '../../core/marketplace/client';
import { InstallationNode } from '../../tree/nodes/installationNode';
import { ResourceNode } from '../../tree/nodes/resourceNode';
import type { Services } from '../command';
import { pickConnection } from '../pickers';

export interface ResourceContext {
  readonly connection: MarketplaceConnection;
  readonly resource: Resource;
  readonly client: MarketplaceClient;
}

export async function resolveResource(services: Services, node: unknown): Promise<ResourceContext> {
  if (node instanceof ResourceNode) {
    return { connection: node.account, resource: node.resource, client: await services.clients.marketplaceFor(node.account) };
  }
  const connection = (node instanceof InstallationNode ? node.account : await pickConnection(services, ['marketplace'])) as MarketplaceConnection;
  const client = await services.clients.marketplaceFor(connection);
  const resources = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window }, () => client.listResources(connection.configId));
  const picked = await vscode.window.showQuickPick(
    resources.map((resource) => ({ label: resource.name, description: [resource.productId, resource.status].filter(Boolean).join(' · '), resource })),
    { title: vscode.l10n.t('Resource of {0}', connection.label), placeHolder: vscode.l10n.t('Pick a resource') });
  if (!picked) throw new CancelledError();
  return { connection, resource: picked.resource, client };
}
