/**
 * The emulator's request pipeline: admin calls aside, every API request is recorded, then
 * goes through faults → route → authentication → rate limit → JSON body → handler, with
 * the OpenAPI contract checked on the way in and out when `validateContract` is on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin } from './admin';
import { loadContract, type Contract } from './contract';
import { faultReply, takeFault, type Fault } from './faults';
import {
  errorReply, HttpError, notFound, parseJson, queryRecord, readBody, send, templateMatcher, type Handler, type Reply,
} from './http';
import { createLegacySecret, deleteLegacySecret, listLegacySecrets, renameLegacySecret } from '../vercel/legacySecrets';
import { RateLimited, RateLimiter, type RateLimitConfig } from './rateLimit';
import { buildSeedState, emptyState } from '../vercel/seed';
import { replaceState, userByToken, type EmulatorState } from '../vercel/state';
import { getTeam, getUser, listAllTeams, listTeams } from '../vercel/vercelAccount';
import { batchDeleteEnvs, createEnvs, deleteEnv, editEnv, getEnv, listEnvs } from '../vercel/vercelEnv';
import { pullEnv } from '../vercel/vercelEnvPull';
import { createSharedEnvs, deleteSharedEnvs, getSharedEnv, listSharedEnvs, unlinkSharedEnv, updateSharedEnvs } from '../vercel/sharedEnv';
import { getProject, listProjects, listProjectsV9 } from '../vercel/vercelProjects';
import {
  createCustomEnvironment, getCustomEnvironment, listCustomEnvironments, removeCustomEnvironment, updateCustomEnvironment,
} from '../vercel/customEnvironments';
import { createDeployment, getDeployment, listDeployments } from '../vercel/deployments';
import type { DeploymentBuildConfig } from '../vercel/deploymentRecords';
import type { Mount } from './mount';
import { isEnvRead, stepUpMessage, type StepUpCode } from './stepUp';
import { mounts as createMounts } from './mounts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  /** A known token was presented. */
  authorized: boolean;
  /** 0 when a fault dropped the connection. */
  status: number;
}

export interface EmulatorConfig {
  rateLimit: RateLimitConfig | null;
  /** The legacy secrets routes (legacySecrets.ts) answer 410 Gone when true, as the live API does. */
  legacySecretsGone: boolean;
  /**
   * Step-up authentication: when set to one of Vercel's codes (`challenge_required`,
   * `challenge_required_email_otp`, `user_auth_required`), every read of env variables
   * (project, shared, pull) answers 403 with it, as Vercel does when it wants the user to
   * confirm their identity in the dashboard. null: off.
   */
  stepUp: StepUpCode | null;
  /** How new deployments build: how long, and whether they end READY or ERROR (deploymentRecords.ts). */
  deploymentBuild: DeploymentBuildConfig;
}


export interface CoreOptions {
  seed: boolean;
  validateContract: boolean;
  config: EmulatorConfig;
}

/**
 * Paths are the spec's templates, so the contract finds each route's operation by name. The
 * third column, when present, is the spec operation a route is checked against: another version
 * (or the unversioned form) of the same call, as the official CLI sends it; `null` = outside the
 * subset (contract.ts `outsideTheSubset` says why).
 */
const routeTable: readonly (readonly [string, string, Handler, (string | null)?])[] = [
  ['GET', '/v2/user', getUser],
  ['GET', '/v2/teams', listTeams],
  ['GET', '/v1/teams', listAllTeams, null],
  ['GET', '/v2/teams/{teamId}', getTeam, null],
  ['GET', '/teams/{teamId}', getTeam, null],
  ['GET', '/v10/projects', listProjects],
  ['GET', '/v9/projects', listProjectsV9, null],
  ['GET', '/v9/projects/{idOrName}', getProject],
  ['GET', '/v9/projects/{idOrName}/custom-environments', listCustomEnvironments],
  ['GET', '/projects/{idOrName}/custom-environments', listCustomEnvironments, 'GET /v9/projects/{idOrName}/custom-environments'],
  // The subset has only the list: these follow the SDK's models (contract.ts `outsideTheSubset`).
  ['POST', '/v9/projects/{idOrName}/custom-environments', createCustomEnvironment, null],
  ['GET', '/v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}', getCustomEnvironment, null],
  ['PATCH', '/v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}', updateCustomEnvironment, null],
  ['DELETE', '/v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}', removeCustomEnvironment, null],
  ['GET', '/v10/projects/{idOrName}/env', listEnvs],
  ['POST', '/v10/projects/{idOrName}/env', createEnvs],
  ['GET', '/v1/projects/{idOrName}/env/{id}', getEnv],
  ['PATCH', '/v9/projects/{idOrName}/env/{id}', editEnv],
  ['PATCH', '/v10/projects/{idOrName}/env/{id}', editEnv, 'PATCH /v9/projects/{idOrName}/env/{id}'],
  ['DELETE', '/v9/projects/{idOrName}/env/{id}', deleteEnv],
  ['DELETE', '/v10/projects/{idOrName}/env/{id}', deleteEnv, 'DELETE /v9/projects/{idOrName}/env/{id}'],
  ['DELETE', '/v1/projects/{idOrName}/env', batchDeleteEnvs],
  ['GET', '/v3/env/pull/{idOrName}/{target}', pullEnv, null],
  ['GET', '/v3/env/pull/{idOrName}/{target}/{gitBranch}', pullEnv, null],
  // Legacy account secrets (seed 000): not in the OpenAPI subset, see contract.ts `outsideTheSubset`.
  ['GET', '/v3/secrets', listLegacySecrets, null],
  ['POST', '/v2/secrets/{name}', createLegacySecret, null],
  ['PATCH', '/v2/secrets/{name}', renameLegacySecret, null],
  ['DELETE', '/v2/secrets/{idOrName}', deleteLegacySecret, null],
  // Team shared variables: not in the OpenAPI subset; checked against @vercel/sdk's models (sharedEnv.ts).
  ['GET', '/v1/env', listSharedEnvs, null],
  ['POST', '/v1/env', createSharedEnvs, null],
  ['PATCH', '/v1/env', updateSharedEnvs, null],
  ['DELETE', '/v1/env', deleteSharedEnvs, null],
  ['GET', '/v1/env/{id}', getSharedEnv, null],
  ['PATCH', '/v1/env/{id}/unlink/{projectId}', unlinkSharedEnv, null],
  // Deployments (redeploy after an env change): not in the subset; checked against @vercel/sdk's models (sdk.test.ts).
  ['GET', '/v6/deployments', listDeployments, null],
  // The SDK's getDeployments calls v7: the same list.
  ['GET', '/v7/deployments', listDeployments, null],
  ['GET', '/v13/deployments/{idOrUrl}', getDeployment, null],
  ['POST', '/v13/deployments', createDeployment, null],
];

interface Route {
  method: string;
  template: string;
  handler: Handler;
  match: (pathname: string) => Record<string, string> | undefined;
  /** `METHOD /template` of the spec operation that checks this route, or null when none does. */
  contractAs: string | null;
}

const routes: Route[] = routeTable.map(([method, template, handler, contractAs]) => ({
  method, template, handler, match: templateMatcher(template),
  contractAs: contractAs === undefined ? `${method} ${template}` : contractAs,
}));

/** The operations of the spec the emulator implements under their own path, as `METHOD /template` (the contract test covers each). */
export const implementedOperations: readonly string[] = routes
  .filter((r) => r.contractAs === `${r.method} ${r.template}`).map((r) => r.contractAs as string);

/** Every route outside the subset, as `METHOD /template` (contract.ts lists each with its reason). */
export const routesOutsideTheSubset: readonly string[] = routes.filter((r) => r.contractAs === null).map((r) => `${r.method} ${r.template}`);

/** Routes checked against another path's operation: `METHOD /template` → the spec's `METHOD /template`. */
export const routeAliases: Readonly<Record<string, string>> = Object.fromEntries(routes
  .filter((r) => r.contractAs !== null && r.contractAs !== `${r.method} ${r.template}`)
  .map((r) => [`${r.method} ${r.template}`, r.contractAs as string]));

const missingToken = new HttpError(403, 'forbidden', 'The request is missing an authentication token', { missingToken: true });
const invalidToken = new HttpError(403, 'forbidden', 'Not authorized', { invalidToken: true });

export class EmulatorCore {
  readonly state: EmulatorState;
  readonly requests: RecordedRequest[] = [];
  readonly contractViolations: string[] = [];
  faults: Fault[] = [];
  config: EmulatorConfig;
  private limiter: RateLimiter | undefined;
  private readonly contract: Contract | undefined;
  /** Further APIs on the same port (see mount.ts). */
  readonly mounts: readonly Mount[] = createMounts();

  constructor(private readonly options: CoreOptions) {
    this.state = options.seed ? buildSeedState() : emptyState();
    this.config = { ...options.config };
    this.limiter = this.config.rateLimit ? new RateLimiter(this.config.rateLimit) : undefined;
    this.contract = options.validateContract ? loadContract() : undefined;
  }

  /** Seed state again; requests, violations, faults, counters and config as at start. */
  reset(): void {
    replaceState(this.state, this.options.seed ? buildSeedState() : emptyState());
    this.requests.length = 0;
    this.contractViolations.length = 0;
    this.faults = [];
    this.setConfig({ ...this.options.config });
    for (const mount of this.mounts) mount.reset();
  }

  setConfig(patch: Partial<EmulatorConfig>): void {
    if (patch.rateLimit !== undefined) {
      this.config.rateLimit = patch.rateLimit;
      this.limiter = patch.rateLimit ? new RateLimiter(patch.rateLimit) : undefined;
    }
    if (patch.legacySecretsGone !== undefined) this.config.legacySecretsGone = patch.legacySecretsGone;
    if (patch.stepUp !== undefined) this.config.stepUp = patch.stepUp;
    if (patch.deploymentBuild !== undefined) this.config.deploymentBuild = { ...patch.deploymentBuild };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    let text = '';
    try {
      text = await readBody(req);
    } catch (err) {
      send(res, err instanceof HttpError ? errorReply(err) : { status: 400, body: { error: { code: 'bad_request', message: 'Unreadable body' } } });
      return;
    }
    if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) {
      send(res, handleAdmin(this, method, url.pathname, text));
      return;
    }
    const token = bearerToken(req.headers.authorization);
    const user = userByToken(this.state, token);
    const mount = this.mounts.find((m) => m.matches(url.pathname));
    const mountRequest = { method, url, headers: req.headers, text };
    const authorized = mount ? mount.authorized(mountRequest) : user !== undefined;
    const record: RecordedRequest = { method, path: url.pathname, query: queryRecord(url), authorized, status: 0 };
    if (text.trim() !== '') record.body = lenientJson(text);
    this.requests.push(record);

    const fault = takeFault(this.faults, method, url.pathname);
    if (fault?.spec.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.spec.delayMs));
    // Injected answers are deliberate: they are not checked against the contract.
    const real = () => (mount ? mount.handle(mountRequest) : this.answer(method, url, record, token, text));
    if (fault?.spec.status === 0) {
      // `applyFirst`: the write happens, then the connection breaks before the answer.
      if (fault.spec.applyFirst) await real();
      res.destroy();
      return;
    }
    if (fault?.spec.status !== undefined && fault.spec.applyFirst) await real();
    const reply = fault?.spec.status !== undefined
      ? faultReply({ ...fault.spec, status: fault.spec.status })
      : await real();
    record.status = reply.status;
    send(res, reply);
  }

  private answer(method: string, url: URL, record: RecordedRequest, token: string | undefined, text: string): Reply {
    const route = routes.find((r) => r.method === method && r.match(url.pathname));
    if (!route) return errorReply(notFound('The requested path was not found'));
    let rateHeaders: Record<string, string> | undefined;
    let reply: Reply;
    try {
      if (!token) throw missingToken;
      const user = userByToken(this.state, token);
      if (!user) throw invalidToken;
      rateHeaders = this.limiter?.take(user.id);
      if (this.config.stepUp && isEnvRead(method, route.template)) {
        throw new HttpError(403, this.config.stepUp, stepUpMessage);
      }
      const body = method === 'GET' ? undefined : this.parseBody(route.contractAs, text);
      const params = route.match(url.pathname) ?? {};
      reply = route.handler({ state: this.state, user, params, query: record.query, body, config: this.config });
    } catch (err) {
      if (err instanceof RateLimited) rateHeaders = err.headers;
      if (!(err instanceof HttpError)) console.error('[emulator] handler failed:', err);
      reply = errorReply(err instanceof HttpError ? err : new HttpError(500, 'internal_server_error', 'An unexpected internal error occurred'));
    }
    reply.headers = { ...reply.headers, ...rateHeaders };
    const op = route.contractAs;
    if (op !== null) this.check(() => this.contract?.checkResponse(...splitOperation(op), reply.status, reply.body));
    return reply;
  }

  /** `operation`: the spec's `METHOD /template` that checks the body, null when none does. */
  private parseBody(operation: string | null, text: string): unknown {
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (err) {
      if (operation !== null) this.check(() => [`${operation} request body: not JSON`]);
      throw err;
    }
    if (operation !== null) this.check(() => this.contract?.checkRequest(...splitOperation(operation), body));
    return body;
  }

  /** Records what a contract check finds (only in validateContract mode); a broken check is a finding too. */
  private check(run: () => string[] | undefined): void {
    if (!this.contract) return;
    try {
      this.contractViolations.push(...(run() ?? []));
    } catch (err) {
      this.contractViolations.push(`contract check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function splitOperation(operation: string): [string, string] {
  const space = operation.indexOf(' ');
  return [operation.slice(0, space), operation.slice(space + 1)];
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
