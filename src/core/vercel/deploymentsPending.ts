import type { EnvVar } from './models';

/**
 * Which variable changes a project's production does not have yet. Pure: the tree and the
 * status bar draw its result; no request.
 *
 * `envs`: the project's variables as listed (and patched by the answers of writes since);
 * `deployedAt`: `createdAt` (ms, server time) of the latest READY production deployment, or
 * undefined when there is none (then nothing can be redeployed and nothing is pending);
 * `deleted`: keys deleted in this session → when (ms); deletions cannot be seen from the API.
 * Returns the keys of variables targeting production whose `updatedAt` (else `createdAt`) is
 * after `deployedAt`, and of deletions after it, each once, sorted.
 */
export function pendingChanges(envs: readonly EnvVar[], deployedAt: number | undefined, deleted: ReadonlyMap<string, number> = new Map()): string[] {
  if (deployedAt === undefined) return [];
  const keys = new Set<string>();
  for (const env of envs) {
    const changedAt = env.updatedAt ?? env.createdAt;
    if (env.targets.includes('production') && changedAt !== undefined && changedAt > deployedAt) keys.add(env.key);
  }
  for (const [key, at] of deleted) if (at > deployedAt) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b));
}
