import type { NewEnvVar } from './envWriter';
import type { EnvVar } from './models';

/**
 * A project's variables as the tree holds them, kept up to date from the answers of writes
 * (every create, update and delete answers with what it did), so a write costs its one request
 * and no re-list. Pure: the VS Code layer draws the result, `npm run bench` measures it.
 */

/** A change a write made: the variable as the server answered it, or the id of one deleted. */
export type EnvChange = { readonly put: EnvVar } | { readonly removed: string };

/**
 * `envs` with `changes` applied, sorted by key (then id). A `put` replaces the variable with its
 * id, and also one with the same key, git branch and environments under another id (an upsert
 * may answer with a new record; Vercel never keeps two such variables). Unchanged variables
 * stay the same objects, so their rows can be reused.
 */
export function applyEnvChanges(envs: readonly EnvVar[], changes: readonly EnvChange[]): EnvVar[] {
  let list = [...envs];
  for (const change of changes) {
    if ('removed' in change) {
      list = list.filter((e) => e.id !== change.removed);
      continue;
    }
    const put = change.put;
    list = list.filter((e) => e.id !== put.id && !sameSlot(e, put));
    list.push(put);
  }
  return list.sort(byKey);
}

/** Rows are sorted by key; equal keys (other environments or branches) by id, so the order is stable. */
export function byKey(a: EnvVar, b: EnvVar): number {
  return a.key.localeCompare(b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The variable a new one would clash with (same key, same git branch, a shared environment):
 * Vercel answers 403 ENV_ALREADY_EXISTS for it unless the create is an upsert.
 */
export function findClash(envs: readonly EnvVar[], env: Pick<NewEnvVar, 'key' | 'targets' | 'gitBranch' | 'customEnvironmentIds'>): EnvVar | undefined {
  const custom = env.customEnvironmentIds ?? [];
  return envs.find((e) => e.key === env.key && (e.gitBranch ?? '') === (env.gitBranch ?? '')
    && (e.targets.some((t) => env.targets.includes(t)) || e.customEnvironmentIds.some((c) => custom.includes(c))));
}

function sameSlot(a: EnvVar, b: EnvVar): boolean {
  return a.key === b.key && (a.gitBranch ?? '') === (b.gitBranch ?? '')
    && sameSet(a.targets, b.targets) && sameSet(a.customEnvironmentIds, b.customEnvironmentIds);
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
