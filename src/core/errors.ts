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
    return this.status === 401 || (this.status === 403 && this.invalidToken && !this.stepUpRequired);
  }

  /**
   * Vercel wants the user to confirm their identity in the dashboard before it shows env
   * variables (step-up authentication): 403 with `challenge_required`,
   * `challenge_required_email_otp` or `user_auth_required`. The token itself is fine.
   */
  get stepUpRequired(): boolean {
    return this.status === 403 && stepUpCodes.some((code) => this.hasCode(code));
  }

  /** Case-insensitive match on the API's error code, as the Vercel CLI does. */
  hasCode(code: string): boolean {
    return this.code?.toLowerCase() === code.toLowerCase();
  }
}

/** Vercel's codes for step-up authentication (vercel-api-facts.md, "Reading env vars can answer 403 …"). */
export const stepUpCodes: readonly string[] = ['challenge_required', 'challenge_required_email_otp', 'user_auth_required'];

/** Where the user confirms their identity when Vercel asks for step-up authentication. */
export const vercelDashboardUrl = 'https://vercel.com/dashboard';

/** True when `err` is Vercel asking for step-up authentication (see ApiError.stepUpRequired). */
export function isStepUp(err: unknown): boolean {
  return err instanceof ApiError && err.stepUpRequired;
}

export type NetworkFailure = 'unreachable' | 'timeout' | 'cancelled';

/** What a NetworkError knows besides its failure kind (see the fields of NetworkError). */
export interface NetworkErrorDetails {
  readonly notSent?: boolean;
  readonly host?: string;
  readonly code?: string;
}

/**
 * No HTTP answer at all: connection refused/reset, DNS, timeout or cancellation.
 *
 * `notSent` splits the failures by what the server can have done:
 * - true: the request certainly never left this machine (connection refused, DNS failure,
 *   no route, no TCP/TLS connection within the connect timeout, untrusted certificate).
 *   Nothing happened on the server, so a write can be reported as "not saved" and offered
 *   again safely. Never retried automatically: the next attempt would fail the same way.
 *   The message starts with "Can't reach <host>".
 * - false: the outcome is unknown (a timeout after the request was sent, a connection that
 *   broke off mid-answer) or it was cancelled: a write may or may not have happened.
 */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  service?: string;
  attempts?: number;
  /** True when the request certainly never reached the server (see the class comment). */
  readonly notSent: boolean;
  /** The host (and port, if not the default) the request was for, for messages like "could not connect to <host>". */
  readonly host?: string;
  /** The system or undici error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`…), when there was one. */
  readonly code?: string;
  constructor(readonly failure: NetworkFailure, message: string, details: NetworkErrorDetails = {}) {
    super(message);
    this.notSent = details.notSent === true;
    this.host = details.host;
    this.code = details.code;
  }
}

/** True when `err` is a NetworkError whose request certainly never reached the server (nothing happened there). */
export function requestNotSent(err: unknown): boolean {
  return asNetworkError(err)?.notSent === true;
}

/**
 * The transport is a separate bundle with its own copy of NetworkError, so
 * `instanceof` fails across the boundary: recognise it by shape instead.
 */
export function asNetworkError(err: unknown): NetworkError | undefined {
  if (err instanceof NetworkError) return err;
  const candidate = err as { name?: unknown; failure?: unknown; message?: unknown; notSent?: unknown; host?: unknown; code?: unknown } | undefined;
  if (candidate?.name === 'NetworkError' && typeof candidate.failure === 'string' && typeof candidate.message === 'string') {
    return new NetworkError(candidate.failure as NetworkFailure, candidate.message, {
      notSent: candidate.notSent === true,
      host: typeof candidate.host === 'string' ? candidate.host : undefined,
      code: typeof candidate.code === 'string' ? candidate.code : undefined,
    });
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
    case 403: return err.stepUpRequired
      ? `${service} asks you to confirm it's you (step-up authentication) before it shows environment variables: open the ${service} dashboard, confirm your identity there, then try again. Your token is fine.`
      : err.hasCode('forbidden') || err.hasCode('invalidToken') || !err.code
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

/**
 * Why a call waits before retrying, for progress and status-bar messages:
 * - `rate-limited`: HTTP 429 (any method; the server did nothing);
 * - `busy`: HTTP 503, the server says it is overloaded or in maintenance;
 * - `server-error`: HTTP 502/504, a gateway failed (reads only);
 * - `connection`: the connection broke off or timed out after the request was sent (reads only).
 * A server that cannot be reached at all is never retried, so it never waits.
 */
export type RetryWaitKind = 'rate-limited' | 'busy' | 'server-error' | 'connection';

/**
 * One short sentence while a call waits to retry, e.g. "Vercel is busy (HTTP 503); retrying in 2 s…".
 * "Busy" is said for 429/503 only: a broken connection is not the server being busy.
 * `waitMs` in milliseconds; `reason` is the failure as the retry policy reports it.
 */
export function describeWait(info: { readonly kind: RetryWaitKind; readonly waitMs: number; readonly reason: string }, service: string): string {
  const seconds = `${Math.max(1, Math.ceil(info.waitMs / 1000))} s`;
  switch (info.kind) {
    case 'rate-limited': return `${service} is rate limiting requests (${info.reason}); retrying in ${seconds}…`;
    case 'busy': return `${service} is busy (${info.reason}); retrying in ${seconds}…`;
    case 'server-error': return `${service} had a server error (${info.reason}); retrying in ${seconds}…`;
    case 'connection': return `${info.reason.replace(/\.$/, '')}; retrying in ${seconds}…`;
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
