import * as vscode from 'vscode';
import type { Scope, VercelProject } from '../../core/vercel/models';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../tree/node';
import { revealChild } from '../../tree/reveal';
import { MessageNode, treeItem } from '../../tree/rows';
import type { SecretItem, Services } from '../backend';
import { vercelClient, type VercelAccount } from './account';
import { addVariable } from './addVariable';
import { EnvVarNode } from './envVarNode';
import type { ProjectRef } from './target';

/** A Vercel project; its children are its environment variables. "Add Secret…" adds one. */
export class ProjectNode extends CachedNode implements SecretItem, ProjectRef {
  readonly id: string;
  readonly holds = ['secret'];
  readonly family = 'secret';

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

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    const envs = await client.listEnvs(this.scope, this.project.id);
    if (envs.length === 0) return [new MessageNode(this, vscode.l10n.t('No environment variables'))];
    return [...envs].sort((a, b) => a.key.localeCompare(b.key)).map((env) => new EnvVarNode(this, this, env));
  }
}
