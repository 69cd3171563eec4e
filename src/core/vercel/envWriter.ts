import type { JsonApi } from '../http/jsonApi';
import { asObject, optStr } from '../json';
import { assertNoProblem } from '../validation/problems';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from './envRules';
import { parseEnvVar, scopeQuery, type EnvTarget, type EnvType, type EnvVar, type Scope } from './models';

/** A variable to create. `secret` and `system` cannot be created any more. */
export interface NewEnvVar {
  readonly key: string;
  readonly value: string;
  readonly type: Exclude<EnvType, 'system' | 'secret'>;
  readonly targets: readonly EnvTarget[];
  /** The custom environments (`env_…` ids) it applies to as well; `targets` may then be empty. */
  readonly customEnvironmentIds?: readonly string[];
  readonly gitBranch?: string;
  readonly comment?: string;
}

/** Fields to change; absent fields stay as they are. */
export interface EnvPatch {
  readonly key?: string;
  readonly value?: string;
  readonly type?: Exclude<EnvType, 'system' | 'secret'>;
  readonly targets?: readonly EnvTarget[];
  /** Sent with `targets`: the custom environments it keeps (or moves to). */
  readonly customEnvironmentIds?: readonly string[];
  readonly gitBranch?: string | null;
  readonly comment?: string;
}

/** A decrypted read: `value` is absent for write-only (sensitive) variables. */
export interface EnvValue {
  readonly value: string | undefined;
  readonly decrypted: boolean;
}

/** What a batch create did: the variables created, and each refusal. */
export interface BatchResult {
  readonly created: readonly EnvVar[];
  readonly failed: ReadonlyArray<{ readonly key?: string; readonly code?: string; readonly message?: string }>;
}

export interface EnvMutationTarget {
  readonly scope: Scope;
  readonly projectId: string;
}

/** Environment variable calls beyond listing. One method, one request. */
export class VercelEnvWriter {
  constructor(private readonly api: JsonApi) {}

  /** `POST /v10/projects/{id}/env`; `upsert` overwrites a variable with the same key and targets. */
  async create(at: EnvMutationTarget, env: NewEnvVar, upsert: boolean, signal?: AbortSignal): Promise<EnvVar> {
    // Bad input never leaves the machine: the same rules the prompts show while typing.
    assertNoProblem(keyProblem(env.key), valueProblem(env.value), targetsProblem(env.type, env.targets, env.gitBranch, env.customEnvironmentIds),
      env.comment === undefined ? undefined : commentProblem(env.comment));
    return this.api.tagged(async () => {
      const body = asObject(await this.api.send<unknown>('POST', `${projectPath('v10', at)}/env`,
        { ...scopeQuery(at.scope), upsert: upsert ? 'true' : undefined }, toCreateBody(env), signal), 'the create answer');
      const failed = Array.isArray(body.failed) ? body.failed : [];
      if (failed.length > 0) {
        const error = asObject(asObject(failed[0], 'failed entry').error, 'failed entry error');
        throw this.api.apiError(400, optStr(error, 'code'), optStr(error, 'message'));
      }
      const created = Array.isArray(body.created) ? body.created[0] : body.created;
      return parseEnvVar(created);
    });
  }

  /**
   * `POST /v10/projects/{id}/env` with an array: many variables in one request (each checked
   * first, as `create` does). Resolves to the variables created and, per refused one, its key
   * (when the answer names it), code and message; when none was created the first refusal is
   * thrown as an ApiError, as for `create`.
   */
  async createMany(at: EnvMutationTarget, envs: readonly NewEnvVar[], upsert: boolean, signal?: AbortSignal): Promise<BatchResult> {
    for (const env of envs) {
      assertNoProblem(keyProblem(env.key), valueProblem(env.value), targetsProblem(env.type, env.targets, env.gitBranch, env.customEnvironmentIds),
        env.comment === undefined ? undefined : commentProblem(env.comment));
    }
    return this.api.tagged(async () => {
      const body = asObject(await this.api.send<unknown>('POST', `${projectPath('v10', at)}/env`,
        { ...scopeQuery(at.scope), upsert: upsert ? 'true' : undefined }, envs.map(toCreateBody), signal), 'the create answer');
      const created = Array.isArray(body.created) ? body.created : body.created === undefined ? [] : [body.created];
      const failed = (Array.isArray(body.failed) ? body.failed : []).map((entry) => {
        const error = asObject(asObject(entry, 'failed entry').error, 'failed entry error');
        return { key: optStr(error, 'key'), code: optStr(error, 'code'), message: optStr(error, 'message') };
      });
      return { created: created.map(parseEnvVar), failed };
    });
  }

  /** `GET /v1/projects/{id}/env/{envId}`: the one call that returns a value. */
  async readValue(at: EnvMutationTarget, envId: string, signal?: AbortSignal): Promise<EnvValue> {
    return this.api.tagged(async () => {
      const body = asObject(await this.api.get<unknown>(`${projectPath('v1', at)}/env/${encodeURIComponent(envId)}`, scopeQuery(at.scope), signal), 'the variable');
      const value = typeof body.value === 'string' ? body.value : undefined;
      const type = body.type;
      // Sensitive values never come back: an empty string there means "unreadable", not "empty".
      if (type === 'sensitive' || type === 'system' || value === undefined) return { value: undefined, decrypted: false };
      // An encrypted value that was not decrypted is ciphertext, not the value.
      if ((type === 'encrypted' || type === 'secret') && body.decrypted === false) return { value: undefined, decrypted: false };
      return { value, decrypted: true };
    });
  }

  /** `PATCH /v9/projects/{id}/env/{envId}`. */
  async update(at: EnvMutationTarget, envId: string, patch: EnvPatch, signal?: AbortSignal): Promise<EnvVar> {
    assertNoProblem(
      patch.key === undefined ? undefined : keyProblem(patch.key),
      patch.value === undefined ? undefined : valueProblem(patch.value),
      patch.targets === undefined ? undefined
        : targetsProblem(patch.type ?? 'encrypted', patch.targets, patch.gitBranch ?? undefined, patch.customEnvironmentIds),
      patch.comment === undefined ? undefined : commentProblem(patch.comment));
    return this.api.tagged(async () => {
      const body: Record<string, unknown> = {};
      if (patch.key !== undefined) body.key = patch.key;
      if (patch.value !== undefined) body.value = patch.value;
      if (patch.type !== undefined) body.type = patch.type;
      if (patch.targets !== undefined) body.target = [...patch.targets];
      if (patch.customEnvironmentIds !== undefined) body.customEnvironmentIds = [...patch.customEnvironmentIds];
      if (patch.gitBranch !== undefined) body.gitBranch = patch.gitBranch;
      if (patch.comment !== undefined) body.comment = patch.comment;
      return parseEnvVar(await this.api.send<unknown>('PATCH', `${projectPath('v9', at)}/env/${encodeURIComponent(envId)}`,
        scopeQuery(at.scope), body, signal));
    });
  }

  /** `DELETE /v9/projects/{id}/env/{envId}`. */
  async delete(at: EnvMutationTarget, envId: string, signal?: AbortSignal): Promise<void> {
    return this.api.tagged(async () => {
      await this.api.send<unknown>('DELETE', `${projectPath('v9', at)}/env/${encodeURIComponent(envId)}`,
        scopeQuery(at.scope), undefined, signal);
    });
  }

  /** `DELETE /v1/projects/{id}/env` with `{ids}`: many variables in one request. */
  async deleteMany(at: EnvMutationTarget, ids: readonly string[], signal?: AbortSignal): Promise<number> {
    return this.api.tagged(async () => {
      const body = asObject(await this.api.send<unknown>('DELETE', `${projectPath('v1', at)}/env`,
        scopeQuery(at.scope), { ids: [...ids] }, signal), 'the delete answer');
      return typeof body.deleted === 'number' ? body.deleted : ids.length;
    });
  }
}

function projectPath(version: 'v1' | 'v9' | 'v10', at: EnvMutationTarget): string {
  return `/${version}/projects/${encodeURIComponent(at.projectId)}`;
}

function toCreateBody(env: NewEnvVar): Record<string, unknown> {
  const body: Record<string, unknown> = { key: env.key, value: env.value, type: env.type, target: [...env.targets] };
  if (env.customEnvironmentIds?.length) body.customEnvironmentIds = [...env.customEnvironmentIds];
  if (env.gitBranch) body.gitBranch = env.gitBranch;
  if (env.comment) body.comment = env.comment;
  return body;
}

