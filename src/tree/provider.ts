import * as vscode from 'vscode';
import { describe } from '../describe';
import type { AccountStore } from '../accounts/accountStore';
import type { Clients } from '../clients';
import type { PushLog } from '../accounts/pushLog';
import type { NodeContext, TreeNode } from './node';
import { createConnectionNode, type ConnectionNode } from './connectionNodes';
import { ErrorNode } from './nodes/errorNode';
import type { Logger } from '../log';

export const explorerViewId = 'projectSecrets.explorer';

/** The Secrets view: connections → scopes → projects → secrets. */
export class SecretsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Account nodes are kept so that adding one account does not reload the others. */
  private readonly accountNodes = new Map<string, ConnectionNode>();
  private readonly subscription: vscode.Disposable;
  /** Every node handed to VS Code, by id: lets palette commands refresh the node they changed. */
  private readonly shown = new Map<string, TreeNode>();

  private readonly context: NodeContext;

  constructor(services: { readonly clients: Clients; readonly accounts: AccountStore; readonly pushLog: PushLog }, private readonly logger: Logger) {
    this.context = { ...services, rerender: (node) => this.rerender(node) };
    this.subscription = services.accounts.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const nodes = await this.loadChildren(node);
    for (const child of nodes) this.shown.set(child.id, child);
    return nodes;
  }

  /** The first node shown so far that matches, e.g. the project a palette command changed. */
  find(predicate: (node: TreeNode) => boolean): TreeNode | undefined {
    for (const node of this.shown.values()) if (predicate(node)) return node;
    return undefined;
  }

  private async loadChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.accountRoots();
    if (!node.loadChildren) return [];
    const load = node.loadChildren.bind(node);
    try {
      return await vscode.window.withProgress({ location: { viewId: explorerViewId } }, () => load(this.context));
    } catch (err) {
      const message = this.logger.redact(describe(err));
      this.logger.warn(`Loading ${node.id}: ${message}`);
      return [new ErrorNode(node, message)];
    }
  }

  /** Reload a node's children (or everything), fetching them again. */
  refresh(node?: TreeNode): void {
    if (node) {
      node.invalidate?.();
      this.changed.fire(node);
      return;
    }
    for (const account of this.accountNodes.values()) account.invalidate();
    this.changed.fire(undefined);
  }

  /** Re-render a node whose own state changed (e.g. "Load more…" asked for the next page). */
  rerender(node: TreeNode): void {
    this.changed.fire(node);
  }

  accountNode(id: string): ConnectionNode | undefined {
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
        node = createConnectionNode(account);
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
