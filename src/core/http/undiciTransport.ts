// Only the parts of undici this transport uses, so the separate transport bundle
// (see esbuild.mjs) stays small: the package's index also loads fetch, WebSocket,
// caches, mocks and proxy agents. Types: undiciParts.d.ts.
import Agent from 'undici/lib/dispatcher/agent';
import request from 'undici/lib/api/api-request';
import errors from 'undici/lib/core/errors';
import { NetworkError } from '../errors';
import type { HttpRequest, HttpResponse, Transport } from './types';

/** undici's limits, all in milliseconds. */
export interface TransportTimeouts {
  /** TCP connect plus TLS handshake; past it the request was never sent. */
  readonly connectMs: number;
  /** From sending the request to the response headers. */
  readonly headersMs: number;
  /** Between two chunks of the response body. */
  readonly bodyMs: number;
  /**
   * How long an idle connection is kept for the next request when the server sends no
   * `Keep-Alive: timeout=N` hint. A server that closes earlier sends a FIN, which undici sees.
   */
  readonly keepAliveMs: number;
  /** The longest the server's `Keep-Alive: timeout=N` hint is followed (undici keeps N s minus 2 s). */
  readonly keepAliveMaxMs: number;
}

/**
 * Keep-alive: 2 minutes without a hint, so a pause to read or type between two clicks does
 * not cost a new TCP + TLS handshake (undici's default is 4 s); a server's own hint is
 * followed up to 10 minutes. Idle sockets get TCP keep-alive probes after 60 s (undici's
 * default), which keeps NAT mappings alive for that long.
 */
export const defaultTimeouts: TransportTimeouts = {
  connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, keepAliveMs: 120_000, keepAliveMaxMs: 600_000,
};

/**
 * undici transport: one Agent holds one keep-alive pool per origin. Redirects are
 * never followed (undici's request() does not), so a token cannot be carried to
 * another origin by a 3xx. Failures become NetworkErrors (see toNetworkError).
 */
export function createUndiciTransport(timeouts: Partial<TransportTimeouts> = {}): Transport {
  const limits = { ...defaultTimeouts, ...timeouts };
  const agent = new Agent({
    connect: { timeout: limits.connectMs },
    headersTimeout: limits.headersMs,
    bodyTimeout: limits.bodyMs,
    keepAliveTimeout: limits.keepAliveMs,
    keepAliveMaxTimeout: limits.keepAliveMaxMs,
    connections: 8,
  });
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      try {
        const res = await request.call(agent, {
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
        throw toNetworkError(err, req, limits.connectMs);
      }
    },
    close: () => agent.close(),
  };
}

/**
 * Failures before a connection existed: the request certainly never left this machine.
 * undici writes a request only once its socket is connected (and, for https, the TLS
 * handshake is done), so these codes mean nothing reached the server.
 */
const notSentCodes: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EAI_FAIL: 'DNS lookup failed',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host down',
  EADDRNOTAVAIL: 'address not available',
};

/** TLS verification failures, also before anything was sent. */
function isCertificateError(code: string): boolean {
  return code.startsWith('ERR_TLS_') || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
}

/**
 * undici's error as a NetworkError: `notSent` when nothing was sent (refused, DNS, no
 * route, connect timeout, untrusted certificate: "Can't reach <host>: …"); otherwise the
 * outcome is unknown (a reset or timeout after sending). Never carries headers or bodies.
 */
function toNetworkError(err: unknown, req: HttpRequest, connectMs: number): Error {
  const host = req.url.host;
  if (req.signal?.aborted || (err instanceof Error && err.name === 'AbortError')) {
    return new NetworkError('cancelled', `Request to ${host} was cancelled.`, { host });
  }
  const code = errorCode(err);
  if (err instanceof errors.ConnectTimeoutError) {
    return new NetworkError('unreachable', `Can't reach ${host}: no connection within ${Math.ceil(connectMs / 1000)} s.`, { notSent: true, host, code });
  }
  if (code && notSentCodes[code]) {
    return new NetworkError('unreachable', `Can't reach ${host}: ${notSentCodes[code]} (${code}).`, { notSent: true, host, code });
  }
  if (code && isCertificateError(code)) {
    return new NetworkError('unreachable', `Can't reach ${host}: its TLS certificate is not trusted (${code}).`, { notSent: true, host, code });
  }
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
    return new NetworkError('timeout', `${host} did not answer in time.`, { host, code });
  }
  // Reached, but the answer broke off: say so rather than "can't reach".
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new NetworkError('unreachable', `The connection to ${host} broke off before the answer was complete (${code}).`, { host, code });
  }
  return new NetworkError('unreachable', `The request to ${host} failed${code ? ` (${code})` : ''}.`, { host, code });
}

/** The error's code; for a connect that tried several addresses (AggregateError), the first one's. */
function errorCode(err: unknown): string | undefined {
  const { code, errors: inner } = (err ?? {}) as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(inner)) return errorCode(inner[0]);
  return undefined;
}
