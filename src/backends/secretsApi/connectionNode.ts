import * as vscode from 'vscode';
import { CachedNode, type NodeContext, type RootNode, type TreeNode } from '../../tree/node';
import { MessageNode } from '../../tree/rows';
import { secretsApiClient, type SecretsApiConnection } from './connection';
import { SecretsApiProjectNode } from './projectNode';

/**
 * A Secrets API connection. The API cannot list projects, so its children are the
 * project ids the user added; each is loaded here (one request per project) so the
 * rows can show "12 / 25 secrets" at once.
 */
export class SecretsApiConnectionNode extends CachedNode implements RootNode {
  readonly parent = undefined;
  readonly id: string;
  readonly holds = ['secret'];

  constructor(readonly account: SecretsApiConnection) {
    super();
    this.id = account.id;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = new URL(this.account.baseUrl).host;
    item.tooltip = vscode.l10n.t('Secrets API at {0}', this.account.baseUrl);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'projectSecrets.account;secretsApi';
    return item;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    if (this.account.projectIds.length === 0) return [new MessageNode(this, vscode.l10n.t('No projects: use "Add Project…"'))];
    const client = await secretsApiClient(context.clients, this.account);
    return Promise.all(this.account.projectIds.map(async (projectId) => {
      try {
        return new SecretsApiProjectNode(this, this.account, projectId, await client.list(projectId));
      } catch (err) {
        // One unreachable project does not hide the others.
        return new SecretsApiProjectNode(this, this.account, projectId, undefined, context.describe(err));
      }
    }));
  }
}
