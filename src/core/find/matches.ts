/**
 * Find Variable: what a match is, and the matching itself. Pure and synchronous (no request,
 * no `vscode`): the picker runs it on every keystroke over everything loaded so far.
 */
import type { EnvTarget, Scope } from '../vercel/models';

/** One variable found: where it lives and what it is. Never its value. */
export interface FoundVariable {
  /** `project`: a project's environment variable; `shared`: a team shared variable. */
  readonly kind: 'project' | 'shared';
  readonly key: string;
  /** The variable's id (`env_…` or the list's id). */
  readonly id: string;
  /** The connection (account) it was found with, and that account's name. */
  readonly connectionId: string;
  readonly accountLabel: string;
  readonly scope: Scope;
  /** The project of a project variable. */
  readonly project?: { readonly id: string; readonly name: string };
  /** How many projects a shared variable is linked to. */
  readonly linkedProjects?: number;
  /** `encrypted`, `sensitive`, `plain`, `system`, `secret`. */
  readonly type: string;
  readonly targets: readonly EnvTarget[];
  readonly customEnvironmentIds: readonly string[];
  readonly gitBranch?: string;
}

/** The longest text searched for (longer is refused before anything is matched). */
export const maxQueryLength = 256;

/** Why `query` cannot be searched for, or undefined when it can (empty is fine: nothing to match yet). */
export function queryProblem(query: string): string | undefined {
  if (query.length > maxQueryLength) return `Type at most ${maxQueryLength} characters.`;
  if (hasControlCharacter(query)) return 'Type part of a variable name, without control characters.';
  return undefined;
}

/** Whether `text` holds a C0 control character (U+0000–U+001F) or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A match and how well it matches: 0 the whole key, 1 its start, 2 elsewhere. */
interface Ranked {
  readonly variable: FoundVariable;
  readonly rank: number;
}

/**
 * Every variable found so far, kept with its lower-case key so a keystroke costs one pass of
 * `includes` over them (1,000 projects × 20 variables: a few milliseconds).
 */
export class VariableIndex {
  private readonly entries: Array<{ readonly variable: FoundVariable; readonly lower: string }> = [];
  private readonly ids = new Set<string>();

  get size(): number {
    return this.entries.length;
  }

  /** Adds variables; one already held (same connection, scope, project and id) is not added twice. */
  add(variables: readonly FoundVariable[]): void {
    for (const variable of variables) {
      const id = identity(variable);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      this.entries.push({ variable, lower: variable.key.toLowerCase() });
    }
  }

  /**
   * The variables whose key contains `query` (case-insensitive), best first: the whole key, then
   * keys starting with it, then the rest; ties by key, account and project name. At most
   * `limit` are returned; `total` counts them all. An empty query matches nothing.
   */
  match(query: string, limit = Number.POSITIVE_INFINITY): { readonly matches: FoundVariable[]; readonly total: number } {
    const needle = query.trim().toLowerCase();
    if (needle === '') return { matches: [], total: 0 };
    const ranked: Ranked[] = [];
    for (const { variable, lower } of this.entries) {
      const at = lower.indexOf(needle);
      if (at < 0) continue;
      ranked.push({ variable, rank: lower.length === needle.length ? 0 : at === 0 ? 1 : 2 });
    }
    ranked.sort(compareRanked);
    return { matches: ranked.slice(0, limit).map((r) => r.variable), total: ranked.length };
  }
}

function compareRanked(a: Ranked, b: Ranked): number {
  return a.rank - b.rank
    || compareText(a.variable.key, b.variable.key)
    || compareText(a.variable.accountLabel, b.variable.accountLabel)
    || compareText(a.variable.project?.name ?? '', b.variable.project?.name ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function identity(variable: FoundVariable): string {
  const scope = variable.scope.kind === 'team' ? variable.scope.teamId : 'personal';
  return `${variable.connectionId}\0${scope}\0${variable.project?.id ?? 'shared'}\0${variable.id}`;
}
