import { ApiError, asNetworkError, InvalidResponseError, NetworkError } from '../errors';
import { defaultCallDeadlineMs, minAttemptMs, retryDelay, sleep, type RetryPolicy } from './retry';
import type { HttpMethod, RequestLogger, Transport } from './types';

export type { RetryPolicy, RetryWait } from './retry';
export { defaultCallDeadlineMs } from './retry';

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
  /** Upper bound (ms) of one attempt, asked per call (a setting may change); none when absent. */
  readonly timeoutMs?: () => number;
  /**
   * Upper bound (ms) of one whole call: every attempt and every wait between them, from the
   * start of the first attempt. Asked per call. Never shorter than one attempt's `timeoutMs`,
   * so that setting keeps its meaning. Default: defaultCallDeadlineMs (60 000 ms).
   */
  readonly deadlineMs?: () => number;
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
   * One call, retried per the policy (see retryDelay): a 429 on any method (the server did
   * nothing), and for reads only also 502/503/504 and failures after sending. A write whose
   * outcome is unknown is never sent again blindly; a request that could not be sent at all
   * (refused, DNS) fails at once with a NetworkError whose `notSent` is true.
   * The whole call, waits included, ends by `deadlineMs`: the last attempt gets what is left.
   * Throws ApiError (non-2xx), NetworkError (no answer) or InvalidResponseError (2xx not JSON);
   * `attempts` is set on them when more than one attempt was made.
   */
  async send<T>(method: HttpMethod, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
    const policy = this.options.retry;
    const attemptMs = this.options.timeoutMs?.();
    const deadline = Date.now() + Math.max(this.options.deadlineMs?.() ?? defaultCallDeadlineMs, attemptMs ?? 0);
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const left = Math.max(1, deadline - Date.now());
      try {
        return await this.sendOnce<T>(method, path, query, body, signal, Math.min(attemptMs ?? left, left));
      } catch (err) {
        const retry = policy && attempt <= policy.maxRetries ? retryDelay(err, method, policy, attempt) : undefined;
        if (!policy || !retry || retry.waitMs > policy.maxWaitMs || waited + retry.waitMs > policy.maxTotalWaitMs
          || Date.now() + retry.waitMs + minAttemptMs(attemptMs) > deadline) {
          if (attempt > 1 && (err instanceof ApiError || err instanceof NetworkError)) err.attempts = attempt;
          throw err;
        }
        const reason = err instanceof ApiError ? `HTTP ${err.status}` : (err as Error).message;
        policy.onWait?.({ waitMs: retry.waitMs, attempt, reason, kind: retry.kind });
        await sleep(retry.waitMs, signal);
        waited += retry.waitMs;
      }
    }
  }

  /** One attempt, aborted after `limitMs` (ms) as a timeout. */
  private async sendOnce<T>(method: HttpMethod, path: string, query: Query | undefined, body: unknown, signal: AbortSignal | undefined, limitMs: number): Promise<T> {
    const url = this.buildUrl(path, query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'project-secrets',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = Date.now();
    let status: number | 'failed' = 'failed';
    const timeout = AbortSignal.timeout(limitMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
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
      const timedOut = timeout.aborted && !signal?.aborted;
      const typed = err instanceof ApiError || err instanceof InvalidResponseError ? err
        : timedOut ? new NetworkError('timeout', `${url.host} did not answer within ${Math.ceil(limitMs / 1000)} s.`, { host: url.host })
          : asNetworkError(err) ?? new NetworkError('unreachable', `Could not reach ${url.host}.`, { host: url.host });
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
