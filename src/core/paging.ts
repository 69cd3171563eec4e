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
