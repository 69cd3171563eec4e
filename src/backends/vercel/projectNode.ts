import * as vscode from 'vscode';
import { applyEnvChanges, byKey, type EnvChange } from '../../core/vercel/envList';
import type { EnvVar, Scope, VercelProject } from '../../core/vercel/models';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../tree/node';
import { revealChild } from '../../tree/reveal';
import { MessageNode, treeItem } from '../../tree/rows';
import type { SecretItem, Services } from '../backend';
import { vercelClient, type VercelAccount } from './account';
import { addVariable } from './addVariable';
import { uploadDotenv } from './dotenv/upload';
import { EnvVarNode } from './envVarNode';
import { linkedSharedRows } from './sharedVariables/projectRows';
import type { ProjectRef } from './target';

/** A Vercel project; its children are its environment variables. "Add Secret…" adds one. */
export class ProjectNode extends CachedNode implements SecretItem, ProjectRef {
  readonly id: string;
  readonly holds = ['secret'];
  readonly family = 'secret';
  /** Rows of the team shared variables linked to this project (sharedVariables/projectRows.ts). */
  private shared: readonly TreeNode[] = [];

  constructor(readonly parent: TreeNode, readonly account: VercelAccount, readonly scope: Scope, readonly project: VercelProject) {
    super();
    this.id = childId(parent, 'project', project.id);
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: this.project.name, expandable: true, description: this.project.framework, icon: new vscode.ThemeIcon('project'),
      tooltip: vscode.l10n.t('Project {0} ({1})', this.project.name, this.project.id), contextValue: 'projectSecrets.project;vercel',
    });
  }

  /** Adds a variable, then reveals and selects its row (also when it was added from the palette). */
  async addSecret(services: Services): Promise<void> {
    const added = await addVariable(services, this);
    await revealChild(services.tree, services.treeView, this, (node) => node instanceof EnvVarNode && node.env.key === added.key
      && (node.env.gitBranch ?? '') === (added.gitBranch ?? '') && added.targets.every((t) => node.env.targets.includes(t)));
  }

  /** "Upload .env…" (dotenv/upload.ts). */
  uploadDotenv(services: Services): Promise<void> {
    return uploadDotenv(services, this);
  }

  /** The variables as loaded (and patched since); undefined when they are not loaded. */
  loadedEnvs(): readonly EnvVar[] | undefined {
    const rows = this.loadedChildren();
    return rows?.filter((row): row is EnvVarNode => row instanceof EnvVarNode).map((row) => row.env);
  }

  /**
   * Applies what writes answered to the loaded variables, keeping the rows of unchanged
   * ones; false when nothing is loaded (the next expansion lists them anyway).
   */
  applyChanges(changes: readonly EnvChange[]): boolean {
    const rows = this.loadedChildren();
    if (!rows) return false;
    const before = new Map(rows.filter((row): row is EnvVarNode => row instanceof EnvVarNode).map((row) => [row.env, row]));
    const envs = applyEnvChanges([...before.keys()], changes);
    this.replaceChildren(this.rows(envs, (env) => before.get(env)));
    return true;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    const [envs, shared] = await Promise.all([client.listEnvs(this.scope, this.project.id), linkedSharedRows(context, client, this)]);
    this.shared = shared;
    return this.rows([...envs].sort(byKey), () => undefined);
  }

  private rows(envs: readonly EnvVar[], reuse: (env: EnvVar) => EnvVarNode | undefined): TreeNode[] {
    if (envs.length === 0 && this.shared.length === 0) return [new MessageNode(this, vscode.l10n.t('No environment variables'))];
    return [...envs.map((env) => reuse(env) ?? new EnvVarNode(this, this, env)), ...this.shared];
  }
}
