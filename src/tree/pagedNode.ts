import type * as vscode from 'vscode';
import { Pager, type Page } from '../core/paging';
import type { NodeContext, TreeNode } from './node';
import { ErrorNode, LoadMoreNode } from './rows';

/**
 * Base for nodes whose children come one page at a time: the first page on expand, the
 * next only when the user clicks "Load more…" (or picks it in a palette picker).
 */
export abstract class PagedNode<T extends TreeNode> implements TreeNode {
  /** Set on the first load: fetchPage needs the context of a load. */
  private context: NodeContext | undefined;
  private readonly pager = new Pager<T>((cursor) => this.fetchPage(this.context!, cursor), (item) => item.id);
  private wantsMore = false;
  private loading: Promise<TreeNode[]> | undefined;

  abstract readonly parent: TreeNode | undefined;
  abstract readonly id: string;
  abstract toTreeItem(): vscode.TreeItem;
  /** One page, from `cursor` (undefined: the first). */
  protected abstract fetchPage(context: NodeContext, cursor: string | undefined): Promise<Page<T>>;
  /** The rows to show for the items loaded so far (without "Load more…"). */
  protected abstract rows(items: readonly T[]): TreeNode[];
  /**
   * When the API can search this list by name: one page of the matches of `text`, from `cursor`.
   * Palette pickers then search on the server as the user types.
   */
  search?(context: NodeContext, text: string, cursor: string | undefined): Promise<Page<T>>;

  /** Called by the "Load more…" row; the provider then asks for the children again. */
  requestMore(): void {
    this.wantsMore = true;
  }

  /** The items loaded so far and the cursor of the next page (none: all loaded); undefined before the first page. */
  loadedPages(): { readonly items: readonly T[]; readonly next?: string } | undefined {
    return this.pager.started ? { items: this.pager.items, next: this.pager.next } : undefined;
  }

  /** Whether another page can be loaded ("Load more…"). */
  get hasMore(): boolean {
    return this.pager.hasMore;
  }

  /** The items loaded so far. */
  loaded(): readonly T[] {
    return this.pager.items;
  }

  invalidate(): void {
    this.pager.reset();
    this.wantsMore = false;
  }

  loadChildren(context: NodeContext): Promise<TreeNode[]> {
    this.loading ??= this.load(context).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async load(context: NodeContext): Promise<TreeNode[]> {
    this.context = context;
    if (!this.pager.started) {
      await this.pager.first();
    } else if (this.wantsMore && this.pager.hasMore) {
      this.wantsMore = false;
      try {
        await this.pager.more();
      } catch (err) {
        // Keep the pages we have; the error row retries the next page.
        return [...this.rows(this.loaded()), new ErrorNode(this, context.describe(err), { command: 'projectSecrets.loadMore', node: this })];
      }
    }
    return [...this.rows(this.loaded()), ...(this.pager.hasMore ? [new LoadMoreNode(this)] : [])];
  }
}
