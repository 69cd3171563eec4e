import { ApiError } from '../errors';
import { assertNoProblem } from '../validation/problems';
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

/** What creating one takes: `POST /v9/projects/{idOrName}/custom-environments`. */
export interface NewCustomEnvironment {
  readonly slug: string;
  readonly description?: string;
  readonly branchMatcher?: BranchMatcher;
  /** `production`, `preview`, `development`, or a custom environment's id or slug: its variables then apply to the new one too. */
  readonly copyEnvVarsFrom?: string;
}

/** Fields to change (`PATCH`); `branchMatcher: null` removes it. */
export interface CustomEnvironmentPatch {
  readonly slug?: string;
  readonly description?: string;
  readonly branchMatcher?: BranchMatcher | null;
}

export const maxSlugLength = 32;
const reservedSlugs = ['production', 'preview', 'development'];

/**
 * The problem with a custom environment's name, or undefined. The API document says it "must
 * not be named 'Production' or 'Preview'" (Development likewise); the dashboard keeps names to
 * lowercase letters, digits and hyphens. `taken`: the slugs the project already has.
 */
export function slugProblem(slug: string, taken: readonly string[] = []): string | undefined {
  if (slug.length === 0) return 'Enter a name.';
  if (reservedSlugs.includes(slug.toLowerCase())) return `${slug} is a standard environment: choose another name.`;
  if (slug.length > maxSlugLength) return `The name is too long: ${slug.length} characters; the maximum is ${maxSlugLength}.`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return 'Use lowercase letters, digits and hyphens, starting with a letter or digit.';
  if (taken.includes(slug)) return `The project already has an environment named ${slug}.`;
  return undefined;
}

/** A branch matcher's pattern: a branch name or part of one, no spaces, at most 250 characters. */
export function branchPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'Enter a branch name or part of one.';
  if (/\s/.test(pattern)) return 'A branch name has no spaces.';
  if (pattern.length > 250) return `The pattern is too long: ${pattern.length} characters; the maximum is 250.`;
  return undefined;
}

function path(projectId: string, slugOrId?: string): string {
  const base = `/v9/projects/${encodeURIComponent(projectId)}/custom-environments`;
  return slugOrId === undefined ? base : `${base}/${encodeURIComponent(slugOrId)}`;
}

/** `POST …/custom-environments`: checked first (slugProblem, branchPatternProblem); resolves to the environment created. */
export async function createCustomEnvironment(api: JsonApi, scope: Scope, projectId: string, env: NewCustomEnvironment, signal?: AbortSignal): Promise<CustomEnvironment> {
  assertNoProblem(slugProblem(env.slug), env.branchMatcher && branchPatternProblem(env.branchMatcher.pattern));
  const body: Record<string, unknown> = { slug: env.slug };
  if (env.description) body.description = env.description;
  if (env.branchMatcher) body.branchMatcher = { ...env.branchMatcher };
  if (env.copyEnvVarsFrom) body.copyEnvVarsFrom = env.copyEnvVarsFrom;
  return parseCustomEnvironment(await api.send<unknown>('POST', path(projectId), scopeQuery(scope), body, signal));
}

/** `PATCH …/custom-environments/{id}`: resolves to the environment as changed. */
export async function updateCustomEnvironment(api: JsonApi, scope: Scope, projectId: string, id: string, patch: CustomEnvironmentPatch, signal?: AbortSignal): Promise<CustomEnvironment> {
  assertNoProblem(patch.slug === undefined ? undefined : slugProblem(patch.slug), patch.branchMatcher ? branchPatternProblem(patch.branchMatcher.pattern) : undefined);
  const body: Record<string, unknown> = {};
  if (patch.slug !== undefined) body.slug = patch.slug;
  if (patch.description !== undefined) body.description = patch.description;
  if (patch.branchMatcher !== undefined) body.branchMatcher = patch.branchMatcher === null ? null : { ...patch.branchMatcher };
  return parseCustomEnvironment(await api.send<unknown>('PATCH', path(projectId, id), scopeQuery(scope), body, signal));
}

/**
 * `DELETE …/custom-environments/{id}` with `{deleteUnassignedEnvironmentVariables}`: the
 * environment leaves every variable; with the flag, variables left in no environment go too.
 */
export async function removeCustomEnvironment(api: JsonApi, scope: Scope, projectId: string, id: string, deleteUnassigned: boolean, signal?: AbortSignal): Promise<void> {
  await api.send<unknown>('DELETE', path(projectId, id), scopeQuery(scope), { deleteUnassignedEnvironmentVariables: deleteUnassigned }, signal);
}
