import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { Page } from '../core/paging';

/** A quick pick over a paged list that the server can search (e.g. `GET /v10/projects?search=`). */
export interface SearchPickOptions<T> {
  readonly placeHolder: string;
  /** What is shown before anything is typed (already loaded: no request). */
  readonly initial: readonly T[];
  /** Whether `initial` has more pages ("Load more…" is offered). */
  readonly initialMore: boolean;
  /** The next page of the unsearched list; resolves to everything shown then, and whether there is more. */
  loadMore(): Promise<{ items: readonly T[]; more: boolean }>;
  /** One page of the items whose name contains `text`, from `cursor` (undefined: the first). */
  search(text: string, cursor: string | undefined): Promise<Page<T>>;
  /** How an item is shown. */
  show(item: T): { label: string; description?: string };
  /** The user-facing sentence for a failed request. */
  describe(err: unknown): string;
}

/** Time after the last keystroke before the search is sent: typing a name is one request, not one per letter. */
export const searchDebounceMs = 250;

interface Row<T> extends vscode.QuickPickItem {
  readonly item?: T;
  readonly more?: boolean;
}

/**
 * A picker whose list comes from the server as the user types (debounced; an answer to an
 * older query is dropped), with "Load more…" for the next page of what is shown. Resolves to
 * the picked item; throws CancelledError on Escape. As a step of a multi-step flow, see
 * `Prompter.searchPick` (steps.ts), which shares {@link attachSearch}.
 */
export function searchPick<T>(options: SearchPickOptions<T> & { readonly title: string }): Promise<T> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = options.title;
  pick.ignoreFocusOut = true;
  return new Promise<T>((resolve, reject) => {
    const search = attachSearch(pick, options, (item) => {
      resolve(item);
      pick.hide();
    });
    pick.onDidHide(() => {
      search.dispose();
      pick.dispose();
      reject(new CancelledError());
    });
    pick.show();
  });
}

/**
 * Makes `pick` a server-searched picker: fills its items, searches as the user types, loads
 * more on "Load more…", and calls `picked` with the item accepted. The caller shows and hides
 * the pick; dispose the result when done (it stops a pending search).
 */
export function attachSearch<T>(pick: vscode.QuickPick<vscode.QuickPickItem>, options: SearchPickOptions<T>, picked: (item: T) => void): vscode.Disposable {
  const typed = pick as vscode.QuickPick<Row<T>>;
  pick.placeholder = options.placeHolder;
  const moreRow: Row<T> = { label: `$(more) ${vscode.l10n.t('Load more…')}`, more: true, alwaysShow: true };
  // The unsearched list as loaded so far ("Load more…" without a query extends it).
  let base = { items: options.initial, more: options.initialMore };
  let shown: { items: readonly T[]; next?: string; query: string } = { items: base.items, next: base.more ? '' : undefined, query: '' };
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const draw = () => {
    // The server already matched: VS Code's own filter must not hide a match it does not see (e.g. in the middle of a word).
    typed.items = [...shown.items.map((item) => ({ ...options.show(item), item, alwaysShow: true })), ...(shown.next !== undefined ? [moreRow] : [])];
  };
  const failed = (err: unknown) => {
    typed.items = [{ label: `$(error) ${options.describe(err)}`, alwaysShow: true }];
  };
  /** Runs one request for the current query; its answer is used only if no newer one was started. */
  const load = async (request: () => Promise<typeof shown>) => {
    const mine = ++sequence;
    pick.busy = true;
    try {
      const next = await request();
      if (mine !== sequence) return;
      shown = next;
      draw();
    } catch (err) {
      if (mine === sequence) failed(err);
    } finally {
      if (mine === sequence) pick.busy = false;
    }
  };
  const searchFor = (query: string, from: readonly T[], cursor: string | undefined) => async () => {
    const page = await options.search(query, cursor);
    return { items: [...from, ...page.items], next: page.next, query };
  };

  const listeners = [
    typed.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      const query = value.trim();
      if (query === shown.query) return;
      if (query === '') {
        sequence += 1; // drop any search in flight
        pick.busy = false;
        shown = { items: base.items, next: base.more ? '' : undefined, query: '' };
        draw();
        return;
      }
      timer = setTimeout(() => void load(searchFor(query, [], undefined)), searchDebounceMs);
    }),
    typed.onDidAccept(() => {
      const [row] = typed.selectedItems;
      if (!row) return;
      if (row.more) {
        void load(shown.query === ''
          ? async () => {
            base = await options.loadMore();
            return { items: base.items, next: base.more ? '' : undefined, query: '' };
          }
          : searchFor(shown.query, shown.items, shown.next));
        return;
      }
      if (row.item === undefined) return; // an error row
      picked(row.item);
    }),
  ];
  draw();
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    sequence += 1;
    for (const listener of listeners) listener.dispose();
  });
}
