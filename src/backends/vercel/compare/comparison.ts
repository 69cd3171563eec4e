import * as vscode from 'vscode';
import type { ColumnData } from '../../../core/compare/matrix';
import { readEnvironments, readProjects, type ColumnNames, type SharedEnvironment } from '../../../core/compare/read';
import type { VercelClient } from '../../../core/vercel/client';
import type { CustomEnvironment } from '../../../core/vercel/customEnvironments';
import { applyEnvChanges } from '../../../core/vercel/envList';
import type { EnvVar } from '../../../core/vercel/models';
import type { Services } from '../../backend';
import { vercelClient } from '../account';
import { targetLabel } from '../envPrompts';
import { shownEnvs, type ProjectRef } from '../target';

/** A column as the panel acts on it: its project and whether it is built like Development (no sensitive variables). */
export interface ComparedColumn extends ColumnData {
  readonly project: ProjectRef;
  readonly development: boolean;
}

const names: ColumnNames = {
  target: targetLabel,
  custom: (c) => c.slug,
  branch: (b) => vscode.l10n.t('Preview · {0}', b),
};

/** Whether two refs are the same project of the same account. */
export function sameProject(a: ProjectRef, b: ProjectRef): boolean {
  return a.account.id === b.account.id && a.project.id === b.project.id;
}

/**
 * What one panel compares, and its columns once read. `load` reads from the server; the first
 * load of a panel may take what the tree has loaded (no request), Refresh never does.
 */
export abstract class Comparison {
  /** One panel per comparison: the panel of an equal id is revealed instead of a new one. */
  abstract readonly id: string;
  abstract readonly title: string;
  columns: readonly ComparedColumn[] = [];

  abstract load(services: Services, fromTree: boolean, signal: AbortSignal): Promise<void>;

  /** The client of a column's account. */
  client(services: Services, column: ComparedColumn): Promise<VercelClient> {
    return vercelClient(services.clients, column.project.account);
  }

  /**
   * A write to `project` answered `env`: every column of that project takes it (no request);
   * `digest` is the digest of its value when it is readable and known.
   */
  applyWrite(project: ProjectRef, env: EnvVar, digest?: string): void {
    this.columns = this.columns.map((c) => {
      if (!sameProject(c.project, project)) return c;
      if (digest) (c.digests as Map<string, string>).set(env.id, digest);
      return { ...c, envs: applyEnvChanges(c.envs, [{ put: env }]) };
    });
  }
}

/** "Compare Environments…": one project, a column per environment (standard, custom, Preview branch). */
export class EnvironmentsComparison extends Comparison {
  readonly id: string;
  readonly title: string;

  constructor(readonly project: ProjectRef) {
    super();
    this.id = `environments:${project.account.id}:${project.project.id}`;
    this.title = vscode.l10n.t('{0}: environments', project.project.name);
  }

  async load(services: Services, fromTree: boolean, signal: AbortSignal): Promise<void> {
    const client = await vercelClient(services.clients, this.project.account);
    const loaded = fromTree ? treeLoaded(services, this.project) : {};
    const reading = await readEnvironments({ client, scope: this.project.scope, projectId: this.project.project.id, ...loaded }, names, signal);
    const development = (c: ColumnData) => c.source.target === 'development'
      || (typeof c.source.target !== 'string' && reading.customs.find((x) => x.id === (c.source.target as { customEnvironmentId: string }).customEnvironmentId)?.type === 'development');
    this.columns = reading.columns.map((c) => ({ ...c, project: this.project, development: development(c) }));
  }
}

/** "Compare Projects…": one environment, a column per project (of any connected account). */
export class ProjectsComparison extends Comparison {
  readonly id: string;
  readonly title: string;

  constructor(readonly projects: readonly ProjectRef[], readonly environment: SharedEnvironment, readonly environmentName: string) {
    super();
    const ids = projects.map((p) => `${p.account.id}/${p.project.id}`).sort().join(',');
    this.id = `projects:${typeof environment === 'string' ? environment : `custom:${environment.slug}`}:${ids}`;
    this.title = vscode.l10n.t('{0}: {1}', projects.map((p) => p.project.name).join(' · '), environmentName);
  }

  async load(services: Services, fromTree: boolean, signal: AbortSignal): Promise<void> {
    const sources = await Promise.all(this.projects.map(async (p) => ({
      client: await vercelClient(services.clients, p.account), scope: p.scope, projectId: p.project.id,
      columnId: `project:${p.account.id}/${p.project.id}`, label: projectLabel(p, this.projects),
      ...(fromTree ? treeLoaded(services, p) : {}),
    })));
    const columns = await readProjects(sources, this.environment, signal);
    const development = this.environment === 'development';
    this.columns = columns.map((c, i) => ({ ...c, project: this.projects[i], development }));
  }
}

/** The project's name, with its scope when another compared project has the same name. */
function projectLabel(p: ProjectRef, all: readonly ProjectRef[]): string {
  if (all.filter((o) => o.project.name === p.project.name).length < 2) return p.project.name;
  const scope = p.scope.kind === 'team' ? p.scope.slug : vscode.l10n.t('personal');
  return `${p.project.name} (${p.account.label} · ${scope})`;
}

/** What the tree has loaded for a project (no request): its variables and custom environments. */
export function treeLoaded(services: Services, project: ProjectRef): { envs?: readonly EnvVar[]; customs?: readonly CustomEnvironment[] } {
  const node = services.tree.shownNode(project.id) as { loadedCustomEnvironments?(): readonly CustomEnvironment[] | undefined } | undefined;
  const envs = shownEnvs(services, project);
  const customs = node?.loadedCustomEnvironments?.();
  return { ...(envs ? { envs } : {}), ...(customs ? { customs } : {}) };
}
