import { hasControlCharacter } from '../core/find/matches';
import type { TreeNode } from './node';

/**
 * The tree's own filter ("Filter…" on a project): the text a node's rows are narrowed to, by the
 * node's id, so it survives a refresh (ids are stable). Filtering never sends a request: a
 * filterable node narrows the rows it has loaded.
 */

/** A node whose rows "Filter…" can narrow. */
export interface Filterable extends TreeNode {
  readonly filterable: true;
  /** What the filter is on, for the view's message (e.g. the project's name). */
  readonly filterSubject: string;
  /** What its rows are, by name: a project's variables, a scope's projects. */
  readonly filterRows: 'variables' | 'projects';
  /** Draws its loaded rows again with the current filter (no request); false when none are loaded. */
  applyFilter(): boolean;
}

export function isFilterable(node: unknown): node is Filterable {
  return typeof node === 'object' && node !== null && (node as Partial<Filterable>).filterable === true;
}

/** The longest filter text (Vercel keys are at most 256 characters). */
export const maxFilterLength = 256;

/** Why `text` cannot be a filter, or undefined (empty is fine: it clears the filter). */
export function filterProblem(text: string): string | undefined {
  if (text.length > maxFilterLength) return `Type at most ${maxFilterLength} characters.`;
  if (hasControlCharacter(text)) return 'Type part of a variable name, without control characters.';
  return undefined;
}

/** Whether a key passes a filter (case-insensitive "contains"; no filter passes everything). */
export function passesFilter(key: string, filter: string | undefined): boolean {
  return filter === undefined || key.toLowerCase().includes(filter.toLowerCase());
}

export interface ActiveFilter {
  readonly id: string;
  readonly text: string;
  readonly subject: string;
  readonly rows: Filterable['filterRows'];
}

/** The filters in force, by node id. */
export class RowFilters {
  private readonly byId = new Map<string, ActiveFilter>();

  get(id: string): string | undefined {
    return this.byId.get(id)?.text;
  }

  /** Sets a node's filter; empty (after trimming) clears it. Returns the filter in force. */
  set(node: Filterable, text: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === '') this.byId.delete(node.id);
    else this.byId.set(node.id, { id: node.id, text: trimmed, subject: node.filterSubject, rows: node.filterRows });
    return this.get(node.id);
  }

  clear(id: string): void {
    this.byId.delete(id);
  }

  /** Every filter in force, in the order they were set. */
  all(): ActiveFilter[] {
    return [...this.byId.values()];
  }
}

/** The one set of filters of the Secrets view. */
export const rowFilters = new RowFilters();
