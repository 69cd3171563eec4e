import * as vscode from 'vscode';
import type { Clients } from '../../../connections/clients';
import type { Deployment } from '../../../core/vercel/deploymentsModel';
import { pendingChanges } from '../../../core/vercel/deploymentsPending';
import { applyEnvChanges, type EnvChange } from '../../../core/vercel/envList';
import type { EnvVar, Scope, VercelProject } from '../../../core/vercel/models';
import type { VercelAccount } from '../account';

/** A project as the store knows it (target.ts ProjectRef fits; not imported, as target.ts imports this file). */
export interface ProjectRef {
  /** The id of the project's node in the tree. */
  readonly id: string;
  readonly account: VercelAccount;
  readonly scope: Scope;
  readonly project: VercelProject;
}

/** The command the status bar item and the project's inline button run. */
export const redeployCommandId = 'projectSecrets.redeploy';

interface Entry {
  ref: ProjectRef;
  /** The variables as last listed and patched by writes; undefined until the project loads or is written to. */
  envs?: readonly EnvVar[];
  /** The deployment serving production; null = none; undefined = not known. */
  production?: Deployment | null;
  /** Keys of production variables deleted in this session → when (ms). Keys only, never values. */
  deleted: Map<string, number>;
}

/**
 * Which Vercel projects have variable changes their production deployment does not have yet
 * (core `pendingChanges`), for the project rows and one status bar item. In memory only: the
 * variables come from the tree's lists and the answers of writes (no request of its own), the
 * deletions from this session's writes and reloads.
 */
export class UndeployedChanges implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** The project the status bar speaks for: the selected one, or the one just changed. */
  private focus: string | undefined;
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly clients: Clients, treeView: vscode.TreeView<unknown>) {
    stores.set(clients, this);
    this.item = vscode.window.createStatusBarItem('projectSecrets.undeployed', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Project Secrets: changes not deployed');
    this.subscriptions.push(this.item, treeView.onDidChangeSelection(({ selection }) => {
      const ref = projectOfRow(selection[0]);
      if (ref) this.show(ref);
    }));
  }

  /** The project's changes not deployed yet: keys, sorted; [] when none or not known. */
  keysOf(ref: ProjectRef): string[] {
    const entry = this.entries.get(keyOf(ref));
    return entry?.envs ? pendingChanges(entry.envs, entry.production?.createdAt, entry.deleted) : [];
  }

  /** The production deployment known for the project: null = none; undefined = not known. */
  productionOf(ref: ProjectRef): Deployment | null | undefined {
    return this.entries.get(keyOf(ref))?.production ?? ref.project.production;
  }

  /**
   * The project's variables were listed, with its production deployment (the newer of it and the
   * one known is kept). A production key listed before and gone now was deleted meanwhile (e.g. a
   * delete whose answer was lost and read back): remembered like one deleted here.
   */
  loaded(ref: ProjectRef, envs: readonly EnvVar[], production: Deployment | null | undefined): void {
    const entry = this.entry(ref);
    entry.ref = ref;
    const inProduction = (list: readonly EnvVar[]) => new Set(list.filter((e) => e.targets.includes('production')).map((e) => e.key));
    const now = inProduction(envs);
    for (const key of entry.envs ? inProduction(entry.envs) : []) if (!now.has(key)) entry.deleted.set(key, Date.now());
    entry.envs = envs;
    if (production !== undefined && !(entry.production && production && entry.production.createdAt > production.createdAt)) entry.production = production;
    this.update();
  }

  /**
   * A write answered: applies its changes (no request); a deleted production variable's key is
   * remembered (the API cannot show deletions). `changes` undefined: the project reloads (loaded()).
   */
  changed(ref: ProjectRef, changes: readonly EnvChange[] | undefined, shown: readonly EnvVar[] | undefined): void {
    const entry = this.entry(ref);
    const before = entry.envs ?? shown ?? [];
    for (const change of changes ?? []) {
      // A deletion, a rename or a removal from Production: the old key is gone from production as much as a deleted one.
      const id = 'removed' in change ? change.removed : change.put.id;
      const gone = before.find((e) => e.id === id
        && ('removed' in change || e.key !== change.put.key || !change.put.targets.includes('production')));
      if (gone?.targets.includes('production')) entry.deleted.set(gone.key, Date.now());
    }
    if (changes) entry.envs = applyEnvChanges(before, changes);
    entry.production ??= ref.project.production;
    this.focus = keyOf(ref);
    this.update();
  }

  /** The production deployment was read again (Redeploy… reads it before asking): it is the one to count from. */
  productionRead(ref: ProjectRef, production: Deployment | null): void {
    const entry = this.entry(ref);
    entry.production = production;
    this.update();
  }

  /** A redeploy of the project is READY: it serves production now, with every change made before it started. */
  deployed(ref: ProjectRef, deployment: Deployment, startedAt: number): void {
    const entry = this.entry(ref);
    entry.production = deployment;
    for (const [key, at] of entry.deleted) if (at <= startedAt) entry.deleted.delete(key);
    this.update();
  }

  /** Shows the status bar item for this project (when it has changes not deployed). */
  show(ref: ProjectRef): void {
    this.focus = keyOf(ref);
    this.update();
  }

  /** Forgets everything (the integration tests start each scenario afresh). */
  clear(): void {
    this.entries.clear();
    this.focus = undefined;
    this.update();
  }

  dispose(): void {
    stores.delete(this.clients);
    for (const s of this.subscriptions) s.dispose();
  }

  private entry(ref: ProjectRef): Entry {
    const key = keyOf(ref);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { ref, deleted: new Map() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private update(): void {
    const entry = this.focus ? this.entries.get(this.focus) : undefined;
    const keys = entry ? this.keysOf(entry.ref) : [];
    if (!entry || keys.length === 0) {
      this.item.hide();
      return;
    }
    const name = entry.ref.project.name;
    this.item.text = `$(cloud-upload) ${pendingText(name, keys.length)}`;
    this.item.tooltip = pendingTooltip(keys);
    this.item.command = { command: redeployCommandId, title: vscode.l10n.t('Redeploy…'), arguments: [entry.ref] };
    this.item.show();
  }
}

/** "alice-api: 2 changes not deployed" */
function pendingText(project: string, count: number): string {
  return count === 1 ? vscode.l10n.t('{0}: 1 change not deployed', project) : vscode.l10n.t('{0}: {1} changes not deployed', project, count);
}

/** A project row's description: "2 changes not deployed". */
export function pendingDescription(count: number): string {
  return count === 1 ? vscode.l10n.t('1 change not deployed') : vscode.l10n.t('{0} changes not deployed', count);
}

/** The keys, one per line, for tooltips: which changes production does not have yet. */
export function pendingTooltip(keys: readonly string[]): string {
  return `${vscode.l10n.t('Not deployed yet (production still uses the old values):')}\n${keys.join('\n')}\n${vscode.l10n.t('Redeploy to use them.')}`;
}

const stores = new WeakMap<Clients, UndeployedChanges>();

/** The extension's store, found through its Clients (which nodes and commands both have); undefined in a bare test host. */
export function undeployedOf(clients: Clients): UndeployedChanges | undefined {
  return stores.get(clients);
}

function keyOf(ref: ProjectRef): string {
  return `${ref.account.id}:${ref.project.id}`;
}

/**
 * The Vercel project node a row is or belongs to (a variable, an environment). By shape, a
 * project node lists variables (`loadedEnvs`): projectNode.ts imports this file, not the reverse.
 */
export function projectOfRow(row: unknown): ProjectRef | undefined {
  for (let at = row as { parent?: unknown } | undefined; at; at = at.parent as { parent?: unknown } | undefined) {
    const candidate = at as Partial<ProjectRef> & { loadedEnvs?: unknown };
    if (typeof candidate.loadedEnvs === 'function' && candidate.project && candidate.scope && candidate.account?.kind === 'vercel') return candidate as ProjectRef;
  }
  return undefined;
}
