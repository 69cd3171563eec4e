import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { planCopy } from '../../src/core/compare/copy';
import { buildMatrix, readingOf, valueDigest, type ColumnData } from '../../src/core/compare/matrix';
import { parseFromWebview } from '../../src/core/compare/messages';
import { MissingEnvironmentError, readEnvironments, readProjects, type ColumnNames } from '../../src/core/compare/read';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { demoTokens, stagingEnvironmentId, startEmulator, type Emulator } from '../../emulator';

const personal: Scope = { kind: 'personal' };
const names: ColumnNames = { target: (t) => t, custom: (c) => c.slug, branch: (b) => `preview·${b}` };
const env = (over: Partial<EnvVar> & { key: string }): EnvVar => ({ id: `id_${over.key}_${over.targets?.join('') ?? 'p'}_${over.gitBranch ?? ''}`, type: 'encrypted', targets: ['production'], customEnvironmentIds: [], ...over });

describe('Compare: the matrix (core/compare/matrix)', () => {
  const column = (id: string, envs: EnvVar[], digests: Record<string, string>, target: 'production' | 'preview' | 'development' = id as 'production'): ColumnData =>
    ({ id, label: id, source: { target }, envs, digests: new Map(Object.entries(digests)) });

  it('digests are SHA-256 of the UTF-8 value', () => {
    assert.equal(valueDigest('héllo'), createHash('sha256').update(Buffer.from('héllo', 'utf8')).digest('hex'));
    assert.notEqual(valueDigest('a'), valueDigest('a\n'));
  });

  it('cells: missing, write-only, system, value / same as / differs from the row\'s first readable value; missing rows first', () => {
    const a = env({ key: 'A', targets: ['production', 'preview'] });
    const aDev = env({ key: 'A', targets: ['development'] });
    const b = env({ key: 'B', targets: ['production', 'preview', 'development'], type: 'sensitive' });
    const c = env({ key: 'C', targets: ['preview'] });
    const s = env({ key: 'S', targets: ['production', 'preview', 'development'], type: 'system' });
    const envs = [a, aDev, b, c, s];
    const digests = { [a.id]: 'd1', [aDev.id]: 'd2', [c.id]: 'd3' };
    const m = buildMatrix([column('production', envs, digests), column('preview', envs, digests), column('development', envs, digests)]);
    assert.deepEqual(m.rows.map((r) => r.key), ['C', 'A', 'B', 'S']);
    const byKey = Object.fromEntries(m.rows.map((r) => [r.key, r.cells]));
    assert.deepEqual(byKey.A, [{ state: 'value' }, { state: 'same', as: 0 }, { state: 'differs', from: 0 }]);
    assert.deepEqual(byKey.B, [{ state: 'writeOnly' }, { state: 'writeOnly' }, { state: 'writeOnly' }]);
    assert.deepEqual(byKey.C, [{ state: 'missing' }, { state: 'value' }, { state: 'missing' }]);
    assert.deepEqual(byKey.S.map((x) => x.state), ['system', 'system', 'system']);
    assert.equal(m.rowsWithMissing, 1);
    assert.equal(m.rowsDiffering, 1);
    // Nothing in the matrix carries a digest.
    assert.ok(!JSON.stringify(m).includes('d1'));
  });

  it('a later cell equal to an earlier differing one is "same as" that one', () => {
    const x = env({ key: 'X' });
    const y = env({ key: 'X', targets: ['preview'] });
    const z = env({ key: 'X', targets: ['development'] });
    const w = env({ key: 'X', id: 'other', targets: ['production'] });
    const cols = [column('production', [x], { [x.id]: 'one' }), column('preview', [y], { [y.id]: 'two' }), column('development', [z], { [z.id]: 'two' }), column('production', [w], { other: 'one' })];
    assert.deepEqual(buildMatrix(cols).rows[0].cells, [{ state: 'value' }, { state: 'differs', from: 0 }, { state: 'same', as: 1 }, { state: 'same', as: 0 }]);
    assert.equal(buildMatrix(cols).rows[0].groups, 2);
  });

  it('a Preview branch column takes the branch\'s own variable over the general one', () => {
    const general = env({ key: 'K', targets: ['preview'] });
    const own = env({ key: 'K', targets: ['preview'], gitBranch: 'feat' });
    const col: ColumnData = { id: 'branch:feat', label: 'feat', source: { target: 'preview', gitBranch: 'feat' }, envs: [general, own], digests: new Map([[own.id, 'b']]) };
    const reading = readingOf(col, 'K');
    assert.equal(reading.kind === 'value' && reading.env.id, own.id);
    assert.equal(readingOf({ ...col, source: { target: 'preview', gitBranch: 'other' } }, 'K').kind, 'notReturned');
  });
});

describe('Compare: Copy to … plans (core/compare/copy)', () => {
  const same = (source: Parameters<typeof planCopy>[1]['source'], development = false) => ({ source, sameProject: true, development });

  it('extends the variable\'s environments when it can (same value by construction)', () => {
    const v = env({ key: 'K', targets: ['production'], customEnvironmentIds: [] });
    assert.deepEqual(planCopy(v, same({ target: 'preview' })), { kind: 'extend', from: v, targets: ['production', 'preview'], customEnvironmentIds: [] });
    assert.deepEqual(planCopy(v, same({ target: { customEnvironmentId: 'env_1' } })), { kind: 'extend', from: v, targets: ['production'], customEnvironmentIds: ['env_1'] });
    const s = env({ key: 'S', type: 'sensitive' });
    assert.equal(planCopy(s, same({ target: 'preview' })).kind, 'extend');
  });

  it('creates otherwise: a Preview branch, a branch variable, sensitive to Development (readable, value typed), another project', () => {
    const v = env({ key: 'K', targets: ['production'] });
    const toBranch = planCopy(v, same({ target: 'preview', gitBranch: 'feat' }));
    assert.deepEqual(toBranch.kind === 'create' && [toBranch.why, toBranch.value, toBranch.env.targets, toBranch.env.gitBranch], ['branch', 'read', ['preview'], 'feat']);
    const fromBranch = planCopy(env({ key: 'K', targets: ['preview'], gitBranch: 'feat' }), same({ target: 'production' }));
    assert.equal(fromBranch.kind === 'create' && fromBranch.why, 'sourceBranch');
    const s = planCopy(env({ key: 'S', type: 'sensitive' }), same({ target: 'development' }, true));
    assert.deepEqual(s.kind === 'create' && [s.why, s.value, s.env.type, s.typeChanged], ['sensitiveToDevelopment', 'ask', 'encrypted', true]);
    const other = planCopy(v, { source: { target: 'production' }, sameProject: false, development: false });
    assert.deepEqual(other.kind === 'create' && [other.why, other.typeChanged, other.env.type], ['otherProject', false, 'encrypted']);
    assert.throws(() => planCopy(env({ key: 'V', type: 'system' }), same({ target: 'preview' })), /system variable/);
  });
});

describe('Compare: messages from the webview (core/compare/messages)', () => {
  it('takes exactly the known shapes', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseFromWebview({ type: 'copy', key: 'A', column: 'preview' }), { type: 'copy', key: 'A', column: 'preview' });
    assert.deepEqual(parseFromWebview({ type: 'compare', column: 'preview', key: 'A' }), { type: 'compare', key: 'A', column: 'preview' });
  });

  it('drops everything else: extra or missing fields, wrong types, unknown types, non-objects', () => {
    for (const bad of [undefined, null, 'ready', 42, [], { type: 'ready', extra: 1 }, { type: 'copy', key: 'A' }, { type: 'copy', key: 1, column: 'p' },
      { type: 'copy', key: '', column: 'p' }, { type: 'copy', key: 'x'.repeat(601), column: 'p' }, { type: 'delete', key: 'A', column: 'p' },
      { type: 'refresh', key: 'A' }, Object.create({ type: 'ready' })]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('Compare: reading a comparison against the emulator (request counts)', () => {
  let emulator: Emulator;
  let transport: Transport;
  const client = () => new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' }));
  const paths = () => emulator.requests.map((r) => `${r.method} ${r.path}`).sort();

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('alice-api: one list, one custom environment list, one pull per environment with a readable value', async () => {
    const reading = await readEnvironments({ client: client(), scope: personal, projectId: 'prj_aliceapi' }, names);
    assert.deepEqual(reading.columns.map((c) => c.label), ['production', 'preview', 'development', 'staging']);
    assert.deepEqual(paths(), [
      'GET /v10/projects/prj_aliceapi/env', 'GET /v3/env/pull/prj_aliceapi/development', `GET /v3/env/pull/prj_aliceapi/${stagingEnvironmentId}`,
      'GET /v3/env/pull/prj_aliceapi/preview', 'GET /v3/env/pull/prj_aliceapi/production', 'GET /v9/projects/prj_aliceapi/custom-environments',
    ].sort());
    const m = buildMatrix(reading.columns);
    const cells = Object.fromEntries(m.rows.map((r) => [r.key, r.cells.map((c) => c.state)]));
    assert.deepEqual(cells.STAGING_DB_URL, ['missing', 'value', 'missing', 'same']);
    assert.deepEqual(cells.DATABASE_PASSWORD, ['writeOnly', 'writeOnly', 'missing', 'missing']);
    assert.deepEqual(cells.API_URL, ['value', 'same', 'same', 'missing']);
    assert.deepEqual(m.rows.slice(0, m.rowsWithMissing).map((r) => r.missing > 0), Array(m.rowsWithMissing).fill(true));
  });

  it('what the tree loaded costs nothing; a Preview branch is a column; an environment without a readable value is not pulled', async () => {
    const c = client();
    const envs = await c.listEnvs(personal, 'prj_aliceblog');
    emulator.reset();
    const reading = await readEnvironments({ client: c, scope: personal, projectId: 'prj_aliceblog', envs, customs: [] }, names);
    assert.deepEqual(reading.columns.map((x) => x.id), ['production', 'preview', 'development', 'branch:feature/login']);
    assert.deepEqual(paths(), ['GET /v3/env/pull/prj_aliceblog/development', 'GET /v3/env/pull/prj_aliceblog/preview',
      'GET /v3/env/pull/prj_aliceblog/preview/feature%2Flogin', 'GET /v3/env/pull/prj_aliceblog/production']);
    const m = buildMatrix(reading.columns);
    assert.deepEqual(m.rows.find((r) => r.key === 'PREVIEW_API_KEY')?.cells.map((x) => x.state), ['missing', 'missing', 'missing', 'value']);
    assert.deepEqual(m.rows.find((r) => r.key === 'DATABASE_URL')?.cells.map((x) => x.state), ['value', 'same', 'missing', 'same']);

    emulator.reset();
    const onlySecret = [env({ key: 'ONLY', type: 'sensitive', targets: ['production'] })];
    await readEnvironments({ client: c, scope: personal, projectId: 'prj_aliceblog', envs: onlySecret, customs: [] }, names);
    assert.deepEqual(paths(), [], 'no readable value anywhere: no pull');
  });

  it('projects: one list and one pull per project, in parallel; a custom environment by name needs each project to have it', async () => {
    const c = client();
    const projects = ['prj_aliceapi', 'prj_aliceportfolio'].map((projectId) => ({ client: c, scope: personal, projectId, columnId: projectId, label: projectId }));
    const columns = await readProjects(projects, 'production');
    assert.deepEqual(paths(), ['GET /v10/projects/prj_aliceapi/env', 'GET /v10/projects/prj_aliceportfolio/env',
      'GET /v3/env/pull/prj_aliceapi/production', 'GET /v3/env/pull/prj_aliceportfolio/production']);
    const m = buildMatrix(columns);
    // Each project's values are its own: the same key differs.
    assert.deepEqual(m.rows.find((r) => r.key === 'API_URL')?.cells, [{ state: 'value' }, { state: 'differs', from: 0 }]);
    assert.deepEqual(m.rows.find((r) => r.key === 'ANALYTICS_KEY')?.cells.map((x) => x.state), ['value', 'missing']);
    await assert.rejects(readProjects(projects, { slug: 'staging' }), MissingEnvironmentError);
  });
});
