import { InputError } from '../errors';
import type { VercelClient } from '../vercel/client';
import type { CustomEnvironment } from '../vercel/customEnvironments';
import type { PullSource } from '../vercel/envPull';
import { previewBranches } from '../vercel/envPullPlan';
import { envTargets, type EnvTarget, type EnvVar, type Scope } from '../vercel/models';
import { digestPull, hasReadable, type ColumnData } from './matrix';

/**
 * Reading a comparison: each project's variable list (one request, or what the tree loaded),
 * then one pull per column that has a readable value (`GET /v3/env/pull`, values digested at
 * once, see matrix.ts), all in parallel. At most one list request per project and one pull
 * per project and environment; none for what the caller already holds.
 */

/** A project to read, with what the tree loaded for it (no request for those). */
export interface ProjectSource {
  readonly client: VercelClient;
  readonly scope: Scope;
  readonly projectId: string;
  readonly envs?: readonly EnvVar[];
  readonly customs?: readonly CustomEnvironment[];
}

/** Words a column: "Production", "staging", "Preview · feature/login" (the VS Code layer translates). */
export interface ColumnNames {
  target(target: EnvTarget): string;
  custom(custom: CustomEnvironment): string;
  branch(branch: string): string;
}

/** What "Compare Environments…" read: the project's variables, custom environments and one column per environment. */
export interface EnvironmentsReading {
  readonly envs: readonly EnvVar[];
  readonly customs: readonly CustomEnvironment[];
  readonly columns: readonly ColumnData[];
}

/**
 * Production, Preview, Development, the custom environments, and a column per Preview branch
 * a variable is set for. Requests: the list and the custom environments unless given, then
 * one pull per column with a readable value.
 * @throws ApiError, NetworkError, InvalidResponseError of any request (none is retried here)
 */
export async function readEnvironments(project: ProjectSource, names: ColumnNames, signal?: AbortSignal): Promise<EnvironmentsReading> {
  const [envs, customs] = await Promise.all([
    project.envs ?? project.client.listEnvs(project.scope, project.projectId, signal),
    project.customs ?? project.client.listCustomEnvironments(project.scope, project.projectId, signal),
  ]);
  const digests = new Map<string, string>();
  const specs: Array<{ id: string; label: string; source: PullSource }> = [
    ...envTargets.map((target) => ({ id: target, label: names.target(target), source: { target } })),
    ...customs.map((c) => ({ id: `custom:${c.id}`, label: names.custom(c), source: { target: { customEnvironmentId: c.id } } })),
    ...previewBranches(envs).map((branch) => ({ id: `branch:${branch}`, label: names.branch(branch), source: { target: 'preview' as const, gitBranch: branch } })),
  ];
  await Promise.all(specs.filter((s) => hasReadable(envs, s.source)).map(async (s) => {
    digestPull(envs, s.source, await project.client.pullEnv(project.scope, project.projectId, s.source, signal), digests);
  }));
  return { envs, customs, columns: specs.map((s) => ({ ...s, envs, digests })) };
}

/** The environment "Compare Projects…" compares: a standard one, or a custom one by its name (slug) in each project. */
export type SharedEnvironment = EnvTarget | { readonly slug: string };

/** One project of "Compare Projects…", with its column's id and label. */
export interface ProjectColumnSource extends ProjectSource {
  readonly columnId: string;
  readonly label: string;
}

/**
 * One column per project, all in `environment`. Requests per project: its list unless given,
 * its custom environments only for a custom `environment` (unless given), one pull when a
 * readable value applies. All projects in parallel.
 * @throws MissingEnvironmentError (an InputError) when a project has no custom environment of that name; the requests' errors
 */
export async function readProjects(projects: readonly ProjectColumnSource[], environment: SharedEnvironment, signal?: AbortSignal): Promise<ColumnData[]> {
  return Promise.all(projects.map(async (p) => {
    const [envs, customs] = await Promise.all([
      p.envs ?? p.client.listEnvs(p.scope, p.projectId, signal),
      typeof environment === 'string' ? [] : p.customs ?? p.client.listCustomEnvironments(p.scope, p.projectId, signal),
    ]);
    let source: PullSource;
    if (typeof environment === 'string') source = { target: environment };
    else {
      const custom = customs.find((c) => c.slug === environment.slug);
      if (!custom) throw new MissingEnvironmentError(p.label, environment.slug);
      source = { target: { customEnvironmentId: custom.id } };
    }
    const digests = new Map<string, string>();
    if (hasReadable(envs, source)) digestPull(envs, source, await p.client.pullEnv(p.scope, p.projectId, source, signal), digests);
    return { id: p.columnId, label: p.label, source, envs, digests };
  }));
}

/** A project compared in a custom environment it does not have. */
export class MissingEnvironmentError extends InputError {
  constructor(readonly project: string, readonly slug: string) {
    super(`${project} has no environment named ${slug}.`);
  }
}
