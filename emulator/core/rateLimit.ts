/**
 * Fixed-window rate limit per user, answered as Vercel does: 429 `rate_limited` with a
 * `limit` object, `Retry-After` in seconds and the `X-RateLimit-*` headers on every answer.
 */
import { HttpError } from './http';

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly config: RateLimitConfig) {}

  /** Counts one request for `key`; returns the headers to send, or throws the 429. */
  take(key: string, now = Date.now()): Record<string, string> {
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.config.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetMs = window.start + this.config.windowMs;
    const reset = Math.ceil(resetMs / 1000);
    const headers = { 'x-ratelimit-limit': String(this.config.limit), 'x-ratelimit-reset': String(reset) };
    if (window.count >= this.config.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetMs - now) / 1000));
      throw new RateLimited(retryAfter, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(retryAfter) },
        { remaining: 0, reset, resetMs, total: this.config.limit });
    }
    window.count += 1;
    return { ...headers, 'x-ratelimit-remaining': String(this.config.limit - window.count) };
  }
}

export class RateLimited extends HttpError {
  constructor(readonly retryAfterSeconds: number, readonly headers: Record<string, string>, limit: Record<string, number>) {
    super(429, 'rate_limited', 'Rate limit exceeded', { limit });
  }
}

export function parseRateLimit(value: unknown): RateLimitConfig | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const v = value as Partial<RateLimitConfig>;
  if (typeof v !== 'object' || !Number.isInteger(v.limit) || (v.limit as number) < 0
    || typeof v.windowMs !== 'number' || v.windowMs <= 0) {
    throw new HttpError(400, 'bad_request', '`rateLimit` should be null or {limit: integer >= 0, windowMs: number > 0}.');
  }
  return { limit: v.limit as number, windowMs: v.windowMs };
}
