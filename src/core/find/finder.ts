/**
 * Find Variable's loading: every project variable and team shared variable of the connected
 * Vercel accounts, scope by scope, as few requests as the API allows:
 * - teams: `GET /v2/teams` (all pages), once per account;
 * - projects: `GET /v10/projects?limit=100`, page after page; each project object carries its
 *   variables (`env[]`, OpenAPI `getProjects`), so 1,000 projects cost 10 requests. A project
 *   that comes without `env` (a compatible server) is listed on its own
 *   (`GET /v10/projects/{id}/env`), at most `concurrency` at a time;
 * - shared variables: `GET /v1/env?limit=100` (all pages), once per team.
 * What the tree has already loaded (`Preloaded`) is used instead of asking again.
 * Never reads a value. No `vscode`: the picker (src/backends/vercel/find) drives it.
 */
import type { VercelClient } from '../vercel/client';
import type { EnvVar, Scope, VercelProject } from '../vercel/models';
import type { SharedEnvVar } from '../vercel/sharedEnv';
import type { FoundVariable } from './matches';

/** One connected account to search. */
export interface FindAccount {
  readonly connectionId: string;
  /** The account's name as the tree shows it (e.g. its username). */
  readonly label: string;
  readonly client: VercelClient;
}

/** What the tree already holds; each answers undefined when it has not loaded it. */
export interface Preloaded {
  /** The scopes (personal first, then teams) of an account. */
  scopes?(connectionId: string): readonly Scope[] | undefined;
  /** The pages of a scope's projects loaded so far, and the cursor of the next page (none: all loaded). */
  projects?(connectionId: string, scope: Scope): { readonly projects: readonly VercelProject[]; readonly next?: string } | undefined;
  /** A project's variables as loaded (and patched since). */
  envs?(connectionId: string, scope: Scope, projectId: string): readonly EnvVar[] | undefined;
  /** A team's shared variables as loaded. */
  shared?(connectionId: string, scope: Scope): readonly SharedEnvVar[] | undefined;
}

/** How far a find has come. */
export interface FindProgress {
  /** Projects whose variables are in the index. */
  readonly projects: number;
  /** Scopes (personal accounts and teams) whose projects are all searched, of those known so far. */
  readonly scopesDone: number;
  readonly scopes: number;
}

/** A part that could not be searched (a team the token cannot reach, a failed request). */
export interface FindFailure {
  readonly connectionId: string;
  readonly scope?: Scope;
  readonly error: unknown;
}

export interface FindOptions {
  /** Aborting stops the find: no request is started after it, requests in flight are aborted. */
  readonly signal?: AbortSignal;
  /** Most per-project variable lists in flight at once (fallback path); default 6. */
  readonly concurrency?: number;
  readonly preloaded?: Preloaded;
  /** Called with each batch of variables found (a page of projects, a project, a team's shared variables). */
  onFound(variables: readonly FoundVariable[]): void;
  onProgress?(progress: FindProgress): void;
}

export interface FindSummary {
  readonly projects: number;
  readonly variables: number;
  readonly failures: readonly FindFailure[];
  /** True when the signal stopped it before the end. */
  readonly cancelled: boolean;
}

/** Default bound on per-project list requests in flight (fallback path). */
export const defaultFindConcurrency = 6;
/** Guards against a server whose project cursor never ends. */
const maxProjectPages = 200;

/**
 * Searches every scope of every account; resolves when all are searched (or the signal aborts).
 * A failing account or scope is recorded in `failures` and the others carry on; it never rejects
 * for a request's error. Throws only if a callback throws.
 */
export async function findVariables(accounts: readonly FindAccount[], options: FindOptions): Promise<FindSummary> {
  const run = new FindRun(options);
  await Promise.all(accounts.map((account) => run.account(account)));
  return { projects: run.projects, variables: run.variables, failures: run.failures, cancelled: run.aborted };
}

class FindRun {
  projects = 0;
  variables = 0;
  readonly failures: FindFailure[] = [];
  private scopesDone = 0;
  private scopes = 0;
  private readonly limit: Limiter;

  constructor(private readonly options: FindOptions) {
    this.limit = new Limiter(options.concurrency ?? defaultFindConcurrency);
  }

  get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  async account(account: FindAccount): Promise<void> {
    let scopes: readonly Scope[];
    try {
      scopes = this.options.preloaded?.scopes?.(account.connectionId) ?? [{ kind: 'personal' }, ...(await account.client.listTeams(this.options.signal)).map(teamScope)];
    } catch (err) {
      this.fail(account, undefined, err);
      return;
    }
    this.scopes += scopes.length;
    this.progress();
    await Promise.all(scopes.map((scope) => Promise.all([this.scopeProjects(account, scope), this.scopeShared(account, scope)]).then(() => {
      this.scopesDone += 1;
      this.progress();
    })));
  }

  private async scopeProjects(account: FindAccount, scope: Scope): Promise<void> {
    const { client, connectionId } = account;
    const preloaded = this.options.preloaded?.projects?.(connectionId, scope);
    const pending: Array<Promise<void>> = [];
    try {
      let cursor: string | undefined;
      if (preloaded) {
        pending.push(...this.projectPage(account, scope, preloaded.projects));
        cursor = preloaded.next;
        if (cursor === undefined) return;
      }
      for (let page = 0; page < maxProjectPages && !this.aborted; page++) {
        const answer = await client.listProjects(scope, cursor, this.options.signal);
        pending.push(...this.projectPage(account, scope, answer.items));
        if (!answer.next || answer.next === cursor) break;
        cursor = answer.next;
      }
    } catch (err) {
      this.fail(account, scope, err);
    } finally {
      await Promise.all(pending);
    }
  }

  /** Indexes a page of projects: those with variables at once, the others through the limiter (one list each). */
  private projectPage(account: FindAccount, scope: Scope, projects: readonly VercelProject[]): Array<Promise<void>> {
    const found: FoundVariable[] = [];
    const later: Array<Promise<void>> = [];
    let counted = 0;
    for (const project of projects) {
      const envs = this.options.preloaded?.envs?.(account.connectionId, scope, project.id) ?? project.envs;
      if (envs) {
        found.push(...envs.map((env) => projectVariable(account, scope, project, env)));
        counted += 1;
        continue;
      }
      later.push(this.limit.run(async () => {
        if (this.aborted) return;
        try {
          const listed = await account.client.listEnvs(scope, project.id, this.options.signal);
          this.projects += 1;
          this.emit(listed.map((env) => projectVariable(account, scope, project, env)));
        } catch (err) {
          this.fail(account, scope, err);
        }
      }));
    }
    this.projects += counted;
    this.emit(found);
    return later;
  }

  private async scopeShared(account: FindAccount, scope: Scope): Promise<void> {
    if (scope.kind !== 'team' || this.aborted) return;
    try {
      const shared = this.options.preloaded?.shared?.(account.connectionId, scope) ?? await account.client.shared.listAll(scope, {}, this.options.signal);
      this.emit(shared.map((env) => sharedVariable(account, scope, env)));
    } catch (err) {
      this.fail(account, scope, err);
    }
  }

  private emit(found: readonly FoundVariable[]): void {
    if (this.aborted) return;
    this.variables += found.length;
    if (found.length > 0) this.options.onFound(found);
    this.progress();
  }

  private progress(): void {
    if (!this.aborted) this.options.onProgress?.({ projects: this.projects, scopesDone: this.scopesDone, scopes: this.scopes });
  }

  private fail(account: FindAccount, scope: Scope | undefined, error: unknown): void {
    // What an abort interrupted is no failure.
    if (!this.aborted) this.failures.push({ connectionId: account.connectionId, scope, error });
  }
}

function teamScope(team: { readonly id: string; readonly slug: string; readonly name: string; readonly sensitivePolicy?: string }): Scope {
  return { kind: 'team', teamId: team.id, slug: team.slug, name: team.name, sensitivePolicy: team.sensitivePolicy };
}

function projectVariable(account: FindAccount, scope: Scope, project: VercelProject, env: EnvVar): FoundVariable {
  return {
    kind: 'project', key: env.key, id: env.id, connectionId: account.connectionId, accountLabel: account.label, scope,
    project: { id: project.id, name: project.name }, type: env.type, targets: env.targets, customEnvironmentIds: env.customEnvironmentIds,
    ...(env.gitBranch !== undefined ? { gitBranch: env.gitBranch } : {}),
  };
}

function sharedVariable(account: FindAccount, scope: Scope, env: SharedEnvVar): FoundVariable {
  return {
    kind: 'shared', key: env.key, id: env.id, connectionId: account.connectionId, accountLabel: account.label, scope,
    linkedProjects: env.projectIds.length, type: env.type, targets: env.targets, customEnvironmentIds: [],
  };
}

/** Runs at most `max` tasks at once, in the order they were queued. */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('The concurrency must be a whole number of at least 1.');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its slot straight to the next in line, so a newcomer cannot take it meanwhile.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
