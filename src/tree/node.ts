import type * as vscode from 'vscode';
import type { AccountStore, Connection } from '../connections/accountStore';
import type { Clients } from '../connections/clients';

/** What nodes need to load their children. */
export interface NodeContext {
  readonly clients: Clients;
  readonly accounts: AccountStore;
  /** Local state of this machine (e.g. what was pushed where); never tokens or values. */
  readonly globalState: vscode.Memento;
  /** The user-facing sentence for an error, in the wording of its backend. */
  describe(err: unknown): string;
  /** Draw a node's row again (its description changed after loading). */
  rerender(node: TreeNode): void;
}

/** Every kind of tree node is one small class implementing this. */
export interface TreeNode {
  readonly parent: TreeNode | undefined;
  /** Unique in the whole tree and stable across refreshes, so expansion survives. */
  readonly id: string;
  toTreeItem(): vscode.TreeItem;
  /**
   * The row's tooltip, built only when the user hovers it (TreeDataProvider.resolveTreeItem):
   * rows whose tooltip takes work leave it out of `toTreeItem` and give it here.
   */
  tooltip?(): string | vscode.MarkdownString;
  /** Absent for leaves. May throw: the provider turns errors into an error row. */
  loadChildren?(context: NodeContext): Promise<TreeNode[]>;
  /** Forget loaded children so the next expansion fetches them again. */
  invalidate?(): void;
  /**
   * The families of secret rows found below this node ("secret", "accountSecret", "resource"):
   * palette pickers walk only into nodes that can lead to what they look for.
   */
  readonly holds?: readonly string[];
  /** For nodes a command can act on (rows, and containers that take a new secret): their family. */
  readonly family?: string;
}

/** A root of the tree: one per connection, whatever its backend. */
export interface RootNode extends TreeNode {
  readonly account: Connection;
  invalidate(): void;
}

/** What backends and commands may do to the tree after a change. */
export interface TreeControl {
  /** Reload a node's children (or everything), fetching them again. */
  refresh(node?: TreeNode): void;
  /** Reload the shown node with this id, if the tree shows one (a palette command changed it). */
  refreshShown(id: string): void;
  /**
   * Draw a node and its children again without fetching anything: its own state changed, or
   * its loaded children were patched in place from a write's answer.
   */
  rerender(node: TreeNode): void;
  /** The node with this id as the tree shows it, if it does (a palette command's node is a copy). */
  shownNode(id: string): TreeNode | undefined;
  /** The root node of a connection, when the tree has built it. */
  accountNode(id: string): RootNode | undefined;
  /** After "Replace Token…": the connection is trusted again and reloads. */
  clearRejected(id: string): void;
  /** The children as the tree shows them (loading them if needed). */
  getChildren(node?: TreeNode): Promise<TreeNode[]>;
}

/** Base for nodes whose children come from one request and are kept until refreshed. */
export abstract class CachedNode implements TreeNode {
  private cache: Promise<TreeNode[]> | undefined;
  /** The children once loaded (undefined while none are, or a load is in flight). */
  private settled: TreeNode[] | undefined;

  abstract readonly parent: TreeNode | undefined;
  abstract readonly id: string;
  abstract toTreeItem(): vscode.TreeItem;
  protected abstract fetchChildren(context: NodeContext): Promise<TreeNode[]>;

  loadChildren(context: NodeContext): Promise<TreeNode[]> {
    // Shared promise: VS Code may ask twice while the first request is in flight.
    if (!this.cache) {
      const loading = this.fetchChildren(context).then((children) => {
        if (this.cache === loading) this.settled = children;
        return children;
      }, (err: unknown) => {
        if (this.cache === loading) this.cache = undefined;
        throw err;
      });
      this.cache = loading;
    }
    return this.cache;
  }

  invalidate(): void {
    this.cache = undefined;
    this.settled = undefined;
  }

  /** The children loaded so far; undefined when they are not (never expanded, refreshed, or loading). */
  protected loadedChildren(): readonly TreeNode[] | undefined {
    return this.settled;
  }

  /** Puts patched children in place of the loaded ones: the next expansion shows them without a request. */
  protected replaceChildren(children: TreeNode[]): void {
    this.settled = children;
    this.cache = Promise.resolve(children);
  }
}

/** Base for the root node of a connection: its id is the connection's, its children are cached. */
export abstract class ConnectionNode<C extends Connection> extends CachedNode implements RootNode {
  readonly parent = undefined;
  readonly id: string;

  constructor(readonly account: C) {
    super();
    this.id = account.id;
  }
}

/**
 * The id of a child row: the parent's id, then `/<kind>` or `/<kind>:<key>` with the key
 * URI-encoded (no "/" in it). Two rows get one id only when they have the same parent, kind
 * and key, so a project or secret named like a row kind ("error", "message") cannot
 * collide with that row, nor a key containing "/" with a row one level down.
 */
export function childId(parent: { readonly id: string }, kind: string, key?: string): string {
  return `${parent.id}/${kind}${key === undefined ? '' : `:${encodeURIComponent(key)}`}`;
}
