import * as assert from 'node:assert/strict';
import { ApiError, InvalidResponseError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import type { Scope } from '../../src/core/vercel/models';
import { addBulk, startEmulator, type Emulator } from '../../emulator';
import { demoTokens } from '../../emulator';
import { json, startRawServer } from './helpers/rawServer';

const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };
const personal: Scope = { kind: 'personal' };

describe('VercelClient against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;

  function client(token: string = demoTokens.alice): VercelClient {
    return new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token, transport, service: 'Vercel' }));
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('reads the user behind a token', async () => {
    const user = await client().getUser();
    assert.equal(user.username, 'alice');
    assert.equal(user.email, 'alice@example.com');
  });

  it('refuses an unknown token with a 403 ApiError', async () => {
    const err = await client('not_a_real_token_123').getUser().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 403);
    assert.ok(!err.message.includes('not_a_real_token_123'));
  });

  it('lists a project\'s custom environments with their branch matchers, in one request', async () => {
    const blog = emulator.state.projects.find((p) => p.name === 'alice-blog');
    assert.ok(blog);
    blog.customEnvironments.push({
      id: 'env_staging1', slug: 'staging', type: 'preview', description: 'QA',
      branchMatcher: { type: 'startsWith', pattern: 'release/' }, createdAt: 1, updatedAt: 2,
    });
    const before = emulator.requests.length;
    const list = await client().listCustomEnvironments(personal, blog.id);
    assert.equal(emulator.requests.length - before, 1);
    assert.deepEqual(list, [{
      id: 'env_staging1', slug: 'staging', type: 'preview', description: 'QA',
      branchMatcher: { type: 'startsWith', pattern: 'release/' }, createdAt: 1, updatedAt: 2,
    }]);
  });

  it('reads a 404 on custom environments as none', async () => {
    const server = await startRawServer((_req, res) => json(res, 404, { error: { code: 'not_found', message: 'Not found' } }));
    try {
      const api = new VercelClient(new JsonApi({ baseUrl: new URL(server.url), token: demoTokens.alice, transport, service: 'Vercel' }));
      assert.deepEqual(await api.listCustomEnvironments(personal, 'prj_x'), []);
    } finally {
      await server.close();
    }
  });

  it('lists every team', async () => {
    const teams = await client().listTeams();
    assert.deepEqual(teams.map((t) => t.slug).sort(), ['acme', 'globex']);
    assert.deepEqual((await client(demoTokens.bob).listTeams()).map((t) => t.slug), ['globex']);
  });

  it('pages projects: 100 first, the rest after passing the cursor back', async () => {
    addBulk(emulator.state, { projects: { accountId: 'team_acme', count: 100, prefix: 'acme-bulk' } });
    const first = await client().listProjects(acme);
    assert.equal(first.items.length, 100);
    assert.ok(first.next, 'a next cursor');
    assert.deepEqual(first.items.slice(0, 3).map((p) => p.name), ['acme-web', 'acme-api', 'acme-docs']);
    const second = await client().listProjects(acme, first.next);
    assert.equal(second.items.length, 25);
    assert.equal(second.next, undefined);
    const names = new Set([...first.items, ...second.items].map((p) => p.name));
    assert.equal(names.size, 125);
    assert.ok(names.has('acme-service-22') && names.has('acme-bulk-0100'));
    const projectCalls = emulator.requests.filter((r) => r.path === '/v10/projects');
    assert.deepEqual(projectCalls.map((r) => [r.query.teamId, r.query.limit]), [['team_acme', '100'], ['team_acme', '100']]);
  });

  it('lists 1,000 projects (and the 3 of the seed) in 11 requests of 100', async () => {
    addBulk(emulator.state, { projects: { accountId: 'user_alice', count: 1000, prefix: 'bulk' } });
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client().listProjects(personal, cursor);
      names.push(...page.items.map((p) => p.name));
      cursor = page.next;
      pages += 1;
    } while (cursor);
    assert.equal(names.length, 1003);
    assert.equal(new Set(names).size, 1003);
    assert.equal(names.at(-1), 'bulk-1000');
    assert.equal(emulator.requests.filter((r) => r.path === '/v10/projects').length, 11);
    assert.equal(pages, 11);
  });

  it('searches projects by name on the server: one request, the matches only', async () => {
    addBulk(emulator.state, { projects: { accountId: 'team_acme', count: 300, prefix: 'acme-bulk' } });
    const page = await client().listProjects(acme, undefined, undefined, 'bulk-02');
    assert.deepEqual(page.items.map((p) => p.name), Array.from({ length: 100 }, (_, i) => `acme-bulk-02${String(i).padStart(2, '0')}`));
    assert.equal(page.next, undefined);
    assert.deepEqual(emulator.requests.map((r) => [r.path, r.query.search]), [['/v10/projects', 'bulk-02']]);
  });

  it('lists personal projects without a team id', async () => {
    const page = await client().listProjects(personal);
    assert.deepEqual(page.items.map((p) => p.name).sort(), ['alice-api', 'alice-blog', 'alice-portfolio']);
    assert.equal(page.next, undefined);
    assert.equal(emulator.requests.at(-1)?.query.teamId, undefined);
  });

  it('is refused a team the user is not a member of', async () => {
    const err = await client(demoTokens.bob).listProjects(acme).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 403);
  });

  it('lists a project\'s variables with types, targets and branch, in the team scope', async () => {
    const envs = await client().listEnvs(personal, 'prj_aliceblog');
    const byKey = new Map(envs.map((e) => [e.key, e]));
    assert.equal(byKey.get('DATABASE_URL')?.type, 'encrypted');
    assert.deepEqual(byKey.get('DATABASE_URL')?.targets, ['production', 'preview']);
    assert.equal(byKey.get('STRIPE_SECRET_KEY')?.type, 'sensitive');
    assert.equal(byKey.get('PREVIEW_API_KEY')?.gitBranch, 'feature/login');
    assert.equal(byKey.get('VERCEL_GIT_COMMIT_SHA')?.type, 'system');
    const acmeEnvs = await client().listEnvs(acme, 'prj_acmeweb');
    assert.ok(acmeEnvs.length > 0);
    assert.equal(emulator.requests.at(-1)?.query.teamId, 'team_acme');
  });

  it('gets a project by id or name', async () => {
    assert.equal((await client().getProject(acme, 'acme-web')).id, 'prj_acmeweb');
    await assert.rejects(client().getProject(personal, 'acme-web'), (e: unknown) => e instanceof ApiError && e.status === 404);
  });

  it('turns a malformed answer into a clear error, not an empty list', async () => {
    const server = await startRawServer((req, res) => {
      if (req.url.startsWith('/v2/teams')) json(res, 200, { teams: 'nope', pagination: { count: 0, next: null, prev: null } });
      else json(res, 200, { projects: [{ id: 'p1' }], pagination: { count: 1, next: null, prev: null } });
    });
    try {
      const raw = new VercelClient(new JsonApi({ baseUrl: new URL(server.url), token: 't0k3n_abcdef', transport }));
      await assert.rejects(raw.listTeams(), InvalidResponseError);
      await assert.rejects(raw.listProjects(personal), InvalidResponseError);
    } finally {
      await server.close();
    }
  });

  it('stops following a cursor that never changes', async () => {
    const server = await startRawServer((_req, res) => json(res, 200, { teams: [], pagination: { count: 0, next: 5, prev: null } }));
    try {
      const raw = new VercelClient(new JsonApi({ baseUrl: new URL(server.url), token: 't0k3n_abcdef', transport }));
      assert.deepEqual(await raw.listTeams(), []);
      assert.equal(server.seen.length, 2);
    } finally {
      await server.close();
    }
  });
});
