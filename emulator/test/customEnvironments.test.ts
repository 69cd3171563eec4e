import * as assert from 'node:assert/strict';
import { stagingEnvironmentId, startEmulator, type Emulator } from '..';
import { call, type ErrorBody } from '../core/testClient';

interface CustomEnvView {
  id: string;
  slug: string;
  type: string;
  description?: string;
  branchMatcher?: { type: string; pattern: string };
}

const base = '/v9/projects/alice-api/custom-environments';

describe('emulator: custom environments', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, []));
  after(async () => { await emu.close(); });

  const api = () => {
    const p = emu.state.projects.find((x) => x.name === 'alice-api');
    assert.ok(p);
    return p;
  };
  const customIdsOf = (key: string) => api().envs.find((e) => e.key === key)?.customEnvironmentIds;

  it('lists the seeded staging environment, and with ?gitBranch only the environments that branch deploys to', async () => {
    const all = await call<{ accountLimit: { total: number }; environments: CustomEnvView[] }>(emu, 'GET', base);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.environments.map((e) => [e.id, e.slug, e.type, e.branchMatcher]),
      [[stagingEnvironmentId, 'staging', 'preview', { type: 'startsWith', pattern: 'release/' }]]);
    const release = await call<{ environments: CustomEnvView[] }>(emu, 'GET', base, { query: { gitBranch: 'release/2.0' } });
    assert.deepEqual(release.body.environments.map((e) => e.slug), ['staging']);
    const main = await call<{ environments: CustomEnvView[] }>(emu, 'GET', base, { query: { gitBranch: 'main' } });
    assert.deepEqual(main.body.environments, []);
    assert.equal(emu.requests.length, 3);
  });

  it('creates one, copying the variables of Production (not a branch\'s own Preview ones, not system ones)', async () => {
    const res = await call<CustomEnvView>(emu, 'POST', base,
      { body: { slug: 'qa', description: 'QA', branchMatcher: { type: 'equals', pattern: 'qa' }, copyEnvVarsFrom: 'production' } });
    assert.equal(res.status, 201);
    assert.match(res.body.id, /^env_/);
    assert.deepEqual([res.body.slug, res.body.type, res.body.description, res.body.branchMatcher], ['qa', 'preview', 'QA', { type: 'equals', pattern: 'qa' }]);
    const copied = api().envs.filter((e) => e.customEnvironmentIds.includes(res.body.id)).map((e) => e.key).sort();
    assert.deepEqual(copied, ['ANALYTICS_KEY', 'API_URL', 'AUTH_SECRET', 'DATABASE_PASSWORD']);
    assert.deepEqual(customIdsOf('STAGING_DB_URL'), [stagingEnvironmentId], 'a Preview + staging variable is not in Production');
  });

  it('creates one copying a custom environment (by slug), and one copying nothing', async () => {
    const fromStaging = await call<CustomEnvView>(emu, 'POST', base, { body: { slug: 'staging-2', copyEnvVarsFrom: 'staging' } });
    assert.equal(fromStaging.status, 201);
    assert.deepEqual(customIdsOf('STAGING_DB_URL'), [stagingEnvironmentId, fromStaging.body.id]);
    const empty = await call<CustomEnvView>(emu, 'POST', base, { body: { slug: 'sandbox' } });
    assert.equal(empty.status, 201);
    assert.ok(!api().envs.some((e) => e.customEnvironmentIds.includes(empty.body.id)));
  });

  for (const [why, body] of [
    ['no slug', {}],
    ['a reserved name', { slug: 'Production' }],
    ['preview', { slug: 'preview' }],
    ['uppercase', { slug: 'Staging2' }],
    ['a space', { slug: 'my env' }],
    ['33 characters', { slug: 'a'.repeat(33) }],
    ['a taken slug', { slug: 'staging' }],
    ['an unknown matcher type', { slug: 'qa', branchMatcher: { type: 'contains', pattern: 'x' } }],
    ['an empty pattern', { slug: 'qa', branchMatcher: { type: 'equals', pattern: '' } }],
    ['an unknown source', { slug: 'qa', copyEnvVarsFrom: 'nowhere' }],
    ['an unknown property', { slug: 'qa', colour: 'red' }],
  ] as const) {
    it(`refuses to create one with ${why} (400), changing nothing`, async () => {
      const before = JSON.stringify(api());
      const res = await call<ErrorBody>(emu, 'POST', base, { body });
      assert.equal(res.status, 400, res.text);
      assert.ok(res.body.error.message);
      assert.equal(JSON.stringify(api()), before);
    });
  }

  it('reads, renames, changes and removes the branch matcher of one (by slug or id)', async () => {
    const one = await call<CustomEnvView>(emu, 'GET', `${base}/staging`);
    assert.equal(one.body.id, stagingEnvironmentId);
    const renamed = await call<CustomEnvView>(emu, 'PATCH', `${base}/${stagingEnvironmentId}`, { body: { slug: 'uat', branchMatcher: { type: 'endsWith', pattern: '-rc' } } });
    assert.equal(renamed.status, 200);
    assert.deepEqual([renamed.body.slug, renamed.body.branchMatcher], ['uat', { type: 'endsWith', pattern: '-rc' }]);
    const cleared = await call<CustomEnvView>(emu, 'PATCH', `${base}/uat`, { body: { branchMatcher: null } });
    assert.equal(cleared.body.branchMatcher, undefined);
    assert.equal((await call(emu, 'GET', `${base}/staging`)).status, 404, 'the old slug is gone');
    assert.equal((await call(emu, 'PATCH', `${base}/uat`, { body: { slug: 'development' } })).status, 400);
    assert.deepEqual(customIdsOf('STAGING_DB_URL'), [stagingEnvironmentId], 'a rename keeps the id, so the variables');
  });

  it('removes one from every variable; a variable left with no environment stays unless deleteUnassignedEnvironmentVariables', async () => {
    const onlyStaging = await call(emu, 'POST', '/v10/projects/alice-api/env',
      { body: { key: 'ONLY_STAGING', value: 'only-staging-1', type: 'encrypted', customEnvironmentIds: [stagingEnvironmentId] } });
    assert.equal(onlyStaging.status, 201);
    const res = await call<CustomEnvView>(emu, 'DELETE', `${base}/staging`, { body: { deleteUnassignedEnvironmentVariables: true } });
    assert.equal(res.status, 200);
    assert.equal(res.body.slug, 'staging');
    assert.deepEqual(api().customEnvironments, []);
    assert.deepEqual(customIdsOf('STAGING_DB_URL'), [], 'Preview + staging keeps Preview');
    assert.deepEqual(api().envs.find((e) => e.key === 'STAGING_DB_URL')?.target, ['preview']);
    assert.equal(customIdsOf('ONLY_STAGING'), undefined, 'deleted with its only environment');

    emu.reset();
    await call(emu, 'POST', '/v10/projects/alice-api/env',
      { body: { key: 'ONLY_STAGING', value: 'only-staging-1', type: 'encrypted', customEnvironmentIds: [stagingEnvironmentId] } });
    assert.equal((await call(emu, 'DELETE', `${base}/${stagingEnvironmentId}`)).status, 200);
    assert.deepEqual(customIdsOf('ONLY_STAGING'), [], 'kept, unassigned');
    assert.equal((await call(emu, 'DELETE', `${base}/staging`)).status, 404);
  });

  it('answers 402 beyond the plan\'s number of custom environments', async () => {
    const { total } = (await call<{ accountLimit: { total: number } }>(emu, 'GET', base)).body.accountLimit;
    for (let n = 1; n < total; n++) assert.equal((await call(emu, 'POST', base, { body: { slug: `env-${n}` } })).status, 201);
    const over = await call<ErrorBody>(emu, 'POST', base, { body: { slug: 'one-too-many' } });
    assert.equal(over.status, 402);
  });

  it('a variable can be moved between standard and custom environments with one PATCH', async () => {
    const id = api().envs.find((e) => e.key === 'STAGING_DB_URL')!.id;
    const res = await call(emu, 'PATCH', `/v9/projects/alice-api/env/${id}`, { body: { target: [], customEnvironmentIds: [stagingEnvironmentId] } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(api().envs.find((e) => e.key === 'STAGING_DB_URL')?.target, []);
    assert.deepEqual(customIdsOf('STAGING_DB_URL'), [stagingEnvironmentId]);
  });
});
