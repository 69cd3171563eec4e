import type { PulledEntry } from '../dotenv/merge';
import type { PullSource } from './envPull';
import type { EnvVar } from './models';

/** Whether reading `values` needs the variable list: only a value pulled as "" (not returned) does. */
export function needsVariableList(values: ReadonlyMap<string, string>): boolean {
  return [...values.values()].some((v) => v === '');
}

/** The variable of `name` that a pull of `source` reads: the branch's own one first, then the general one. */
export function effectiveVariable(envs: readonly EnvVar[], name: string, source: PullSource): EnvVar | undefined {
  const applies = (e: EnvVar) => e.key === name && (typeof source.target === 'string'
    ? e.targets.includes(source.target)
    : e.customEnvironmentIds.includes(source.target.customEnvironmentId));
  return (source.gitBranch ? envs.find((e) => applies(e) && e.gitBranch === source.gitBranch) : undefined)
    ?? envs.find((e) => applies(e) && e.gitBranch === undefined);
}

/**
 * The pull's variables for mergeDotenv. A value pulled as "" is never written (Vercel holds
 * no empty values, so "" means it was not returned): a note says why, from `envs` (the
 * project's variables, when known): write-only (sensitive), or just not returned.
 */
export function pulledEntries(values: ReadonlyMap<string, string>, envs: readonly EnvVar[] | undefined, source: PullSource): PulledEntry[] {
  return [...values].map(([name, value]) => {
    if (value !== '') return { name, value };
    const type = envs && effectiveVariable(envs, name, source)?.type;
    const withheld = type === 'sensitive' || type === 'secret' ? 'write-only on Vercel: set it locally'
      : type === 'system' ? 'system variable: Vercel sets it for each deployment'
        : 'no value returned by Vercel: set it locally';
    return { name, withheld };
  });
}

/** The git branches the project's Preview variables are set for, sorted: what a branch pick offers. */
export function previewBranches(envs: readonly EnvVar[]): string[] {
  return [...new Set(envs.filter((e) => e.gitBranch && e.targets.includes('preview')).map((e) => e.gitBranch!))].sort();
}

/**
 * The problem with a typed git branch name, or undefined (git's check-ref-format rules that
 * matter in a URL path: no spaces, control characters or `~^:?*[\`, no "..", no leading "-"
 * or "/", no trailing "/", "." or ".lock").
 */
export function gitBranchProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Type a branch name.';
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f~^:?*[\\]/.test(name)) return 'A branch name cannot contain spaces or any of ~ ^ : ? * [ \\.';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return 'A branch name cannot contain "..", "//" or "@{".';
  if (/^[-/]|[/.]$|\.lock$/.test(name)) return 'A branch name cannot start with "-" or "/", or end with "/", "." or ".lock".';
  return undefined;
}
