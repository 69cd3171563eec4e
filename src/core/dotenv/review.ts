/**
 * The per-key review of a .env upload, shared by every backend: what the file would do to
 * the secrets a project (or resource) has now, before anything is sent. Pure: no requests,
 * no vscode. A backend says what it knows of each current key through `RemoteSide` (values
 * it could read, or only that the key exists); this file sorts the keys into kinds.
 * Items carry names and line numbers, never values: they are shown in quick picks.
 */
import type { DotenvEntry, DotenvProblem } from './parse';

/**
 * - `new`: not there yet; `changed`: a readable value differs (never shown);
 * - `unchanged`: every readable value equals the file's (skipped);
 * - `writeOnly`: there, but its value cannot be read (sensitive): sending overwrites it;
 * - `onlyRemote`: there, not in the file (left alone unless the user asks to remove it).
 */
export type ReviewKind = 'new' | 'changed' | 'unchanged' | 'writeOnly' | 'onlyRemote';

/** How a current value compares with the file's: `unknown` when it cannot be read. */
export type Comparison = 'same' | 'different' | 'unknown';

/** What a backend knows of the keys it has now. */
export interface RemoteSide {
  /** Every key there now (in the chosen environments), in any order. */
  readonly keys: Iterable<string>;
  /** How the current value of `key` (one of `keys`) compares with `value` from the file. */
  compare(key: string, value: string): Comparison;
}

export interface ReviewItem {
  readonly key: string;
  readonly kind: ReviewKind;
  /** 1-based line in the file; absent for `onlyRemote`. */
  readonly line?: number;
}

export interface Review {
  /** File keys in file order, then `onlyRemote` keys sorted. */
  readonly items: readonly ReviewItem[];
  /** How many items of each kind. */
  readonly counts: Readonly<Record<ReviewKind, number>>;
}

/** The order kinds are listed in, and what they are ticked with by default. */
export const reviewKinds: readonly ReviewKind[] = ['new', 'changed', 'writeOnly', 'unchanged', 'onlyRemote'];

/** Kinds sent when ticked (`unchanged` would be a no-op, `onlyRemote` is a removal). */
export function isSendable(kind: ReviewKind): boolean {
  return kind === 'new' || kind === 'changed' || kind === 'writeOnly';
}

/**
 * Sorts the file's entries against what is there. `entries` are a parsed file's (names are
 * unique: parseDotenv reports duplicates as problems). O(keys).
 */
export function buildReview(entries: readonly Pick<DotenvEntry, 'name' | 'value' | 'line'>[], remote: RemoteSide): Review {
  const there = new Set(remote.keys);
  const items: ReviewItem[] = entries.map((e) => ({ key: e.name, line: e.line, kind: kindOf(there.has(e.name) ? remote.compare(e.name, e.value) : undefined) }));
  const inFile = new Set(entries.map((e) => e.name));
  const onlyRemote = [...there].filter((key) => !inFile.has(key)).sort((a, b) => a.localeCompare(b));
  items.push(...onlyRemote.map((key): ReviewItem => ({ key, kind: 'onlyRemote' })));
  const counts = { new: 0, changed: 0, unchanged: 0, writeOnly: 0, onlyRemote: 0 };
  for (const item of items) counts[item.kind] += 1;
  return { items, counts };
}

function kindOf(comparison: Comparison | undefined): ReviewKind {
  switch (comparison) {
    case undefined: return 'new';
    case 'same': return 'unchanged';
    case 'different': return 'changed';
    case 'unknown': return 'writeOnly';
  }
}

/**
 * The backend's own refusals of the file's entries (a reserved name, an empty value, a key
 * the API's pattern refuses…), each at its line, for the same "nothing was sent" message as
 * the file's own problems. `rule` answers the problem with one entry, or undefined.
 */
export function entryProblems(entries: readonly Pick<DotenvEntry, 'name' | 'value' | 'line'>[],
  rule: (name: string, value: string) => string | undefined): DotenvProblem[] {
  return entries.flatMap((e) => {
    const message = rule(e.name, e.value);
    return message === undefined ? [] : [{ line: e.line, message }];
  });
}
