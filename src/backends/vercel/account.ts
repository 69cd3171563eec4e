import * as vscode from 'vscode';
import type { Connection } from '../../connections/accountStore';
import type { Clients } from '../../connections/clients';
import { VercelClient } from '../../core/vercel/client';

export interface VercelAccount extends Connection {
  readonly kind: 'vercel';
  readonly userId: string;
  readonly username: string;
  readonly email: string;
}

export function vercelAccountId(origin: string, userId: string): string {
  return `vercel:${userId}@${origin}`;
}

/** The client of a stored account, at the configured API URL (which must be the one it was added for). */
export async function vercelClient(clients: Clients, account: VercelAccount): Promise<VercelClient> {
  const url = clients.vercelApiUrl();
  const token = await clients.tokenFor(account, url,
    () => vscode.l10n.t('The token of {0} is missing from secret storage. Remove it and add it again.', account.label));
  return new VercelClient(clients.api(url, token, 'Vercel'));
}

/** A client for a token not stored yet (checking it while adding an account or replacing its token). */
export function vercelClientForToken(clients: Clients, token: string): VercelClient {
  return new VercelClient(clients.api(clients.vercelApiUrl(), clients.typed(token), 'Vercel'));
}
