/**
 * Project environment variables: list, create (one or a batch, `upsert`), read one,
 * edit, delete one, delete a batch. Rules are in envRules.ts, what values leave in views.ts.
 */
import { randomBytes } from 'node:crypto';
import {
  alreadyExists, asBodyObject, checkCombination, checkComment, checkCustomEnvironmentIds, checkGitBranch,
  checkKey, checkTarget, checkType, checkValue, checkVisibility, findOverlap, rejectUnknownProperties, sameSet,
} from './envRules';
import { badRequest, HttpError, notFound, ok, type ApiContext, type Reply } from '../core/http';
import { isWriteOnly, type EnvRecord, type ProjectRecord } from './state';
import { findProject } from './vercelProjects';
import { envView } from './views';

export function listEnvs(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const decrypt = ctx.query.decrypt;
  if (decrypt !== undefined && decrypt !== 'true' && decrypt !== 'false') {
    throw badRequest('Invalid request: `decrypt` should be one of true, false.');
  }
  const branch = ctx.query.gitBranch || undefined;
  const customEnvId = ctx.query.customEnvironmentId
    || project.customEnvironments.find((c) => c.slug === ctx.query.customEnvironmentSlug)?.id;
  // `target` is not in the spec's parameters, but the official CLI filters with it (`env pull`).
  const target = ctx.query.target || undefined;
  const envs = project.envs
    .filter((e) => target === undefined || (e.target as string[]).includes(target) || e.customEnvironmentIds.includes(target))
    // A branch filter keeps what applies on that branch: its own variables and branch-less ones.
    .filter((e) => branch === undefined || e.gitBranch === undefined || e.gitBranch === branch)
    .filter((e) => !customEnvId || e.customEnvironmentIds.includes(customEnvId));
  // One page holds them all (a project has at most 1000): `next` is null. The SDK's union
  // member for a list is `{envs, pagination}` (its other list member wants `hiddenProductionEnvCount`).
  return ok({
    envs: envs.map((e) => envView(e, decrypt === 'true' ? 'clear' : 'cipher')),
    pagination: { count: envs.length, next: null, prev: null },
  });
}

export function createEnvs(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const upsert = ctx.query.upsert === 'true' || ctx.query.upsert === '1';
  if (ctx.body === undefined) throw badRequest('Invalid request: the body is missing.');
  const batch = Array.isArray(ctx.body);
  const items: unknown[] = batch ? (ctx.body as unknown[]) : [ctx.body];
  if (items.length === 0) throw badRequest('Invalid request: the body should list at least one variable.');
  const created: EnvRecord[] = [];
  const failed: HttpError[] = [];
  for (const item of items) {
    try {
      created.push(createOne(ctx, project, item, upsert));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      failed.push(err);
    }
  }
  // Nothing created: the first failure is the answer, with its own status (403 for a duplicate...).
  if (created.length === 0 && failed[0]) throw failed[0];
  const views = created.map((e) => envView(e, 'cipher'));
  return ok({ created: batch ? views : views[0], failed: failed.map((e) => e.toBody()) }, 201);
}

function createOne(ctx: ApiContext, project: ProjectRecord, raw: unknown, upsert: boolean): EnvRecord {
  const item = asBodyObject(raw);
  const key = checkKey(item.key);
  const value = checkValue(item.value, key);
  const type = checkType(item.type, key);
  const target = checkTarget(item.target, key) ?? [];
  const customEnvironmentIds = checkCustomEnvironmentIds(item.customEnvironmentIds, key, project) ?? [];
  const gitBranch = checkGitBranch(item.gitBranch, key);
  const comment = checkComment(item.comment, key);
  const visibility = checkVisibility(item.visibility, key);
  const draft = { key, type, target, customEnvironmentIds, gitBranch, visibility };
  checkCombination(draft);

  const now = Date.now();
  const overlaps = findOverlap(project, draft);
  const existing = overlaps[0];
  if (existing) {
    if (!upsert) throw alreadyExists(existing, key);
    if (overlaps.length > 1 || !sameSet(existing.target, target) || !sameSet(existing.customEnvironmentIds, customEnvironmentIds)) {
      throw new HttpError(400, 'ENV_CONFLICT',
        `The variable \`${key}\` already exists with other targets (${existing.target.join(', ')}): it cannot be upserted with these.`,
        { key, envVarId: existing.id, target: existing.target });
    }
    refuseSystem(existing);
    Object.assign(existing, { value, type, updatedAt: now, updatedBy: ctx.user.id });
    setOptional(existing, 'comment', comment);
    if (visibility !== undefined) existing.visibility = visibility;
    return existing;
  }
  const env: EnvRecord = {
    id: newEnvId(), key, value, type, target, customEnvironmentIds,
    createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: null,
  };
  setOptional(env, 'gitBranch', gitBranch);
  setOptional(env, 'comment', comment);
  if (visibility !== undefined) env.visibility = visibility;
  project.envs.push(env);
  return env;
}

export function getEnv(ctx: ApiContext): Reply {
  const env = findEnv(findProject(ctx), ctx.params.id);
  // Decrypted where Vercel can; a sensitive (or system) variable comes back with no value at all.
  return ok(envView(env, 'clear', true));
}

const editable = ['key', 'target', 'gitBranch', 'type', 'value', 'customEnvironmentIds', 'comment', 'visibility'] as const;

export function editEnv(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const env = findEnv(project, ctx.params.id);
  const body = asBodyObject(ctx.body);
  rejectUnknownProperties(body, editable);
  refuseSystem(env);
  const key = body.key !== undefined ? checkKey(body.key) : env.key;
  // A sensitive variable's name is fixed: Vercel's CLI never sends `key` when updating one,
  // and renaming would let a write-only value be re-read under a new identity. Our code.
  if (env.type === 'sensitive' && key !== env.key) {
    throw new HttpError(400, 'ENV_KEY_IMMUTABLE', `The name of the sensitive variable \`${env.key}\` cannot be changed.`, { key: env.key });
  }
  const type = body.type !== undefined ? checkType(body.type, key) : env.type;
  const visibility = body.visibility !== undefined ? checkVisibility(body.visibility, key) : env.visibility;
  refuseReveal(env, type, visibility);
  const value = body.value !== undefined ? checkValue(body.value, key) : env.value;
  const target = body.target !== undefined ? checkTarget(body.target, key) ?? [] : env.target;
  const customEnvironmentIds = body.customEnvironmentIds !== undefined
    ? checkCustomEnvironmentIds(body.customEnvironmentIds, key, project) ?? [] : env.customEnvironmentIds;
  const gitBranch = 'gitBranch' in body ? checkGitBranch(body.gitBranch, key) : env.gitBranch;
  const comment = 'comment' in body ? checkComment(body.comment, key) : env.comment;
  const draft = { key, type, target, customEnvironmentIds, gitBranch, visibility };
  checkCombination(draft);
  const clash = findOverlap(project, draft, env.id)[0];
  if (clash) throw alreadyExists(clash, key);

  Object.assign(env, { key, type, value, target, customEnvironmentIds, updatedAt: Date.now(), updatedBy: ctx.user.id });
  setOptional(env, 'gitBranch', gitBranch);
  setOptional(env, 'comment', comment);
  if (visibility !== undefined) env.visibility = visibility;
  return ok(envView(env, 'cipher'));
}

export function deleteEnv(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const env = findEnv(project, ctx.params.id);
  refuseSystem(env);
  project.envs = project.envs.filter((e) => e !== env);
  return ok(envView(env, 'cipher'));
}

/** Deletes the listed variables of the project; ids it does not have are skipped, and not counted. */
export function batchDeleteEnvs(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const body = asBodyObject(ctx.body);
  rejectUnknownProperties(body, ['ids']);
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 1000 || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('Invalid request: `ids` should be an array of 1 to 1000 strings.');
  }
  const doomed = project.envs.filter((e) => ids.includes(e.id));
  doomed.forEach(refuseSystem);
  project.envs = project.envs.filter((e) => !doomed.includes(e));
  return ok({ deleted: doomed.length, ids: doomed.map((e) => e.id) });
}

function findEnv(project: ProjectRecord, id: string | undefined): EnvRecord {
  const env = project.envs.find((e) => e.id === id);
  if (!env) throw notFound('Environment Variable not found');
  return env;
}

/** Vercel computes system variables: they cannot be edited or deleted. Our code. */
function refuseSystem(env: EnvRecord): void {
  if (env.type === 'system') {
    throw new HttpError(400, 'SYSTEM_ENV_IMMUTABLE', `\`${env.key}\` is a system variable managed by Vercel: it cannot be changed or deleted.`,
      { key: env.key, envVarId: env.id });
  }
}

/**
 * Turning a write-only variable (sensitive, or `visibility: secret`) into a readable one
 * would reveal its value: refused, for sensitive as before and for secret alike. Our code.
 */
function refuseReveal(env: EnvRecord, type: EnvRecord['type'], visibility: EnvRecord['visibility']): void {
  if (env.type === 'sensitive' && type !== 'sensitive') {
    throw new HttpError(400, 'ENV_TYPE_IMMUTABLE', `The sensitive variable \`${env.key}\` cannot be changed to another type.`, { key: env.key });
  }
  if (isWriteOnly(env) && !isWriteOnly({ type, visibility })) {
    throw new HttpError(400, 'ENV_TYPE_IMMUTABLE', `The secret variable \`${env.key}\` cannot be made readable.`, { key: env.key });
  }
}

function setOptional(env: EnvRecord, field: 'gitBranch' | 'comment', value: string | undefined): void {
  if (value === undefined) delete env[field];
  else env[field] = value;
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newEnvId(): string {
  return [...randomBytes(16)].map((b) => idAlphabet[b % idAlphabet.length]).join('');
}
