/**
 * Team shared environment variables: one value linked to many projects of a team (`/v1/env`).
 * The OpenAPI subset does not have these operations, so the shapes follow the generated models
 * of `@vercel/sdk` 1.28 (listSharedEnvVariable, createSharedEnvVariable, updateSharedEnvVariable,
 * deleteSharedEnvVariable, getSharedEnvVar, unlinkSharedEnvVariable), which the emulator is
 * tested against (emulator/test/sdk.test.ts). One method, one request (or one page).
 */
import { InvalidResponseError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { asArray, asObject, optNum, optStr, str, type Json } from '../json';
import { collectPages } from '../paging';
import { assertNoProblem } from '../validation/problems';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from './envRules';
import { envTargets, parseNext, scopeQuery, type EnvTarget, type Page, type Scope } from './models';

/** The types a shared variable can be created with. */
export type SharedEnvType = 'encrypted' | 'sensitive';

/** A shared variable as listed (`data[]` of `GET /v1/env`). Never carries a value. */
export interface SharedEnvVar {
  /** `env_…` */
  readonly id: string;
  readonly key: string;
  /** `encrypted` or `sensitive` (the API's model also allows `plain` and `system`). */
  readonly type: string;
  readonly targets: readonly EnvTarget[];
  /** The linked projects' ids. */
  readonly projectIds: readonly string[];
  readonly comment?: string;
  /** Milliseconds. */
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** One refusal of a batch answer (`failed[].error`): the key or id it is about, and why. */
export interface SharedEnvFailure {
  readonly key?: string;
  readonly id?: string;
  readonly code?: string;
  readonly message?: string;
}

/** What to create: several keys sharing one type, environments and linked projects. */
export interface NewSharedEnvVars {
  readonly vars: ReadonlyArray<{ readonly key: string; readonly value: string; readonly comment?: string }>;
  readonly type: SharedEnvType;
  readonly targets: readonly EnvTarget[];
  readonly projectIds?: readonly string[];
}

/** Changes to one variable; absent fields stay. `link`/`unlink` add or remove project ids. */
export interface SharedEnvPatch {
  readonly key?: string;
  readonly value?: string;
  readonly type?: SharedEnvType;
  readonly targets?: readonly EnvTarget[];
  readonly comment?: string;
  readonly link?: readonly string[];
  readonly unlink?: readonly string[];
}

/** The most one create carries (the API's limit on `evs`). */
export const maxSharedBatch = 50;
/** Page size asked of `GET /v1/env` (the emulator's default and maximum; Vercel documents none). */
export const sharedPageSize = 100;

export class SharedEnvClient {
  constructor(private readonly api: JsonApi) {}

  /**
   * One page of a team's shared variables, newest first: `GET /v1/env?limit=100[&until][&projectId]`.
   * `projectId` keeps those linked to that project. Pass `page.next` back as `until`.
   * @throws InputError (not a team), ApiError, NetworkError, InvalidResponseError
   */
  async list(scope: Scope, until?: string, filter: { readonly projectId?: string } = {}, signal?: AbortSignal): Promise<Page<SharedEnvVar>> {
    const query = { ...teamQuery(scope), limit: sharedPageSize, until, projectId: filter.projectId };
    return this.api.tagged(async () => {
      const body = asObject(await this.api.get<unknown>('/v1/env', query, signal), 'the shared variables answer');
      return { items: asArray(body.data, 'data').map(parseSharedEnvVar), next: parseNext(body, 'shared variables') };
    });
  }

  /** Every page of `list` (at most 50 pages). */
  listAll(scope: Scope, filter: { readonly projectId?: string } = {}, signal?: AbortSignal): Promise<SharedEnvVar[]> {
    return collectPages((until) => this.list(scope, until, filter, signal), 50, 'shared variables');
  }

  /**
   * Creates up to 50 variables in one `POST /v1/env` `{evs, type, target, projectId}` → 201
   * `{created, failed}`: each key the API refused is in `failed` with its code; the others are
   * created. When every key fails the API answers the first failure as an error (ApiError).
   * @throws InputError (checked before any request: a bad key, value, duplicate key, environment), ApiError, NetworkError
   */
  async create(scope: Scope, input: NewSharedEnvVars, signal?: AbortSignal): Promise<{ created: SharedEnvVar[]; failed: SharedEnvFailure[] }> {
    const query = teamQuery(scope);
    assertNoProblem(newVarsProblem(input));
    const body = {
      evs: input.vars.map((v) => ({ key: v.key, value: v.value, ...(v.comment ? { comment: v.comment } : {}) })),
      type: input.type, target: [...input.targets], ...(input.projectIds?.length ? { projectId: [...input.projectIds] } : {}),
    };
    return this.api.tagged(async () => {
      const answer = asObject(await this.api.send<unknown>('POST', '/v1/env', query, body, signal), 'the create answer');
      return { created: asArray(answer.created, 'created').map(parseSharedEnvVar), failed: parseFailures(answer.failed) };
    });
  }

  /**
   * Changes several variables in one `PATCH /v1/env` `{updates:{<id>:{key?, value?, target?, type?,
   * comment?, projectIdUpdates?:{link?, unlink?}}}}` → `{updated, failed}` (each refused id in `failed`).
   * @throws InputError (a bad key or value before any request), ApiError, NetworkError, InvalidResponseError
   */
  async update(scope: Scope, updates: Readonly<Record<string, SharedEnvPatch>>, signal?: AbortSignal): Promise<{ updated: SharedEnvVar[]; failed: SharedEnvFailure[] }> {
    const query = teamQuery(scope);
    const entries = Object.entries(updates);
    assertNoProblem(entries.length === 0 ? 'Choose a shared variable to change.' : undefined,
      ...entries.flatMap(([, p]) => [p.key === undefined ? undefined : keyProblem(p.key), p.value === undefined ? undefined : valueProblem(p.value),
        p.comment === undefined ? undefined : commentProblem(p.comment),
        p.targets === undefined ? undefined : targetsProblem(p.type ?? 'encrypted', p.targets)]));
    const body = { updates: Object.fromEntries(entries.map(([id, p]) => [id, toUpdate(p)])) };
    return this.api.tagged(async () => {
      const answer = asObject(await this.api.send<unknown>('PATCH', '/v1/env', query, body, signal), 'the update answer');
      return { updated: asArray(answer.updated, 'updated').map(parseSharedEnvVar), failed: parseFailures(answer.failed) };
    });
  }

  /**
   * Deletes variables in one `DELETE /v1/env` `{ids}` → `{deleted: ids[], failed}`.
   * @throws InputError (no ids), ApiError, NetworkError, InvalidResponseError
   */
  async delete(scope: Scope, ids: readonly string[], signal?: AbortSignal): Promise<{ deleted: string[]; failed: SharedEnvFailure[] }> {
    const query = teamQuery(scope);
    assertNoProblem(ids.length === 0 ? 'Choose the shared variables to delete.' : undefined);
    return this.api.tagged(async () => {
      const answer = asObject(await this.api.send<unknown>('DELETE', '/v1/env', query, { ids: [...ids] }, signal), 'the delete answer');
      const deleted = asArray(answer.deleted, 'deleted');
      if (deleted.some((id) => typeof id !== 'string')) throw new InvalidResponseError('the delete answer lists an id that is not a string.');
      return { deleted: deleted as string[], failed: parseFailures(answer.failed) };
    });
  }

  /**
   * One variable's value: `GET /v1/env/{id}`. `value` is undefined for a sensitive variable
   * (Vercel never returns it). The value is a secret: never log or show it.
   * @throws ApiError (404 gone, 403 step-up: ApiError.stepUpRequired), NetworkError, InvalidResponseError
   */
  async readValue(scope: Scope, id: string, signal?: AbortSignal): Promise<{ value: string | undefined; decrypted: boolean }> {
    const query = teamQuery(scope);
    return this.api.tagged(async () => {
      const body = asObject(await this.api.get<unknown>(`/v1/env/${encodeURIComponent(id)}`, query, signal), 'the shared variable');
      const value = typeof body.value === 'string' && body.type !== 'sensitive' ? body.value : undefined;
      return { value, decrypted: body.decrypted === true };
    });
  }

  /**
   * Unlinks one project: `PATCH /v1/env/{id}/unlink/{projectId}` → `{id}` (must be this id).
   * @throws ApiError (404: not linked or gone), NetworkError, InvalidResponseError
   */
  async unlink(scope: Scope, id: string, projectId: string, signal?: AbortSignal): Promise<void> {
    const query = teamQuery(scope);
    await this.api.tagged(async () => {
      const body = asObject(await this.api.send<unknown>('PATCH', `/v1/env/${encodeURIComponent(id)}/unlink/${encodeURIComponent(projectId)}`,
        query, undefined, signal), 'the unlink answer');
      if (str(body, 'id', 'the unlink answer') !== id) throw new InvalidResponseError(`the unlink answer names another variable than ${id}.`);
    });
  }
}

/** The first problem with a create, or undefined: 1..50 keys, each valid and unique, values, environments. */
export function newVarsProblem(input: NewSharedEnvVars): string | undefined {
  if (input.vars.length === 0) return 'Add at least one variable.';
  if (input.vars.length > maxSharedBatch) return `At most ${maxSharedBatch} variables can be added at once; this is ${input.vars.length}.`;
  const seen = new Set<string>();
  for (const v of input.vars) {
    const problem = keyProblem(v.key) ?? valueProblem(v.value) ?? (v.comment ? commentProblem(v.comment) : undefined);
    if (problem) return `${v.key || 'A variable'}: ${problem}`;
    if (seen.has(v.key)) return `${v.key} is listed twice.`;
    seen.add(v.key);
  }
  return targetsProblem(input.type, input.targets);
}

/** Checks one record of a list or write answer; unknown environments are left out. */
export function parseSharedEnvVar(value: unknown): SharedEnvVar {
  const env = asObject(value, 'shared variable');
  const key = str(env, 'key', 'shared variable');
  const targets = Array.isArray(env.target) ? envTargets.filter((t) => (env.target as unknown[]).includes(t)) : [];
  const projectIds = Array.isArray(env.projectId) ? env.projectId.filter((p): p is string => typeof p === 'string') : [];
  return {
    id: str(env, 'id', `shared variable ${key}`), key, type: optStr(env, 'type') ?? 'encrypted', targets, projectIds,
    comment: optStr(env, 'comment'), createdAt: optNum(env, 'createdAt'), updatedAt: optNum(env, 'updatedAt'),
  };
}

function parseFailures(value: unknown): SharedEnvFailure[] {
  if (value === undefined) return [];
  return asArray(value, 'failed').map((entry) => {
    const error: Json = asObject(asObject(entry, 'failed entry').error, 'failed entry error');
    return { key: optStr(error, 'key') ?? optStr(error, 'envVarKey'), id: optStr(error, 'envVarId'), code: optStr(error, 'code'), message: optStr(error, 'message') };
  });
}

function toUpdate(p: SharedEnvPatch): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  if (p.key !== undefined) update.key = p.key;
  if (p.value !== undefined) update.value = p.value;
  if (p.type !== undefined) update.type = p.type;
  if (p.targets !== undefined) update.target = [...p.targets];
  if (p.comment !== undefined) update.comment = p.comment;
  if (p.link?.length || p.unlink?.length) {
    update.projectIdUpdates = { ...(p.link?.length ? { link: [...p.link] } : {}), ...(p.unlink?.length ? { unlink: [...p.unlink] } : {}) };
  }
  return update;
}

/** Shared variables belong to teams: a personal scope is refused before any request. */
function teamQuery(scope: Scope): ReturnType<typeof scopeQuery> {
  assertNoProblem(scope.kind === 'team' ? undefined : 'Shared variables belong to teams: pick a team.');
  return scopeQuery(scope);
}

/** "SENTRY_DSN: A shared variable named SENTRY_DSN already exists…" for a message listing each failure. */
export function describeFailure(failure: SharedEnvFailure, name?: string): string {
  const what = name ?? failure.key ?? failure.id ?? 'a variable';
  return `${what}: ${failure.message ?? failure.code ?? 'refused'}${failure.code && failure.message ? ` (${failure.code})` : ''}`;
}
