/**
 * The Secrets API of seed 002, mounted on the emulator's port under `/api/v1/`:
 *
 *   GET    /api/v1/projects/{projectId}/secrets        → {"data":{"secrets":[{key,lastFour,createdAt,updatedAt}]}}
 *   POST   /api/v1/projects/{projectId}/secrets        {key, value} → {"data":{"secret":{…}}}   (upsert by key)
 *   DELETE /api/v1/projects/{projectId}/secrets/{key}  → {"data":{"success":true,"existed":bool}}
 *
 * Errors are `{"error":{"code","message"}}` (the seed does not give the body; this is the
 * shape the shared JsonApi reads): 400 VALIDATION_ERROR (body not JSON / wrong shape /
 * unknown fields, bad key, bad value), 404 NOT_FOUND (project missing or the API key not
 * scoped to it; also an unknown path under /api/v1/), 405 METHOD_NOT_ALLOWED, 409
 * SECRET_LIMIT_EXCEEDED (a new key at 25; updates are exempt), 429 RATE_LIMITED with
 * `Retry-After` seconds. Not in the seed, our choice: a missing or unknown API key is 401
 * UNAUTHORIZED. Order of checks: path → API key → rate limit → project scope → body.
 *
 * Admin (`/_emulator/secrets-api/...`): GET /state (with clear values: tests only),
 * GET|POST /config `{rateLimit: {limit, windowMs} | null}`, POST /reset.
 */
import { errorReply, HttpError, isObject, ok, templateMatcher, type Reply } from '../core/http';
import type { Mount, MountRequest } from '../core/mount';
import { parseRateLimit, RateLimited, RateLimiter, type RateLimitConfig } from '../core/rateLimit';
import { buildSecretsApiSeed } from './secretsApiSeed';
import {
  checkKey, Clock, deleteSecret, parseSetBody, projectNotFound, upsertSecret, view, type SecretsApiState, type SecretsProject,
} from './secretsApiState';

export interface SecretsApiMountOptions {
  /** Default: no rate limit (switch one on through `POST /_emulator/secrets-api/config`). */
  rateLimit?: RateLimitConfig | null;
}

const collectionPath = templateMatcher('/api/v1/projects/{projectId}/secrets');
const itemPath = templateMatcher('/api/v1/projects/{projectId}/secrets/{key}');

const unauthorized = (message: string): HttpError => new HttpError(401, 'UNAUTHORIZED', message);

export function createSecretsApiMount(options: SecretsApiMountOptions = {}): Mount {
  return new SecretsApiMount(options.rateLimit ?? null);
}

class SecretsApiMount implements Mount {
  readonly name = 'secrets-api';
  private state: SecretsApiState = buildSecretsApiSeed();
  private readonly clock = new Clock();
  private rateLimit: RateLimitConfig | null;
  private limiter: RateLimiter | undefined;

  constructor(private readonly initialRateLimit: RateLimitConfig | null) {
    this.rateLimit = initialRateLimit;
    this.limiter = initialRateLimit ? new RateLimiter(initialRateLimit) : undefined;
  }

  matches(pathname: string): boolean {
    return pathname.startsWith('/api/v1/');
  }

  authorized(request: MountRequest): boolean {
    const apiKey = bearer(request.headers.authorization);
    return apiKey !== undefined && this.scopeOf(apiKey) !== undefined;
  }

  reset(): void {
    this.state = buildSecretsApiSeed();
    this.setRateLimit(this.initialRateLimit);
  }

  handle(request: MountRequest): Reply {
    let rateHeaders: Record<string, string> | undefined;
    let reply: Reply;
    try {
      const collection = collectionPath(request.url.pathname);
      const item = collection ? undefined : itemPath(request.url.pathname);
      const params = collection ?? item;
      if (!params) throw new HttpError(404, 'NOT_FOUND', 'No such endpoint.');
      const allowed = collection ? ['GET', 'POST'] : ['DELETE'];
      if (!allowed.includes(request.method)) {
        return { ...errorReply(new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} on this path.`)), headers: { allow: allowed.join(', ') } };
      }
      const apiKey = bearer(request.headers.authorization);
      if (apiKey === undefined) throw unauthorized('Missing API key: send "Authorization: Bearer <api key>".');
      const scope = this.scopeOf(apiKey);
      if (!scope) throw unauthorized('Invalid API key.');
      rateHeaders = this.limiter?.take(apiKey);
      const project = this.project(scope, params.projectId ?? '');
      if (request.method === 'GET') return withHeaders(ok({ data: { secrets: project.secrets.map(view) } }), rateHeaders);
      if (request.method === 'POST') {
        const { key, value } = parseSetBody(request.text);
        const { secret } = upsertSecret(project, key, value, this.clock);
        reply = ok({ data: { secret: view(secret) } });
      } else {
        const existed = deleteSecret(project, checkKey(params.key));
        reply = ok({ data: { success: true, existed } });
      }
    } catch (err) {
      if (err instanceof RateLimited) {
        rateHeaders = err.headers;
        reply = errorReply(new HttpError(429, 'RATE_LIMITED', `Rate limit exceeded; retry after ${err.retryAfterSeconds} s.`));
      } else if (err instanceof HttpError) {
        reply = errorReply(err);
      } else {
        console.error('[emulator] secrets-api handler failed:', err);
        reply = errorReply(new HttpError(500, 'INTERNAL_ERROR', 'An unexpected internal error occurred.'));
      }
    }
    return withHeaders(reply, rateHeaders);
  }

  admin(method: string, rest: string, text: string): Reply | undefined {
    try {
      switch (`${method} ${rest}`) {
        case 'GET /state':
          return ok(structuredClone(this.state));
        case 'GET /config':
          return ok({ rateLimit: this.rateLimit });
        case 'POST /config': {
          const body = parseAdminJson(text);
          const rateLimit = parseRateLimit(body.rateLimit);
          if (rateLimit !== undefined) this.setRateLimit(rateLimit);
          return ok({ rateLimit: this.rateLimit });
        }
        case 'POST /reset':
          this.reset();
          return ok({ ok: true });
        default:
          return undefined;
      }
    } catch (err) {
      if (err instanceof HttpError) return errorReply(err);
      throw err;
    }
  }

  private setRateLimit(config: RateLimitConfig | null): void {
    this.rateLimit = config;
    this.limiter = config ? new RateLimiter(config) : undefined;
  }

  private scopeOf(apiKey: string): ReadonlySet<string> | undefined {
    const record = this.state.apiKeys.find((k) => k.apiKey === apiKey);
    return record ? new Set(record.projectIds) : undefined;
  }

  private project(scope: ReadonlySet<string>, projectId: string): SecretsProject {
    const project = this.state.projects.find((p) => p.id === projectId);
    if (!project || !scope.has(projectId)) throw projectNotFound();
    return project;
  }
}

function bearer(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

function withHeaders(reply: Reply, headers: Record<string, string> | undefined): Reply {
  return headers ? { ...reply, headers: { ...reply.headers, ...headers } } : reply;
}

function parseAdminJson(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'bad_request', 'The config should be JSON.');
  }
  if (!isObject(body)) throw new HttpError(400, 'bad_request', 'The config should be a JSON object.');
  return body;
}
