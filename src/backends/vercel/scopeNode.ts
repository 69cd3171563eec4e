import * as vscode from 'vscode';
import type { Page } from '../../core/paging';
import type { Scope } from '../../core/vercel/models';
import { childId, type NodeContext, type TreeNode } from '../../tree/node';
import { passesFilter, rowFilters, type Filterable } from '../../tree/filter';
import { PagedNode } from '../../tree/pagedNode';
import { MessageNode, treeItem } from '../../tree/rows';
import { vercelClient, type VercelAccount } from './account';
import { AccountSecretsNode } from './accountSecrets/accountSecretsNode';
import { ProjectNode } from './projectNode';
import { SharedVariablesNode } from './sharedVariables/sharedVariablesNode';

/**
 * "Personal" or a team. Projects load one page at a time: the first on expand,
 * the next only when the user clicks "Load more…". The scope's legacy account secrets
 * come first.
 */
export class ScopeNode extends PagedNode<ProjectNode> implements Filterable {
  readonly id: string;
  readonly filterable = true;
  readonly filterRows = 'projects';
  readonly holds: readonly string[];
  private readonly accountSecrets: AccountSecretsNode;
  /** A team's shared variables (teams only). */
  private readonly sharedVariables: SharedVariablesNode | undefined;

  constructor(readonly parent: TreeNode, readonly account: VercelAccount, readonly scope: Scope, private readonly limited = false) {
    super();
    this.id = scope.kind === 'team' ? childId(parent, 'team', scope.teamId) : childId(parent, 'personal');
    this.accountSecrets = new AccountSecretsNode(this, account, scope, () => this.projectNames());
    this.sharedVariables = scope.kind === 'team' ? new SharedVariablesNode(this, account, scope, () => this.projectNames()) : undefined;
    this.holds = this.sharedVariables ? ['secret', 'accountSecret', 'sharedVariable'] : ['secret', 'accountSecret'];
  }

  toTreeItem(): vscode.TreeItem {
    const team = this.scope.kind === 'team' ? this.scope : undefined;
    const filter = rowFilters.get(this.id);
    return treeItem(this.id, {
      label: team ? team.name : vscode.l10n.t('Personal'), expandable: true,
      description: filter !== undefined ? this.filterText(filter)
        : team ? (this.limited ? vscode.l10n.t('{0} · limited access', team.slug) : team.slug) : undefined,
      tooltip: team
        ? vscode.l10n.t('Team {0} ({1}, {2})', team.name, team.slug, team.teamId)
        : vscode.l10n.t('Projects of {0}\'s personal account', this.account.username),
      icon: new vscode.ThemeIcon(filter !== undefined ? 'filter' : team ? 'organization' : 'person'),
      contextValue: `projectSecrets.scope;${team ? 'team' : 'personal'}${filter === undefined ? '' : ';filtered'}`,
    });
  }

  get filterSubject(): string {
    return this.scope.kind === 'team' ? this.scope.name : vscode.l10n.t('Personal');
  }

  /** "filter: web · 3 of 25 projects" ("of 100 loaded" while more pages remain). */
  private filterText(filter: string): string {
    const projects = this.loaded();
    const shown = projects.filter((p) => passesFilter(p.project.name, filter)).length;
    return this.hasMore ? vscode.l10n.t('filter: {0} · {1} of {2} loaded', filter, shown, projects.length)
      : projects.length === 1 ? vscode.l10n.t('filter: {0} · {1} of 1 project', filter, shown)
        : vscode.l10n.t('filter: {0} · {1} of {2} projects', filter, shown, projects.length);
  }

  /** The rows are drawn from the loaded pages at the next redraw: nothing to fetch. */
  applyFilter(): boolean {
    return this.loadedPages() !== undefined;
  }

  override invalidate(): void {
    this.accountSecrets.invalidate();
    this.sharedVariables?.invalidate();
    super.invalidate();
  }

  protected async fetchPage(context: NodeContext, cursor: string | undefined): Promise<Page<ProjectNode>> {
    const client = await vercelClient(context.clients, this.account);
    const page = await client.listProjects(this.scope, cursor);
    return { items: page.items.map((project) => new ProjectNode(this, this.account, this.scope, project)), next: page.next };
  }

  /** Projects whose name contains `text` (`search=` on GET /v10/projects), 100 per page. */
  async search(context: NodeContext, text: string, cursor: string | undefined): Promise<Page<ProjectNode>> {
    const client = await vercelClient(context.clients, this.account);
    const page = await client.listProjects(this.scope, cursor, undefined, text);
    return { items: page.items.map((project) => new ProjectNode(this, this.account, this.scope, project)), next: page.next };
  }

  protected rows(all: readonly ProjectNode[]): TreeNode[] {
    const filter = rowFilters.get(this.id);
    const projects = all.filter((p) => passesFilter(p.project.name, filter));
    const none = filter === undefined ? vscode.l10n.t('No projects') : vscode.l10n.t('No loaded project contains "{0}"', filter);
    return [this.accountSecrets, ...(this.sharedVariables ? [this.sharedVariables] : []), ...(projects.length === 0 ? [new MessageNode(this, none)] : projects)];
  }

  /** The team's "Shared Variables" node (teams only). */
  get sharedVariablesNode(): SharedVariablesNode | undefined {
    return this.sharedVariables;
  }

  /** Names of the projects loaded so far, by id (to name a secret's associated project). */
  projectNames(): Map<string, string> {
    return new Map(this.loaded().map((p) => [p.project.id, p.project.name]));
  }
}
