import * as assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { branchPatternProblem, slugProblem } from '../../src/core/vercel/customEnvironments';
import { findClash } from '../../src/core/vercel/envList';
import { targetsProblem } from '../../src/core/vercel/envRules';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { demoTokens, stagingEnvironmentId, startEmulator, type Emulator } from '../../emulator';

const personal: Scope = { kind: 'personal' };
const at = { scope: personal, projectId: 'prj_aliceapi' };

describe('custom environments: client against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;
  let client: VercelClient;

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
    client = new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' }));
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  const api = () => emulator.state.projects.find((p) => p.id === 'prj_aliceapi')!;
  const sent = (from: number) => emulator.requests.slice(from).map((r) => `${r.method} ${r.path}`);

  it('creates one with a branch matcher, copying Preview, in one POST', async () => {
    const before = emulator.requests.length;
    const created = await client.createCustomEnvironment(personal, 'prj_aliceapi',
      { slug: 'qa', description: 'QA', branchMatcher: { type: 'startsWith', pattern: 'qa/' }, copyEnvVarsFrom: 'preview' });
    assert.deepEqual(sent(before), ['POST /v9/projects/prj_aliceapi/custom-environments']);
    assert.deepEqual(emulator.requests[before].body,
      { slug: 'qa', description: 'QA', branchMatcher: { type: 'startsWith', pattern: 'qa/' }, copyEnvVarsFrom: 'preview' });
    assert.deepEqual([created.slug, created.type, created.branchMatcher], ['qa', 'preview', { type: 'startsWith', pattern: 'qa/' }]);
    assert.deepEqual(api().envs.filter((e) => e.customEnvironmentIds.includes(created.id)).map((e) => e.key).sort(),
      ['API_URL', 'AUTH_SECRET', 'DATABASE_PASSWORD', 'STAGING_DB_URL']);
  });

  it('refuses a bad name or pattern before any request', async () => {
    const before = emulator.requests.length;
    for (const env of [{ slug: 'Preview' }, { slug: 'Has Space' }, { slug: 'ok', branchMatcher: { type: 'equals' as const, pattern: 'a b' } }]) {
      await assert.rejects(client.createCustomEnvironment(personal, 'prj_aliceapi', env), InputError);
    }
    await assert.rejects(client.updateCustomEnvironment(personal, 'prj_aliceapi', stagingEnvironmentId, { slug: 'development' }), InputError);
    assert.equal(emulator.requests.length, before);
  });

  it('renames one and removes its branch matcher in one PATCH; the variables keep it (same id)', async () => {
    const before = emulator.requests.length;
    const renamed = await client.updateCustomEnvironment(personal, 'prj_aliceapi', stagingEnvironmentId, { slug: 'uat', branchMatcher: null });
    assert.deepEqual(sent(before), [`PATCH /v9/projects/prj_aliceapi/custom-environments/${stagingEnvironmentId}`]);
    assert.deepEqual(emulator.requests[before].body, { slug: 'uat', branchMatcher: null });
    assert.deepEqual([renamed.id, renamed.slug, renamed.branchMatcher], [stagingEnvironmentId, 'uat', undefined]);
  });

  it('removes one in one DELETE, keeping Preview on the variable that had both', async () => {
    const before = emulator.requests.length;
    await client.removeCustomEnvironment(personal, 'prj_aliceapi', stagingEnvironmentId, true);
    assert.deepEqual(sent(before), [`DELETE /v9/projects/prj_aliceapi/custom-environments/${stagingEnvironmentId}`]);
    assert.deepEqual(emulator.requests[before].body, { deleteUnassignedEnvironmentVariables: true });
    const staging = api().envs.find((e) => e.key === 'STAGING_DB_URL');
    assert.deepEqual([staging?.target, staging?.customEnvironmentIds], [['preview'], []]);
  });

  it('creates a variable in a custom environment only, and moves one out of Preview keeping staging, one request each', async () => {
    const before = emulator.requests.length;
    const created = await client.envs.create(at, { key: 'QA_ONLY', value: 'qa-only-value-1', type: 'encrypted', targets: [], customEnvironmentIds: [stagingEnvironmentId] }, false);
    assert.deepEqual([created.targets, created.customEnvironmentIds], [[], [stagingEnvironmentId]]);
    const staging = api().envs.find((e) => e.key === 'STAGING_DB_URL')!;
    const moved = await client.envs.update(at, staging.id, { targets: [], customEnvironmentIds: [stagingEnvironmentId] });
    assert.deepEqual([moved.targets, moved.customEnvironmentIds], [[], [stagingEnvironmentId]]);
    assert.deepEqual(emulator.requests[before + 1].body, { target: [], customEnvironmentIds: [stagingEnvironmentId] });
    assert.equal(emulator.requests.length - before, 2);
  });
});

describe('custom environments: rules', () => {
  it('slugProblem follows the document (not Production/Preview) and the dashboard\'s shape', () => {
    for (const ok of ['staging', 'qa-2', '2024', 'a'.repeat(32)]) assert.equal(slugProblem(ok), undefined, ok);
    for (const [bad, says] of [['', /Enter a name/], ['production', /standard environment/], ['Preview', /standard environment/],
      ['Staging', /lowercase/], ['-qa', /starting with/], ['a b', /lowercase/], ['a'.repeat(33), /too long: 33/]] as const) {
      assert.match(slugProblem(bad) ?? '', says, bad);
    }
    assert.match(slugProblem('staging', ['staging']) ?? '', /already has an environment named staging/);
  });

  it('branchPatternProblem', () => {
    assert.equal(branchPatternProblem('release/'), undefined);
    assert.match(branchPatternProblem('') ?? '', /Enter/);
    assert.match(branchPatternProblem('a b') ?? '', /no spaces/);
  });

  it('targetsProblem takes custom environments as environments, and a git branch only with Preview alone', () => {
    assert.equal(targetsProblem('encrypted', [], undefined, ['env_1']), undefined);
    assert.match(targetsProblem('encrypted', [], undefined, []) ?? '', /at least one environment/);
    assert.match(targetsProblem('encrypted', ['preview'], 'feature/x', ['env_1']) ?? '', /Preview is the only environment/);
  });

  it('findClash sees a clash in a shared custom environment', () => {
    const env: EnvVar = { id: 'a', key: 'K', type: 'encrypted', targets: [], customEnvironmentIds: ['env_1'] };
    assert.equal(findClash([env], { key: 'K', targets: ['production'], customEnvironmentIds: ['env_1'] }), env);
    assert.equal(findClash([env], { key: 'K', targets: ['production'], customEnvironmentIds: ['env_2'] }), undefined);
  });
});
