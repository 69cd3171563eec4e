/**
 * A project's custom environments ("staging"): list (`?gitBranch`), create (`copyEnvVarsFrom`),
 * read, edit and remove one. The OpenAPI subset describes only the list; the other four follow
 * the official SDK's models (createCustomEnvironment, getCustomEnvironment,
 * updateCustomEnvironment, removeCustomEnvironment), which emulator/test/sdk.test.ts parses
 * every answer with.
 */
import { randomBytes } from 'node:crypto';
import { badRequest, HttpError, isObject, notFound, ok, type ApiContext, type Reply } from '../core/http';
import { asBodyObject, rejectUnknownProperties } from './envRules';
import { envTargets, type CustomEnvironmentRecord, type EnvTarget, type ProjectRecord } from './state';
import { findProject } from './vercelProjects';

/** Custom environments per project (Vercel's Enterprise allowance; Pro has fewer). Beyond it: 402. */
export const customEnvironmentLimit = 12;
export const maxSlugLength = 32;
const matcherTypes = ['equals', 'startsWith', 'endsWith'] as const;
type BranchMatcher = NonNullable<CustomEnvironmentRecord['branchMatcher']>;

/** The answer's shape for one environment (the list items and the single reads alike). */
export function customEnvironmentView(c: CustomEnvironmentRecord): Record<string, unknown> {
  return {
    id: c.id, slug: c.slug, type: c.type, createdAt: c.createdAt, updatedAt: c.updatedAt,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.branchMatcher !== undefined ? { branchMatcher: { ...c.branchMatcher } } : {}),
    domains: [],
    currentDeploymentAliases: [],
  };
}

/** Whether a git branch deploys to this environment. */
export function matchesBranch(m: BranchMatcher | undefined, branch: string): boolean {
  if (!m) return false;
  return m.type === 'equals' ? branch === m.pattern : m.type === 'startsWith' ? branch.startsWith(m.pattern) : branch.endsWith(m.pattern);
}

/** `GET /v9/projects/{idOrName}/custom-environments[?gitBranch]`: with a branch, the environments it deploys to. */
export function listCustomEnvironments(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const branch = ctx.query.gitBranch || undefined;
  const environments = project.customEnvironments.filter((c) => branch === undefined || matchesBranch(c.branchMatcher, branch));
  return ok({ accountLimit: { total: customEnvironmentLimit }, environments: environments.map(customEnvironmentView) });
}

export function getCustomEnvironment(ctx: ApiContext): Reply {
  return ok(customEnvironmentView(findCustomEnvironment(findProject(ctx), ctx.params.environmentSlugOrId)));
}

/**
 * `POST`: `{slug, description?, branchMatcher?, copyEnvVarsFrom?}` → 201 and the environment.
 * `copyEnvVarsFrom` names a standard environment (`production`, `preview`, `development`) or a
 * custom one (slug or id): its variables (those for every branch; a branch's own Preview value
 * stays with Preview) then also apply to the new environment, which their
 * `customEnvironmentIds` now list.
 */
export function createCustomEnvironment(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const body = asBodyObject(ctx.body ?? {});
  rejectUnknownProperties(body, ['slug', 'description', 'branchMatcher', 'copyEnvVarsFrom']);
  const slug = checkSlug(body.slug, project);
  const description = checkDescription(body.description);
  const branchMatcher = checkBranchMatcher(body.branchMatcher) ?? undefined;
  let copyFrom: ((env: ProjectRecord['envs'][number]) => boolean) | undefined;
  if (body.copyEnvVarsFrom !== undefined && body.copyEnvVarsFrom !== '') {
    if (typeof body.copyEnvVarsFrom !== 'string') throw badRequest('Invalid request: `copyEnvVarsFrom` should be a string.');
    const from = body.copyEnvVarsFrom;
    const standard = envTargets.find((t) => t === from.toLowerCase());
    const custom = standard ? undefined : project.customEnvironments.find((c) => c.id === from || c.slug === from);
    if (!standard && !custom) {
      throw badRequest(`Invalid request: \`copyEnvVarsFrom\` should be production, preview, development or a custom environment of the project, not ${from}.`);
    }
    copyFrom = (e) => e.type !== 'system' && e.gitBranch === undefined
      && (standard ? e.target.includes(standard) : e.customEnvironmentIds.includes(custom!.id));
  }
  if (project.customEnvironments.length >= customEnvironmentLimit) {
    throw new HttpError(402, 'custom_environments_limit_reached',
      `This project already has ${customEnvironmentLimit} custom environments, the most your plan allows.`);
  }
  const now = Date.now();
  const created: CustomEnvironmentRecord = { id: `env_${newId()}`, slug, type: 'preview', createdAt: now, updatedAt: now };
  if (description !== undefined) created.description = description;
  if (branchMatcher !== undefined) created.branchMatcher = branchMatcher;
  project.customEnvironments.push(created);
  if (copyFrom) {
    for (const env of project.envs.filter(copyFrom)) env.customEnvironmentIds.push(created.id);
  }
  return ok(customEnvironmentView(created), 201);
}

/** `PATCH`: `{slug?, description?, branchMatcher? (null removes it)}`. */
export function updateCustomEnvironment(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const env = findCustomEnvironment(project, ctx.params.environmentSlugOrId);
  const body = asBodyObject(ctx.body ?? {});
  rejectUnknownProperties(body, ['slug', 'description', 'branchMatcher']);
  const slug = body.slug !== undefined ? checkSlug(body.slug, project, env.id) : env.slug;
  const description = 'description' in body ? checkDescription(body.description) : env.description;
  const branchMatcher = 'branchMatcher' in body ? checkBranchMatcher(body.branchMatcher) : env.branchMatcher;
  env.slug = slug;
  if (description === undefined || description === '') delete env.description;
  else env.description = description;
  if (branchMatcher === undefined || branchMatcher === null) delete env.branchMatcher;
  else env.branchMatcher = branchMatcher;
  env.updatedAt = Date.now();
  return ok(customEnvironmentView(env));
}

/**
 * `DELETE` with `{deleteUnassignedEnvironmentVariables?}`: the environment leaves every
 * variable's `customEnvironmentIds`; variables left with no environment at all are deleted
 * when asked, and otherwise stay, unassigned (as in the dashboard).
 */
export function removeCustomEnvironment(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const env = findCustomEnvironment(project, ctx.params.environmentSlugOrId);
  const body = ctx.body === undefined ? {} : asBodyObject(ctx.body);
  rejectUnknownProperties(body, ['deleteUnassignedEnvironmentVariables']);
  const flag = body.deleteUnassignedEnvironmentVariables;
  if (flag !== undefined && typeof flag !== 'boolean') {
    throw badRequest('Invalid request: `deleteUnassignedEnvironmentVariables` should be a boolean.');
  }
  project.customEnvironments = project.customEnvironments.filter((c) => c !== env);
  const now = Date.now();
  for (const variable of project.envs) {
    if (!variable.customEnvironmentIds.includes(env.id)) continue;
    variable.customEnvironmentIds = variable.customEnvironmentIds.filter((id) => id !== env.id);
    variable.updatedAt = now;
  }
  if (flag === true) {
    project.envs = project.envs.filter((v) => v.target.length > 0 || v.customEnvironmentIds.length > 0);
  }
  return ok(customEnvironmentView(env));
}

function findCustomEnvironment(project: ProjectRecord, slugOrId: string | undefined): CustomEnvironmentRecord {
  const env = project.customEnvironments.find((c) => c.id === slugOrId || c.slug === slugOrId);
  if (!env) throw notFound('Custom environment not found');
  return env;
}

/**
 * The document says only that a custom environment "must not be named 'Production' or
 * 'Preview'"; Development is reserved likewise. The rest is our rule, as the dashboard
 * shapes names: lowercase letters, digits and hyphens, from a letter or digit, at most 32.
 */
export function checkSlug(slug: unknown, project: ProjectRecord, exceptId?: string): string {
  if (typeof slug !== 'string' || slug === '') throw badRequest('Invalid request: `slug` should be a non-empty string.');
  if (envTargets.includes(slug.toLowerCase() as EnvTarget)) {
    throw badRequest(`Invalid request: a custom environment cannot be named ${slug}.`);
  }
  if (slug.length > maxSlugLength || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    throw badRequest(`Invalid request: \`slug\` should be 1 to ${maxSlugLength} lowercase letters, digits and hyphens, starting with a letter or digit.`);
  }
  if (project.customEnvironments.some((c) => c.slug === slug && c.id !== exceptId)) {
    throw new HttpError(400, 'custom_environment_slug_taken', `A custom environment named ${slug} already exists in this project.`);
  }
  return slug;
}

function checkDescription(description: unknown): string | undefined {
  if (description === undefined || description === null) return undefined;
  if (typeof description !== 'string' || description.length > 256) {
    throw badRequest('Invalid request: `description` should be a string of at most 256 characters.');
  }
  return description;
}

/** undefined: not given; null: removed (PATCH only). */
function checkBranchMatcher(raw: unknown): BranchMatcher | null | undefined {
  if (raw === undefined || raw === null) return raw;
  if (!isObject(raw)) throw badRequest('Invalid request: `branchMatcher` should be an object {type, pattern}.');
  const type = matcherTypes.find((t) => t === raw.type);
  if (!type) throw badRequest(`Invalid request: \`branchMatcher.type\` should be one of ${matcherTypes.join(', ')}.`);
  if (typeof raw.pattern !== 'string' || raw.pattern.trim() === '' || /\s/.test(raw.pattern) || raw.pattern.length > 250) {
    throw badRequest('Invalid request: `branchMatcher.pattern` should be a branch name or part of one (no spaces, at most 250 characters).');
  }
  return { type, pattern: raw.pattern };
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newId(): string {
  return [...randomBytes(16)].map((b) => idAlphabet[b % idAlphabet.length]).join('');
}
