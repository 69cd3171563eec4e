/**
 * The routes and fields the official Vercel CLI uses beyond what the extension calls
 * (issue 12): older list versions, one team, `env pull`, `visibility`, the `target` filter.
 * The CLI itself runs against them in scripts/cli-compat.mjs (`npm run test:cli`).
 */
import * as assert from 'node:assert/strict';
import { demoTokens, startEmulator, type Emulator } from '..';
import { call, type EnvView, type ErrorBody, type ProjectView, type TeamView } from '../core/testClient';

const acme = { teamId: 'team_acme' };

describe('emulator: the official CLI\'s routes', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator(); });
  beforeEach(() => emu.reset());
  after(async () => { await emu.close(); });

  const envOf = (project: string, key: string) => {
    const env = emu.state.projects.find((p) => p.name === project)?.envs.find((e) => e.key === key);
    assert.ok(env, `no ${key} in ${project}`);
    return env;
  };

  describe('GET /v9/projects (projects ls)', () => {
    it('pages 25 Acme projects as 20 + 5 with a ms timestamp passed back as `until`', async () => {
      type Page = { projects: ProjectView[]; pagination: { count: number; next: number | null; prev: number | null } };
      const first = await call<Page>(emu, 'GET', '/v9/projects', { query: { ...acme, limit: 20 } });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.projects.length, 20);
      assert.equal(first.body.projects[0]?.name, 'acme-web');
      assert.equal(typeof first.body.pagination.next, 'number');
      assert.equal(first.body.pagination.next, first.body.projects[19]?.updatedAt);
      const rest = await call<Page>(emu, 'GET', '/v9/projects', { query: { ...acme, limit: 20, until: String(first.body.pagination.next) } });
      assert.equal(rest.body.projects.length, 5);
      assert.equal(rest.body.pagination.next, null);
      const names = [...first.body.projects, ...rest.body.projects].map((p) => p.name);
      assert.equal(new Set(names).size, 25);
    });

    it('answers a foreign team 403 and a personal list without a scope', async () => {
      assert.equal((await call(emu, 'GET', '/v9/projects', { query: acme, token: demoTokens.bob })).status, 403);
      const mine = await call<{ projects: ProjectView[] }>(emu, 'GET', '/v9/projects');
      assert.deepEqual(mine.body.projects.map((p) => p.name), ['alice-blog', 'alice-portfolio', 'alice-api']);
    });
  });

  describe('teams', () => {
    it('GET /v2/teams/{teamId} and the CLI\'s /teams/{idOrSlug} answer one team of the user', async () => {
      for (const path of ['/v2/teams/team_acme', '/teams/team_acme', '/teams/acme']) {
        const res = await call<TeamView>(emu, 'GET', path);
        assert.equal(res.status, 200, `${path}: ${res.text}`);
        assert.equal(res.body.id, 'team_acme');
        assert.equal(res.body.slug, 'acme');
        assert.equal(res.body.membership.role, 'OWNER');
      }
    });

    it('answers a team the user is not in like an unknown one: 403', async () => {
      const foreign = await call<ErrorBody>(emu, 'GET', '/teams/team_acme', { token: demoTokens.bob });
      const unknown = await call<ErrorBody>(emu, 'GET', '/v2/teams/team_nope', { token: demoTokens.bob });
      assert.equal(foreign.status, 403);
      assert.deepEqual(unknown.body, foreign.body);
    });

    it('GET /v1/teams lists every team of the user, unpaged', async () => {
      const res = await call<{ teams: TeamView[] }>(emu, 'GET', '/v1/teams');
      assert.deepEqual(res.body.teams.map((t) => t.slug), ['globex', 'acme']);
      const bob = await call<{ teams: TeamView[] }>(emu, 'GET', '/v1/teams', { token: demoTokens.bob });
      assert.deepEqual(bob.body.teams.map((t) => t.slug), ['globex']);
    });

    it('GET /v2/teams takes the CLI\'s `next` like `until`', async () => {
      const first = await call<{ teams: TeamView[]; pagination: { next: number } }>(emu, 'GET', '/v2/teams', { query: { limit: 1 } });
      const byNext = await call<{ teams: TeamView[] }>(emu, 'GET', '/v2/teams', { query: { limit: 1, next: first.body.pagination.next } });
      const byUntil = await call<{ teams: TeamView[] }>(emu, 'GET', '/v2/teams', { query: { limit: 1, until: first.body.pagination.next } });
      assert.deepEqual(byNext.body.teams.map((t) => t.slug), ['acme']);
      assert.deepEqual(byNext.body, byUntil.body);
    });
  });

  describe('GET /v3/env/pull/{idOrName}/{target}[/{gitBranch}]', () => {
    type Pulled = { env: Record<string, string> };

    it('answers the target\'s variables decrypted, write-only ones as "", system ones as they are', async () => {
      const res = await call<Pulled>(emu, 'GET', '/v3/env/pull/prj_aliceblog/production');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.env, {
        DATABASE_URL: 'postgres://blog:blog-db-pass-1@db.example.com/blog',
        NEXT_PUBLIC_SITE_URL: 'https://alice.example.com',
        STRIPE_SECRET_KEY: '',
        LEGACY_TOKEN: 'legacy-secret-0003',
        VERCEL_GIT_COMMIT_SHA: '',
      });
    });

    it('adds a branch\'s own variables on preview only for that branch', async () => {
      const plain = await call<Pulled>(emu, 'GET', '/v3/env/pull/alice-blog/preview');
      assert.ok(!('PREVIEW_API_KEY' in plain.body.env));
      const branch = await call<Pulled>(emu, 'GET', `/v3/env/pull/alice-blog/preview/${encodeURIComponent('feature/login')}`);
      assert.equal(branch.body.env.PREVIEW_API_KEY, 'preview-key-0002');
      assert.equal(branch.body.env.DATABASE_URL, 'postgres://blog:blog-db-pass-1@db.example.com/blog');
    });

    it('lets a branch value override the branch-less one of the same key', async () => {
      const created = await call(emu, 'POST', '/v10/projects/alice-blog/env',
        { body: { key: 'NEXT_PUBLIC_SITE_URL', value: 'https://branch.example.com', type: 'plain', target: ['preview'], gitBranch: 'feat' } });
      assert.equal(created.status, 201, created.text);
      const res = await call<Pulled>(emu, 'GET', '/v3/env/pull/alice-blog/preview/feat');
      assert.equal(res.body.env.NEXT_PUBLIC_SITE_URL, 'https://branch.example.com');
      const other = await call<Pulled>(emu, 'GET', '/v3/env/pull/alice-blog/preview/other');
      assert.equal(other.body.env.NEXT_PUBLIC_SITE_URL, 'https://alice.example.com');
    });

    it('takes a custom environment by slug or id as the target', async () => {
      const blog = emu.state.projects.find((p) => p.name === 'alice-blog');
      assert.ok(blog);
      blog.customEnvironments.push({ id: 'env_staging0001', slug: 'staging', type: 'preview', createdAt: 1, updatedAt: 1 });
      const created = await call(emu, 'POST', '/v10/projects/alice-blog/env',
        { body: { key: 'STAGING_ONLY', value: 'staging-value-1', type: 'encrypted', customEnvironmentIds: ['env_staging0001'] } });
      assert.equal(created.status, 201, created.text);
      for (const target of ['staging', 'env_staging0001']) {
        const res = await call<Pulled>(emu, 'GET', `/v3/env/pull/alice-blog/${target}`);
        assert.deepEqual(res.body.env, { STAGING_ONLY: 'staging-value-1' }, target);
      }
      const listed = await call<{ envs: EnvView[] }>(emu, 'GET', '/v10/projects/alice-blog/env', { query: { target: 'env_staging0001' } });
      assert.deepEqual(listed.body.envs.map((e) => e.key), ['STAGING_ONLY']);
    });

    it('refuses an unknown target (400), an unknown project (404) and a foreign team (403)', async () => {
      assert.equal((await call(emu, 'GET', '/v3/env/pull/alice-blog/staging')).status, 400);
      assert.equal((await call(emu, 'GET', '/v3/env/pull/nope/production')).status, 404);
      assert.equal((await call(emu, 'GET', '/v3/env/pull/acme-web/production', { query: acme, token: demoTokens.bob })).status, 403);
      assert.equal((await call(emu, 'GET', '/v3/env/pull/acme-web/production', { token: null })).status, 403);
    });
  });

  describe('visibility (sent by the CLI on create and edit)', () => {
    const blog = '/v10/projects/alice-blog/env';

    it('stores and returns it; `secret` makes even an encrypted Development value write-only', async () => {
      const res = await call<{ created: EnvView }>(emu, 'POST', blog,
        { body: { key: 'DEV_SECRET', value: 'dev-secret-0001', type: 'encrypted', target: ['development'], visibility: 'secret' } });
      assert.equal(res.status, 201, res.text);
      assert.equal((res.body.created as EnvView & { visibility?: string }).visibility, 'secret');
      const listed = await call<{ envs: (EnvView & { visibility?: string })[] }>(emu, 'GET', blog, { query: { decrypt: 'true' } });
      const env = listed.body.envs.find((e) => e.key === 'DEV_SECRET');
      assert.equal(env?.visibility, 'secret');
      assert.equal(env?.value, '');
      assert.ok(!listed.text.includes('dev-secret-0001'));
      const one = await call(emu, 'GET', `/v1/projects/alice-blog/env/${env?.id}`);
      assert.ok(!one.text.includes('dev-secret-0001'));
      const pulled = await call<{ env: Record<string, string> }>(emu, 'GET', '/v3/env/pull/alice-blog/development');
      assert.equal(pulled.body.env.DEV_SECRET, '');
      // Legacy records carry none.
      assert.equal(listed.body.envs.find((e) => e.key === 'DATABASE_URL')?.visibility, undefined);
    });

    it('edits it on PATCH /v10 as the CLI sends it, but never turns a write-only value readable', async () => {
      const id = envOf('alice-blog', 'DATABASE_URL').id;
      const edit = await call(emu, 'PATCH', `/v10/projects/alice-blog/env/${id}`,
        { body: { type: 'encrypted', value: 'rotated-0001', target: ['production', 'preview'], visibility: 'secret' } });
      assert.equal(edit.status, 200, edit.text);
      assert.equal(envOf('alice-blog', 'DATABASE_URL').visibility, 'secret');
      assert.equal(envOf('alice-blog', 'DATABASE_URL').value, 'rotated-0001');
      const reveal = await call<ErrorBody>(emu, 'PATCH', `/v10/projects/alice-blog/env/${id}`, { body: { visibility: 'config' } });
      assert.equal(reveal.status, 400);
      assert.equal(reveal.body.error.code, 'ENV_TYPE_IMMUTABLE');
      assert.equal(envOf('alice-blog', 'DATABASE_URL').visibility, 'secret');
    });

    it('refuses an unknown visibility and a readable sensitive variable', async () => {
      const bad = await call<ErrorBody>(emu, 'POST', blog, { body: { key: 'V1', value: 'v', type: 'plain', target: ['production'], visibility: 'public' } });
      assert.equal(bad.status, 400);
      const contradiction = await call<ErrorBody>(emu, 'POST', blog,
        { body: { key: 'V2', value: 'v', type: 'sensitive', target: ['production'], visibility: 'config' } });
      assert.equal(contradiction.status, 400);
      assert.equal(emu.state.projects.find((p) => p.name === 'alice-blog')?.envs.some((e) => e.key === 'V1' || e.key === 'V2'), false);
    });
  });

  it('filters the env list by `target`, as the CLI\'s `env pull` asks', async () => {
    const res = await call<{ envs: EnvView[] }>(emu, 'GET', '/v10/projects/alice-blog/env', { query: { target: 'development' } });
    assert.deepEqual(res.body.envs.map((e) => e.key).sort(), ['NEXT_PUBLIC_SITE_URL', 'VERCEL_GIT_COMMIT_SHA']);
  });

  it('removes a variable on DELETE /v10 as on /v9', async () => {
    const id = envOf('alice-blog', 'LEGACY_TOKEN').id;
    const res = await call<EnvView>(emu, 'DELETE', `/v10/projects/alice-blog/env/${id}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.key, 'LEGACY_TOKEN');
    assert.ok(!emu.state.projects.find((p) => p.name === 'alice-blog')?.envs.some((e) => e.id === id));
  });
});
