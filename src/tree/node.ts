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
  /** The node with this id as the tree shows it, if it does. */
  shownNode(id: string): TreeNode | undefined;
  /** Re-render a node whose own state changed. */
  rerender(node: TreeNode): void;
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
