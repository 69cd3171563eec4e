/**
 * Vercel's rules for environment variables, shared by create and edit.
 * Specific rules answer Vercel's own codes (notes/vercel-api-facts.md); shape errors
 * the request schema already forbids (wrong JSON types, unknown enum values,
 * too-long comment) answer `bad_request`, as Vercel does for schema validation.
 */
import { badRequest, HttpError, isObject } from '../core/http';
import type { EnvRecord, EnvTarget, EnvType, EnvVisibility, ProjectRecord } from './state';
import { envTargets, envTypes, envVisibilities } from './state';

/** Names the platform sets itself (Vercel docs, "Reserved Environment Variables"). */
export const reservedKeys: ReadonlySet<string> = new Set([
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'NOW_REGION', 'TZ', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

export const maxKeyLength = 256;
export const maxValueBytes = 64 * 1024;
/** Our choice of code: the facts file names the rule but not Vercel's code for it. */
export const sensitiveDevelopmentCode = 'SENSITIVE_DEVELOPMENT_NOT_ALLOWED';

const rule = (code: string, message: string, extra: Record<string, unknown> = {}): HttpError =>
  new HttpError(400, code, message, extra);

export function checkKey(key: unknown): string {
  if (key === undefined || key === null || key === '') throw rule('MISSING_KEY', 'The `key` of the Environment Variable is missing.');
  if (typeof key !== 'string') throw badRequest('Invalid request: `key` should be string.');
  if (key.length > maxKeyLength) {
    throw rule('KEY_INVALID_LENGTH', `The name of the Environment Variable is too long: the maximum is ${maxKeyLength} characters.`, { key });
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    throw rule('KEY_INVALID_CHARACTERS',
      'The name of the Environment Variable contains invalid characters. Only letters, digits and underscores are allowed, and it must not start with a digit.',
      { key });
  }
  if (reservedKeys.has(key)) throw rule('KEY_RESERVED', `The name ${key} is reserved by the platform.`, { key });
  return key;
}

export function checkValue(value: unknown, key: string): string {
  if (value === undefined || value === null) throw rule('MISSING_VALUE', `The value of ${key} is missing.`, { key });
  if (typeof value !== 'string') throw badRequest('Invalid request: `value` should be string.', { key });
  if (Buffer.byteLength(value, 'utf8') > maxValueBytes) {
    throw rule('VALUE_INVALID_LENGTH', `The value of ${key} is too long: the maximum is 64 KB.`, { key });
  }
  return value;
}

export function checkType(type: unknown, key: string): EnvType {
  if (type === undefined || type === null) throw badRequest('Invalid request: missing required property `type`.', { key });
  if (typeof type !== 'string' || !envTypes.includes(type as EnvType)) {
    throw badRequest(`Invalid request: \`type\` should be one of ${envTypes.join(', ')}.`, { key });
  }
  // Vercel computes system variables itself; nobody creates or turns a variable into one.
  if (type === 'system') throw badRequest('Invalid request: `system` variables are managed by Vercel.', { key });
  return type as EnvType;
}

/**
 * `visibility` (`config` | `secret`): sent by the official CLI on create and edit; the
 * OpenAPI request schemas do not list it yet (contract.ts `acceptedBeyondTheSubset`).
 */
export function checkVisibility(visibility: unknown, key: string): EnvVisibility | undefined {
  if (visibility === undefined || visibility === null) return undefined;
  if (typeof visibility !== 'string' || !envVisibilities.includes(visibility as EnvVisibility)) {
    throw badRequest(`Invalid request: \`visibility\` should be one of ${envVisibilities.join(', ')}.`, { key });
  }
  return visibility as EnvVisibility;
}

/** `undefined` when absent (the caller decides whether that is allowed). */
export function checkTarget(target: unknown, key: string): EnvTarget[] | undefined {
  if (target === undefined || target === null) return undefined;
  // The request schema says array; a single string is taken as Vercel's responses also use that form.
  const list = typeof target === 'string' ? [target] : target;
  if (!Array.isArray(list)) throw badRequest('Invalid request: `target` should be array.', { key });
  for (const t of list) {
    if (typeof t !== 'string' || !envTargets.includes(t as EnvTarget)) {
      throw badRequest(`Invalid request: \`target\` items should be one of ${envTargets.join(', ')}.`, { key });
    }
  }
  return envTargets.filter((t) => list.includes(t));
}

export function checkCustomEnvironmentIds(ids: unknown, key: string, project: ProjectRecord): string[] | undefined {
  if (ids === undefined || ids === null) return undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('Invalid request: `customEnvironmentIds` should be array of strings.', { key });
  }
  for (const id of ids as string[]) {
    if (!project.customEnvironments.some((c) => c.id === id)) {
      throw badRequest(`Invalid request: custom environment ${id} does not exist in this project.`, { key });
    }
  }
  return [...new Set(ids as string[])];
}

/** Characters as JSON Schema's `maxLength` counts them (code points): an emoji is 1, not 2 UTF-16 units. */
function codePoints(text: string): number {
  return [...text].length;
}

export function checkGitBranch(gitBranch: unknown, key: string): string | undefined {
  if (gitBranch === undefined || gitBranch === null || gitBranch === '') return undefined;
  if (typeof gitBranch !== 'string' || codePoints(gitBranch) > 250) {
    throw badRequest('Invalid request: `gitBranch` should be a string of at most 250 characters.', { key });
  }
  return gitBranch;
}

export function checkComment(comment: unknown, key: string): string | undefined {
  if (comment === undefined || comment === null) return undefined;
  if (typeof comment !== 'string' || codePoints(comment) > 500) {
    throw badRequest('Invalid request: `comment` should be a string of at most 500 characters.', { key });
  }
  return comment === '' ? undefined : comment;
}

/** Rules on the finished variable, for create and edit alike. */
export function checkCombination(env: Pick<EnvRecord, 'key' | 'type' | 'target' | 'customEnvironmentIds' | 'gitBranch' | 'visibility'>): void {
  const { key } = env;
  // A sensitive value is write-only by definition: calling it readable is a contradiction. Our rule.
  if (env.type === 'sensitive' && env.visibility === 'config') {
    throw badRequest(`Invalid request: a sensitive variable cannot have \`visibility: config\` (${key}).`, { key });
  }
  if (env.target.length === 0 && env.customEnvironmentIds.length === 0) {
    throw rule('MISSING_TARGET', `The target of ${key} is missing: give at least one environment.`, { key });
  }
  if (env.type === 'sensitive' && env.target.includes('development')) {
    throw rule(sensitiveDevelopmentCode,
      'Sensitive Environment Variables cannot be created in the Development environment: use production and/or preview.',
      { key, target: env.target });
  }
  if (env.gitBranch !== undefined && (env.target.length !== 1 || env.target[0] !== 'preview')) {
    throw badRequest(`Invalid request: a \`gitBranch\` is only allowed when the target is preview alone (${key}).`, { key });
  }
}

/** Another variable the given one would collide with: same key and git branch, overlapping environments. */
export function findOverlap(project: ProjectRecord, env: Pick<EnvRecord, 'key' | 'target' | 'customEnvironmentIds' | 'gitBranch'>,
  exceptId?: string): EnvRecord[] {
  return project.envs.filter((other) => other.id !== exceptId && other.key === env.key
    && (other.gitBranch ?? '') === (env.gitBranch ?? '')
    && (other.target.some((t) => env.target.includes(t))
      || other.customEnvironmentIds.some((c) => env.customEnvironmentIds.includes(c))));
}

/** Vercel's 403 for a duplicate, with the existing variable's id so a client can edit it instead. */
export function alreadyExists(existing: EnvRecord, key: string): HttpError {
  const targets = existing.target.map((t) => `\`${t}\``).join(', ');
  return new HttpError(403, 'ENV_ALREADY_EXISTS',
    `A variable with the name \`${key}\` already exists for the target ${targets}${existing.gitBranch ? ` on branch ${existing.gitBranch}` : ''}.`,
    { key, envVarId: existing.id, envVarKey: existing.key, target: existing.target,
      ...(existing.gitBranch ? { gitBranch: existing.gitBranch } : {}) });
}

export function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Rejects body properties the PATCH schema does not allow (it has `additionalProperties: false`). */
export function rejectUnknownProperties(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw badRequest(`Invalid request: should NOT have additional property \`${extra}\`.`);
}

export function asBodyObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('Invalid request: the body should be an object.');
  return body;
}
