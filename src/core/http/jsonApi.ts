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

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, query, undefined, signal);
  }

  async send<T>(method: HttpMethod, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = this.buildUrl(path, query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'project-secrets',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = Date.now();
    let status: number | 'failed' = 'failed';
    try {
      const res = await this.options.transport.request({
        method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), signal,
      });
      status = res.status;
      if (res.status >= 300 && res.status < 400) {
        // Never follow a redirect: it could carry the token to another origin.
        throw new ApiError(res.status, 'redirect', `Unexpected redirect from ${url.host}`);
      }
      if (res.status < 200 || res.status >= 300) throw this.toApiError(res.status, res.body, res.headers['retry-after']);
      return this.parse<T>(res.body, url);
    } catch (err) {
      const typed = err instanceof ApiError || err instanceof InvalidResponseError
        ? err : asNetworkError(err) ?? new NetworkError('unreachable', `Could not reach ${url.host}.`);
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
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
      if (typeof parsed?.error?.code === 'string') code = parsed.error.code;
      if (typeof parsed?.error?.message === 'string') message = this.scrub(parsed.error.message);
    } catch {
      // Not JSON (a proxy's HTML page, say): the status alone must do.
    }
    return new ApiError(status, code, message, parseRetryAfter(retryAfter));
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
