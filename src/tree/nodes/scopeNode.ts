import * as vscode from 'vscode';
import type { Scope, VercelProject } from '../../core/vercel/models';
import type { NodeContext, TreeNode } from '../node';
import type { AccountNode } from './accountNode';
import { ErrorNode } from './errorNode';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import { ProjectNode } from './projectNode';
import { AccountSecretsNode } from './accountSecretsNode';
import { describe } from '../../describe';

/**
 * "Personal" or a team. Projects load one page at a time: the first on expand,
 * the next only when the user clicks "Load more…".
 */
export class ScopeNode implements TreeNode {
  readonly id: string;
  private projects: ProjectNode[] | undefined;
  private next: string | undefined;
  private wantsMore = false;
  private loading: Promise<TreeNode[]> | undefined;
  private readonly accountSecrets: AccountSecretsNode;

  constructor(readonly parent: AccountNode, readonly scope: Scope, private readonly limited = false) {
    this.id = `${parent.id}/${scope.kind === 'team' ? scope.teamId : 'personal'}`;
    this.accountSecrets = new AccountSecretsNode(this);
  }

  get account() {
    return this.parent.account;
  }

  toTreeItem(): vscode.TreeItem {
    const team = this.scope.kind === 'team' ? this.scope : undefined;
    const item = new vscode.TreeItem(team ? team.name : vscode.l10n.t('Personal'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = team ? (this.limited ? vscode.l10n.t('{0} · limited access', team.slug) : team.slug) : undefined;
    item.tooltip = team
      ? vscode.l10n.t('Team {0} ({1}, {2})', team.name, team.slug, team.teamId)
      : vscode.l10n.t('Projects of {0}\'s personal account', this.account.username);
    item.iconPath = new vscode.ThemeIcon(team ? 'organization' : 'person');
    item.contextValue = `projectSecrets.scope;${team ? 'team' : 'personal'}`;
    return item;
  }

  /** Called by the "Load more…" row; the provider then asks for the children again. */
  requestMore(): void {
    this.wantsMore = true;
  }

  invalidate(): void {
    this.accountSecrets.invalidate();
    this.projects = undefined;
    this.next = undefined;
    this.wantsMore = false;
  }

  loadChildren(context: NodeContext): Promise<TreeNode[]> {
    this.loading ??= this.load(context).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async load(context: NodeContext): Promise<TreeNode[]> {
    if (this.projects === undefined) {
      await this.fetchPage(context, undefined);
    } else if (this.wantsMore && this.next) {
      this.wantsMore = false;
      try {
        await this.fetchPage(context, this.next);
      } catch (err) {
        // Keep the pages we have; the error row retries the next page.
        return [...this.rows(false), new ErrorNode(this, describe(err), { command: 'projectSecrets.loadMore', node: this })];
      }
    }
    return this.rows(true);
  }

  private async fetchPage(context: NodeContext, from: string | undefined): Promise<void> {
    const client = await context.clients.vercelForAccount(this.account);
    const page = await client.listProjects(this.scope, from);
    const known = new Set((this.projects ?? []).map((p) => p.project.id));
    const fresh = page.items.filter((p: VercelProject) => !known.has(p.id)).map((p) => new ProjectNode(this, p));
    this.projects = [...(this.projects ?? []), ...fresh];
    this.next = page.next;
  }

  /** Names of the projects loaded so far, by id (to name a secret's associated project). */
  projectNames(): Map<string, string> {
    return new Map((this.projects ?? []).map((p) => [p.project.id, p.project.name]));
  }

  /** The projects loaded so far. */
  loadedProjects(): readonly ProjectNode[] {
    return this.projects ?? [];
  }

  private rows(withLoadMore: boolean): TreeNode[] {
    const projects: TreeNode[] = this.projects ?? [];
    const list = projects.length === 0 ? [new MessageNode(this, vscode.l10n.t('No projects'))] : projects;
    return [this.accountSecrets, ...list, ...(withLoadMore && this.next ? [new LoadMoreNode(this)] : [])];
  }
}
