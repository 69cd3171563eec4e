import type * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { Clients } from '../clients';
import type { PushLog } from '../accounts/pushLog';

/** What nodes need to load their children. */
export interface NodeContext {
  readonly clients: Clients;
  readonly accounts: AccountStore;
  readonly pushLog: PushLog;
  /** Draw a node's row again (its description changed after loading). */
  rerender(node: TreeNode): void;
}

/** Every kind of tree node is one small class implementing this. */
export interface TreeNode {
  readonly parent: TreeNode | undefined;
  /** Unique in the whole tree and stable across refreshes, so expansion survives. */
  readonly id: string;
  toTreeItem(): vscode.TreeItem;
  /** Absent for leaves. May throw: the provider turns errors into an error row. */
  loadChildren?(context: NodeContext): Promise<TreeNode[]>;
  /** Forget loaded children so the next expansion fetches them again. */
  invalidate?(): void;
}

/** Base for nodes whose children come from one request and are kept until refreshed. */
export abstract class CachedNode implements TreeNode {
  private cache: Promise<TreeNode[]> | undefined;

  abstract readonly parent: TreeNode | undefined;
  abstract readonly id: string;
  abstract toTreeItem(): vscode.TreeItem;
  protected abstract fetchChildren(context: NodeContext): Promise<TreeNode[]>;

  loadChildren(context: NodeContext): Promise<TreeNode[]> {
    // Shared promise: VS Code may ask twice while the first request is in flight.
    this.cache ??= this.fetchChildren(context).catch((err: unknown) => {
      this.cache = undefined;
      throw err;
    });
    return this.cache;
  }

  invalidate(): void {
    this.cache = undefined;
  }
}
