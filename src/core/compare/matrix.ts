import { createHash } from 'node:crypto';
import type { PullSource } from '../vercel/envPull';
import { effectiveVariable } from '../vercel/envPullPlan';
import { isWriteOnly, type EnvVar } from '../vercel/models';

/**
 * The comparison matrix (keys × columns) of "Compare Environments…" and "Compare Projects…".
 * Pure: values are reduced to SHA-256 digests on this machine as soon as they are read, and
 * the matrix says only which cells hold equal values (equality groups), never a value or
 * a digest. The VS Code layer words the cells and draws them.
 */

/** SHA-256 of a value's UTF-8 bytes, as hex: what readable values are compared by. */
export function valueDigest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * One column: an environment of a project (standard, custom, a Preview branch), or one
 * project in an environment. `envs` are that project's variables as listed (no values);
 * `digests` maps a variable's id to the digest of its value, for the readable ones read.
 */
export interface ColumnData {
  /** Stable and unique in the matrix: `production`, `custom:env_…`, `branch:feature/x`, `project:<account>/<id>`. */
  readonly id: string;
  readonly label: string;
  readonly source: PullSource;
  readonly envs: readonly EnvVar[];
  readonly digests: ReadonlyMap<string, string>;
}

/** What one column holds for one key. `env` is the variable a deployment there gets. */
export type Reading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'value'; readonly env: EnvVar; readonly digest: string }
  | { readonly kind: 'writeOnly' | 'system' | 'notReturned'; readonly env: EnvVar };

/** The variable of `key` that applies in the column (a Preview branch's own one first) and what is known of its value. */
export function readingOf(column: ColumnData, key: string): Reading {
  const env = effectiveVariable(column.envs, key, column.source);
  if (!env) return { kind: 'missing' };
  if (env.type === 'system') return { kind: 'system', env };
  if (isWriteOnly(env)) return { kind: 'writeOnly', env };
  const digest = column.digests.get(env.id);
  return digest === undefined ? { kind: 'notReturned', env } : { kind: 'value', env, digest };
}

/**
 * A cell as the matrix reports it. `value`: the row's first readable value (what the others
 * are compared with); `same`: equal to the value of column `as` (the first earlier equal one);
 * `differs`: equal to no earlier readable value, so it differs from column `from` (the row's first).
 */
export type Cell =
  | { readonly state: 'missing' | 'writeOnly' | 'system' | 'notReturned' }
  | { readonly state: 'value' }
  | { readonly state: 'same'; readonly as: number }
  | { readonly state: 'differs'; readonly from: number };

export interface MatrixRow {
  readonly key: string;
  /** One per column, in column order. */
  readonly cells: readonly Cell[];
  /** How many columns lack the key. */
  readonly missing: number;
  /** How many distinct readable values the row has (1: all readable cells equal). */
  readonly groups: number;
}

export interface Matrix {
  readonly columns: ReadonlyArray<{ readonly id: string; readonly label: string }>;
  /** Rows with a missing cell first, then by key. */
  readonly rows: readonly MatrixRow[];
  /** Rows with at least one missing cell. */
  readonly rowsWithMissing: number;
  /** Rows whose readable values are not all equal. */
  readonly rowsDiffering: number;
}

/** Every key any column has, compared across the columns. */
export function buildMatrix(columns: readonly ColumnData[]): Matrix {
  const keys = new Set<string>();
  for (const column of columns) for (const env of column.envs) if (readingOf(column, env.key).kind !== 'missing') keys.add(env.key);
  const rows = [...keys].map((key) => row(key, columns.map((c) => readingOf(c, key))));
  rows.sort((a, b) => Number(b.missing > 0) - Number(a.missing > 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    columns: columns.map(({ id, label }) => ({ id, label })),
    rows,
    rowsWithMissing: rows.filter((r) => r.missing > 0).length,
    rowsDiffering: rows.filter((r) => r.groups > 1).length,
  };
}

function row(key: string, readings: readonly Reading[]): MatrixRow {
  const seen: Array<{ digest: string; at: number }> = [];
  const cells = readings.map((reading, at): Cell => {
    if (reading.kind !== 'value') return { state: reading.kind };
    const earlier = seen.find((s) => s.digest === reading.digest);
    if (seen.length === 0) {
      seen.push({ digest: reading.digest, at });
      return { state: 'value' };
    }
    if (earlier) return { state: 'same', as: earlier.at };
    seen.push({ digest: reading.digest, at });
    return { state: 'differs', from: seen[0].at };
  });
  return { key, cells, missing: cells.filter((c) => c.state === 'missing').length, groups: seen.length };
}

/**
 * The digests of the readable values a pull of `source` returned, by variable id (see
 * ColumnData.digests). `values` (name → value, from `pullEnv`) is only digested, never kept;
 * "" (not returned) is skipped.
 */
export function digestPull(envs: readonly EnvVar[], source: PullSource, values: ReadonlyMap<string, string>, into: Map<string, string>): void {
  for (const [key, value] of values) {
    if (value === '') continue;
    const env = effectiveVariable(envs, key, source);
    if (env) into.set(env.id, valueDigest(value));
  }
}

/** Whether a pull of `source` could return any value worth comparing: some readable variable applies there. */
export function hasReadable(envs: readonly EnvVar[], source: PullSource): boolean {
  const keys = new Set(envs.map((e) => e.key));
  for (const key of keys) {
    const env = effectiveVariable(envs, key, source);
    if (env && env.type !== 'system' && !isWriteOnly(env)) return true;
  }
  return false;
}
