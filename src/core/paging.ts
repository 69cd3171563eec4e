import { InvalidResponseError } from './errors';

/** One page of a cursor-paged list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass back to get the next page; undefined on the last page. */
  readonly next?: string;
}

/**
 * Every item of a cursor-paged list: `fetchPage(undefined)`, then `fetchPage(next)` until
 * a page has no `next` (or repeats the cursor it was given). A server whose cursor never
 * ends is stopped after `maxPages`: with `what`, by an InvalidResponseError ("the `what`
 * list did not end."); without, by returning what was collected.
 */
export async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages: number, what?: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (!result.next || result.next === cursor) return items;
    cursor = result.next;
  }
  if (what) throw new InvalidResponseError(`the ${what} list did not end.`);
  return items;
}

/**
 * A list loaded one page at a time, as a "Load more…" row shows it: `first()` loads page one;
 * `more()` appends the next page and never asks for an earlier page again; an item already
 * held (same `key`) is not added twice. `fetchPage` is one request.
 */
export class Pager<T> {
  private held: T[] | undefined;
  private cursor: string | undefined;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>, private readonly key: (item: T) => string) {}

  /** The items loaded so far (empty before `first`). */
  get items(): readonly T[] {
    return this.held ?? [];
  }

  /** Whether `first` has run (successfully). */
  get started(): boolean {
    return this.held !== undefined;
  }

  /** The cursor of the next page; undefined when there is none (or before `first`). */
  get next(): string | undefined {
    return this.cursor;
  }

  /** Whether there is a next page to load. */
  get hasMore(): boolean {
    return this.cursor !== undefined;
  }

  /** Loads page one (again, forgetting what was held). */
  async first(): Promise<void> {
    this.add(await this.fetchPage(undefined), []);
  }

  /** Appends the next page (one request); nothing without one. On failure what was held stays. */
  async more(): Promise<void> {
    if (this.cursor === undefined) return;
    this.add(await this.fetchPage(this.cursor), this.items);
  }

  /** Forgets everything: the next `first` starts over. */
  reset(): void {
    this.held = undefined;
    this.cursor = undefined;
  }

  private add(page: Page<T>, before: readonly T[]): void {
    const known = new Set(before.map(this.key));
    this.held = [...before, ...page.items.filter((item) => !known.has(this.key(item)))];
    this.cursor = page.next;
  }
}
