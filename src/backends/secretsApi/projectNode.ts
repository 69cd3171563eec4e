import * as vscode from 'vscode';
import type { SecretSummary } from '../../core/secretsApi/models';
import { maxSecretsPerProject } from '../../core/secretsApi/rules';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../tree/node';
import { revealChild } from '../../tree/reveal';
import { ErrorNode, MessageNode, treeItem } from '../../tree/rows';
import type { SecretItem, Services } from '../backend';
import { addApiSecret, type ApiProjectRef, type ApiSecretChange } from './actions';
import { secretsApiClient, type SecretsApiConnection } from './connection';
import { ApiSecretNode } from './secretNode';
import { uploadDotenvToApiProject } from './uploadDotenv';

/** A project of a Secrets API connection; its secrets come preloaded by the connection node. */
export class SecretsApiProjectNode extends CachedNode implements SecretItem, ApiProjectRef {
  readonly id: string;
  readonly holds = ['secret'];
  readonly family = 'secret';

  constructor(
    readonly parent: TreeNode,
    readonly connection: SecretsApiConnection,
    readonly projectId: string,
    private secrets: readonly SecretSummary[] | undefined,
    /** Why the connection could not load this project; shown until a refresh retries. */
    private error?: string,
  ) {
    super();
    this.id = childId(parent, 'project', projectId);
  }

  get account(): SecretsApiConnection {
    return this.connection;
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: this.projectId, expandable: true,
      description: this.secrets
        ? vscode.l10n.t('{0} / {1} secrets', this.secrets.length, maxSecretsPerProject)
        : this.error ? vscode.l10n.t('not loaded') : undefined,
      tooltip: this.error ?? vscode.l10n.t('Project {0}', this.projectId), icon: new vscode.ThemeIcon(this.error ? 'warning' : 'project'),
      contextValue: 'projectSecrets.project;secretsApi',
    });
  }

  /** Adds (or overwrites) a secret, then reveals and selects its row. */
  async addSecret(services: Services): Promise<void> {
    const key = await addApiSecret(services, this);
    await revealChild(services.tree, services.treeView, this, (node) => node instanceof ApiSecretNode && node.secret.key === key);
  }

  /** "Upload .env…" (uploadDotenv.ts). */
  uploadDotenv(services: Services): Promise<void> {
    return uploadDotenvToApiProject(services, this);
  }

  override invalidate(): void {
    super.invalidate();
    this.secrets = undefined;
    this.error = undefined;
  }

  /** The project's secrets as loaded (and patched since); undefined when they are not loaded. */
  loadedSecrets(): readonly SecretSummary[] | undefined {
    return this.secrets;
  }

  /**
   * Applies what a write answered (a secret saved, or a key deleted) to the loaded secrets,
   * keeping the rows of the others; false when none are loaded. The caller redraws this row
   * (its "n / 25") and its children.
   */
  applyChange(change: ApiSecretChange): boolean {
    if (this.secrets === undefined || this.error) return false;
    const key = 'put' in change ? change.put.key : change.removed;
    const before = new Map((this.loadedChildren() ?? []).filter((row): row is ApiSecretNode => row instanceof ApiSecretNode).map((row) => [row.secret, row]));
    this.secrets = [...this.secrets.filter((s) => s.key !== key), ...('put' in change ? [change.put] : [])];
    this.replaceChildren(this.rows(this.secrets, (secret) => before.get(secret)));
    return true;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    if (this.error) return [new ErrorNode(this, this.error)];
    if (this.secrets === undefined) {
      const client = await secretsApiClient(context.clients, this.connection);
      this.secrets = await client.list(this.projectId);
      // The row's "n / 25" comes from the list: draw the row again now that it is known.
      context.rerender(this);
    }
    return this.rows(this.secrets, () => undefined);
  }

  private rows(secrets: readonly SecretSummary[], reuse: (secret: SecretSummary) => ApiSecretNode | undefined): TreeNode[] {
    if (secrets.length === 0) return [new MessageNode(this, vscode.l10n.t('No secrets'))];
    return [...secrets].sort((a, b) => a.key.localeCompare(b.key)).map((secret) => reuse(secret) ?? new ApiSecretNode(this, this, secret));
  }
}
