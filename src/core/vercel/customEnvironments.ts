import { ApiError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { asArray, asObject, optNum, optStr, str } from '../json';
import { envTargets, scopeQuery, type EnvTarget, type Scope } from './models';

/** How a custom environment picks git branches (`branchMatcher`), as in the OpenAPI document. */
export interface BranchMatcher {
  readonly type: 'equals' | 'startsWith' | 'endsWith';
  readonly pattern: string;
}

/**
 * A project's custom environment ("staging"): variables reach it through their
 * `customEnvironmentIds`. `type` is the standard environment it is built like.
 * Shape of `GET /v9/projects/{idOrName}/custom-environments` → `environments[]`.
 */
export interface CustomEnvironment {
  /** `env_…` */
  readonly id: string;
  readonly slug: string;
  readonly type: EnvTarget;
  readonly description?: string;
  readonly branchMatcher?: BranchMatcher;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

const matcherTypes: readonly BranchMatcher['type'][] = ['equals', 'startsWith', 'endsWith'];

/** Checks one `environments[]` item; an unknown `type` reads as `preview` (what custom environments are built like by default). */
export function parseCustomEnvironment(value: unknown): CustomEnvironment {
  const env = asObject(value, 'custom environment');
  const slug = str(env, 'slug', 'custom environment');
  const type = envTargets.find((t) => t === env.type) ?? 'preview';
  let branchMatcher: BranchMatcher | undefined;
  if (env.branchMatcher !== undefined && env.branchMatcher !== null) {
    const m = asObject(env.branchMatcher, `custom environment ${slug} branchMatcher`);
    const matcherType = matcherTypes.find((t) => t === m.type);
    const pattern = optStr(m, 'pattern');
    if (matcherType && pattern !== undefined) branchMatcher = { type: matcherType, pattern };
  }
  return {
    id: str(env, 'id', `custom environment ${slug}`),
    slug,
    type,
    description: optStr(env, 'description'),
    branchMatcher,
    createdAt: optNum(env, 'createdAt'),
    updatedAt: optNum(env, 'updatedAt'),
  };
}

/**
 * A project's custom environments, in the API's order. One request:
 * `GET /v9/projects/{idOrName}/custom-environments`. A 404 means the project has none
 * (the API answers so for plans without them), so it gives `[]`; a missing project is
 * reported by the variables list read beside it.
 * @throws ApiError (other statuses), NetworkError, InvalidResponseError
 */
export async function listCustomEnvironments(api: JsonApi, scope: Scope, projectId: string, signal?: AbortSignal): Promise<CustomEnvironment[]> {
  try {
    const body = asObject(
      await api.get<unknown>(`/v9/projects/${encodeURIComponent(projectId)}/custom-environments`, scopeQuery(scope), signal),
      'the custom environments answer');
    return asArray(body.environments ?? [], 'environments').map(parseCustomEnvironment);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

/** "branch equals main", "branch starts with release/": for rows and dialogs. */
export function branchMatcherText(m: BranchMatcher): string {
  const verb = m.type === 'equals' ? 'is' : m.type === 'startsWith' ? 'starts with' : 'ends with';
  return `branch ${verb} ${m.pattern}`;
}
