import type * as vscode from 'vscode';
import type { AccountStore, Connection } from '../connections/accountStore';
import type { Clients } from '../connections/clients';
import type { ClipboardGuard } from '../platform/clipboardGuard';
import type { Details, DetailsDocuments } from '../platform/details';
import type { Logger } from '../platform/log';
import type { Reminders } from '../platform/notify';
import type { RootNode, TreeControl, TreeNode } from '../tree/node';

/** What commands and backends may use; passed in explicitly, never reached through a global. */
export interface Services {
  readonly accounts: AccountStore;
  readonly clients: Clients;
  readonly tree: TreeControl;
  readonly logger: Logger;
  readonly treeView: vscode.TreeView<unknown>;
  readonly clipboard: ClipboardGuard;
  /** The read-only details documents ("Show Details"). */
  readonly details: DetailsDocuments;
  readonly globalState: vscode.Memento;
  /** Notifications shown once per subject per session ("redeploy to use it"). */
  readonly reminders: Reminders;
  /** Every backend, to pick connections and word errors. */
  readonly backends: BackendList;
  /** The user-facing sentence for an error, in the wording of its backend. */
  describe(err: unknown): string;
}

/** One command: an id from package.json and what it does. */
export interface Command {
  readonly id: string;
  run(services: Services, ...args: unknown[]): unknown;
}

/** The capabilities a node may have; the generic commands call them (see SecretItem). */
export type Capability = 'name' | 'addSecret' | 'setValue' | 'rename' | 'delete' | 'readValue';

/**
 * A row of the tree that stands for one secret (or a container a secret can be added to).
 * What it can do is a set of optional methods: a command calls the one it is about, and a
 * row without it does not offer it. Each method runs the whole flow (prompts, the request,
 * the refresh and the message) and throws CancelledError when the user gives up.
 */
export interface SecretItem extends TreeNode {
  /** The secret's name, e.g. for "Copy Name". */
  readonly name?: string;
  /** "Add Secret…" on a container (a project). */
  addSecret?(services: Services): Promise<void>;
  setValue?(services: Services): Promise<void>;
  rename?(services: Services): Promise<void>;
  delete?(services: Services): Promise<void>;
  /** One read of the value, for "Copy Value"; the command puts it on the clipboard. */
  readValue?(services: Services): Promise<string>;
  /** "Show Details" (Enter on the row): its metadata for a read-only view; never its value. */
  details?(): Details;
  /**
   * Whether the capability applies to this row (a system variable has no value to set):
   * palette pickers offer only rows where it does. Default: when the method exists.
   */
  offers?(capability: Capability): boolean;
}

/** One per connection kind: everything the generic parts need to know about a backend. */
export interface Backend {
  /** `Connection.kind` of its connections. */
  readonly kind: string;
  /** "Vercel account": names a connection of this kind in pickers. */
  readonly kindLabel: string;
  /** The command that adds a connection of this kind, offered when a command needs one. */
  readonly connect: { readonly command: string; readonly title: string };
  /**
   * The command that removes a connection of this kind, titled for it ("Remove Account…");
   * default `projectSecrets.removeConnection` ("Remove Connection…").
   */
  readonly remove?: string;
  /** Families of rows its tree holds (see TreeNode.holds). */
  readonly holds: readonly string[];
  /** The root node of a connection of this kind. */
  createRoot(connection: Connection): RootNode;
  /** "Replace Token…": the problem with a pasted token, while typing (undefined: fine). */
  tokenProblem(token: string): string | undefined;
  /**
   * "Replace Token…": checks that `token` works and belongs to the same identity as
   * `connection`. Throws InputError (wrong identity) or the request's error.
   */
  checkToken(services: Services, connection: Connection, token: string): Promise<void>;
  /** `ApiError.service` of its errors, and their wording when it differs from `describeError`. */
  readonly service?: string;
  describeError?(err: unknown): string;
  /** Forgets local state of a connection being removed (its token is removed by the store). */
  forget?(services: Services, connection: Connection): Thenable<void>;
  /** The commands only this backend has (adding a connection, its own verbs). */
  readonly commands: readonly Command[];
  /**
   * Starts what the backend keeps for the session (Vercel: the changes not deployed and their
   * status bar item), once at activation; disposed with the extension.
   */
  start?(services: Services): vscode.Disposable;
}

/** The backends as the generic parts see them (src/backends/registry.ts). */
export interface BackendList {
  readonly all: readonly Backend[];
  /** The backend of a connection; throws for an unknown kind (state from a newer version). */
  of(connection: Connection): Backend;
}
