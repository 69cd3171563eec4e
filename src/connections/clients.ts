import * as vscode from 'vscode';
import { describeWait, InputError } from '../core/errors';
import { JsonApi, type RetryPolicy } from '../core/http/jsonApi';
import type { Transport } from '../core/http/types';
import type { Redactor } from '../core/redactor';
import { parseApiUrl } from '../core/validation/apiUrl';
import type { Logger } from '../platform/log';
import { reportWait } from '../platform/progress';
import type { Connection } from './accountStore';
import type { TokenStore } from './tokenStore';

export const vercelApiUrlSetting = 'vercel.apiUrl';

/**
 * What every backend builds its API client from: the one shared transport, stored tokens
 * checked against the origin they were added for, and a JsonApi with logging and retries.
 */
export class Clients implements vscode.Disposable {
  constructor(
    private readonly transport: Transport,
    private readonly tokens: TokenStore,
    private readonly redactor: Redactor,
    private readonly logger: Logger,
  ) {}

  /**
   * The configured Vercel API URL (Vercel and Marketplace). Only the user/machine value
   * counts: the setting is machine-scoped, and we ignore workspace values too, so a cloned
   * repository cannot point a token at its own server.
   */
  vercelApiUrl(): URL {
    const inspected = vscode.workspace.getConfiguration('projectSecrets').inspect<string>(vercelApiUrlSetting);
    const raw = inspected?.globalValue ?? inspected?.defaultValue ?? 'https://api.vercel.com';
    return parseApiUrl(raw, 'projectSecrets.vercel.apiUrl setting');
  }

  /** A token just typed (not stored yet): masked in every log line from now on. */
  typed(token: string): string {
    this.redactor.add(token);
    return token;
  }

  /**
   * The stored token of `connection`, for requests to `url`. Throws InputError when `url`
   * is not the origin the token was checked against (it is never sent elsewhere), or with
   * `missing()` when secret storage lost it.
   */
  async tokenFor(connection: Connection, url: URL, missing: () => string): Promise<string> {
    if (url.origin !== connection.origin) {
      throw new InputError(vscode.l10n.t(
        'This connection was added for {0}, but the API URL is now {1}. Change the setting back, or remove the connection and add it again.',
        connection.origin, url.origin));
    }
    const token = await this.tokens.get(connection.id);
    if (!token) throw new InputError(missing());
    this.redactor.add(token);
    return token;
  }

  /** One JsonApi per client: shared transport, logging, and a bounded retry that says what it waits for. */
  api(baseUrl: URL, token: string, service: string): JsonApi {
    const retry: RetryPolicy = {
      maxRetries: 3, maxWaitMs: 30_000, maxTotalWaitMs: 60_000, baseDelayMs: 1000,
      // "Busy" only for 503 and "rate limiting" only for 429: a broken connection or a 502 is neither.
      onWait: (info) => {
        const message = describeWait(info, service);
        this.logger.warn(message);
        reportWait(message, info.waitMs);
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
