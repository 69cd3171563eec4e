import * as vscode from 'vscode';
import type { Connection } from '../../connections/accountStore';
import type { Clients } from '../../connections/clients';
import { MarketplaceClient } from '../../core/marketplace/client';

/** A Vercel Marketplace integration installation, for integration partners. */
export interface MarketplaceConnection extends Connection {
  readonly kind: 'marketplace';
  readonly configId: string;
  /** When set, the deprecated product-scoped secrets path is used. */
  readonly productIdOrSlug?: string;
}

const service = 'Vercel Marketplace';

/** The client of a stored installation, at the configured Vercel API URL (which must be the one it was added for). */
export async function marketplaceClient(clients: Clients, connection: MarketplaceConnection): Promise<MarketplaceClient> {
  const url = clients.vercelApiUrl();
  const token = await clients.tokenFor(connection, url,
    () => vscode.l10n.t('The token of {0} is missing from secret storage. Remove it and add it again.', connection.label));
  return new MarketplaceClient(clients.api(url, token, service));
}

/** A client for an installation token not stored yet (checking it while adding the installation or replacing its token). */
export function marketplaceClientForToken(clients: Clients, token: string): MarketplaceClient {
  return new MarketplaceClient(clients.api(clients.vercelApiUrl(), clients.typed(token), service));
}
