import * as vscode from 'vscode';
import type { CustomEnvironment } from '../../core/vercel/customEnvironments';
import { applyEnvChanges, byKey, type EnvChange } from '../../core/vercel/envList';
import { envTargets, type EnvVar, type Scope, type VercelProject } from '../../core/vercel/models';
import { passesFilter, rowFilters, type Filterable } from '../../tree/filter';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../tree/node';
import { revealChild } from '../../tree/reveal';
import { MessageNode, treeItem } from '../../tree/rows';
import type { SecretItem, Services } from '../backend';
import { vercelClient, type VercelAccount } from './account';
import { addVariable } from './addVariable';
import { productionDeployment } from './deploy/production';
import { pendingDescription, pendingTooltip, undeployedOf, type UndeployedChanges } from './deploy/undeployed';
import { uploadDotenv } from './dotenv/upload';
import { environmentLongName } from './envLabels';
import { EnvironmentNode } from './environmentNode';
import { EnvVarNode } from './envVarNode';
import { linkedSharedRows } from './sharedVariables/projectRows';
import type { ProjectRef } from './target';

/** How a project lists its variables: each once, or under each environment it applies to. */
export type ProjectView = 'variables' | 'environments';

/**
 * A Vercel project; its children are its environment variables, or (viewed by environment)
 * its environments, standard and custom, each with the variables it gets. "Add Secret…" adds one.
 * The variables and the custom environments load together, one request each.
 */
export class ProjectNode extends CachedNode implements SecretItem, ProjectRef, Filterable {
  readonly id: string;
  readonly filterable = true;
  readonly filterRows = 'variables';
  readonly holds = ['secret'];
  readonly family = 'secret';
  private view: ProjectView = 'variables';
  private loaded: { envs: EnvVar[]; customs: readonly CustomEnvironment[] } | undefined;
  /** Rows of the variables view, kept per variable object so unchanged rows are reused after a write. */
  private rowOf = new WeakMap<EnvVar, EnvVarNode>();
  /** Which changes production does not have yet (deploy/undeployed.ts); set when the variables load. */
  private undeployed: UndeployedChanges | undefined;
  /** Rows of the team shared variables linked to this project (sharedVariables/projectRows.ts). */
  private shared: readonly TreeNode[] = [];

  constructor(readonly parent: TreeNode, readonly account: VercelAccount, readonly scope: Scope, readonly project: VercelProject) {
    super();
    this.id = childId(parent, 'project', project.id);
  }

  toTreeItem(): vscode.TreeItem {
    const filter = rowFilters.get(this.id);
    // Changes production does not have yet replace the framework ("2 changes not deployed"), with an inline Redeploy.
    const undeployed = this.undeployed?.keysOf(this) ?? [];
    const pending = undeployed.length > 0 ? pendingDescription(undeployed.length) : undefined;
    const description = filter !== undefined ? [this.filterText(filter), pending].filter(Boolean).join(' · ') : pending ?? this.project.framework;
    return treeItem(this.id, {
      label: this.project.name, expandable: true, description, icon: new vscode.ThemeIcon(filter === undefined ? 'project' : 'filter'),
      contextValue: `projectSecrets.project;vercel;${this.view === 'variables' ? 'byVariable' : 'byEnvironment'}`
        + `${undeployed.length > 0 ? ';undeployed' : ''}${filter === undefined ? '' : ';filtered'}`,
    });
  }

  get filterSubject(): string {
    return this.project.name;
  }

  /** "filter: db · 3 of 12" (the counts once the variables are loaded). */
  private filterText(filter: string): string {
    const envs = this.loaded?.envs;
    if (!envs) return vscode.l10n.t('filter: {0}', filter);
    return vscode.l10n.t('filter: {0} · {1} of {2}', filter, envs.filter((env) => passesFilter(env.key, filter)).length, envs.length);
  }

  /** Draws the loaded rows again with the filter in force (Filter…, Clear Filter): no request. */
  applyFilter(): boolean {
    if (!this.loaded || !this.loadedChildren()) return false;
    this.replaceChildren(this.rows());
    return true;
  }

  /** The project and, once loaded, its environments by name with their branch matchers, and the keys not deployed. */
  tooltip(): string {
    const head = vscode.l10n.t('Project {0} ({1})', this.project.name, this.project.id);
    const customs = this.loaded?.customs;
    const undeployed = this.undeployed?.keysOf(this) ?? [];
    const lines = [head];
    if (customs?.length) lines.push(vscode.l10n.t('Custom environments: {0}', customs.map((c) => environmentLongName({ kind: 'custom', id: c.id, custom: c })).join(', ')));
    if (undeployed.length > 0) lines.push(pendingTooltip(undeployed));
    return lines.join('\n');
  }

  get viewMode(): ProjectView {
    return this.view;
  }

  /** Switches between the two views; redraws from what is loaded (no request). */
  setView(view: ProjectView): void {
    this.view = view;
    if (this.loaded) this.replaceChildren(this.rows());
  }

  /** Adds a variable, then reveals and selects its row (also when it was added from the palette). */
  async addSecret(services: Services): Promise<void> {
    const added = await addVariable(services, this);
    if (this.view !== 'variables') return;
    await revealChild(services.tree, services.treeView, this, (node) => node instanceof EnvVarNode && node.env.key === added.key
      && (node.env.gitBranch ?? '') === (added.gitBranch ?? '') && added.targets.every((t) => node.env.targets.includes(t)));
  }

  /** "Upload .env…" (dotenv/upload.ts). */
  uploadDotenv(services: Services): Promise<void> {
    return uploadDotenv(services, this);
  }

  /** The variables as loaded (and patched since); undefined when they are not loaded. */
  loadedEnvs(): readonly EnvVar[] | undefined {
    return this.loaded?.envs;
  }

  /** The custom environments loaded with the variables; undefined when they are not loaded. */
  loadedCustomEnvironments(): readonly CustomEnvironment[] | undefined {
    return this.loaded?.customs;
  }

  /**
   * Applies what writes answered to the loaded variables, keeping the rows of unchanged
   * ones; false when nothing is loaded (the next expansion lists them anyway).
   */
  applyChanges(changes: readonly EnvChange[]): boolean {
    if (!this.loaded || !this.loadedChildren()) return false;
    this.loaded = { ...this.loaded, envs: applyEnvChanges(this.loaded.envs, changes) };
    this.replaceChildren(this.rows());
    return true;
  }

  override invalidate(): void {
    this.loaded = undefined;
    this.rowOf = new WeakMap();
    super.invalidate();
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    this.undeployed = undeployedOf(context.clients);
    const [envs, customs, shared, production] = await Promise.all([
      client.listEnvs(this.scope, this.project.id),
      client.listCustomEnvironments(this.scope, this.project.id),
      linkedSharedRows(context, client, this),
      this.undeployed ? productionDeployment(client, this) : undefined,
    ]);
    this.loaded = { envs: [...envs].sort(byKey), customs };
    this.undeployed?.loaded(this, this.loaded.envs, production);
    this.shared = shared;
    this.rowOf = new WeakMap();
    return this.rows();
  }

  private rows(): TreeNode[] {
    const filter = rowFilters.get(this.id);
    const { customs } = this.loaded!;
    const envs = this.loaded!.envs.filter((env) => passesFilter(env.key, filter));
    const shared = this.shared.filter((row) => passesFilter((row as { name?: string }).name ?? '', filter));
    if (this.view === 'environments') {
      return [
        ...envTargets.map((target) => new EnvironmentNode(this, this, { kind: 'standard', target }, envs, customs)),
        ...customs.map((c) => new EnvironmentNode(this, this, { kind: 'custom', id: c.id, custom: c }, envs, customs)),
      ];
    }
    if (envs.length === 0 && shared.length === 0) {
      return [new MessageNode(this, filter === undefined ? vscode.l10n.t('No environment variables') : vscode.l10n.t('No variable contains "{0}"', filter))];
    }
    return [...envs.map((env) => {
      let row = this.rowOf.get(env);
      if (!row) {
        row = new EnvVarNode(this, this, env, customs);
        this.rowOf.set(env, row);
      }
      return row;
    }), ...shared];
  }
}

