import * as vscode from 'vscode';
import type { AccountStore, Connection } from '../connections/accountStore';
import type { Clients } from '../connections/clients';
import { ApiError, isStepUp } from '../core/errors';
import type { Logger } from '../platform/log';
import type { NodeContext, RootNode, TreeControl, TreeNode } from './node';
import { ErrorNode } from './rows';

export const explorerViewId = 'projectSecrets.explorer';

/** What the provider is built from; the backends come in through `createRoot` and `describe`. */
export interface TreeServices {
  readonly clients: Clients;
  readonly accounts: AccountStore;
  readonly globalState: vscode.Memento;
  /** The root node of a connection, made by its backend. */
  createRoot(connection: Connection): RootNode;
  describe(err: unknown): string;
}

/** The Secrets view: connections → scopes → projects → secrets. */
export class SecretsTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeControl, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Account nodes are kept so that adding one account does not reload the others. */
  private readonly accountNodes = new Map<string, RootNode>();
  private readonly subscription: vscode.Disposable;
  /** Every node handed to VS Code, by id: lets palette commands refresh the node they changed. */
  private readonly shown = new Map<string, TreeNode>();
  /**
   * The item drawn for each node, until the node is drawn again (rerender, refresh): when a
   * parent's rows are sent again ("Load more…", a patched list), the rows already built are reused.
   */
  private items = new WeakMap<TreeNode, vscode.TreeItem>();

  private readonly context: NodeContext;
  /** The last children each node loaded successfully: a failed refresh keeps showing them. */
  private readonly lastGood = new Map<string, TreeNode[]>();
  /**
   * Connections whose token the API refused, with the refusal: only they are marked, the others
   * carry on. Nothing under a rejected connection sends a request until its token is replaced:
   * the server would refuse it again, and a view that redraws on every change would turn that
   * into a request storm.
   */
  private readonly rejected = new Map<string, string>();

  constructor(private readonly services: TreeServices, private readonly logger: Logger) {
    const { clients, accounts, globalState, describe } = services;
    this.context = { clients, accounts, globalState, describe, rerender: (node) => this.rerender(node) };
    this.subscription = services.accounts.onDidChange((id) => {
      // Added again (a checked token) or removed: whatever was refused before no longer holds.
      if (id !== undefined) this.rejected.delete(id);
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    // Roots are few and carry the "token rejected" mark: built each time.
    if (node.parent === undefined) {
      const item = node.toTreeItem();
      if (this.rejected.has(node.id)) markRejected(item);
      return item;
    }
    let item = this.items.get(node);
    if (!item) {
      item = node.toTreeItem();
      this.items.set(node, item);
    }
    return item;
  }

  /** On hover: the tooltip of a row that builds it only then (TreeNode.tooltip). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip === undefined && node.tooltip) item.tooltip = node.tooltip();
    return item;
  }

  /** After "Replace Token…": the connection is trusted again and reloads. */
  clearRejected(id: string): void {
    this.rejected.delete(id);
    this.refresh(this.accountNodes.get(id));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const nodes = this.onePerId(await this.loadChildren(node));
    for (const child of nodes) this.shown.set(child.id, child);
    return nodes;
  }

  /**
   * The rows with duplicate ids left out: VS Code refuses a second row with one id ("already
   * registered"). Ids are unique by construction (`childId`); this is the last line of defence.
   */
  private onePerId(nodes: TreeNode[]): TreeNode[] {
    const seen = new Set<string>();
    return nodes.filter((node) => {
      if (!seen.has(node.id)) return seen.add(node.id);
      this.logger.warn(`Left out a second row with the id ${node.id}`);
      return false;
    });
  }

  /** Reload the shown node with this id (a command changed what it lists); nothing when it is not shown. */
  refreshShown(id: string): void {
    const node = this.shown.get(id);
    if (node) this.refresh(node);
  }

  private async loadChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.accountRoots();
    if (!node.loadChildren) return [];
    const root = rootOf(node);
    const refusal = this.rejected.get(root.id);
    if (refusal !== undefined) return [this.rejectedRow(root, node, refusal)];
    const load = node.loadChildren.bind(node);
    try {
      const children = await vscode.window.withProgress({ location: { viewId: explorerViewId } }, () => load(this.context));
      const late = this.rejected.get(root.id);
      // Another load under this connection was refused meanwhile: what came back is stale.
      if (late !== undefined) return [this.rejectedRow(root, node, late)];
      this.lastGood.set(node.id, children);
      return children;
    } catch (err) {
      const message = this.logger.redact(this.services.describe(err));
      this.logger.warn(`Loading ${node.id}: ${message}`);
      if (err instanceof ApiError && err.tokenRejected) return this.tokenRejected(root, node, message);
      // Step-up authentication: the token is fine; the row opens the dashboard where the user confirms.
      if (isStepUp(err)) {
        return [new ErrorNode(node, message, { command: 'projectSecrets.openVercelDashboard', node, hint: vscode.l10n.t('Click to open the Vercel dashboard; refresh here afterwards.') })];
      }
      // One error row, no notification: expanding ten nodes offline must not mean ten pop-ups.
      // What was loaded before, without its own error rows (e.g. a failed "Load more…"): one error row per parent.
      const previous = this.lastGood.get(node.id)?.filter((child) => !(child instanceof ErrorNode));
      if (!previous) return [new ErrorNode(node, message)];
      return [new ErrorNode(node, vscode.l10n.t('Refresh failed: {0} Showing what was loaded before.', message)), ...previous];
    }
  }

  /**
   * Marks just this connection "token rejected" and redraws it: its row then holds the one
   * "Token rejected" row, and every load below it answers that row without a request.
   */
  private tokenRejected(root: TreeNode, node: TreeNode, message: string): TreeNode[] {
    if (!this.rejected.has(root.id)) {
      this.rejected.set(root.id, message);
      this.rerender(root);
    }
    return [this.rejectedRow(root, node, this.rejected.get(root.id) ?? message)];
  }

  private rejectedRow(root: TreeNode, node: TreeNode, message: string): TreeNode {
    // The label says what to do; why the token was refused is in the tooltip.
    return new ErrorNode(node, vscode.l10n.t('Token rejected — Replace Token…'),
      { command: 'projectSecrets.replaceToken', node: root, hint: vscode.l10n.t('Click to paste a new token.') }, message);
  }

  /** Reload a node's children (or everything), fetching them again. */
  refresh(node?: TreeNode): void {
    if (node) {
      node.invalidate?.();
      this.rerender(node);
      return;
    }
    for (const account of this.accountNodes.values()) account.invalidate();
    this.items = new WeakMap();
    this.changed.fire(undefined);
  }

  /**
   * Re-render a node whose own state changed (e.g. "Load more…" asked for the next page, or its
   * children were patched from a write's answer): its children are asked for again, and come
   * from its cache; rows already built are reused.
   */
  rerender(node: TreeNode): void {
    this.items.delete(node);
    this.changed.fire(node);
  }

  shownNode(id: string): TreeNode | undefined {
    return this.shown.get(id);
  }

  accountNode(id: string): RootNode | undefined {
    return this.accountNodes.get(id);
  }

  private accountRoots(): TreeNode[] {
    const accounts = this.context.accounts.list();
    for (const id of this.accountNodes.keys()) {
      if (!accounts.some((a) => a.id === id)) this.accountNodes.delete(id);
    }
    return accounts.map((account) => {
      let node = this.accountNodes.get(account.id);
      if (!node || JSON.stringify(node.account) !== JSON.stringify(account)) {
        node = this.services.createRoot(account);
        this.accountNodes.set(account.id, node);
      }
      return node;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function rootOf(node: TreeNode): TreeNode {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function markRejected(item: vscode.TreeItem): void {
  item.description = vscode.l10n.t('token rejected — sign in again');
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.contextValue = `${item.contextValue ?? ''};rejected`;
  const said = item.accessibilityInformation?.label ?? (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, token rejected', said) };
}
