import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../../accounts/accountStore';
import { describe } from '../../describe';
import { CachedNode, type NodeContext, type TreeNode } from '../node';
import { MessageNode } from './messageNode';
import { SecretsApiProjectNode } from './secretsApiProjectNode';

/**
 * A Secrets API connection. The API cannot list projects, so its children are the
 * project ids the user added; each is loaded here (one request per project) so the
 * rows can show "12 / 25 secrets" at once.
 */
export class SecretsApiConnectionNode extends CachedNode {
  readonly parent = undefined;
  readonly id: string;

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
    const client = await context.clients.secretsApiFor(this.account);
    return Promise.all(this.account.projectIds.map(async (projectId) => {
      try {
        return new SecretsApiProjectNode(this, projectId, await client.list(projectId));
      } catch (err) {
        // One unreachable project does not hide the others.
        return new SecretsApiProjectNode(this, projectId, undefined, describe(err));
      }
    }));
  }
}
