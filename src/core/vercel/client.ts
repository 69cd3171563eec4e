import type { JsonApi } from '../http/jsonApi';
import { asArray, asObject } from '../json';
import { collectPages } from '../paging';
import { AccountSecretsClient } from './accountSecrets';
import {
  createCustomEnvironment, listCustomEnvironments, removeCustomEnvironment, updateCustomEnvironment,
  type CustomEnvironment, type CustomEnvironmentPatch, type NewCustomEnvironment,
} from './customEnvironments';
import { DeploymentsClient } from './deployments';
import { pullEnv, type PullSource } from './envPull';
import { VercelEnvPush } from './envPush';
import { VercelEnvWriter } from './envWriter';
import { SharedEnvClient } from './sharedEnv';
import {
  parseEnvVar, parseNext, parseProject, parseTeam, parseUser, scopeQuery,
  type EnvVar, type Page, type Scope, type VercelProject, type VercelTeam, type VercelUser,
} from './models';

/** The most `GET /v10/projects` gives per page (`limit` ≤ 100): 1,000 projects in 10 pages. */
export const projectsPageSize = 100;
const teamsPageSize = 100;
/** Guards against a server whose cursor never ends. */
const maxPages = 200;

/** The Vercel REST API calls this extension makes. One method, one request (or one page). */
export class VercelClient {
  /** Creating, reading a value, editing and deleting variables. */
  readonly envs: VercelEnvWriter;
  /** The legacy account secrets (seed 000). */
  readonly accountSecrets: AccountSecretsClient;
  /** Uploading a .env file: reading values per environment, one batch of writes. */
  readonly push: VercelEnvPush;
  /** Team shared variables (`/v1/env`). */
  readonly shared: SharedEnvClient;
  /** Deployments: the latest production one, redeploying it, reading one (deployments.ts). */
  readonly deployments: DeploymentsClient;

  constructor(private readonly api: JsonApi) {
    this.deployments = new DeploymentsClient(api);
    this.envs = new VercelEnvWriter(api);
    this.push = new VercelEnvPush(api);
    this.accountSecrets = new AccountSecretsClient(api);
    this.shared = new SharedEnvClient(api);
  }

  get origin(): string {
    return this.api.origin;
  }

  async getUser(signal?: AbortSignal): Promise<VercelUser> {
    return this.api.tagged(async () => {
      return parseUser(await this.api.get<unknown>('/v2/user', undefined, signal));
    });
  }

  /** Every team of the user, all pages (`until` = the previous page's `next`). */
  async listTeams(signal?: AbortSignal): Promise<VercelTeam[]> {
    return this.api.tagged(() => collectPages(async (until) => {
      const body = asObject(await this.api.get<unknown>('/v2/teams', { limit: teamsPageSize, until }, signal), 'the teams answer');
      return { items: asArray(body.teams, 'teams').map(parseTeam), next: parseNext(body, 'teams') };
    }, maxPages, 'teams'));
  }

  /**
   * One page (up to 100) of a scope's projects, newest first; pass `page.next` back as `from`
   * for the next one. `search` keeps the projects whose name contains it (server-side, at most
   * 100 characters). `GET /v10/projects`.
   */
  async listProjects(scope: Scope, from?: string, signal?: AbortSignal, search?: string): Promise<Page<VercelProject>> {
    return this.api.tagged(async () => {
      const body = asObject(
        await this.api.get<unknown>('/v10/projects', { ...scopeQuery(scope), limit: projectsPageSize, from, search: search || undefined }, signal),
        'the projects answer');
      return { items: asArray(body.projects, 'projects').map(parseProject), next: parseNext(body, 'projects') };
    });
  }

  async getProject(scope: Scope, idOrName: string, signal?: AbortSignal): Promise<VercelProject> {
    return this.api.tagged(async () => {
      return parseProject(await this.api.get<unknown>(`/v9/projects/${encodeURIComponent(idOrName)}`, scopeQuery(scope), signal));
    });
  }

  /** A project's custom environments (see customEnvironments.ts); `[]` when the API answers 404. */
  async listCustomEnvironments(scope: Scope, projectId: string, signal?: AbortSignal): Promise<CustomEnvironment[]> {
    return this.api.tagged(() => listCustomEnvironments(this.api, scope, projectId, signal));
  }

  /** One environment's variables with their values, in one request (see envPull.ts). Holds secrets. */
  async pullEnv(scope: Scope, projectId: string, source: PullSource, signal?: AbortSignal): Promise<Map<string, string>> {
    return this.api.tagged(() => pullEnv(this.api, scope, projectId, source, signal));
  }

  /** Creates a custom environment (customEnvironments.ts `createCustomEnvironment`). One request. */
  async createCustomEnvironment(scope: Scope, projectId: string, env: NewCustomEnvironment, signal?: AbortSignal): Promise<CustomEnvironment> {
    return this.api.tagged(() => createCustomEnvironment(this.api, scope, projectId, env, signal));
  }

  /** Renames a custom environment or changes its description or branch matcher. One request. */
  async updateCustomEnvironment(scope: Scope, projectId: string, id: string, patch: CustomEnvironmentPatch, signal?: AbortSignal): Promise<CustomEnvironment> {
    return this.api.tagged(() => updateCustomEnvironment(this.api, scope, projectId, id, patch, signal));
  }

  /** Removes a custom environment; `deleteUnassigned` deletes the variables left in no environment. One request. */
  async removeCustomEnvironment(scope: Scope, projectId: string, id: string, deleteUnassigned: boolean, signal?: AbortSignal): Promise<void> {
    return this.api.tagged(() => removeCustomEnvironment(this.api, scope, projectId, id, deleteUnassigned, signal));
  }

  /** A project's environment variables (values are not kept: see EnvVar). */
  async listEnvs(scope: Scope, projectId: string, signal?: AbortSignal): Promise<EnvVar[]> {
    return this.api.tagged(() => collectPages(async (until) => {
      const body = asObject(
        await this.api.get<unknown>(`/v10/projects/${encodeURIComponent(projectId)}/env`, { ...scopeQuery(scope), until }, signal),
        'the environment variables answer');
      return { items: asArray(body.envs, 'envs').map(parseEnvVar), next: parseNext(body, 'environment variables') };
    }, maxPages, 'environment variables'));
  }
}
