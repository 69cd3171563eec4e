import { ApiError, asNetworkError, InvalidResponseError, NetworkError } from '../errors';
import type { HttpMethod, RequestLogger, Transport } from './types';

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface JsonApiOptions {
  readonly baseUrl: URL;
  readonly token: string;
  readonly transport: Transport;
  readonly log?: RequestLogger;
  readonly userAgent?: string;
  /** The backend's name for error messages ("Vercel"). */
  readonly service?: string;
  /** Waiting out 429s (any method) and transient failures of reads; none when absent. */
  readonly retry?: RetryPolicy;
  /** Upper bound of one attempt, asked per request (a setting may change); none when absent. */
  readonly timeoutMs?: () => number;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The longest single wait; a longer Retry-After is not waited for. */
  readonly maxWaitMs: number;
  /** Upper bound of all waits of one call together. */
  readonly maxTotalWaitMs: number;
  /** Wait when a failure gives no Retry-After (doubled each time). */
  readonly baseDelayMs: number;
  /** Told before each wait, e.g. to show "Rate limited, retrying in 5 s" in a progress. */
  readonly onWait?: (info: { readonly waitMs: number; readonly attempt: number; readonly reason: string }) => void;
}

/**
 * JSON over HTTP with a Bearer token. Turns failures into typed errors that never
 * carry the token, and logs only method, origin, path, query keys and status.
 */
export class JsonApi {
  constructor(private readonly options: JsonApiOptions) {}

  get origin(): string {
    return this.options.baseUrl.origin;
  }

  get service(): string | undefined {
    return this.options.service;
  }

  /**
   * Runs a call and the parsing of its answer: a parser's InvalidResponseError gets this
   * API's service name, so the message says which backend sent the unreadable answer.
   */
  async tagged<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof InvalidResponseError) err.service ??= this.options.service;
      throw err;
    }
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, query, undefined, signal);
  }

  /**
   * One call, retried per the policy: a 429 on any method (the server did nothing), and
   * for reads only also 502/503/504 and network failures. A write whose outcome is
   * unknown is never sent again blindly.
   */
  async send<T>(method: HttpMethod, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
    const policy = this.options.retry;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce<T>(method, path, query, body, signal);
      } catch (err) {
        const wait = policy && attempt <= policy.maxRetries ? retryDelay(err, method, policy, attempt) : undefined;
        if (wait === undefined || wait > policy!.maxWaitMs || waited + wait > policy!.maxTotalWaitMs) {
          if (attempt > 1 && (err instanceof ApiError || err instanceof NetworkError)) err.attempts = attempt;
          throw err;
        }
        policy!.onWait?.({ waitMs: wait, attempt, reason: err instanceof ApiError ? `HTTP ${err.status}` : (err as Error).message });
        await sleep(wait, signal);
        waited += wait;
      }
    }
  }

  private async sendOnce<T>(method: HttpMethod, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = this.buildUrl(path, query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'project-secrets',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = Date.now();
    let status: number | 'failed' = 'failed';
    const limit = this.options.timeoutMs?.();
    const timeout = limit ? AbortSignal.timeout(limit) : undefined;
    const combined = timeout && signal ? AbortSignal.any([signal, timeout]) : timeout ?? signal;
    try {
      const res = await this.options.transport.request({
        method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: combined,
      });
      status = res.status;
      if (res.status >= 300 && res.status < 400) {
        // Never follow a redirect: it could carry the token to another origin.
        throw new ApiError(res.status, 'redirect', `Unexpected redirect from ${url.host}`);
      }
      if (res.status < 200 || res.status >= 300) throw this.toApiError(res.status, res.body, res.headers['retry-after']);
      return this.parse<T>(res.body, url);
    } catch (err) {
      const timedOut = timeout?.aborted && !signal?.aborted;
      const typed = err instanceof ApiError || err instanceof InvalidResponseError ? err
        : timedOut ? new NetworkError('timeout', `${url.host} did not answer within ${Math.ceil(limit! / 1000)} s.`)
          : asNetworkError(err) ?? new NetworkError('unreachable', `Could not reach ${url.host}.`);
      typed.service ??= this.options.service;
      throw typed;
    } finally {
      this.options.log?.({ method, origin: url.origin, path: redactedPath(url), status, durationMs: Date.now() - started });
    }
  }

  private buildUrl(path: string, query?: Query): URL {
    const base = this.options.baseUrl.href.replace(/\/+$/, '');
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private parse<T>(body: string, url: URL): T {
    if (body.trim() === '') return undefined as T;
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new InvalidResponseError(`the answer to ${url.pathname} is not JSON.`);
    }
  }

  private toApiError(status: number, body: string, retryAfter: string | undefined): ApiError {
    let code: string | undefined;
    let message: string | undefined;
    let invalidToken = false;
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; invalidToken?: unknown; missingToken?: unknown } };
      if (typeof parsed?.error?.code === 'string') code = parsed.error.code;
      if (typeof parsed?.error?.message === 'string') message = this.scrub(parsed.error.message);
      invalidToken = parsed?.error?.invalidToken === true || parsed?.error?.missingToken === true;
    } catch {
      // Not JSON (a proxy's HTML page, say): the status alone must do.
    }
    const err = new ApiError(status, code, message, parseRetryAfter(retryAfter));
    err.invalidToken = invalidToken;
    return err;
  }

  /** An ApiError for a failure reported inside a 2xx body (e.g. a batch's `failed` entries). */
  apiError(status: number, code: string | undefined, message: string | undefined): ApiError {
    const err = new ApiError(status, code, message === undefined ? undefined : this.scrub(message));
    err.service = this.options.service;
    return err;
  }

  /** An API may echo request data in its message; make sure the token never surfaces. */
  private scrub(text: string): string {
    const token = this.options.token;
    return token ? text.split(token).join('***') : text;
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Path plus query keys only: `/v10/projects?teamId=…&limit=…`. Query values may identify things we do not log. */
export function redactedPath(url: URL): string {
  const keys = [...url.searchParams.keys()];
  return keys.length ? `${url.pathname}?${keys.map((k) => `${k}=…`).join('&')}` : url.pathname;
}

/** How long to wait before retrying `err`, or undefined when it must not be retried. */
function retryDelay(err: unknown, method: HttpMethod, policy: RetryPolicy, attempt: number): number | undefined {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (err instanceof ApiError) {
    if (err.status === 429) return err.retryAfterMs ?? backoff;
    if (method === 'GET' && (err.status === 502 || err.status === 503 || err.status === 504)) return err.retryAfterMs ?? backoff;
    return undefined;
  }
  if (method === 'GET' && err instanceof NetworkError && err.failure !== 'cancelled') return backoff;
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new NetworkError('cancelled', 'Cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new NetworkError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
