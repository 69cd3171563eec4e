/**
 * The emulator against the OpenAPI subset: every implemented operation, every status it
 * can answer, over real HTTP; then proof that the same validator rejects wrong answers.
 */
import * as assert from 'node:assert/strict';
import { buildSeedState, demoTokens, startEmulator, type Emulator } from '..';
import { loadContract, undeclaredButAnswered } from '../core/contract';
import { outsideTheSubset } from '../core/contract';
import { implementedOperations, routeAliases, routesOutsideTheSubset } from '../core/server';
import { templateMatcher } from '../core/http';
import { call } from '../core/testClient';

/** The spec operation that checks a request: its own path's, or the one its route is an alias of (server.ts). */
function specTemplate(contract: ReturnType<typeof loadContract>, method: string, path: string): string | undefined {
  const own = contract.match(method, path);
  if (own) return own.template;
  for (const [route, operation] of Object.entries(routeAliases)) {
    const [routeMethod, routeTemplate] = route.split(' ') as [string, string];
    if (routeMethod === method && templateMatcher(routeTemplate)(path)) return operation.split(' ')[1];
  }
  return undefined;
}

const seed = buildSeedState();
const idOf = (project: string, key: string): string => {
  const id = seed.projects.find((p) => p.name === project)?.envs.find((e) => e.key === key)?.id;
  if (!id) throw new Error(`no ${key} in ${project}`);
  return id;
};
const blog = '/v10/projects/alice-blog/env';
const dbUrl = idOf('alice-blog', 'DATABASE_URL');
const stripe = idOf('alice-blog', 'STRIPE_SECRET_KEY');
const system = idOf('alice-blog', 'VERCEL_GIT_COMMIT_SHA');
const newVar = { key: 'CONTRACT_VAR', value: 'contract-value-0001', type: 'encrypted', target: ['production'] };

interface Case {
  why: string;
  method: string;
  path: string;
  status: number;
  query?: Record<string, string>;
  token?: string | null;
  body?: unknown;
  /** Sent instead of `body` (malformed JSON). */
  rawBody?: string;
  /** Run against the emulator whose rate limit is 0 requests. */
  limited?: boolean;
  /** The request itself breaks the spec on purpose: validateContract mode must record it. */
  badRequestBody?: boolean;
}

const bob = demoTokens.bob;
const acme = { teamId: 'team_acme' };

const cases: Case[] = [
  { why: 'the user', method: 'GET', path: '/v2/user', status: 200 },
  { why: 'no token', method: 'GET', path: '/v2/user', status: 403, token: null },
  { why: 'unknown token', method: 'GET', path: '/v2/user', status: 403, token: 'nope' },
  { why: 'rate limited', method: 'GET', path: '/v2/user', status: 429, limited: true },
  { why: 'teams, first page', method: 'GET', path: '/v2/teams', status: 200, query: { limit: '1' } },
  { why: 'teams, bad limit', method: 'GET', path: '/v2/teams', status: 400, query: { limit: 'many' } },
  { why: 'teams, bad token', method: 'GET', path: '/v2/teams', status: 403, token: 'nope' },
  { why: 'projects page', method: 'GET', path: '/v10/projects', status: 200, query: acme },
  { why: 'personal projects', method: 'GET', path: '/v10/projects', status: 200 },
  { why: 'projects, limit too big', method: 'GET', path: '/v10/projects', status: 400, query: { limit: '500' } },
  { why: 'projects of a foreign team', method: 'GET', path: '/v10/projects', status: 403, query: acme, token: bob },
  { why: 'projects rate limited', method: 'GET', path: '/v10/projects', status: 429, limited: true },
  { why: 'project by name', method: 'GET', path: '/v9/projects/acme-web', status: 200, query: { slug: 'acme' } },
  { why: 'project of a foreign team', method: 'GET', path: '/v9/projects/acme-web', status: 403, query: acme, token: bob },
  { why: 'unknown project', method: 'GET', path: '/v9/projects/nope', status: 404 },
  { why: 'custom environments', method: 'GET', path: '/v9/projects/alice-blog/custom-environments', status: 200 },
  { why: 'custom environments, unknown project', method: 'GET', path: '/v9/projects/nope/custom-environments', status: 404 },
  { why: 'custom environments, no token', method: 'GET', path: '/v9/projects/alice-blog/custom-environments', status: 403, token: null },
  { why: 'env list', method: 'GET', path: blog, status: 200 },
  { why: 'env list decrypted', method: 'GET', path: blog, status: 200, query: { decrypt: 'true', gitBranch: 'feature/login' } },
  { why: 'env list, bad decrypt', method: 'GET', path: blog, status: 400, query: { decrypt: 'maybe' } },
  { why: 'env list, foreign team', method: 'GET', path: '/v10/projects/acme-web/env', status: 403, query: acme, token: bob },
  { why: 'env list, unknown project', method: 'GET', path: '/v10/projects/nope/env', status: 404 },
  { why: 'create one', method: 'POST', path: blog, status: 201, body: newVar },
  { why: 'create a batch, partly failing', method: 'POST', path: blog, status: 201,
    body: [newVar, { ...newVar, key: 'AWS_REGION' }] },
  { why: 'upsert', method: 'POST', path: blog, status: 201, query: { upsert: 'true' },
    body: { key: 'DATABASE_URL', value: 'db-pass-0009', type: 'encrypted', target: ['production', 'preview'] } },
  { why: 'invalid key', method: 'POST', path: blog, status: 400, body: { ...newVar, key: '1BAD' } },
  { why: 'upsert conflict', method: 'POST', path: blog, status: 400, query: { upsert: 'true' },
    body: { key: 'DATABASE_URL', value: 'db-pass-0010', type: 'encrypted', target: ['production'] } },
  { why: 'malformed JSON', method: 'POST', path: blog, status: 400, rawBody: '{"key":', badRequestBody: true },
  { why: 'already exists', method: 'POST', path: blog, status: 403,
    body: { key: 'DATABASE_URL', value: 'db-pass-0011', type: 'encrypted', target: ['production'] } },
  { why: 'unknown project', method: 'POST', path: '/v10/projects/nope/env', status: 404, body: newVar },
  { why: 'create rate limited', method: 'POST', path: blog, status: 429, body: newVar, limited: true },
  { why: 'read one', method: 'GET', path: `/v1/projects/alice-blog/env/${dbUrl}`, status: 200 },
  { why: 'read a sensitive one', method: 'GET', path: `/v1/projects/alice-blog/env/${stripe}`, status: 200 },
  { why: 'read one, foreign team', method: 'GET', path: `/v1/projects/acme-web/env/${dbUrl}`, status: 403, query: acme, token: bob },
  { why: 'read an unknown one', method: 'GET', path: '/v1/projects/alice-blog/env/nope', status: 404 },
  { why: 'edit', method: 'PATCH', path: `/v9/projects/alice-blog/env/${dbUrl}`, status: 200, body: { value: 'db-pass-0012', comment: 'rotated' } },
  { why: 'edit sensitive key', method: 'PATCH', path: `/v9/projects/alice-blog/env/${stripe}`, status: 400, body: { key: 'OTHER' } },
  { why: 'rename onto an existing key', method: 'PATCH', path: `/v9/projects/alice-blog/env/${dbUrl}`, status: 403,
    body: { key: 'STRIPE_SECRET_KEY', target: ['production'] } },
  { why: 'edit an unknown one', method: 'PATCH', path: '/v9/projects/alice-blog/env/nope', status: 404, body: { value: 'x' } },
  { why: 'edit rate limited', method: 'PATCH', path: `/v9/projects/alice-blog/env/${dbUrl}`, status: 429, body: { value: 'x' }, limited: true },
  { why: 'delete one', method: 'DELETE', path: `/v9/projects/alice-blog/env/${dbUrl}`, status: 200 },
  { why: 'delete a system one', method: 'DELETE', path: `/v9/projects/alice-blog/env/${system}`, status: 400 },
  { why: 'delete, foreign team', method: 'DELETE', path: `/v9/projects/acme-web/env/${dbUrl}`, status: 403, query: acme, token: bob },
  { why: 'delete an unknown one', method: 'DELETE', path: '/v9/projects/alice-blog/env/nope', status: 404 },
  { why: 'batch delete', method: 'DELETE', path: '/v1/projects/alice-blog/env', status: 200, body: { ids: [dbUrl, stripe] } },
  { why: 'batch delete, no ids', method: 'DELETE', path: '/v1/projects/alice-blog/env', status: 400, body: { ids: [] }, badRequestBody: true },
  { why: 'batch delete, foreign team', method: 'DELETE', path: '/v1/projects/acme-web/env', status: 403, query: acme, token: bob, body: { ids: ['x'] } },
  { why: 'batch delete, unknown project', method: 'DELETE', path: '/v1/projects/nope/env', status: 404, body: { ids: ['x'] } },
  // The official CLI's forms of the same operations (server.ts checks them against the spec's).
  { why: 'CLI: edit with visibility', method: 'PATCH', path: `/v10/projects/alice-blog/env/${dbUrl}`, status: 200,
    body: { type: 'encrypted', value: 'db-pass-0013', target: ['production', 'preview'], visibility: 'config' } },
  { why: 'CLI: remove one environment', method: 'PATCH', path: `/v10/projects/alice-blog/env/${dbUrl}`, status: 200,
    body: { target: ['production'], customEnvironmentIds: [] } },
  { why: 'CLI: edit an unknown one', method: 'PATCH', path: '/v10/projects/alice-blog/env/nope', status: 404, body: { value: 'x' } },
  { why: 'CLI: delete', method: 'DELETE', path: `/v10/projects/alice-blog/env/${dbUrl}`, status: 200 },
  { why: 'CLI: delete an unknown one', method: 'DELETE', path: '/v10/projects/alice-blog/env/nope', status: 404 },
  { why: 'CLI: create with visibility', method: 'POST', path: blog, status: 201,
    body: { ...newVar, type: 'sensitive', visibility: 'secret' } },
  { why: 'CLI: custom environments, unversioned', method: 'GET', path: '/projects/prj_aliceblog/custom-environments', status: 200 },
  { why: 'CLI: custom environments, unknown project', method: 'GET', path: '/projects/nope/custom-environments', status: 404 },
];

describe('emulator contract: OpenAPI subset', () => {
  const contract = loadContract();
  let emu: Emulator;
  let limited: Emulator;

  before(async () => {
    emu = await startEmulator({ validateContract: true });
    limited = await startEmulator({ validateContract: true, rateLimit: { limit: 0, windowMs: 60_000 } });
  });
  beforeEach(() => { emu.reset(); limited.reset(); });
  after(async () => { await emu.close(); await limited.close(); });

  for (const c of cases) {
    it(`${c.method} ${c.path.replace(/\/env\/\w{16}$/, '/env/{id}')} → ${c.status} (${c.why})`, async () => {
      const target = c.limited ? limited : emu;
      const res = await call(target, c.method, c.path, {
        query: c.query, token: c.token, body: c.body, rawBody: c.rawBody,
      });
      assert.equal(res.status, c.status, res.text);
      const template = specTemplate(contract, c.method, c.path);
      assert.ok(template, `${c.method} ${c.path} is not in the spec`);
      const op = { template };
      const declared = contract.declaredStatuses(c.method, op.template);
      const gap = [...(undeclaredButAnswered[`${c.method} ${op.template}`] ?? []), ...(undeclaredButAnswered['*'] ?? [])];
      assert.ok(declared.includes(c.status) || gap.includes(c.status), `${c.status} neither declared (${declared.join(', ')}) nor a documented gap`);
      assert.deepEqual(contract.checkResponse(c.method, op.template, res.status, res.body), []);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      if (c.status === 429) assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      // The answer conforms (checked above); only a deliberately bad request is recorded.
      assert.equal(target.contractViolations.length, c.badRequestBody ? 1 : 0, target.contractViolations.join('\n'));
      if (c.badRequestBody) assert.match(target.contractViolations[0] ?? '', /request body/);
    });
  }

  it('covers every implemented operation with a success and an error status', () => {
    for (const operation of implementedOperations) {
      const [method, template] = operation.split(' ') as [string, string];
      const statuses = cases.filter((c) => c.method === method && contract.match(c.method, c.path)?.template === template).map((c) => c.status);
      assert.ok(statuses.some((s) => s < 300), `${operation}: no success case`);
      assert.ok(statuses.some((s) => s >= 400), `${operation}: no error case`);
      assert.ok(contract.declaredStatuses(method, template).length > 0, `${operation} is not in the spec`);
    }
  });

  it('names every route outside the subset, and checks every other one against a spec operation', () => {
    assert.deepEqual([...routesOutsideTheSubset].sort(), [...outsideTheSubset].sort());
    for (const [route, operation] of Object.entries(routeAliases)) {
      const [method, template] = operation.split(' ') as [string, string];
      assert.ok(contract.declaredStatuses(method, template).length > 0, `${route} → ${operation} is not in the spec`);
      const [routeMethod, routeTemplate] = route.split(' ') as [string, string];
      const own = cases.filter((c) => c.method === routeMethod && templateMatcher(routeTemplate)(c.path));
      assert.ok(own.some((c) => c.status < 300) && own.some((c) => c.status >= 400), `${route}: needs a success and an error case`);
    }
  });

  describe('the validator rejects wrong answers', () => {
    const broken = (body: unknown, edit: (copy: Record<string, never>) => void): unknown => {
      const copy = structuredClone(body) as Record<string, never>;
      edit(copy);
      return copy;
    };
    const get = async (path: string, query?: Record<string, string>) => (await call(emu, 'GET', path, { query })).body;

    it('a wrong field type, a missing required field, an unknown enum value', async () => {
      const user = await get('/v2/user');
      assert.deepEqual(contract.checkResponse('GET', '/v2/user', 200, user), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 200, broken(user, (b) => { (b.user as Record<string, unknown>).email = 42; })), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 200, broken(user, (b) => { delete (b.user as Record<string, unknown>).username; })), []);

      const envs = await get(blog) as { envs: Record<string, unknown>[] };
      const first = (b: Record<string, never>) => (b.envs as Record<string, unknown>[])[0] as Record<string, unknown>;
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects/{idOrName}/env', 200, broken(envs, (b) => { first(b).type = 'secretive'; })), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects/{idOrName}/env', 200, broken(envs, (b) => { delete first(b).key; })), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects/{idOrName}/env', 200, broken(envs, (b) => { first(b).target = ['staging']; })), []);
    });

    it('wrong pagination objects', async () => {
      const projects = await get('/v10/projects', acme);
      assert.deepEqual(contract.checkResponse('GET', '/v10/projects', 200, projects), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects', 200, broken(projects, (b) => { b.pagination = { count: 20, next: 123 } as never; })), []);
      const teams = await get('/v2/teams');
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/teams', 200, broken(teams, (b) => { (b.pagination as Record<string, unknown>).next = 'abc'; })), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/teams', 200, broken(teams, (b) => { delete (b.teams as Record<string, unknown>[])[0]?.membership; })), []);
    });

    it('project objects with their variables (`env[]`), never a readable value', async () => {
      const projects = await get('/v10/projects') as { projects: Array<{ id: string; env?: Array<Record<string, unknown>> }> };
      assert.deepEqual(contract.checkResponse('GET', '/v10/projects', 200, projects), []);
      for (const project of projects.projects) {
        const stored = seed.projects.find((p) => p.id === project.id);
        assert.ok(stored && project.env, project.id);
        assert.deepEqual(project.env.map((e) => e.key), stored.envs.map((e) => e.key));
        for (const env of stored.envs) {
          if (env.value !== '') assert.ok(!JSON.stringify(project.env).includes(env.value), `${env.key}'s value in the project list`);
        }
      }
      const withEnv = (b: Record<string, never>) => (b.projects as Array<{ env: Record<string, unknown>[] }>)[0]!.env[0]!;
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects', 200, broken(projects, (b) => { delete withEnv(b).value; })), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v10/projects', 200, broken(projects, (b) => { withEnv(b).type = 'secretive'; })), []);
      const one = await get('/v9/projects/alice-blog');
      assert.deepEqual(contract.checkResponse('GET', '/v9/projects/{idOrName}', 200, one), []);
    });

    it('a create answer without `failed`, a project without `nodeVersion`', async () => {
      const created = (await call(emu, 'POST', blog, { body: newVar })).body;
      assert.deepEqual(contract.checkResponse('POST', '/v10/projects/{idOrName}/env', 201, created), []);
      assert.notDeepEqual(contract.checkResponse('POST', '/v10/projects/{idOrName}/env', 201, broken(created, (b) => { delete b.failed; })), []);
      const project = await get('/v9/projects/alice-blog');
      assert.notDeepEqual(contract.checkResponse('GET', '/v9/projects/{idOrName}', 200, broken(project, (b) => { delete b.nodeVersion; })), []);
    });

    it('an undeclared status and a malformed error body', () => {
      const error = { error: { code: 'not_found', message: 'x' } };
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 418, error), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 404, error), [], '404 is no documented gap for /v2/user');
      assert.deepEqual(contract.checkResponse('GET', '/v9/projects/{idOrName}', 404, error), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 403, { message: 'Forbidden' }), []);
      assert.notDeepEqual(contract.checkResponse('GET', '/v2/user', 403, { error: { code: 403, message: 'x' } }), []);
    });

    it('request bodies off the schema', () => {
      const create = '/v10/projects/{idOrName}/env';
      assert.deepEqual(contract.checkRequest('POST', create, newVar), []);
      assert.deepEqual(contract.checkRequest('POST', create, [newVar, newVar]), []);
      assert.notDeepEqual(contract.checkRequest('POST', create, { ...newVar, type: undefined }), []);
      assert.notDeepEqual(contract.checkRequest('POST', create, { key: 'A', value: 'b', type: 'plain' }), [], 'neither target nor customEnvironmentIds');
      assert.notDeepEqual(contract.checkRequest('POST', create, undefined), [], 'the body is required');
      assert.notDeepEqual(contract.checkRequest('PATCH', '/v9/projects/{idOrName}/env/{id}', { value: 'x', color: 'red' }), []);
      assert.notDeepEqual(contract.checkRequest('DELETE', '/v1/projects/{idOrName}/env', { ids: [] }), []);
    });
  });

  describe('validateContract mode records what the spec forbids in requests', () => {
    it('a request body against the requestBody schema', async () => {
      await call(emu, 'POST', blog, { body: { key: 'NUMERIC', value: 12345, type: 'plain', target: ['production'] } });
      assert.equal(emu.contractViolations.length, 1, emu.contractViolations.join('\n'));
      assert.match(emu.contractViolations[0] ?? '', /^POST \/v10\/projects\/\{idOrName\}\/env request body: .*value/);
      await call(emu, 'PATCH', `/v9/projects/alice-blog/env/${dbUrl}`, { body: { value: 'x', color: 'red' } });
      assert.equal(emu.contractViolations.length, 2);
      assert.match(emu.contractViolations[1] ?? '', /^PATCH .* request body: .*additional/);
    });

    it('nothing for a conforming exchange', async () => {
      await call(emu, 'POST', blog, { body: [newVar] });
      await call(emu, 'GET', blog);
      assert.deepEqual(emu.contractViolations, []);
    });
  });
});
