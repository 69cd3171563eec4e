/**
 * Find Variable's core (src/core/find) against the emulator with 1,003 personal projects:
 * what it finds, the requests it sends (pages, not one per project), the fallback for project
 * objects without `env` (bounded concurrency), reuse of what is loaded, and cancellation.
 */
import * as assert from 'node:assert/strict';
import { addBulk, demoTokens, startEmulator, type Emulator } from '../../emulator';
import { findVariables, Limiter, type FindAccount } from '../../src/core/find/finder';
import { queryProblem, VariableIndex, type FoundVariable } from '../../src/core/find/matches';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { HttpRequest, HttpResponse, Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';

/**
 * The real transport, watched: counts the requests it starts and the most per-project env
 * lists in flight at once; with `withoutEnv`, answers of `GET /v10/projects` lose their
 * projects' `env` (what a compatible server that leaves it out sends).
 */
class WatchedTransport implements Transport {
  started: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  withoutEnv = false;
  onStart: (path: string) => void = () => undefined;

  constructor(private readonly inner: Transport) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    const path = req.url.pathname;
    this.started.push(path);
    this.onStart(path);
    const envList = /^\/v10\/projects\/[^/]+\/env$/.test(path);
    if (envList) this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      const answer = await this.inner.request(req);
      if (!this.withoutEnv || path !== '/v10/projects' || answer.status !== 200) return answer;
      const body = JSON.parse(answer.body) as { projects: Array<Record<string, unknown>> };
      for (const project of body.projects) delete project.env;
      return { ...answer, body: JSON.stringify(body) };
    } finally {
      if (envList) this.inFlight -= 1;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('Find Variable core against the emulator (1,003 personal projects)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let inner: Transport;
  let transport: WatchedTransport;
  const account = (who: 'alice' | 'bob'): FindAccount => ({
    connectionId: `vercel:user_${who}`, label: who,
    client: new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens[who], transport, service: 'Vercel' })),
  });
  async function find(accounts: FindAccount[], options: Partial<Parameters<typeof findVariables>[1]> = {}) {
    const index = new VariableIndex();
    const summary = await findVariables(accounts, { onFound: (found) => index.add(found), ...options });
    return { index, summary };
  }

  before(async () => {
    emulator = await startEmulator({ validateContract: true });
    inner = createUndiciTransport();
  });
  beforeEach(() => {
    emulator.reset();
    addBulk(emulator.state, { projects: { accountId: 'user_alice', count: 1000, prefix: 'bulk', withEnvs: true } });
    transport = new WatchedTransport(inner);
  });
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await inner.close();
    await emulator.close();
  });

  it('finds every match in all scopes with one request per page of 100 projects', async () => {
    const { index, summary } = await find([account('alice')]);
    const personal = emulator.state.projects.filter((p) => p.accountId === 'user_alice').length;
    const acme = emulator.state.projects.filter((p) => p.accountId === 'team_acme').length;
    const globex = emulator.state.projects.filter((p) => p.accountId === 'team_globex').length;
    assert.equal(personal, 1003);
    assert.equal(summary.projects, personal + acme + globex);
    assert.deepEqual(summary.failures, []);
    // teams (1), personal projects (11 pages of 100), acme (1), globex (1), shared variables of acme and globex (1 each).
    const expected = 1 + Math.ceil(personal / 100) + Math.ceil(acme / 100) + Math.ceil(globex / 100) + 2;
    assert.equal(transport.started.length, expected, transport.started.join('\n'));
    assert.equal(transport.started.filter((p) => /\/env$/.test(p) && p.startsWith('/v10/projects/')).length, 0, 'no per-project list');

    const db = index.match('database_url');
    // Every bulk project, alice-blog, and none of the DATABASE_PASSWORD ones.
    assert.equal(db.total, 1001);
    assert.ok(db.matches.every((m) => m.key === 'DATABASE_URL' && m.kind === 'project'));
    const one = index.match('FEATURE_0500');
    assert.equal(one.total, 1);
    assert.deepEqual(one.matches[0].project, { id: 'prj_bulk0500', name: 'bulk-0500' });
    assert.deepEqual(one.matches[0].scope, { kind: 'personal' });
    assert.deepEqual(one.matches[0].targets, ['production', 'preview']);
    // A team shared variable, with its scope and links; a custom environment's variable.
    const shared = index.match('sentry').matches;
    assert.equal(shared.length, 1);
    assert.equal(shared[0].kind, 'shared');
    assert.equal(shared[0].linkedProjects, 2);
    assert.equal(shared[0].scope.kind === 'team' && shared[0].scope.slug, 'acme');
    assert.deepEqual(index.match('STAGING_DB').matches.map((m) => m.customEnvironmentIds.length), [1]);
  });

  it('never holds a value', async () => {
    const { index } = await find([account('alice'), account('bob')]);
    const text = JSON.stringify(index.match('_', 100_000).matches) + JSON.stringify(index.match('A', 100_000).matches);
    for (const project of emulator.state.projects) {
      for (const env of project.envs) if (env.value.length > 3) assert.ok(!text.includes(env.value), `value of ${env.key} found`);
    }
  });

  it('finds keys of two accounts, each in its own scopes', async () => {
    const { index } = await find([account('alice'), account('bob')]);
    const shop = index.match('AUTH_SECRET').matches.filter((m) => m.project?.name === 'globex-shop');
    // globex is a team of bob with alice as a member: found through both accounts.
    assert.deepEqual(shop.map((m) => m.accountLabel).sort(), ['alice', 'bob']);
  });

  it('lists each project on its own when project objects come without env, at most 6 at a time', async () => {
    transport.withoutEnv = true;
    const { index, summary } = await find([account('alice')], { concurrency: 6 });
    assert.equal(summary.projects, 1003 + 25 + 2);
    assert.equal(index.match('FEATURE_0999').total, 1);
    const perProject = transport.started.filter((p) => /^\/v10\/projects\/[^/]+\/env$/.test(p)).length;
    assert.equal(perProject, summary.projects);
    assert.ok(transport.maxInFlight <= 6, `at most 6 in flight, saw ${transport.maxInFlight}`);
    assert.ok(transport.maxInFlight >= 2, 'the lists ran in parallel');
  });

  it('uses what the tree has loaded instead of asking again', async () => {
    const alice = account('alice');
    const first = await alice.client.listProjects({ kind: 'personal' });
    const before = transport.started.length;
    const { index } = await find([alice], {
      preloaded: {
        scopes: () => [{ kind: 'personal' }],
        projects: () => ({ projects: first.items, next: first.next }),
        // The tree's patched list of one project wins over the list's copy.
        envs: (_c, _s, projectId) => (projectId === first.items[0].id ? [{ id: 'x', key: 'ONLY_IN_TREE', type: 'plain', targets: ['development'], customEnvironmentIds: [] }] : undefined),
      },
    });
    // Pages 2..11 of the personal projects only: no teams, no first page, no shared variables (no team).
    assert.equal(transport.started.length - before, 10);
    assert.equal(index.match('ONLY_IN_TREE').total, 1);
    assert.equal(index.match('DATABASE_URL').total, 1001 - 1);
  });

  it('stops sending requests once cancelled', async () => {
    const controller = new AbortController();
    let startedAtAbort = -1;
    transport.withoutEnv = true;
    const summary = (await find([account('alice')], {
      signal: controller.signal,
      onFound: () => {
        if (!controller.signal.aborted) {
          controller.abort();
          startedAtAbort = transport.started.length;
        }
      },
    })).summary;
    assert.ok(summary.cancelled);
    assert.ok(startedAtAbort > 0);
    assert.equal(transport.started.length, startedAtAbort, 'no request started after the abort');
    assert.deepEqual(summary.failures, []);
  });

  it('records a scope it cannot search and carries on with the others', async () => {
    const alice = account('alice');
    const { index, summary } = await find([alice], {
      preloaded: { scopes: () => [{ kind: 'team', teamId: 'team_nope', slug: 'nope', name: 'Nope' }, { kind: 'personal' }] },
    });
    assert.equal(summary.failures.length, 2, 'its projects and its shared variables');
    assert.ok(summary.failures.every((f) => f.scope?.kind === 'team'));
    assert.equal(index.match('FEATURE_0001').total, 1);
  });
});

describe('Find Variable matching', () => {
  const variable = (key: string, project = 'p'): FoundVariable => ({
    kind: 'project', key, id: `${project}/${key}`, connectionId: 'c', accountLabel: 'a', scope: { kind: 'personal' },
    project: { id: project, name: project }, type: 'encrypted', targets: ['production'], customEnvironmentIds: [],
  });

  it('ranks the whole key, then its start, then the rest; ignores case; counts past the limit', () => {
    const index = new VariableIndex();
    index.add([variable('NEXT_DB_URL'), variable('DB'), variable('DB_URL'), variable('API_KEY'), variable('DB', 'q')]);
    index.add([variable('DB')]);
    assert.equal(index.size, 5, 'a variable already held is not added twice');
    assert.deepEqual(index.match('db').matches.map((m) => m.key), ['DB', 'DB', 'DB_URL', 'NEXT_DB_URL']);
    assert.deepEqual(index.match('db', 2), { matches: index.match('db').matches.slice(0, 2), total: 4 });
    assert.deepEqual(index.match('  ').matches, []);
  });

  it('matches 20,000 variables in well under a frame budget per keystroke', () => {
    const index = new VariableIndex();
    index.add(Array.from({ length: 20_000 }, (_, i) => variable(`KEY_${i}_${i % 7 === 0 ? 'DATABASE' : 'OTHER'}`, `p${i % 1000}`)));
    const t = performance.now();
    const { total } = index.match('database', 500);
    const ms = performance.now() - t;
    assert.equal(total, Math.ceil(20_000 / 7));
    assert.ok(ms < 100, `${ms.toFixed(1)} ms`);
  });

  it('refuses queries it cannot search for, before any matching', () => {
    assert.equal(queryProblem('db'), undefined);
    assert.match(queryProblem('x'.repeat(300)) ?? '', /at most 256/);
    assert.match(queryProblem('a\nb') ?? '', /control characters/);
  });

  it('bounds a limiter and hands freed slots in order', async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.run(async () => {
      most = Math.max(most, ++active);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(i);
      active -= 1;
    })));
    assert.equal(most, 2);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.throws(() => new Limiter(0), RangeError);
  });
});
