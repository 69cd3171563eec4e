import * as vscode from 'vscode';
import { InputError } from './core/errors';
import { JsonApi, type RetryPolicy } from './core/http/jsonApi';
import type { Transport } from './core/http/types';
import type { Redactor } from './core/redactor';
import { parseApiUrl } from './core/validation/apiUrl';
import { VercelClient } from './core/vercel/client';
import type { MarketplaceConnection, SecretsApiConnection, VercelAccount } from './accounts/accountStore';
import { MarketplaceClient } from './core/marketplace/client';
import { SecretsApiClient } from './core/secretsApi/client';
import type { TokenStore } from './accounts/tokenStore';
import type { Logger } from './log';
import { reportWait } from './progress';

export const vercelApiUrlSetting = 'vercel.apiUrl';

/** Builds API clients for accounts; owns the one shared transport. */
export class Clients implements vscode.Disposable {
  constructor(
    private readonly transport: Transport,
    private readonly tokens: TokenStore,
    private readonly redactor: Redactor,
    private readonly logger: Logger,
  ) {}

  /**
   * The configured Vercel API URL. Only the user/machine value counts: the setting
   * is machine-scoped, and we ignore workspace values too, so a cloned repository
   * cannot point a token at its own server.
   */
  vercelApiUrl(): URL {
    const inspected = vscode.workspace.getConfiguration('projectSecrets').inspect<string>(vercelApiUrlSetting);
    const raw = inspected?.globalValue ?? inspected?.defaultValue ?? 'https://api.vercel.com';
    return parseApiUrl(raw, 'projectSecrets.vercel.apiUrl setting');
  }

  /** A client for a token not stored yet (checking it while adding an account). */
  vercelForToken(token: string): VercelClient {
    this.redactor.add(token);
    return this.vercel(this.vercelApiUrl(), token);
  }

  async vercelForAccount(account: VercelAccount): Promise<VercelClient> {
    const { url, token } = await this.vercelCredentials(account);
    return this.vercel(url, token);
  }

  async marketplaceFor(connection: MarketplaceConnection): Promise<MarketplaceClient> {
    const { url, token } = await this.vercelCredentials(connection);
    return new MarketplaceClient(this.api(url, token, 'Vercel Marketplace'));
  }

  /** A client for an installation token not stored yet (checking it while adding the installation). */
  marketplaceForToken(token: string): MarketplaceClient {
    this.redactor.add(token);
    return new MarketplaceClient(this.api(this.vercelApiUrl(), token, 'Vercel Marketplace'));
  }

  private async vercelCredentials(account: VercelAccount | MarketplaceConnection): Promise<{ url: URL; token: string }> {
    const url = this.vercelApiUrl();
    if (url.origin !== account.origin) {
      // The token was checked against another server: never send it to this one.
      throw new InputError(vscode.l10n.t(
        'This connection was added for {0}, but the API URL is now {1}. Change the setting back, or remove the connection and add it again.',
        account.origin, url.origin));
    }
    const token = await this.tokens.get(account.id);
    if (!token) {
      throw new InputError(vscode.l10n.t('The token of {0} is missing from secret storage. Remove it and add it again.', account.label));
    }
    this.redactor.add(token);
    return { url, token };
  }

  /** The base URL was validated and stored when the connection was added; settings play no part. */
  async secretsApiFor(connection: SecretsApiConnection): Promise<SecretsApiClient> {
    const token = await this.tokens.get(connection.id);
    if (!token) {
      throw new InputError(vscode.l10n.t('The API key of {0} is missing from secret storage. Remove the connection and add it again.', connection.label));
    }
    this.redactor.add(token);
    return new SecretsApiClient(this.api(new URL(connection.baseUrl), token, 'Secrets API'));
  }

  /** A client for an API key not stored yet (checking it while adding a project to a new connection). */
  secretsApiForKey(baseUrl: URL, apiKey: string): SecretsApiClient {
    this.redactor.add(apiKey);
    return new SecretsApiClient(this.api(baseUrl, apiKey, 'Secrets API'));
  }

  private vercel(baseUrl: URL, token: string): VercelClient {
    return new VercelClient(this.api(baseUrl, token, 'Vercel'));
  }

  /** One JsonApi per call site: shared transport, logging, and a bounded retry that says what it waits for. */
  api(baseUrl: URL, token: string, service: string): JsonApi {
    const retry: RetryPolicy = {
      maxRetries: 3, maxWaitMs: 30_000, maxTotalWaitMs: 60_000, baseDelayMs: 1000,
      onWait: ({ waitMs, reason }) => {
        const seconds = Math.ceil(waitMs / 1000);
        this.logger.warn(`${service}: ${reason}, retrying in ${seconds} s`);
        reportWait(vscode.l10n.t('{0} is busy ({1}); retrying in {2} s…', service, reason, seconds), waitMs);
      },
    };
    const timeoutMs = () => 1000 * vscode.workspace.getConfiguration('projectSecrets').get<number>('requestTimeoutSeconds', 30);
    return new JsonApi({
      baseUrl, token, transport: this.transport, userAgent: 'project-secrets-vscode', service, retry, timeoutMs,
      log: (entry) => this.logger.request(entry),
    });
  }

  dispose(): void {
    void this.transport.close();
  }
}
