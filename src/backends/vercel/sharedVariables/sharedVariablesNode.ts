import * as vscode from 'vscode';
import type { Scope } from '../../../core/vercel/models';
import type { SharedEnvVar } from '../../../core/vercel/sharedEnv';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../../tree/node';
import { MessageNode, treeItem } from '../../../tree/rows';
import type { SecretItem, Services } from '../../backend';
import { vercelClient, type VercelAccount } from '../account';
import { addSharedVariables, type SharedChange, type SharedVariablesRef } from './actions';
import { SharedVariableNode } from './sharedVariableNode';

/**
 * "Shared Variables" of a team: its shared environment variables (one value linked to many
 * projects), all pages of `GET /v1/env` on expand. Rows show key, type, environments and
 * linked projects, never values. Writes patch the loaded rows from their answers.
 */
export class SharedVariablesNode extends CachedNode implements SecretItem, SharedVariablesRef {
  readonly id: string;
  readonly holds = ['sharedVariable'];
  readonly family = 'sharedVariable';

  constructor(readonly parent: TreeNode, readonly account: VercelAccount, readonly scope: Scope & { kind: 'team' },
    /** Names of the team's projects loaded so far, by id. */
    readonly projectNames: () => ReadonlyMap<string, string>) {
    super();
    this.id = childId(parent, 'shared-variables');
  }

  get scopeNodeId(): string {
    return this.parent.id;
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: vscode.l10n.t('Shared Variables'), expandable: true, icon: new vscode.ThemeIcon('references'),
      tooltip: vscode.l10n.t('Environment variables of team {0} shared by several of its projects (one value, linked to each).', this.scope.name),
      contextValue: 'projectSecrets.sharedVariables;add',
    });
  }

  addSecret(services: Services): Promise<void> {
    return addSharedVariables(services, this);
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    return this.rows(await client.shared.listAll(this.scope), () => undefined);
  }

  /** The variables as loaded (and patched since); undefined when not loaded. */
  loadedVariables(): readonly SharedEnvVar[] | undefined {
    return this.loadedChildren()?.filter((row): row is SharedVariableNode => row instanceof SharedVariableNode).map((row) => row.env);
  }

  /** Applies what a write answered to the loaded rows (no request); false when nothing is loaded. */
  applyChange(change: SharedChange): boolean {
    const rows = this.loadedChildren();
    if (!rows) return false;
    const before = new Map(rows.filter((row): row is SharedVariableNode => row instanceof SharedVariableNode).map((row) => [row.env, row]));
    let envs = [...before.keys()];
    if ('removed' in change) envs = envs.filter((e) => !change.removed.includes(e.id));
    else envs = [...envs.filter((e) => !change.put.some((p) => p.id === e.id)), ...change.put];
    this.replaceChildren(this.rows(envs, (env) => before.get(env)));
    return true;
  }

  private rows(envs: readonly SharedEnvVar[], reuse: (env: SharedEnvVar) => SharedVariableNode | undefined): TreeNode[] {
    if (envs.length === 0) return [new MessageNode(this, vscode.l10n.t('No shared variables'))];
    const names = this.projectNames();
    return [...envs].sort((a, b) => a.key.localeCompare(b.key) || a.id.localeCompare(b.id))
      .map((env) => reuse(env) ?? new SharedVariableNode(this, env, names));
  }
}
