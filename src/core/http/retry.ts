import { ApiError, NetworkError, type RetryWaitKind } from '../errors';
import type { HttpMethod } from './types';

/** When and how long a JsonApi call waits before trying again. All durations in milliseconds. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The longest single wait (ms); a longer Retry-After is not waited for. */
  readonly maxWaitMs: number;
  /** Upper bound of all waits of one call together (ms). The whole call, attempts included, is bounded by JsonApiOptions.deadlineMs. */
  readonly maxTotalWaitMs: number;
  /** Wait (ms) when a failure gives no Retry-After (doubled each time). */
  readonly baseDelayMs: number;
  /**
   * Told before each wait, e.g. to show "Vercel is busy (HTTP 503); retrying in 2 s…" in a progress
   * (see describeWait). `waitMs` in ms; `attempt` is the attempt that just failed (1-based);
   * `reason` is "HTTP 503" or the network error's message; `kind` says why (busy only for 429/503).
   */
  readonly onWait?: (info: RetryWait) => void;
}

export interface RetryWait {
  readonly waitMs: number;
  readonly attempt: number;
  readonly reason: string;
  readonly kind: RetryWaitKind;
}

/** A whole call's time limit when JsonApiOptions.deadlineMs is absent: 60 s, attempts and waits included. */
export const defaultCallDeadlineMs = 60_000;

/** A wait is only started when at least this much of the call's deadline is left after it for the next attempt. */
export function minAttemptMs(attemptMs: number | undefined): number {
  return Math.min(attemptMs ?? 1000, 1000);
}

/**
 * How long to wait before retrying `err` (ms) and why, or undefined when it must not be retried:
 * - 429 on any method (the server did nothing);
 * - 502/503/504 and network failures after sending (reset, timeout) on reads only: a write
 *   whose outcome is unknown is never sent again blindly;
 * - never a request that was not sent (refused, DNS, no route, connect timeout): the next
 *   attempt would fail the same way, so the user hears it at once; never a cancellation.
 */
export function retryDelay(err: unknown, method: HttpMethod, policy: RetryPolicy, attempt: number): { waitMs: number; kind: RetryWaitKind } | undefined {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (err instanceof ApiError) {
    if (err.status === 429) return { waitMs: err.retryAfterMs ?? backoff, kind: 'rate-limited' };
    if (method === 'GET' && (err.status === 502 || err.status === 503 || err.status === 504)) {
      return { waitMs: err.retryAfterMs ?? backoff, kind: err.status === 503 ? 'busy' : 'server-error' };
    }
    return undefined;
  }
  if (method === 'GET' && err instanceof NetworkError && err.failure !== 'cancelled' && !err.notSent) return { waitMs: backoff, kind: 'connection' };
  return undefined;
}

/** Resolves after `ms` milliseconds; rejects with a cancellation when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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
