/**
 * Deployments, as far as redeploying after an env change needs them: `GET /v6/deployments`
 * (list, newest first, paged by `until`/`since` in ms), `GET /v13/deployments/{idOrUrl}` and
 * `POST /v13/deployments` with `deploymentId` (what the official CLI's `redeploy` sends:
 * `{name, deploymentId, target, meta: {action: "redeploy"}}` on `?forceNew=1`). Outside the
 * OpenAPI subset: the shapes follow `@vercel/sdk`'s models (emulator/test/sdk.test.ts).
 *
 * A new deployment is QUEUED when created and moves to BUILDING, then READY (or ERROR) once
 * `config.deploymentBuild.ms` have passed since; with `ms: null` it builds until
 * `POST /_emulator/deployments/settle` (tests decide the moment, no wall-clock guesses).
 */
import { randomBytes } from 'node:crypto';
import { badRequest, HttpError, isObject, notFound, ok, type ApiContext, type Reply } from '../core/http';
import { advance, deploymentListView, deploymentView, newestFirst } from './deploymentRecords';
import type { DeploymentRecord, ProjectRecord } from './state';
import { parseLimit, scopeAccountId } from './vercelProjects';

const deploymentsDefaultLimit = 20;
const deploymentsMaxLimit = 100;

function deploymentsInScope(ctx: ApiContext): { project: ProjectRecord; d: DeploymentRecord }[] {
  const accountId = scopeAccountId(ctx);
  return ctx.state.projects.filter((p) => p.accountId === accountId)
    .flatMap((project) => (project.deployments ?? []).map((d) => ({ project, d: advance(d) })));
}

function timestampQuery(ctx: ApiContext, name: 'until' | 'since'): number | undefined {
  const raw = ctx.query[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`Invalid request: \`${name}\` should be a timestamp in milliseconds.`);
  return n;
}

/** `GET /v6/deployments`: `projectId`, `target`, `state` (comma-separated), `limit`, `until`/`since` (ms, exclusive). */
export function listDeployments(ctx: ApiContext): Reply {
  const limit = parseLimit(ctx.query.limit, deploymentsDefaultLimit, deploymentsMaxLimit);
  const until = timestampQuery(ctx, 'until');
  const since = timestampQuery(ctx, 'since');
  const { projectId, target } = ctx.query;
  if (target !== undefined && target !== 'production' && target !== 'preview') {
    throw badRequest('Invalid request: `target` should be one of "production", "preview".');
  }
  const states = ctx.query.state ? ctx.query.state.split(',').map((s) => s.trim().toUpperCase()) : undefined;
  const found = deploymentsInScope(ctx)
    .filter(({ project, d }) => (!projectId || project.id === projectId || project.name === projectId)
      && (target === undefined || (target === 'production' ? d.target === 'production' : d.target === null))
      && (!states || states.includes(d.readyState))
      && (until === undefined || d.createdAt < until) && (since === undefined || d.createdAt > since))
    .map(({ d }) => d).sort(newestFirst);
  const page = found.slice(0, limit);
  const more = found.length > limit;
  return ok({
    deployments: page.map((d) => deploymentListView(d, ctx.state)),
    pagination: { count: page.length, next: more ? page[page.length - 1].createdAt : null, prev: page.length > 0 && (until !== undefined || since !== undefined) ? page[0].createdAt : null },
  });
}

function findDeployment(ctx: ApiContext, idOrUrl: string): { project: ProjectRecord; d: DeploymentRecord } {
  const host = idOrUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const found = deploymentsInScope(ctx).find(({ d }) => d.id === idOrUrl || d.url === host);
  if (!found) throw new HttpError(404, 'not_found', 'Deployment not found');
  return found;
}

/** `GET /v13/deployments/{idOrUrl}`: one deployment by id (`dpl_…`) or hostname. */
export function getDeployment(ctx: ApiContext): Reply {
  const { project, d } = findDeployment(ctx, ctx.params.idOrUrl);
  return ok(deploymentView(d, ctx.state, project));
}

/**
 * `POST /v13/deployments` redeploying `deploymentId`: a new deployment of the same project from
 * the same source, QUEUED. Only redeploys: a deployment of files or a git source is not emulated.
 */
export function createDeployment(ctx: ApiContext): Reply {
  const body = ctx.body;
  if (!isObject(body)) throw badRequest('Invalid request: the body should be a JSON object.');
  if (typeof body.name !== 'string' || body.name === '') throw badRequest('Invalid request: missing required property `name`.');
  if (body.deploymentId === undefined) {
    throw badRequest('Invalid request: this emulator only redeploys: `deploymentId` is required (files and gitSource are not emulated).', { code: 'missing_files' });
  }
  if (typeof body.deploymentId !== 'string') throw badRequest('Invalid request: `deploymentId` should be a string.');
  if (body.target !== undefined && body.target !== null && body.target !== 'production' && body.target !== 'staging' && body.target !== 'preview') {
    throw badRequest('Invalid request: `target` should be "production", "staging" or "preview".');
  }
  if (body.meta !== undefined && (!isObject(body.meta) || Object.values(body.meta).some((v) => typeof v !== 'string'))) {
    throw badRequest('Invalid request: `meta` should map names to strings.');
  }
  let source: { project: ProjectRecord; d: DeploymentRecord };
  try {
    source = findDeployment(ctx, body.deploymentId);
  } catch {
    throw notFound(`The deployment ${body.deploymentId} was not found.`);
  }
  const { project, d: from } = source;
  const now = Date.now();
  const build = ctx.config.deploymentBuild;
  const target = body.target === 'production' ? 'production' : null;
  const created: DeploymentRecord = {
    id: `dpl_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`,
    name: project.name, url: `${project.name}-${randomBytes(5).toString('hex').slice(0, 9)}.vercel.app`,
    projectId: project.id, ownerId: project.accountId, creatorId: ctx.user.id, target,
    createdAt: now, buildingAt: now, readyState: 'QUEUED', meta: { ...from.meta, ...(body.meta as Record<string, string> | undefined) },
    buildMs: build.ms, outcome: build.outcome,
  };
  (project.deployments ??= []).push(created);
  return ok(deploymentView(created, ctx.state, project));
}

