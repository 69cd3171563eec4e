/**
 * Team shared environment variables (one value linked to many projects):
 *
 *   GET    /v1/env                           ?search&projectId&ids&exclude_ids&exclude_projectId&limit&until → {data, pagination}
 *   POST   /v1/env                           {evs:[{key,value,comment?}] (1..50), type?, target[], projectId[]?} → 201 {created, failed}
 *   PATCH  /v1/env                           {updates:{<id>:{key?,value?,target?,type?,comment?,projectId?,projectIdUpdates?}}} → {updated, failed}
 *   DELETE /v1/env                           {ids} → {deleted: ids[], failed}
 *   GET    /v1/env/{id}                      → the variable with its value (never for `sensitive`)
 *   PATCH  /v1/env/{id}/unlink/{projectId}   → {id}
 *
 * The contract: these operations are not in the OpenAPI subset (emulator/openapi), so the
 * shapes follow the generated models of `@vercel/sdk` 1.28 (listSharedEnvVariable,
 * createSharedEnvVariable, updateSharedEnvVariable, deleteSharedEnvVariable, getSharedEnvVar,
 * unlinkSharedEnvVariable), which emulator/test/sdk.test.ts checks every answer against. The
 * SDK's delete answer is `{deleted: string[], failed}` (not `{deleted, ids}` as for project
 * variables). Team scope by `teamId`/`slug`, as elsewhere.
 * Our choices where neither documents one: the list is newest first, `limit` (default and
 * maximum 100) and `until` (a createdAt in ms, from `pagination.next`) page it; a key may exist
 * once per environment in a team (`ENV_ALREADY_EXISTS` per key); a request whose whole shape is
 * wrong (no `evs`, more than 50, an unknown project) is one 400; a create where every key
 * failed answers its first failure, as the project batch create does.
 */
import { badRequest, HttpError, isObject, notFound, ok, type ApiContext, type Reply } from '../core/http';
import { asBodyObject, checkComment, checkKey, checkTarget, checkValue, rejectUnknownProperties, sensitiveDevelopmentCode } from './envRules';
import { sharedEnvId, sharedEnvsOf, type SharedEnvRecord } from './sharedEnvStore';
import { parseLimit, scopeAccountId } from './vercelProjects';

export const sharedPageSize = 100;
export const maxSharedBatch = 50;
const sharedTypes = ['encrypted', 'sensitive'] as const;

export function listSharedEnvs(ctx: ApiContext): Reply {
  const ownerId = scopeAccountId(ctx);
  const q = ctx.query;
  const limit = parseLimit(q.limit, sharedPageSize, sharedPageSize);
  const until = q.until ? Number(q.until) : undefined;
  if (until !== undefined && !Number.isFinite(until)) throw badRequest('Invalid request: `until` should be a number.');
  const csv = (...names: string[]): string[] => names.flatMap((n) => (q[n] ? q[n].split(',').map((s) => s.trim()).filter(Boolean) : []));
  const ids = csv('ids');
  const excludeIds = csv('exclude_ids', 'exclude-ids');
  const excludeProjects = csv('exclude_projectId', 'exclude-projectId');
  const search = q.search?.toLowerCase();
  const all = sharedEnvsOf(ctx.state).envs
    .filter((e) => e.ownerId === ownerId)
    .filter((e) => !search || e.key.toLowerCase().includes(search))
    .filter((e) => !q.projectId || e.projectId.includes(q.projectId))
    .filter((e) => ids.length === 0 || ids.includes(e.id))
    .filter((e) => !excludeIds.includes(e.id))
    .filter((e) => !e.projectId.some((p) => excludeProjects.includes(p)))
    .sort((a, b) => b.createdAt - a.createdAt);
  const rest = all.filter((e) => until === undefined || e.createdAt < until);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const first = page[0];
  return ok({
    data: page.map((e) => sharedView(e, false)),
    pagination: {
      count: page.length,
      next: last && rest.length > page.length ? last.createdAt : null,
      prev: first && all.some((e) => e.createdAt > first.createdAt) ? first.createdAt : null,
    },
  });
}

export function createSharedEnvs(ctx: ApiContext): Reply {
  const ownerId = scopeAccountId(ctx);
  const store = sharedEnvsOf(ctx.state);
  const body = asBodyObject(ctx.body);
  rejectUnknownProperties(body, ['evs', 'type', 'target', 'projectId']);
  const evs = body.evs;
  if (!Array.isArray(evs) || evs.length < 1 || evs.length > maxSharedBatch) {
    throw badRequest(`Invalid request: \`evs\` should be an array of 1 to ${maxSharedBatch} variables.`);
  }
  const type = checkSharedType(body.type ?? 'encrypted');
  const target = checkTarget(body.target, '') ?? [];
  if (target.length === 0) throw new HttpError(400, 'MISSING_TARGET', 'The target is missing: give at least one environment.');
  if (type === 'sensitive' && target.includes('development')) {
    throw new HttpError(400, sensitiveDevelopmentCode, 'Sensitive Environment Variables cannot be created in the Development environment: use production and/or preview.');
  }
  const projectId = checkProjects(ctx, ownerId, body.projectId) ?? [];
  const created: SharedEnvRecord[] = [];
  const failed: HttpError[] = [];
  let at = nextCreatedAt(store.envs);
  for (const raw of evs) {
    try {
      const item = asBodyObject(raw);
      rejectUnknownProperties(item, ['key', 'value', 'comment']);
      const key = checkKey(item.key);
      const value = checkValue(item.value, key);
      const comment = checkComment(item.comment, key);
      const clash = findClash(store.envs, ownerId, key, target);
      if (clash) throw alreadyExists(clash);
      const env: SharedEnvRecord = {
        id: sharedEnvId(`${ownerId}/${key}/${at}/${Math.random()}`), key, value, type, target: [...target], projectId: [...projectId], ownerId,
        ...(comment !== undefined ? { comment } : {}), createdAt: at, updatedAt: at, createdBy: ctx.user.id, updatedBy: null,
      };
      at += 1;
      store.envs.push(env);
      created.push(env);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      failed.push(withKey(err, isObject(raw) ? raw.key : undefined));
    }
  }
  if (created.length === 0 && failed[0]) throw failed[0];
  return ok({ created: created.map((e) => sharedView(e, false)), failed: failed.map((e) => e.toBody()) }, 201);
}

const updatable = ['key', 'value', 'target', 'type', 'comment', 'projectId', 'projectIdUpdates'];

export function updateSharedEnvs(ctx: ApiContext): Reply {
  const ownerId = scopeAccountId(ctx);
  const store = sharedEnvsOf(ctx.state);
  const body = asBodyObject(ctx.body);
  rejectUnknownProperties(body, ['updates']);
  const updates = body.updates;
  if (!isObject(updates) || Object.keys(updates).length === 0) throw badRequest('Invalid request: `updates` should map variable ids to changes.');
  const updated: SharedEnvRecord[] = [];
  const failed: HttpError[] = [];
  for (const [id, raw] of Object.entries(updates)) {
    try {
      const env = store.envs.find((e) => e.id === id && e.ownerId === ownerId);
      if (!env) throw new HttpError(404, 'not_found', `Shared Environment Variable ${id} not found.`);
      updated.push(applyUpdate(ctx, ownerId, store.envs, env, raw));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      failed.push(new HttpError(err.status, err.code, err.message, { ...err.extra, envVarId: id }));
    }
  }
  return ok({ updated: updated.map((e) => sharedView(e, false)), failed: failed.map((e) => e.toBody()) });
}

/** Checks one update whole, then applies it (nothing of a refused update is kept). */
function applyUpdate(ctx: ApiContext, ownerId: string, envs: SharedEnvRecord[], env: SharedEnvRecord, raw: unknown): SharedEnvRecord {
  const change = asBodyObject(raw);
  rejectUnknownProperties(change, updatable);
  const key = change.key !== undefined ? checkKey(change.key) : env.key;
  const value = change.value !== undefined ? checkValue(change.value, key) : env.value;
  const type = change.type !== undefined ? checkSharedType(change.type) : env.type;
  // A write-only value must not become readable (our rule, as for project variables).
  if (env.type === 'sensitive' && type !== 'sensitive') {
    throw new HttpError(400, 'ENV_TYPE_IMMUTABLE', `The sensitive variable \`${env.key}\` cannot be changed to another type.`, { key: env.key });
  }
  const target = change.target !== undefined ? checkTarget(change.target, key) ?? [] : env.target;
  if (target.length === 0) throw new HttpError(400, 'MISSING_TARGET', `The target of ${key} is missing: give at least one environment.`, { key });
  if (type === 'sensitive' && target.includes('development')) {
    throw new HttpError(400, sensitiveDevelopmentCode, 'Sensitive Environment Variables cannot be in the Development environment.', { key });
  }
  const comment = 'comment' in change ? checkComment(change.comment, key) : env.comment;
  let projectId = change.projectId !== undefined ? checkProjects(ctx, ownerId, change.projectId) ?? [] : [...env.projectId];
  if (change.projectIdUpdates !== undefined) {
    const links = asBodyObject(change.projectIdUpdates);
    rejectUnknownProperties(links, ['link', 'unlink']);
    const link = checkProjects(ctx, ownerId, links.link) ?? [];
    const unlink = checkIdList(links.unlink, 'projectIdUpdates.unlink') ?? [];
    projectId = [...projectId.filter((p) => !unlink.includes(p)), ...link.filter((p) => !projectId.includes(p) && !unlink.includes(p))];
  }
  const clash = findClash(envs, ownerId, key, target, env.id);
  if (clash) throw alreadyExists(clash);
  Object.assign(env, { key, value, type, target, projectId, updatedAt: Date.now(), updatedBy: ctx.user.id });
  if (comment === undefined) delete env.comment;
  else env.comment = comment;
  return env;
}

export function deleteSharedEnvs(ctx: ApiContext): Reply {
  const ownerId = scopeAccountId(ctx);
  const store = sharedEnvsOf(ctx.state);
  const body = asBodyObject(ctx.body);
  rejectUnknownProperties(body, ['ids']);
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 1000 || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('Invalid request: `ids` should be an array of 1 to 1000 strings.');
  }
  const doomed = store.envs.filter((e) => e.ownerId === ownerId && ids.includes(e.id));
  store.envs = store.envs.filter((e) => !doomed.includes(e));
  const missing = (ids as string[]).filter((id) => !doomed.some((e) => e.id === id));
  return ok({
    deleted: doomed.map((e) => e.id),
    failed: missing.map((id) => new HttpError(404, 'not_found', `Shared Environment Variable ${id} not found.`, { envVarId: id }).toBody()),
  });
}

export function getSharedEnv(ctx: ApiContext): Reply {
  return ok(sharedView(findShared(ctx), true));
}

export function unlinkSharedEnv(ctx: ApiContext): Reply {
  const env = findShared(ctx);
  const projectId = ctx.params.projectId;
  if (!env.projectId.includes(projectId)) throw notFound(`The shared variable ${env.key} is not linked to project ${projectId}.`);
  env.projectId = env.projectId.filter((p) => p !== projectId);
  env.updatedAt = Date.now();
  env.updatedBy = ctx.user.id;
  return ok({ id: env.id });
}

/**
 * A record as the API shows it (SDK `ListSharedEnvVariableData` / `GetSharedEnvVarResponseBody`):
 * `withValue` only for reading one, and never a sensitive value.
 */
function sharedView(env: SharedEnvRecord, withValue: boolean): Record<string, unknown> {
  const readable = withValue && env.type !== 'sensitive';
  return {
    id: env.id, key: env.key, type: env.type, target: [...env.target], projectId: [...env.projectId], ownerId: env.ownerId,
    applyToAllCustomEnvironments: false, customEnvironmentIds: [],
    ...(env.comment !== undefined ? { comment: env.comment } : {}),
    created: new Date(env.createdAt).toISOString(), createdAt: env.createdAt, updatedAt: env.updatedAt,
    createdBy: env.createdBy, updatedBy: env.updatedBy,
    ...(readable ? { value: env.value } : {}),
    decrypted: readable, securityIssues: [],
  };
}

function findShared(ctx: ApiContext): SharedEnvRecord {
  const ownerId = scopeAccountId(ctx);
  const env = sharedEnvsOf(ctx.state).envs.find((e) => e.id === ctx.params.id && e.ownerId === ownerId);
  if (!env) throw notFound('Shared Environment Variable not found');
  return env;
}

function checkSharedType(type: unknown): SharedEnvRecord['type'] {
  const found = sharedTypes.find((t) => t === type);
  if (!found) throw badRequest(`Invalid request: \`type\` should be one of ${sharedTypes.join(', ')}.`);
  return found;
}

function checkIdList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`Invalid request: \`${name}\` should be an array of strings.`);
  return value as string[];
}

/** Project ids that must all be the owner's projects (a team's variable links only its own projects). */
function checkProjects(ctx: ApiContext, ownerId: string, value: unknown): string[] | undefined {
  const ids = checkIdList(value, 'projectId');
  const unknown = ids?.find((id) => !ctx.state.projects.some((p) => p.id === id && p.accountId === ownerId));
  if (unknown !== undefined) throw new HttpError(400, 'project_not_found', `Project ${unknown} not found in this team.`, { project: unknown });
  return ids && [...new Set(ids)];
}

function findClash(envs: readonly SharedEnvRecord[], ownerId: string, key: string, target: readonly string[], except?: string): SharedEnvRecord | undefined {
  return envs.find((e) => e.id !== except && e.ownerId === ownerId && e.key === key && e.target.some((t) => target.includes(t)));
}

function alreadyExists(existing: SharedEnvRecord): HttpError {
  return new HttpError(400, 'ENV_ALREADY_EXISTS', `A shared variable named ${existing.key} already exists in these environments.`,
    { key: existing.key, envVarId: existing.id, target: existing.target });
}

/** A per-key failure always names its key (the SDK's error model has `key`). */
function withKey(err: HttpError, key: unknown): HttpError {
  if (typeof err.extra.key === 'string' || typeof key !== 'string') return err;
  return new HttpError(err.status, err.code, err.message, { ...err.extra, key });
}

/** Unique, increasing createdAt values, so the `until` cursor is exact. */
function nextCreatedAt(envs: readonly SharedEnvRecord[]): number {
  return Math.max(Date.now(), ...envs.map((e) => e.createdAt + 1));
}
