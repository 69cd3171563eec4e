import * as vscode from 'vscode';
import { ConnectionNode, type NodeContext, type TreeNode } from '../../tree/node';
import { treeItem } from '../../tree/rows';
import { vercelClient, type VercelAccount } from './account';
import { ScopeNode } from './scopeNode';

/** A connected Vercel account: its children are "Personal" and one node per team. */
export class AccountNode extends ConnectionNode<VercelAccount> {
  readonly holds = ['secret', 'accountSecret', 'sharedVariable'];

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      // Connections of several kinds share the view: the description says which this is.
      label: this.account.username, expandable: true, description: vscode.l10n.t('Vercel account'), icon: new vscode.ThemeIcon('account'),
      tooltip: vscode.l10n.t('Vercel account {0} ({1}) at {2}', this.account.username, this.account.email, this.account.origin),
      contextValue: 'projectSecrets.account;vercel',
      accessibilityLabel: vscode.l10n.t('{0}, Vercel account, {1}', this.account.username, this.account.email),
    });
  }

  /** The scopes (Personal, then the teams) once loaded; undefined before. */
  loadedScopes(): ScopeNode[] | undefined {
    return this.loadedChildren()?.filter((node): node is ScopeNode => node instanceof ScopeNode);
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
