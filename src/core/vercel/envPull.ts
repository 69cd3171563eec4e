import { InvalidResponseError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { asObject } from '../json';
import { scopeQuery, type EnvTarget, type Scope } from './models';

/**
 * Where a pull reads from: a standard environment, or a custom one (by its id), and for
 * Preview (or a custom environment built like it) optionally a git branch, whose own values
 * override the general ones.
 */
export interface PullSource {
  readonly target: EnvTarget | { readonly customEnvironmentId: string };
  readonly gitBranch?: string;
}

/**
 * Every variable of one environment with its value, in one request:
 * `GET /v3/env/pull/{projectId}/{target}[/{gitBranch}]` (what the official CLI's `env pull`
 * reads; undocumented, see /work/shared/notes: `{env: {KEY: value}}`). Write-only
 * (sensitive) variables come back as "" — Vercel never holds an empty value, so "" always
 * means "not returned". The answer holds secrets: never log it.
 * @returns name → value, in the answer's order
 * @throws ApiError, NetworkError, InvalidResponseError (not an object of strings)
 */
export async function pullEnv(api: JsonApi, scope: Scope, projectId: string, source: PullSource, signal?: AbortSignal): Promise<Map<string, string>> {
  const target = typeof source.target === 'string' ? source.target : source.target.customEnvironmentId;
  const branch = source.gitBranch ? `/${encodeURIComponent(source.gitBranch)}` : '';
  const body = asObject(
    await api.get<unknown>(`/v3/env/pull/${encodeURIComponent(projectId)}/${encodeURIComponent(target)}${branch}`, scopeQuery(scope), signal),
    'the pull answer');
  const env = asObject(body.env, 'env');
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    // Names only in the message: a value is a secret.
    if (typeof value !== 'string') throw new InvalidResponseError(`the pull answer's ${name} is not a string.`);
    values.set(name, value);
  }
  return values;
}
