import * as vscode from 'vscode';
import { ConnectionNode, type NodeContext, type TreeNode } from '../../tree/node';
import { MessageNode, treeItem } from '../../tree/rows';
import { marketplaceClient, type MarketplaceConnection } from './connection';
import { PushLog } from './pushLog';
import { ResourceNode } from './resourceNode';

/** A Vercel Marketplace installation (`icfg_…`): its children are its resources. */
export class InstallationNode extends ConnectionNode<MarketplaceConnection> {
  readonly holds = ['resource'];

  toTreeItem(): vscode.TreeItem {
    const { configId, productIdOrSlug, origin } = this.account;
    return treeItem(this.id, {
      label: this.account.label, expandable: true,
      description: productIdOrSlug ? vscode.l10n.t('Marketplace installation · {0}', productIdOrSlug) : vscode.l10n.t('Marketplace installation'),
      tooltip: vscode.l10n.t('Vercel Marketplace installation {0} at {1}', configId, origin), icon: new vscode.ThemeIcon('extensions'),
      contextValue: 'projectSecrets.account;marketplace',
      accessibilityLabel: vscode.l10n.t('{0}, Vercel Marketplace installation', this.account.label),
    });
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await marketplaceClient(context.clients, this.account);
    const resources = await client.listResources(this.account.configId);
    if (resources.length === 0) return [new MessageNode(this, vscode.l10n.t('No resources'))];
    const pushLog = new PushLog(context.globalState);
    return resources.map((resource) => new ResourceNode(this, this.account, resource, pushLog.get(this.account.id, resource.id)));
  }
}
