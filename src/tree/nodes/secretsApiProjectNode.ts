import * as vscode from 'vscode';
import { maxSecretsPerProject } from '../../core/secretsApi/rules';
import type { SecretSummary } from '../../core/secretsApi/models';
import type { NodeContext, TreeNode } from '../node';
import { ApiSecretNode } from './apiSecretNode';
import { ErrorNode } from './errorNode';
import { MessageNode } from './messageNode';
import type { SecretsApiConnectionNode } from './secretsApiConnectionNode';

/** A project of a Secrets API connection; its secrets come preloaded by the connection node. */
export class SecretsApiProjectNode implements TreeNode {
  readonly id: string;
  private loading: Promise<TreeNode[]> | undefined;

  constructor(
    readonly parent: SecretsApiConnectionNode,
    readonly projectId: string,
    private secrets: readonly SecretSummary[] | undefined,
    /** Why the connection could not load this project; shown until a refresh retries. */
    private error?: string,
  ) {
    this.id = `${parent.id}/${projectId}`;
  }

  get account() {
    return this.parent.account;
  }

  /** The keys as last loaded, for the cap check before adding one. */
  get knownKeys(): readonly string[] | undefined {
    return this.secrets?.map((s) => s.key);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.projectId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.secrets
      ? vscode.l10n.t('{0} / {1} secrets', this.secrets.length, maxSecretsPerProject)
      : this.error ? vscode.l10n.t('not loaded') : undefined;
    item.tooltip = this.error ?? vscode.l10n.t('Project {0}', this.projectId);
    item.iconPath = new vscode.ThemeIcon(this.error ? 'warning' : 'project');
    item.contextValue = 'projectSecrets.project;secretsApi';
    return item;
  }

  invalidate(): void {
    this.secrets = undefined;
    this.error = undefined;
  }

  loadChildren(context: NodeContext): Promise<TreeNode[]> {
    this.loading ??= this.load(context).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async load(context: NodeContext): Promise<TreeNode[]> {
    if (this.error) return [new ErrorNode(this, this.error)];
    if (this.secrets === undefined) {
      const client = await context.clients.secretsApiFor(this.account);
      this.secrets = await client.list(this.projectId);
      // The row's "n / 25" comes from the list: draw the row again now that it is known.
      context.rerender(this);
    }
    if (this.secrets.length === 0) return [new MessageNode(this, vscode.l10n.t('No secrets'))];
    return [...this.secrets].sort((a, b) => a.key.localeCompare(b.key)).map((secret) => new ApiSecretNode(this, secret));
  }
}
