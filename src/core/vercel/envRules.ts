import { describeCharacter, firstDisallowed, lengthIn, lengthProblem, showCharacter } from '../values';
import type { EnvTarget, EnvType } from './models';

/**
 * Vercel's rules for environment variables, checked before any request so a user
 * gets a precise message at once. The emulator enforces the same rules server-side
 * on its own (emulator/envRules.ts), as Vercel does.
 */
export const maxKeyLength = 256;
export const maxValueBytes = 64 * 1024;
export const maxCommentLength = 500;
export const maxGitBranchLength = 250;

/** Names the platform sets itself (Vercel docs, "Reserved Environment Variables"). */
export const reservedKeys: ReadonlySet<string> = new Set([
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'NOW_REGION', 'TZ', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/**
 * The problem with a key, or undefined when Vercel will accept it. Lengths count
 * characters (code points); a refused character is named by code point and name, at its
 * 1-based code-point position, when it is not printable ASCII (values/characters.ts).
 */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'Enter a name.';
  const edge = /^\s|\s$/u.exec(key);
  if (edge) {
    const atEnd = edge.index > 0;
    const which = edge[0] === ' ' ? '' : ` (${describeCharacter(edge[0], atEnd ? [...key].length : 1)})`;
    return `The name must not start or end with a space${which}.`;
  }
  const tooLong = lengthProblem(key, maxKeyLength, 'characters', 'name');
  if (tooLong) return tooLong;
  if (/^[0-9]/.test(key)) return 'The name must not start with a digit.';
  const bad = firstDisallowed(key, /^[A-Za-z0-9_]$/);
  if (bad) return `The name may contain only ASCII letters, digits and underscores, not ${showCharacter(bad.char, bad.position, '" "')}.`;
  // Exact match, as Vercel does: names are case-sensitive, so `tz` is not `TZ`.
  if (reservedKeys.has(key)) return `${key} is reserved by Vercel and cannot be set.`;
  return undefined;
}

/**
 * What Vercel refuses (an empty value, over 64 KB in UTF-8 bytes), or undefined. Hygiene
 * (stray whitespace, invisible characters…) is not refused here: see `valueFindings`.
 */
export function valueProblem(value: string): string | undefined {
  if (value.length === 0) return 'Enter a value.';
  return lengthProblem(value, maxValueBytes, 'bytes', 'value');
}

/**
 * The problem with where a variable applies: its standard environments (`targets`) and its
 * custom ones (`customEnvironmentIds`, at least one of the two), the type, the git branch.
 */
export function targetsProblem(type: EnvType, targets: readonly EnvTarget[], gitBranch?: string, customEnvironmentIds: readonly string[] = []): string | undefined {
  if (targets.length === 0 && customEnvironmentIds.length === 0) return 'Choose at least one environment.';
  if (type === 'sensitive' && targets.includes('development')) {
    return 'Sensitive variables cannot target Development: their values can never be read back to run locally.';
  }
  if (gitBranch !== undefined) {
    if (targets.length !== 1 || targets[0] !== 'preview' || customEnvironmentIds.length > 0) {
      return 'A git branch can be set only when Preview is the only environment.';
    }
    // OpenAPI `maxLength`: characters (code points).
    const length = lengthIn(gitBranch, 'characters');
    if (length > maxGitBranchLength) return `The branch name is too long: ${length} characters; the maximum is ${maxGitBranchLength}.`;
    const space = firstDisallowed(gitBranch, /^\S$/u);
    if (space) return `A branch name has no spaces: it contains ${describeCharacter(space.char, space.position)}.`;
  }
  return undefined;
}

/** OpenAPI `maxLength: 500`, which counts characters (code points): 499 `x` and an emoji are 500. */
export function commentProblem(comment: string): string | undefined {
  return lengthProblem(comment, maxCommentLength, 'characters', 'comment');
}

