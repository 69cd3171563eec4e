import * as vscode from 'vscode';
import { CachedNode, type NodeContext, type RootNode, type TreeNode } from '../../tree/node';
import { MessageNode } from '../../tree/rows';
import { marketplaceClient, type MarketplaceConnection } from './connection';
import { PushLog } from './pushLog';
import { ResourceNode } from './resourceNode';

/** A Vercel Marketplace installation (`icfg_…`): its children are its resources. */
export class InstallationNode extends CachedNode implements RootNode {
  readonly parent = undefined;
  readonly id: string;
  readonly holds = ['resource'];

  constructor(readonly account: MarketplaceConnection) {
    super();
    this.id = account.id;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.account.productIdOrSlug ? `${this.account.configId} · ${this.account.productIdOrSlug}` : this.account.configId;
    item.tooltip = vscode.l10n.t('Vercel Marketplace installation {0} at {1}', this.account.configId, this.account.origin);
    item.iconPath = new vscode.ThemeIcon('extensions');
    item.contextValue = 'projectSecrets.account;marketplace';
    return item;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await marketplaceClient(context.clients, this.account);
    const resources = await client.listResources(this.account.configId);
    if (resources.length === 0) return [new MessageNode(this, vscode.l10n.t('No resources'))];
    const pushLog = new PushLog(context.globalState);
    return resources.map((resource) => new ResourceNode(this, this.account, resource, pushLog.get(this.account.id, resource.id)));
  }
}
