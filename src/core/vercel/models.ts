import { InvalidResponseError } from '../errors';
import type { Query } from '../http/jsonApi';
import { asObject, optNum, optStr, str, type Json } from '../json';
import { productionOfProject, type Deployment } from './deploymentsModel';

export type { Page } from '../paging';

export type EnvType = 'system' | 'encrypted' | 'plain' | 'sensitive' | 'secret';
export type EnvTarget = 'production' | 'preview' | 'development';

export const envTargets: readonly EnvTarget[] = ['production', 'preview', 'development'];
const envTypes: readonly EnvType[] = ['system', 'encrypted', 'plain', 'sensitive', 'secret'];

export interface VercelUser {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly name?: string;
  readonly defaultTeamId?: string;
}

export interface VercelTeam {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  /** The token may not reach a limited team (SAML, scope-restricted token). */
  readonly limited: boolean;
  /** `on`: the team wants new variables to be sensitive. */
  readonly sensitivePolicy?: string;
}

/** Where a project lives: the user's own account or a team. */
export type Scope =
  | { readonly kind: 'personal' }
  | { readonly kind: 'team'; readonly teamId: string; readonly slug: string; readonly name: string; readonly sensitivePolicy?: string };

export interface VercelProject {
  readonly id: string;
  readonly name: string;
  readonly framework?: string;
  readonly updatedAt?: number;
  /**
   * The project's variables when the list answer carries them (`env[]` of the project objects
   * of `GET /v10/projects`, as the OpenAPI document describes); undefined when it does not
   * (a compatible server) or when one of them is malformed: list them with `listEnvs` then.
   */
  readonly envs?: readonly EnvVar[];
  /** `targets.production`: the deployment serving production; null = none; undefined = the answer did not say. */
  readonly production?: Deployment | null;
}

/** An environment variable as listed. Never carries a value: the tree has no use for one. */
export interface EnvVar {
  readonly id: string;
  readonly key: string;
  readonly type: EnvType;
  readonly targets: readonly EnvTarget[];
  readonly customEnvironmentIds: readonly string[];
  readonly gitBranch?: string;
  readonly comment?: string;
  /** Vercel's newer model: `secret` = write-only whatever the type (a sensitive one is write-only anyway). */
  readonly visibility?: 'config' | 'secret';
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** Whether nobody can read the value back: sensitive, or marked `visibility: secret`. */
export function isWriteOnly(env: Pick<EnvVar, 'type' | 'visibility'>): boolean {
  return env.type === 'sensitive' || env.visibility === 'secret';
}

// --- Parsing: the API's answers are checked, so a wrong shape is an error and never an empty list.

export function parseUser(body: unknown): VercelUser {
  const user = asObject(asObject(body, 'the user answer').user, 'user');
  return {
    id: str(user, 'id', 'user'),
    username: str(user, 'username', 'user'),
    email: optStr(user, 'email') ?? '',
    name: optStr(user, 'name'),
    defaultTeamId: optStr(user, 'defaultTeamId'),
  };
}

export function parseTeam(value: unknown): VercelTeam {
  const team = asObject(value, 'team');
  return {
    id: str(team, 'id', 'team'),
    slug: str(team, 'slug', 'team'),
    name: optStr(team, 'name') ?? str(team, 'slug', 'team'),
    limited: team.limited === true,
    sensitivePolicy: optStr(team, 'sensitiveEnvironmentVariablePolicy'),
  };
}

export function parseProject(value: unknown): VercelProject {
  const project = asObject(value, 'project');
  return {
    id: str(project, 'id', 'project'),
    name: str(project, 'name', 'project'),
    framework: optStr(project, 'framework'),
    updatedAt: optNum(project, 'updatedAt'),
    ...(Array.isArray(project.env) ? optionalEnvs(project.env) : {}),
    production: productionOrUnknown(project),
  };
}

/** The `env[]` of a project object; nothing when one is malformed (the project itself still lists). */
function optionalEnvs(raw: readonly unknown[]): { envs?: EnvVar[] } {
  try {
    return { envs: raw.map(parseEnvVar) };
  } catch (err) {
    if (err instanceof InvalidResponseError) return {};
    throw err;
  }
}

/** A malformed `targets` must not cost the project list: the deployment is then asked for (deploymentsModel.ts). */
function productionOrUnknown(project: Json): Deployment | null | undefined {
  try {
    return productionOfProject(project);
  } catch {
    return undefined;
  }
}

export function parseEnvVar(value: unknown): EnvVar {
  const env = asObject(value, 'environment variable');
  const key = str(env, 'key', 'environment variable');
  const type = env.type;
  if (typeof type !== 'string' || !envTypes.includes(type as EnvType)) {
    throw new InvalidResponseError(`environment variable ${key} has an unknown type.`);
  }
  const rawTarget = env.target;
  const targetList = Array.isArray(rawTarget) ? rawTarget : rawTarget === undefined ? [] : [rawTarget];
  const targets = envTargets.filter((t) => targetList.includes(t));
  const customEnvironmentIds = Array.isArray(env.customEnvironmentIds)
    ? env.customEnvironmentIds.filter((id): id is string => typeof id === 'string') : [];
  return {
    id: str(env, 'id', `environment variable ${key}`),
    key,
    type: type as EnvType,
    targets,
    customEnvironmentIds,
    gitBranch: optStr(env, 'gitBranch'),
    comment: optStr(env, 'comment'),
    ...(env.visibility === 'config' || env.visibility === 'secret' ? { visibility: env.visibility } : {}),
    createdAt: optNum(env, 'createdAt'),
    updatedAt: optNum(env, 'updatedAt'),
  };
}

/** `pagination.next` as a string cursor (a ms timestamp or a continuation token), or undefined at the end. */
export function parseNext(body: Json, what: string): string | undefined {
  if (body.pagination === undefined) return undefined;
  const pagination = asObject(body.pagination, `${what} pagination`);
  const next = pagination.next;
  if (next === null || next === undefined) return undefined;
  if (typeof next === 'number' || (typeof next === 'string' && next !== '')) return String(next);
  throw new InvalidResponseError(`${what} pagination has an invalid next cursor.`);
}

/** Team calls carry `teamId`; personal calls carry nothing. */
export function scopeQuery(scope: Scope): Query {
  return scope.kind === 'team' ? { teamId: scope.teamId } : {};
}
