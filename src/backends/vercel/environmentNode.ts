import * as vscode from 'vscode';
import { branchMatcherText, type CustomEnvironment } from '../../core/vercel/customEnvironments';
import type { EnvVar } from '../../core/vercel/models';
import { childId, type TreeNode } from '../../tree/node';
import { MessageNode, treeItem } from '../../tree/rows';
import { environmentName, type Environment } from './envLabels';
import { EnvVarNode } from './envVarNode';
import type { ProjectRef } from './target';

/**
 * One environment of a project viewed by environment ("what does staging get?"): the
 * variables that apply to it, from what the project loaded (no request of its own).
 */
export class EnvironmentNode implements TreeNode {
  readonly id: string;
  readonly holds = ['secret'];

  constructor(readonly parent: TreeNode, readonly project: ProjectRef, readonly environment: Environment,
    private readonly envs: readonly EnvVar[], private readonly customs: readonly CustomEnvironment[]) {
    this.id = childId(parent, 'environment', environment.kind === 'standard' ? environment.target : environment.id);
  }

  get name(): string {
    return environmentName(this.environment);
  }

  /** The custom environment this row stands for (undefined for Production, Preview, Development). */
  get custom(): CustomEnvironment | undefined {
    return this.environment.kind === 'custom' ? this.environment.custom : undefined;
  }

  /** The variables it gets (a branch's own Preview values included: they apply on that branch). */
  variables(): EnvVar[] {
    const e = this.environment;
    return this.envs.filter((env) => (e.kind === 'standard' ? env.targets.includes(e.target) : env.customEnvironmentIds.includes(e.id)));
  }

  toTreeItem(): vscode.TreeItem {
    const count = this.variables().length;
    const matcher = this.custom?.branchMatcher;
    const counted = count === 1 ? vscode.l10n.t('1 variable') : vscode.l10n.t('{0} variables', count);
    return treeItem(this.id, {
      label: this.name, expandable: true,
      description: matcher ? `${counted} · ${branchMatcherText(matcher)}` : counted,
      tooltip: this.custom
        ? [vscode.l10n.t('Custom environment {0} ({1})', this.name, this.custom.id), this.custom.description, matcher && branchMatcherText(matcher)]
          .filter(Boolean).join('\n')
        : vscode.l10n.t('Standard environment {0}', this.name),
      icon: new vscode.ThemeIcon(this.custom ? 'server-environment' : 'server'),
      contextValue: `projectSecrets.vercelEnvironment;${this.custom ? 'custom' : 'standard'}`,
    });
  }

  loadChildren(): Promise<TreeNode[]> {
    const vars = this.variables();
    if (vars.length === 0) return Promise.resolve([new MessageNode(this, vscode.l10n.t('No environment variables'))]);
    return Promise.resolve(vars.map((env) => new EnvVarNode(this, this.project, env, this.customs)));
  }
}
