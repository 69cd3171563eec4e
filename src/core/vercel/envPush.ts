/**
 * The requests of a .env upload to a Vercel project (plan: envPushPlan.ts): reading the
 * readable values once per environment, sending every write in ONE batch request, deleting
 * in ONE batch request, and, when an answer never came (5xx, timeout, connection reset),
 * reading the variables back once to tell per key what happened.
 */
import { ApiError, asNetworkError, isCancellation, requestNotSent } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { asObject, optStr } from '../json';
import { assertNoProblem } from '../validation/problems';
import { keyProblem, maxGitBranchLength, valueProblem } from './envRules';
import type { EnvChange } from './envList';
import type { EnvMutationTarget } from './envWriter';
import { fulfils, type EnvironmentSlot, type PushItem } from './envPushPlan';
import { parseEnvVar, scopeQuery, type EnvVar } from './models';

/** Why one key was not written: Vercel's code and message, or the error of the whole request. */
export interface KeyFailure {
  readonly key: string;
  readonly code?: string;
  readonly message?: string;
  /** The request's own error (every key failed with it), for the caller's wording. */
  readonly error?: unknown;
}

/** What an upload did, per key. */
export interface BatchOutcome {
  /** Keys every item of which was written. */
  readonly written: readonly string[];
  readonly failed: readonly KeyFailure[];
  /** Keys whose write timed out and is not visible yet: the server may still apply it. */
  readonly pending: readonly string[];
  /** What the answer said was written, to patch the list; undefined when it was read back instead. */
  readonly changes: readonly EnvChange[] | undefined;
  /** The error that made the outcome unknown (the state was read back), if any. */
  readonly unknownBecause?: unknown;
}

/** The upload's requests. One method, one request. */
export class VercelEnvPush {
  constructor(private readonly api: JsonApi) {}

  /**
   * Every readable value of one environment (a standard target or a custom environment's id),
   * for the chosen branch: `GET /v3/env/pull/{projectId}/{slot}[/{gitBranch}]` (what the
   * official CLI's `env pull` reads; undocumented). Write-only values come back as "".
   */
  async pullValues(at: EnvMutationTarget, slot: EnvironmentSlot, gitBranch?: string, signal?: AbortSignal): Promise<Record<string, string>> {
    return this.api.tagged(async () => {
      const path = `/v3/env/pull/${encodeURIComponent(at.projectId)}/${encodeURIComponent(slot)}${gitBranch ? `/${encodeURIComponent(gitBranch)}` : ''}`;
      const env = asObject(asObject(await this.api.get<unknown>(path, scopeQuery(at.scope), signal), 'the pulled variables').env ?? {}, 'the pulled variables');
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(env)) if (typeof value === 'string') values[key] = value;
      return values;
    });
  }

  /**
   * `POST /v10/projects/{id}/env?upsert=true` with an array: every item in one request.
   * Each item is checked first (InputError, nothing sent). Resolves to what was created and
   * each refusal with its key. When Vercel refuses them all it answers the first refusal as
   * an error: that ApiError is thrown.
   */
  async upsertMany(at: EnvMutationTarget, items: readonly PushItem[], signal?: AbortSignal): Promise<{ created: EnvVar[]; failed: KeyFailure[] }> {
    for (const item of items) assertNoProblem(itemProblem(item));
    return this.api.tagged(async () => {
      const body = asObject(await this.api.send<unknown>('POST', `/v10/projects/${encodeURIComponent(at.projectId)}/env`,
        { ...scopeQuery(at.scope), upsert: 'true' }, items.map(toBody), signal), 'the create answer');
      const created = Array.isArray(body.created) ? body.created : body.created === undefined ? [] : [body.created];
      const failed = (Array.isArray(body.failed) ? body.failed : []).map((entry): KeyFailure => {
        const error = asObject(asObject(entry, 'failed entry').error, 'failed entry error');
        return { key: optStr(error, 'key') ?? optStr(error, 'envVarKey') ?? '', code: optStr(error, 'code'), message: optStr(error, 'message') };
      });
      return { created: created.map(parseEnvVar), failed };
    });
  }
}

function itemProblem(item: PushItem): string | undefined {
  if (item.targets.length === 0 && item.customEnvironmentIds.length === 0) return `Choose at least one environment for ${item.key}.`;
  if (item.type === 'sensitive' && item.targets.includes('development')) return `${item.key}: sensitive variables cannot target Development.`;
  if (item.gitBranch !== undefined && [...item.gitBranch].length > maxGitBranchLength) return `${item.key}: the branch name is too long.`;
  return keyProblem(item.key) ?? valueProblem(item.value);
}

function toBody(item: PushItem): Record<string, unknown> {
  const body: Record<string, unknown> = { key: item.key, value: item.value, type: item.type };
  if (item.targets.length > 0) body.target = [...item.targets];
  if (item.customEnvironmentIds.length > 0) body.customEnvironmentIds = [...item.customEnvironmentIds];
  if (item.gitBranch) body.gitBranch = item.gitBranch;
  return body;
}

/** A write whose answer never came may have happened: a 5xx, a timeout, a reset connection (not a cancel, not "never sent"). */
export function outcomeUnknown(err: unknown): boolean {
  if (err instanceof ApiError) return err.status >= 500;
  const network = asNetworkError(err);
  return network !== undefined && network.failure !== 'cancelled' && !network.notSent;
}

/** What the push needs of the client: the batch, and a list to read back. */
export interface PushApi {
  readonly push: VercelEnvPush;
  listEnvs(scope: EnvMutationTarget['scope'], projectId: string, signal?: AbortSignal): Promise<EnvVar[]>;
}

/**
 * Sends `items` in one request and says per key what happened. A refusal of the whole
 * request (4xx) fails every key with it. An unknown outcome (5xx, timeout, reset) is read
 * back with one list request: each item is written if the list shows it (`fulfils`).
 * Throws: InputError (an item Vercel would refuse; nothing sent), a NetworkError whose
 * request was never sent (nothing happened: the caller may offer to send again), a
 * cancellation, or — when reading back failed too — `ReadBackError`.
 */
export async function sendBatch(client: PushApi, at: EnvMutationTarget, items: readonly PushItem[], signal?: AbortSignal): Promise<BatchOutcome> {
  const keys = [...new Set(items.map((i) => i.key))];
  if (items.length === 0) return { written: [], failed: [], pending: [], changes: [] };
  try {
    const { created, failed } = await client.push.upsertMany(at, items, signal);
    const done = (item: PushItem) => created.some((env) => matches(env, item));
    const failedKeys = new Set(failed.map((f) => f.key));
    const unexplained = keys.filter((key) => !failedKeys.has(key) && items.some((i) => i.key === key && !done(i)));
    return {
      written: keys.filter((key) => !failedKeys.has(key) && items.filter((i) => i.key === key).every(done)),
      failed: [...failed, ...unexplained.map((key) => ({ key, message: 'Vercel did not confirm it.' }))],
      pending: [],
      changes: created.map((env) => ({ put: env })),
    };
  } catch (err) {
    if (requestNotSent(err) || isCancellation(err)) throw err;
    if (!outcomeUnknown(err)) return { written: [], failed: keys.map((key) => ({ key, error: err })), pending: [], changes: [] };
    let now: EnvVar[];
    try {
      now = await client.listEnvs(at.scope, at.projectId, signal);
    } catch (checkErr) {
      throw new ReadBackError(err, checkErr);
    }
    const done = (item: PushItem) => now.some((env) => fulfils(env, item));
    const written = keys.filter((key) => items.filter((i) => i.key === key).every(done));
    const timedOut = asNetworkError(err)?.failure === 'timeout';
    const missing = keys.filter((key) => !written.includes(key));
    return {
      written,
      failed: timedOut ? [] : missing.map((key) => ({ key, error: err })),
      pending: timedOut ? missing : [],
      changes: undefined,
      unknownBecause: err,
    };
  }
}

/** The answer names the record: same key, environments and branch (an upsert answers the record it updated). */
function matches(env: EnvVar, item: PushItem): boolean {
  return fulfils(env, { ...item, replaces: undefined });
}

/** What a batch delete did: ids gone (answered, or seen gone when read back). */
export interface RemovalOutcome {
  readonly removed: readonly string[];
  /** The request's error when nothing is known to be removed; undefined on success. */
  readonly error?: unknown;
  /** True when the ids were read back (the answer never came). */
  readonly readBack: boolean;
}

/**
 * `DELETE /v1/projects/{id}/env` with `{ids}`: one request. An unknown outcome is read back
 * with one list request. Throws as `sendBatch` does.
 */
export async function sendRemovals(client: PushApi & { envs: { deleteMany(at: EnvMutationTarget, ids: readonly string[], signal?: AbortSignal): Promise<number> } },
  at: EnvMutationTarget, ids: readonly string[], signal?: AbortSignal): Promise<RemovalOutcome> {
  if (ids.length === 0) return { removed: [], readBack: false };
  try {
    await client.envs.deleteMany(at, ids, signal);
    return { removed: ids, readBack: false };
  } catch (err) {
    if (requestNotSent(err) || isCancellation(err)) throw err;
    if (!outcomeUnknown(err)) return { removed: [], error: err, readBack: false };
    let now: EnvVar[];
    try {
      now = await client.listEnvs(at.scope, at.projectId, signal);
    } catch (checkErr) {
      throw new ReadBackError(err, checkErr);
    }
    const removed = ids.filter((id) => !now.some((e) => e.id === id));
    return { removed, error: removed.length < ids.length ? err : undefined, readBack: true };
  }
}

/** A write's outcome was unknown and reading back failed too: nothing is known. */
export class ReadBackError extends Error {
  override readonly name = 'ReadBackError';
  constructor(readonly cause: unknown, readonly checkError: unknown) {
    super('The outcome is unknown and reading it back failed.');
  }
}
