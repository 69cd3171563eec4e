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

/** The problem with a key, or undefined when Vercel will accept it. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'Enter a name.';
  if (/^\s|\s$/.test(key)) return 'The name must not start or end with a space.';
  if (key.length > maxKeyLength) return `The name is ${key.length} characters long; the maximum is ${maxKeyLength}.`;
  if (/^[0-9]/.test(key)) return 'The name must not start with a digit.';
  const bad = key.match(/[^A-Za-z0-9_]/u); // `u`: an emoji is named whole, not as half a surrogate pair
  if (bad) return `The name may contain only ASCII letters, digits and underscores, not "${bad[0]}".`;
  // Exact match, as Vercel does: names are case-sensitive, so `tz` is not `TZ`.
  if (reservedKeys.has(key)) return `${key} is reserved by Vercel and cannot be set.`;
  return undefined;
}

export function valueProblem(value: string): string | undefined {
  if (value.length === 0) return 'Enter a value.';
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxValueBytes) return `The value is ${Math.ceil(bytes / 1024)} KB; the maximum is 64 KB.`;
  return undefined;
}

export function targetsProblem(type: EnvType, targets: readonly EnvTarget[], gitBranch?: string): string | undefined {
  if (targets.length === 0) return 'Choose at least one environment.';
  if (type === 'sensitive' && targets.includes('development')) {
    return 'Sensitive variables cannot target Development: their values can never be read back to run locally.';
  }
  if (gitBranch !== undefined) {
    if (targets.length !== 1 || targets[0] !== 'preview') return 'A git branch can be set only when Preview is the only environment.';
    if (gitBranch.length > maxGitBranchLength) return `The branch name is too long (maximum ${maxGitBranchLength} characters).`;
    if (/\s/.test(gitBranch)) return 'A branch name has no spaces.';
  }
  return undefined;
}

export function commentProblem(comment: string): string | undefined {
  return comment.length > maxCommentLength ? `The comment is ${comment.length} characters long; the maximum is ${maxCommentLength}.` : undefined;
}

