/**
 * The emulator's deployments as data: how a build moves on (QUEUED → BUILDING → READY or ERROR,
 * decided at read time from `buildMs`), the seed's deployment, and the three shapes the API
 * answers them in. The routes are in deployments.ts.
 */
import { createHash } from 'node:crypto';
import { badRequest, isObject } from '../core/http';
import type { DeploymentRecord, EmulatorState, ProjectRecord } from './state';

/** How the emulator builds a new deployment (`POST /_emulator/config` `deploymentBuild`). */
export interface DeploymentBuildConfig {
  /** Time from creation to the end of the build, in ms; null = until `/_emulator/deployments/settle`. */
  ms: number | null;
  /** How the build ends. */
  outcome: 'READY' | 'ERROR';
}

export const defaultDeploymentBuild: DeploymentBuildConfig = { ms: 2000, outcome: 'READY' };

/** Where Vercel shows a deployment's build (the CLI prints it as "Inspect:"). */
export function inspectorUrl(d: DeploymentRecord, state: EmulatorState): string {
  const team = state.teams.find((t) => t.id === d.ownerId);
  const owner = team?.slug ?? state.users.find((u) => u.id === d.ownerId)?.username ?? d.ownerId;
  return `https://vercel.com/${owner}/${d.name}/${d.id.replace(/^dpl_/, '')}`;
}

/** Moves a deployment along its build as time passes; the state seen is decided at read time. */
export function advance(d: DeploymentRecord, now = Date.now()): DeploymentRecord {
  if (d.readyState !== 'QUEUED' && d.readyState !== 'BUILDING') return d;
  if (d.buildMs !== null && now >= d.createdAt + d.buildMs) return settle(d, now);
  d.readyState = 'BUILDING';
  return d;
}

function settle(d: DeploymentRecord, now: number): DeploymentRecord {
  d.readyState = d.outcome;
  d.readyAt = now;
  if (d.outcome === 'ERROR') {
    d.errorCode = 'BUILD_FAILED';
    d.errorMessage = 'Command "npm run build" exited with 1';
  }
  return d;
}

/** Ends every build still running now, as `outcome` (default: each one's own); returns how many. */
export function settleBuilds(state: EmulatorState, outcome?: 'READY' | 'ERROR'): number {
  let count = 0;
  const now = Date.now();
  for (const project of state.projects) {
    for (const d of project.deployments ?? []) {
      if (d.readyState !== 'QUEUED' && d.readyState !== 'BUILDING') continue;
      if (outcome) d.outcome = outcome;
      settle(d, now);
      count += 1;
    }
  }
  return count;
}

/** The newest deployment of a target in a project, in any state or only READY ones. */
export function latestDeployment(project: ProjectRecord, target: string | null, readyOnly: boolean): DeploymentRecord | undefined {
  return (project.deployments ?? []).map((d) => advance(d))
    .filter((d) => d.target === target && (!readyOnly || d.readyState === 'READY'))
    .sort(newestFirst)[0];
}

export function newestFirst(a: DeploymentRecord, b: DeploymentRecord): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}

function creatorOf(state: EmulatorState, uid: string): { uid: string; username: string; email: string } {
  const user = state.users.find((u) => u.id === uid);
  return { uid, username: user?.username ?? uid, email: user?.email ?? '' };
}

/** A deployment as `GET /v6/deployments` lists it (the SDK's `GetDeploymentsDeployments`). */
export function deploymentListView(d: DeploymentRecord, state: EmulatorState): Record<string, unknown> {
  return {
    uid: d.id, name: d.name, url: d.url, created: d.createdAt, createdAt: d.createdAt, buildingAt: d.buildingAt,
    ...(d.readyAt !== undefined ? { ready: d.readyAt } : {}),
    state: d.readyState, readyState: d.readyState, type: 'LAMBDAS', creator: creatorOf(state, d.creatorId),
    inspectorUrl: inspectorUrl(d, state), meta: { ...d.meta }, target: d.target, projectId: d.projectId,
    aliasAssigned: d.readyState === 'READY' && d.target === 'production' ? d.readyAt ?? d.createdAt : null, aliasError: null,
    source: d.meta.action === 'redeploy' ? 'redeploy' : 'cli',
    ...(d.errorCode !== undefined ? { errorCode: d.errorCode } : {}),
  };
}

/** A deployment as `GET /v13/deployments/{idOrUrl}` and the create answer it (the SDK's full variant). */
export function deploymentView(d: DeploymentRecord, state: EmulatorState, project: ProjectRecord): Record<string, unknown> {
  const creator = creatorOf(state, d.creatorId);
  return {
    id: d.id, name: d.name, url: d.url, createdAt: d.createdAt, createdIn: 'sfo1', buildingAt: d.buildingAt, bootedAt: d.createdAt,
    ...(d.readyAt !== undefined ? { ready: d.readyAt } : {}),
    readyState: d.readyState, status: d.readyState, type: 'LAMBDAS', target: d.target, projectId: d.projectId, ownerId: d.ownerId,
    creator: { uid: creator.uid, username: creator.username }, meta: { ...d.meta }, inspectorUrl: inspectorUrl(d, state),
    aliasAssigned: d.readyState === 'READY' && d.target === 'production', alias: [], aliasError: null,
    build: { env: [] }, buildSkipped: false, env: [], isInConcurrentBuildsQueue: false, isInSystemBuildsQueue: false,
    plan: 'hobby', public: false, regions: ['iad1'], routes: null, version: 2,
    projectSettings: { framework: project.framework },
    source: d.meta.action === 'redeploy' ? 'redeploy' : 'cli',
    ...(d.errorCode !== undefined ? { errorCode: d.errorCode, errorMessage: d.errorMessage } : {}),
  };
}

/** A deployment inside a project object (`targets.production`, `latestDeployments`), as the OpenAPI subset describes it. */
export function projectDeploymentView(d: DeploymentRecord, state: EmulatorState): Record<string, unknown> {
  const creator = creatorOf(state, d.creatorId);
  return {
    id: d.id, name: d.name, url: d.url, deploymentHostname: d.url.replace(/\.vercel\.app$/, ''), createdAt: d.createdAt, createdIn: 'sfo1',
    buildingAt: d.buildingAt, ...(d.readyAt !== undefined ? { readyAt: d.readyAt } : {}),
    creator, plan: 'hobby', private: true, readyState: d.readyState, type: 'LAMBDAS', target: d.target,
    userId: d.creatorId, teamId: d.ownerId.startsWith('team_') ? d.ownerId : null, meta: { ...d.meta },
    aliasAssigned: d.readyState === 'READY' && d.target === 'production' ? d.readyAt ?? d.createdAt : null, aliasError: null,
  };
}

/** What projectView adds: the production deployment now serving (latest READY) and the newest few; `targets: {}` when never deployed. */
export function projectDeploymentFields(project: ProjectRecord, state: EmulatorState): Record<string, unknown> {
  const all = (project.deployments ?? []).map((d) => advance(d)).sort(newestFirst);
  const production = latestDeployment(project, 'production', true);
  return {
    targets: production ? { production: projectDeploymentView(production, state) } : {},
    latestDeployments: all.slice(0, 3).map((d) => projectDeploymentView(d, state)),
  };
}

/** The seed's deployment of a project: READY on production at `at`, with a stable id and hostname. */
export function seedDeployment(project: ProjectRecord, at: number, creatorId: string): DeploymentRecord {
  const hash = createHash('sha256').update(`deployment/${project.id}`).digest('hex');
  return {
    id: `dpl_${hash.slice(0, 24)}`, name: project.name, url: `${project.name}-${hash.slice(24, 33)}.vercel.app`,
    projectId: project.id, ownerId: project.accountId, creatorId, target: 'production',
    createdAt: at, buildingAt: at, readyAt: at + 45_000, readyState: 'READY', meta: {},
    buildMs: 45_000, outcome: 'READY',
  };
}

/** Parses `deploymentBuild` of `POST /_emulator/config`. */
export function parseDeploymentBuild(value: unknown): DeploymentBuildConfig | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw badRequest('`deploymentBuild` should be an object {ms, outcome}.');
  const { ms, outcome = 'READY' } = value;
  if (ms !== null && (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 600_000)) {
    throw badRequest('`deploymentBuild.ms` should be null or an integer 0..600000.');
  }
  if (outcome !== 'READY' && outcome !== 'ERROR') throw badRequest('`deploymentBuild.outcome` should be "READY" or "ERROR".');
  return { ms, outcome };
}
