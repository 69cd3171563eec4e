/**
 * Typed errors of the core. Their messages are shown to users, so they never
 * contain a token or a secret value: clients build them from status, the API's
 * error code/message (scrubbed of the token) and host names only.
 */

/** The API answered with a non-2xx status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The backend's name for messages ("Vercel"); set by the client that made the call. */
  service?: string;
  /** How many attempts were made when retries gave up (undefined: one attempt). */
  attempts?: number;
  /** The API said the credential itself is bad (Vercel: 403 with `invalidToken`/`missingToken`). */
  invalidToken = false;
  constructor(
    readonly status: number,
    /** The API's own error code (e.g. `forbidden`, `ENV_ALREADY_EXISTS`), if it gave one. */
    readonly code: string | undefined,
    /** The API's own message, if it gave one. */
    readonly apiMessage: string | undefined,
    /** Milliseconds to wait before retrying, from `Retry-After` (429/503). */
    readonly retryAfterMs?: number,
  ) {
    super(apiMessage ? `${apiMessage} (HTTP ${status}${code ? `, ${code}` : ''})` : `HTTP ${status}${code ? ` (${code})` : ''}`);
  }

  /** The token was refused (expired, revoked, wrong): as opposed to a refusal of this one action or scope. */
  get tokenRejected(): boolean {
    return this.status === 401 || (this.status === 403 && this.invalidToken);
  }

  /** Case-insensitive match on the API's error code, as the Vercel CLI does. */
  hasCode(code: string): boolean {
    return this.code?.toLowerCase() === code.toLowerCase();
  }
}

export type NetworkFailure = 'unreachable' | 'timeout' | 'cancelled';

/** No HTTP answer at all: connection refused/reset, DNS, timeout or cancellation. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  service?: string;
  attempts?: number;
  constructor(readonly failure: NetworkFailure, message: string) {
    super(message);
  }
}

/**
 * The transport is a separate bundle with its own copy of NetworkError, so
 * `instanceof` fails across the boundary: recognise it by shape instead.
 */
export function asNetworkError(err: unknown): NetworkError | undefined {
  if (err instanceof NetworkError) return err;
  const candidate = err as { name?: unknown; failure?: unknown; message?: unknown } | undefined;
  if (candidate?.name === 'NetworkError' && typeof candidate.failure === 'string' && typeof candidate.message === 'string') {
    return new NetworkError(candidate.failure as NetworkFailure, candidate.message);
  }
  return undefined;
}

/** The API answered 2xx with a body we cannot use (not JSON, wrong shape). */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
  service?: string;
}

/** Bad input, refused before any request was made. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function isCancellation(err: unknown): boolean {
  return err instanceof CancelledError || (err instanceof NetworkError && err.failure === 'cancelled');
}

/** The user gave up at a prompt: not an error, nothing to show. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/**
 * One short, actionable sentence for any error, for notifications and error rows.
 * The backend's name comes from the error, else `fallbackService`.
 */
export function describeError(err: unknown, fallbackService = 'The server'): string {
  const service = (err as { service?: string } | undefined)?.service ?? fallbackService;
  const attempts = (err as { attempts?: number } | undefined)?.attempts;
  const gaveUp = attempts ? ` (gave up after ${attempts} attempts)` : '';
  if (err instanceof ApiError) return describeApiError(err, service).replace(/\.$/, `${gaveUp}.`);
  if (err instanceof NetworkError) {
    switch (err.failure) {
      case 'cancelled': return 'Cancelled.';
      case 'timeout': return `${err.message} Check your connection and try again${gaveUp}.`;
      default: return `${err.message} Check your connection and ${where(service)}${gaveUp}.`;
    }
  }
  if (err instanceof InvalidResponseError) return `${service} sent an answer this extension cannot read: ${err.message}`;
  if (err instanceof InputError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

function describeApiError(err: ApiError, service: string): string {
  const detail = err.apiMessage ? ` ${service} says: ${ensurePeriod(err.apiMessage)}` : '';
  switch (err.status) {
    case 400: return `${service} refused the request as invalid.${detail}`;
    case 401: return `${service} rejected the token (expired or revoked). Remove the account and add it again with a new token.`;
    case 402: return `${service} requires a payment for this account: update the payment method in the ${service} dashboard.${detail}`;
    case 403: return err.hasCode('forbidden') || err.hasCode('invalidToken') || !err.code
      ? `${service} denied access: the token is invalid, expired or lacks access to this scope.${detail}`
      : `${service} refused the change.${detail}`;
    case 404: return `Not found on ${service}: it may have been deleted or renamed. Refresh the view.${detail}`;
    case 409: return `Conflict: it was changed meanwhile or already exists. Refresh and try again.${detail}`;
    case 410: return `${service} has retired this API.${detail}`;
    case 422: return `${service} could not process the request.${detail}`;
    case 429: {
      const wait = err.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(err.retryAfterMs / 1000))} s.` : ' Try again shortly.';
      return `${service} is rate limiting requests.${wait}`;
    }
    default:
      return err.status >= 500
        ? `${service} had a server error (HTTP ${err.status}). Try again later.`
        : `${service} answered HTTP ${err.status}.${detail}`;
  }
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Where the address of a backend is configured, for "check your connection and …". */
function where(service: string): string {
  if (service === 'Secrets API') return "the connection's base URL";
  return service.startsWith('Vercel') ? 'the projectSecrets.vercel.apiUrl setting' : `the ${service} API URL`;
}
