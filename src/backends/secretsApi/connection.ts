import * as vscode from 'vscode';
import type { Connection } from '../../connections/accountStore';
import type { Clients } from '../../connections/clients';
import { SecretsApiClient, secretsApiService } from '../../core/secretsApi/client';

/** A generic Secrets API (seed 002): it cannot list projects, so the user adds them by id. */
export interface SecretsApiConnection extends Connection {
  readonly kind: 'secretsApi';
  /** The full base URL (origin plus any path), stored here and never read from settings. */
  readonly baseUrl: string;
  readonly projectIds: readonly string[];
}

/** The base URL was validated and stored when the connection was added; settings play no part. */
export async function secretsApiClient(clients: Clients, connection: SecretsApiConnection): Promise<SecretsApiClient> {
  const url = new URL(connection.baseUrl);
  const key = await clients.tokenFor(connection, url,
    () => vscode.l10n.t('The API key of {0} is missing from secret storage. Remove the connection and add it again.', connection.label));
  return new SecretsApiClient(clients.api(url, key, secretsApiService));
}

/** A client for an API key not stored yet (checking it while replacing the key). */
export function secretsApiClientForKey(clients: Clients, baseUrl: URL, apiKey: string): SecretsApiClient {
  return new SecretsApiClient(clients.api(baseUrl, clients.typed(apiKey), secretsApiService));
}
