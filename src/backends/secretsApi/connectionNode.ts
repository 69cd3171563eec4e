import * as vscode from 'vscode';
import { ConnectionNode, type NodeContext, type TreeNode } from '../../tree/node';
import { MessageNode, treeItem } from '../../tree/rows';
import { secretsApiClient, type SecretsApiConnection } from './connection';
import { SecretsApiProjectNode } from './projectNode';

/**
 * A Secrets API connection. The API cannot list projects, so its children are the
 * project ids the user added; each is loaded here (one request per project) so the
 * rows can show "12 / 25 secrets" at once.
 */
export class SecretsApiConnectionNode extends ConnectionNode<SecretsApiConnection> {
  readonly holds = ['secret'];

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: this.account.label, expandable: true, description: vscode.l10n.t('Secrets API · {0}', new URL(this.account.baseUrl).host),
      tooltip: vscode.l10n.t('Secrets API connection at {0}', this.account.baseUrl), icon: new vscode.ThemeIcon('server-environment'),
      contextValue: 'projectSecrets.account;secretsApi',
      accessibilityLabel: vscode.l10n.t('{0}, Secrets API connection, {1}', this.account.label, new URL(this.account.baseUrl).host),
    });
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
