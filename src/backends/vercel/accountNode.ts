import * as vscode from 'vscode';
import { CachedNode, type NodeContext, type RootNode, type TreeNode } from '../../tree/node';
import { vercelClient, type VercelAccount } from './account';
import { ScopeNode } from './scopeNode';

/** A connected Vercel account: its children are "Personal" and one node per team. */
export class AccountNode extends CachedNode implements RootNode {
  readonly parent = undefined;
  readonly id: string;
  readonly holds = ['secret', 'accountSecret'];

  constructor(readonly account: VercelAccount) {
    super();
    this.id = account.id;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.username, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.account.email;
    item.tooltip = vscode.l10n.t('Vercel account {0} ({1}) at {2}', this.account.username, this.account.email, this.account.origin);
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'projectSecrets.account;vercel';
    return item;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    const teams = [...await client.listTeams()].sort((a, b) => a.name.localeCompare(b.name));
    return [
      new ScopeNode(this, this.account, { kind: 'personal' }),
      ...teams.map((team) => new ScopeNode(this, this.account,
        { kind: 'team', teamId: team.id, slug: team.slug, name: team.name, sensitivePolicy: team.sensitivePolicy }, team.limited)),
    ];
  }
}
