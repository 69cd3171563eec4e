/**
 * The emulator's in-memory world: plain data, so tests can read and change it
 * directly (`emulator.state`) and `GET /_emulator/state` can return it as JSON.
 * Env values are stored in clear here; what the API reveals is decided in views.ts.
 */

export type EnvType = 'system' | 'encrypted' | 'plain' | 'sensitive' | 'secret';
export type EnvTarget = 'production' | 'preview' | 'development';
/** Vercel's newer user-facing model: `config` (readable) or `secret` (write-only, whatever the type). */
export type EnvVisibility = 'config' | 'secret';
export type TeamRole = 'OWNER' | 'MEMBER' | 'DEVELOPER' | 'VIEWER';

export const envTypes: readonly EnvType[] = ['system', 'encrypted', 'plain', 'sensitive', 'secret'];
export const envTargets: readonly EnvTarget[] = ['production', 'preview', 'development'];
export const envVisibilities: readonly EnvVisibility[] = ['config', 'secret'];

export interface UserRecord {
  id: string;
  username: string;
  email: string;
  name: string;
  /** The one access token that authenticates as this user. */
  token: string;
  createdAt: number;
  defaultTeamId: string | null;
}

export interface TeamMember {
  userId: string;
  role: TeamRole;
  createdAt: number;
}

export interface TeamRecord {
  id: string;
  slug: string;
  name: string;
  creatorId: string;
  createdAt: number;
  updatedAt: number;
  members: TeamMember[];
  /** `on`: the team asks for new variables to be sensitive (the client defaults to it). */
  sensitiveEnvironmentVariablePolicy?: 'default' | 'on' | 'off';
}

export interface EnvRecord {
  id: string;
  key: string;
  /** The clear value, whatever the type (sensitive included): only views.ts decides what leaves. */
  value: string;
  type: EnvType;
  target: EnvTarget[];
  gitBranch?: string;
  comment?: string;
  /** Only when a client set it (the CLI does); legacy records have none and go by `type`. */
  visibility?: EnvVisibility;
  customEnvironmentIds: string[];
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface CustomEnvironmentRecord {
  id: string;
  slug: string;
  type: EnvTarget;
  description?: string;
  branchMatcher?: { type: 'equals' | 'startsWith' | 'endsWith'; pattern: string };
  createdAt: number;
  updatedAt: number;
}

export interface ProjectRecord {
  id: string;
  name: string;
  /** The owner: a user id (personal project) or a team id. */
  accountId: string;
  framework: string | null;
  nodeVersion: '22.x' | '20.x' | '18.x';
  createdAt: number;
  updatedAt: number;
  envs: EnvRecord[];
  customEnvironments: CustomEnvironmentRecord[];
  /** Its deployments (deployments.ts); projects made without any have none. */
  deployments?: DeploymentRecord[];
}

export type DeploymentState = 'QUEUED' | 'BUILDING' | 'READY' | 'ERROR' | 'CANCELED';

export interface DeploymentRecord {
  /** `dpl_…` */
  id: string;
  /** The project's name. */
  name: string;
  /** Hostname, without https:// (`alice-api-8f3k2a9c1.vercel.app`). */
  url: string;
  projectId: string;
  /** The project's account: a user or team id. */
  ownerId: string;
  /** The user who created it. */
  creatorId: string;
  /** `production`, or null for a preview. */
  target: 'production' | null;
  createdAt: number;
  buildingAt: number;
  readyAt?: number;
  /** As last seen; deployments.ts `advance` moves it on at read time. */
  readyState: DeploymentState;
  meta: Record<string, string>;
  errorCode?: string;
  errorMessage?: string;
  /** How long its build takes (ms), null = until settled by the admin API; and how it ends. */
  buildMs: number | null;
  outcome: 'READY' | 'ERROR';
}

export interface EmulatorState {
  users: UserRecord[];
  teams: TeamRecord[];
  projects: ProjectRecord[];
}

/** Replaces the contents of `target` in place, so references held by tests stay valid. */
export function replaceState(target: EmulatorState, source: EmulatorState): void {
  target.users = source.users;
  target.teams = source.teams;
  target.projects = source.projects;
}

export function userByToken(state: EmulatorState, token: string | undefined): UserRecord | undefined {
  return token ? state.users.find((u) => u.token === token) : undefined;
}

export function membership(team: TeamRecord, userId: string): TeamMember | undefined {
  return team.members.find((m) => m.userId === userId);
}

/** A value nobody can read back: `sensitive`, or marked `secret` (e.g. a Development secret, which cannot be sensitive). */
export function isWriteOnly(env: Pick<EnvRecord, 'type' | 'visibility'>): boolean {
  return env.type === 'sensitive' || env.visibility === 'secret';
}

export function teamsOf(state: EmulatorState, userId: string): TeamRecord[] {
  return state.teams.filter((t) => membership(t, userId) !== undefined);
}
