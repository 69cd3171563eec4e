import * as vscode from 'vscode';
import type { VercelProject } from '../../core/vercel/models';
import { CachedNode, type NodeContext, type TreeNode } from '../node';
import { EnvVarNode } from './envVarNode';
import { MessageNode } from './messageNode';
import type { ScopeNode } from './scopeNode';

/** A Vercel project; its children are its environment variables. */
export class ProjectNode extends CachedNode {
  readonly id: string;

  constructor(readonly parent: ScopeNode, readonly project: VercelProject) {
    super();
    this.id = `${parent.id}/${project.id}`;
  }

  get scope() {
    return this.parent.scope;
  }

  get account() {
    return this.parent.account;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.project.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.project.framework;
    item.tooltip = vscode.l10n.t('Project {0} ({1})', this.project.name, this.project.id);
    item.iconPath = new vscode.ThemeIcon('project');
    item.contextValue = 'projectSecrets.project;vercel';
    return item;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await context.clients.vercelForAccount(this.account);
    const envs = await client.listEnvs(this.scope, this.project.id);
    if (envs.length === 0) return [new MessageNode(this, vscode.l10n.t('No environment variables'))];
    return [...envs].sort((a, b) => a.key.localeCompare(b.key)).map((env) => new EnvVarNode(this, env));
  }
}
