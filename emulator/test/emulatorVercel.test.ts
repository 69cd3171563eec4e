import * as assert from 'node:assert/strict';
import { startEmulator, demoTokens, seededSecretValues, seededValues, type Emulator } from '..';
import { carol } from '../vercel/legacySecretsSeed';
import { call, type ErrorBody, type PageInfo, type ProjectView, type TeamView } from '../core/testClient';

const alice = demoTokens.alice;
const bob = demoTokens.bob;
const acme = { teamId: 'team_acme' };

describe('emulator: Vercel API', () => {
  let emu: Emulator;
  beforeEach(async () => { emu = await startEmulator(); });
  afterEach(async () => { await emu.close(); });

  const envsOf = (project: string) => {
    const p = emu.state.projects.find((x) => x.name === project);
    assert.ok(p, `no project ${project}`);
    return p.envs;
  };

  describe('authentication', () => {
    it('refuses a request without a token, as Vercel does', async () => {
      const res = await call(emu, 'GET', '/v2/user', { token: null });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: { code: 'forbidden', message: 'The request is missing an authentication token', missingToken: true } });
      assert.equal(emu.requests.at(-1)?.authorized, false);
    });

    it('refuses an unknown token', async () => {
      const res = await call(emu, 'GET', '/v10/projects', { token: 'not_a_real_token' });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } });
    });

    it('answers the token owner with JSON', async () => {
      const res = await call<{ user: Record<string, unknown> }>(emu, 'GET', '/v2/user', { token: bob });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(res.body.user.id, 'user_bob');
      assert.equal(res.body.user.username, 'bob');
      assert.equal(res.body.user.email, 'bob@example.com');
      assert.equal(res.body.user.name, 'Bob Builder');
      assert.deepEqual(emu.requests.map((r) => [r.method, r.path, r.authorized, r.status]), [['GET', '/v2/user', true, 200]]);
    });
  });

  describe('team scope', () => {
    it('forbids a team the user is not a member of, by id or slug', async () => {
      for (const query of [{ teamId: 'team_acme' }, { slug: 'acme' }]) {
        const res = await call<ErrorBody>(emu, 'GET', '/v10/projects', { token: bob, query });
        assert.equal(res.status, 403, JSON.stringify(query));
        assert.equal(res.body.error.code, 'forbidden');
      }
      const direct = await call<ErrorBody>(emu, 'GET', '/v10/projects/acme-web/env', { token: bob, query: acme });
      assert.equal(direct.status, 403);
    });

    it('forbids an unknown team the same way', async () => {
      const res = await call<ErrorBody>(emu, 'GET', '/v10/projects', { query: { teamId: 'team_nope' } });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'forbidden');
    });

    it('hides a project of another scope (404)', async () => {
      const personal = await call<ErrorBody>(emu, 'GET', '/v9/projects/acme-web');
      assert.equal(personal.status, 404);
      assert.deepEqual(personal.body, { error: { code: 'not_found', message: 'Project not found' } });
      const otherTeam = await call(emu, 'GET', '/v9/projects/prj_aliceblog', { query: acme });
      assert.equal(otherTeam.status, 404);
      const bobsTeam = await call(emu, 'GET', '/v10/projects/acme-web/env', { token: bob, query: { teamId: 'team_globex' } });
      assert.equal(bobsTeam.status, 404);
    });

    it('finds a project by id or by name, by teamId or by slug', async () => {
      const byName = await call<ProjectView>(emu, 'GET', '/v9/projects/acme-web', { query: { slug: 'acme' } });
      const byId = await call<ProjectView>(emu, 'GET', '/v9/projects/prj_acmeweb', { query: acme });
      assert.equal(byName.status, 200);
      assert.deepEqual(byId.body, byName.body);
      assert.equal(byId.body.accountId, 'team_acme');
    });
  });

  describe('projects and teams paging', () => {
    it('pages 25 Acme projects as 20 + 5 with a continuation token', async () => {
      const one = await call<{ projects: ProjectView[]; pagination: PageInfo }>(emu, 'GET', '/v10/projects', { query: { ...acme, limit: 20 } });
      assert.equal(one.status, 200);
      assert.equal(one.body.projects.length, 20);
      assert.deepEqual(one.body.projects.slice(0, 3).map((p) => p.name), ['acme-web', 'acme-api', 'acme-docs']);
      assert.equal(one.body.pagination.count, 20);
      assert.equal(typeof one.body.pagination.next, 'string');
      const two = await call<{ projects: ProjectView[]; pagination: PageInfo }>(emu, 'GET', '/v10/projects',
        { query: { ...acme, limit: 20, from: String(one.body.pagination.next) } });
      assert.equal(two.body.projects.length, 5);
      assert.deepEqual(two.body.pagination, { count: 5, next: null });
      const names = new Set([...one.body.projects, ...two.body.projects].map((p) => p.name));
      assert.equal(names.size, 25);
      const updated = [...one.body.projects, ...two.body.projects].map((p) => p.updatedAt);
      assert.deepEqual(updated, [...updated].sort((a, b) => b - a), 'most recently updated first');
      const alias = await call<{ projects: ProjectView[] }>(emu, 'GET', '/v10/projects',
        { query: { ...acme, limit: 20, until: String(one.body.pagination.next) } });
      assert.deepEqual(alias.body.projects.map((p) => p.id), two.body.projects.map((p) => p.id));
    });

    it('defaults to 20 projects, lists personal ones without a scope, refuses bad limits and cursors', async () => {
      const defaults = await call<{ projects: ProjectView[] }>(emu, 'GET', '/v10/projects', { query: acme });
      assert.equal(defaults.body.projects.length, 20);
      const personal = await call<{ projects: ProjectView[] }>(emu, 'GET', '/v10/projects');
      assert.deepEqual(personal.body.projects.map((p) => p.name).sort(), ['alice-api', 'alice-blog', 'alice-portfolio']);
      for (const limit of ['0', '101', 'ten']) {
        const res = await call<ErrorBody>(emu, 'GET', '/v10/projects', { query: { limit } });
        assert.equal(res.status, 400, limit);
        assert.equal(res.body.error.code, 'bad_request');
      }
      assert.equal((await call(emu, 'GET', '/v10/projects', { query: { limit: 100 } })).status, 200);
      assert.equal((await call(emu, 'GET', '/v10/projects', { query: { from: 'not base32!' } })).status, 400);
    });

    it('pages teams by creation time with a small limit', async () => {
      const one = await call<{ teams: TeamView[]; pagination: PageInfo }>(emu, 'GET', '/v2/teams', { query: { limit: 1 } });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body.teams.map((t) => t.slug), ['globex']);
      assert.equal(one.body.pagination.next, one.body.teams[0]?.createdAt);
      const two = await call<{ teams: TeamView[]; pagination: PageInfo }>(emu, 'GET', '/v2/teams',
        { query: { limit: 1, until: String(one.body.pagination.next) } });
      assert.deepEqual(two.body.teams.map((t) => [t.slug, t.name, t.membership.role]), [['acme', 'Acme Inc', 'OWNER']]);
      assert.equal(two.body.pagination.next, null);
      assert.equal(two.body.pagination.prev, two.body.teams[0]?.createdAt);
      const bobs = await call<{ teams: TeamView[] }>(emu, 'GET', '/v2/teams', { token: bob });
      assert.deepEqual(bobs.body.teams.map((t) => [t.id, t.membership.role]), [['team_globex', 'OWNER']]);
    });
  });

  describe('seed', () => {
    it('has the documented users, teams and projects', () => {
      const { users, teams, projects } = emu.state;
      assert.deepEqual(users.map((u) => [u.id, u.username, u.email, u.name, u.token]), [
        ['user_alice', 'alice', 'alice@example.com', 'Alice Example', alice],
        ['user_bob', 'bob', 'bob@example.com', 'Bob Builder', bob],
        // The legacy secrets seed's soft-blocked user (402 on create).
        ['user_carol', 'carol', 'carol@example.com', 'Carol Soft-Blocked', carol.token],
      ]);
      assert.deepEqual(teams.map((t) => [t.id, t.slug, t.name, t.members.map((m) => m.userId).sort()]), [
        ['team_acme', 'acme', 'Acme Inc', ['user_alice']],
        ['team_globex', 'globex', 'Globex', ['user_alice', 'user_bob']],
      ]);
      const owned = (account: string) => projects.filter((p) => p.accountId === account);
      assert.deepEqual(owned('user_alice').map((p) => [p.id, p.name]),
        [['prj_aliceblog', 'alice-blog'], ['prj_aliceportfolio', 'alice-portfolio'], ['prj_aliceapi', 'alice-api']]);
      assert.equal(owned('team_acme').length, 25);
      assert.ok(owned('team_acme').some((p) => p.id === 'prj_acmeservice22' && p.name === 'acme-service-22'));
      assert.deepEqual(owned('team_globex').map((p) => p.id), ['prj_globexshop', 'prj_globexadmin']);
      assert.deepEqual(owned('user_carol').map((p) => [p.id, p.name]), [['prj_carolnotes', 'carol-notes']]);
      assert.ok(!teams.some((t) => t.members.some((m) => m.userId === 'user_carol')), 'carol is in no team');
      for (const p of projects.filter((x) => x.name !== 'alice-blog' && x.name !== 'alice-api')) {
        assert.ok(p.envs.length >= 2 && p.envs.length <= 4, `${p.name} has ${p.envs.length} variables`);
      }
      // alice-api: the four typical ones, and STAGING_DB_URL on Preview and its custom environment "staging".
      assert.deepEqual(envsOf('alice-api').map((e) => [e.key, e.target, e.customEnvironmentIds.length]), [
        ['API_URL', ['production', 'preview', 'development'], 0], ['AUTH_SECRET', ['production', 'preview'], 0],
        ['DATABASE_PASSWORD', ['production', 'preview'], 0], ['ANALYTICS_KEY', ['production'], 0], ['STAGING_DB_URL', ['preview'], 1],
      ]);
      assert.deepEqual(projects.filter((p) => p.customEnvironments.length > 0).map((p) => [p.name, p.customEnvironments.map((c) => c.slug)]),
        [['alice-api', ['staging']]]);
      const acmeWebTypes = new Set(envsOf('acme-web').map((e) => e.type));
      for (const type of ['sensitive', 'encrypted', 'plain']) assert.ok(acmeWebTypes.has(type as never), type);
    });

    it('has distinct, greppable values', () => {
      const all = seededValues(emu.state);
      assert.equal(all.length, emu.state.projects.flatMap((p) => p.envs).filter((e) => e.value !== '').length);
      assert.equal(new Set(all).size, all.length);
      const secrets = seededSecretValues(emu.state);
      assert.ok(secrets.includes('sk_live_alice_stripe_0001') && !secrets.includes('https://alice.example.com'));
      // Every value but alice-blog's public site URL, whose exact text is prescribed.
      for (const value of all.filter((v) => v !== 'https://alice.example.com')) {
        assert.match(value, /-pass-|_secret_|-key-|\d$/, value);
      }
    });
  });
});
