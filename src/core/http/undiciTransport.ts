import { Agent, errors } from 'undici';
import { NetworkError } from '../errors';
import type { HttpRequest, HttpResponse, Transport } from './types';

export interface TransportTimeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyMs: number;
}

export const defaultTimeouts: TransportTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/**
 * undici transport: one Agent holds one keep-alive pool per origin. Redirects are
 * never followed (undici's request() does not), so a token cannot be carried to
 * another origin by a 3xx.
 */
export function createUndiciTransport(timeouts: TransportTimeouts = defaultTimeouts): Transport {
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 10_000,
    connections: 8,
  });
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      try {
        const res = await agent.request({
          origin: req.url.origin,
          path: req.url.pathname + req.url.search,
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal: req.signal,
        });
        const body = await res.body.text();
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        return { status: res.statusCode, headers, body };
      } catch (err) {
        throw toNetworkError(err, req);
      }
    },
    close: () => agent.close(),
  };
}

function toNetworkError(err: unknown, req: HttpRequest): Error {
  if (req.signal?.aborted || (err instanceof Error && err.name === 'AbortError')) {
    return new NetworkError('cancelled', `Request to ${req.url.host} was cancelled.`);
  }
  if (err instanceof errors.ConnectTimeoutError || err instanceof errors.HeadersTimeoutError
    || err instanceof errors.BodyTimeoutError) {
    return new NetworkError('timeout', `${req.url.host} did not answer in time.`);
  }
  const code = (err as { code?: string }).code;
  // Reached, but the answer broke off: say so rather than "could not reach".
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return new NetworkError('unreachable', `The connection to ${req.url.host} broke off before the answer was complete${code ? ` (${code})` : ''}.`);
  }
  return new NetworkError('unreachable', `Could not reach ${req.url.host}${code ? ` (${code})` : ''}.`);
}
