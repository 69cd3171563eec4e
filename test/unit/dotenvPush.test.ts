/**
 * Uploading a .env file: the review builder (pure), the Vercel plan (pure), and the batch
 * against the emulator with its request log as evidence: 50 keys are ONE request, a partial
 * failure is reported per key and the rest stays written, an unknown outcome is read back.
 */
import * as assert from 'node:assert/strict';
import { buildReview, entryProblems } from '../../src/core/dotenv/review';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { ApiError, requestNotSent } from '../../src/core/errors';
import { JsonApi, type RetryPolicy } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { sendBatch, sendRemovals } from '../../src/core/vercel/envPush';
import { alsoSetFor, planRemovals, planWrites, vercelRemote, type PushEnvironments } from '../../src/core/vercel/envPushPlan';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { demoTokens, startEmulator, type Emulator, type FaultSpec } from '../../emulator';

const personal: Scope = { kind: 'personal' };
const blog = { scope: personal, projectId: 'prj_aliceblog' };
const prodPreview: PushEnvironments = { targets: ['production', 'preview'], customEnvironmentIds: [] };

function env(key: string, targets: EnvVar['targets'], type: EnvVar['type'] = 'encrypted', extra: Partial<EnvVar> = {}): EnvVar {
  return { id: `id_${key}_${targets.join('_')}`, key, type, targets, customEnvironmentIds: [], updatedAt: 1, ...extra };
}

describe('Upload .env: the review builder', () => {
  it('sorts keys into new, changed, unchanged, write-only and only-remote, with lines', () => {
    const { entries } = parseDotenv('A=1\nB=2\nC=3\nD=4\n');
    const remote = { keys: ['B', 'C', 'D', 'E'], compare: (key: string, value: string) => key === 'B' ? 'different' as const : key === 'C' && value === '3' ? 'same' as const : 'unknown' as const };
    const review = buildReview(entries, remote);
    assert.deepEqual(review.items, [
      { key: 'A', line: 1, kind: 'new' }, { key: 'B', line: 2, kind: 'changed' }, { key: 'C', line: 3, kind: 'unchanged' },
      { key: 'D', line: 4, kind: 'writeOnly' }, { key: 'E', kind: 'onlyRemote' },
    ]);
    assert.deepEqual(review.counts, { new: 1, changed: 1, unchanged: 1, writeOnly: 1, onlyRemote: 1 });
  });

  it('never puts a value in an item', () => {
    const { entries } = parseDotenv('TOKEN=very-secret-value-9\n');
    const review = buildReview(entries, { keys: ['TOKEN'], compare: () => 'different' });
    assert.ok(!JSON.stringify(review).includes('very-secret-value-9'));
  });

  it('gives each backend refusal its line', () => {
    const { entries } = parseDotenv('OK=1\nTZ=UTC\n');
    assert.deepEqual(entryProblems(entries, (name) => name === 'TZ' ? 'reserved' : undefined), [{ line: 2, message: 'reserved' }]);
  });
});

describe('Upload .env: the Vercel plan', () => {
  const envs = [
    env('SAME', ['production', 'preview']), env('DIFF', ['production', 'preview']), env('HIDDEN', ['production'], 'sensitive'),
    env('HALF', ['production']), env('WIDE', ['production', 'preview', 'development']), env('SYS', ['production'], 'system'),
    env('BRANCHED', ['preview'], 'encrypted', { gitBranch: 'feature/x' }), env('DEV_ONLY', ['development']),
  ];
  const pulled = new Map<string, Record<string, string>>([
    ['production', { SAME: 's', DIFF: 'old', HIDDEN: '', HALF: 'h', WIDE: 'w' }],
    ['preview', { SAME: 's', DIFF: 'old', WIDE: 'w' }],
  ]);

  it('compares per chosen environment: a missing environment or a differing value is "different", write-only is "unknown"', () => {
    const remote = vercelRemote(envs, prodPreview, pulled);
    assert.deepEqual([...remote.keys].sort(), ['DIFF', 'HALF', 'HIDDEN', 'SAME', 'WIDE']);
    assert.equal(remote.compare('SAME', 's'), 'same');
    assert.equal(remote.compare('DIFF', 'new'), 'different');
    assert.equal(remote.compare('HIDDEN', 'x'), 'unknown');
    assert.equal(remote.compare('HALF', 'h'), 'different', 'Preview lacks it');
    assert.equal(remote.compare('WIDE', 'w'), 'same');
  });

  it('names the environments outside the chosen ones that an overwrite would reach', () => {
    assert.deepEqual(alsoSetFor(envs, prodPreview, 'WIDE'), ['development']);
    assert.deepEqual(alsoSetFor(envs, prodPreview, 'DIFF'), []);
  });

  it('upserts each record with its own environments and type, and creates the uncovered environments', () => {
    const items = planWrites(envs, [
      { key: 'DIFF', value: 'v1', type: 'sensitive', at: prodPreview },
      { key: 'HALF', value: 'v2', type: 'encrypted', at: prodPreview },
      { key: 'HIDDEN', value: 'v3', type: 'encrypted', at: prodPreview },
      { key: 'FRESH', value: 'v4', type: 'sensitive', at: { targets: ['production', 'preview', 'development'], customEnvironmentIds: [] } },
    ]);
    const shape = items.map((i) => [i.key, i.type, i.targets.join('+'), i.replaces?.id ?? 'new']);
    assert.deepEqual(shape, [
      ['DIFF', 'encrypted', 'production+preview', 'id_DIFF_production_preview'],
      ['HALF', 'encrypted', 'production', 'id_HALF_production'],
      ['HALF', 'encrypted', 'preview', 'new'],
      ['HIDDEN', 'sensitive', 'production', 'id_HIDDEN_production'],
      ['HIDDEN', 'encrypted', 'preview', 'new'],
      ['FRESH', 'encrypted', 'development', 'new'],
      ['FRESH', 'sensitive', 'production+preview', 'new'],
    ]);
  });

  it('removes only records that lie within the chosen environments', () => {
    assert.deepEqual(planRemovals(envs, prodPreview, ['SAME', 'WIDE', 'SYS', 'DEV_ONLY']), { ids: ['id_SAME_production_preview'], kept: ['WIDE'] });
  });

  it('keeps a branch apart: Preview on a branch sees only that branch\'s records', () => {
    const branch: PushEnvironments = { targets: ['preview'], customEnvironmentIds: [], gitBranch: 'feature/x' };
    assert.deepEqual([...vercelRemote(envs, branch, new Map()).keys], ['BRANCHED']);
  });
});

describe('Upload .env: the batch against the emulator', function () {
  this.timeout(15_000);
  let emulator: Emulator;
  let transport: Transport;
  let timeoutMs = 5_000;
  const policy: RetryPolicy = { maxRetries: 3, maxWaitMs: 2000, maxTotalWaitMs: 5000, baseDelayMs: 10 };
  const client = () => new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel', retry: policy, timeoutMs: () => timeoutMs }));
  const blogEnvs = () => emulator.state.projects.find((p) => p.id === 'prj_aliceblog')!.envs;
  const sent = () => emulator.requests.map((r) => `${r.method} ${r.path}`);
  async function arm(faults: FaultSpec[]): Promise<void> {
    const res = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    assert.ok(res.ok);
  }
  const fiftyNew = () => Array.from({ length: 50 }, (_, i) => ({
    key: `PUSHED_${String(i).padStart(2, '0')}`, value: `pushed-value-${i}`, type: 'encrypted' as const, targets: ['production', 'preview'] as const, customEnvironmentIds: [],
  }));

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => {
    emulator.reset();
    timeoutMs = 5_000;
  });
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('sends 50 new keys in ONE request and patches from the answer', async () => {
    const outcome = await sendBatch(client(), blog, fiftyNew());
    assert.deepEqual(sent(), ['POST /v10/projects/prj_aliceblog/env'], '50 keys = 1 request');
    assert.equal(outcome.written.length, 50);
    assert.deepEqual(outcome.failed, []);
    assert.equal(outcome.changes?.length, 50);
    assert.equal(blogEnvs().filter((e) => e.key.startsWith('PUSHED_')).length, 50);
    assert.equal(blogEnvs().find((e) => e.key === 'PUSHED_07')?.value, 'pushed-value-7');
  });

  it('reads values with one request per environment and compares them', async () => {
    const c = client();
    const envs = await c.listEnvs(personal, 'prj_aliceblog');
    const pulled = new Map([['production', await c.push.pullValues(blog, 'production')], ['preview', await c.push.pullValues(blog, 'preview')]]);
    assert.deepEqual(sent(), ['GET /v10/projects/prj_aliceblog/env', 'GET /v3/env/pull/prj_aliceblog/production', 'GET /v3/env/pull/prj_aliceblog/preview']);
    const { entries } = parseDotenv('DATABASE_URL=postgres://blog:blog-db-pass-1@db.example.com/blog\nNEXT_PUBLIC_SITE_URL=https://other.example.com\nSTRIPE_SECRET_KEY=x\nNEW_ONE=1\n');
    const review = buildReview(entries, vercelRemote(envs, prodPreview, pulled));
    assert.deepEqual(review.items.map((i) => `${i.key}:${i.kind}`), [
      'DATABASE_URL:unchanged', 'NEXT_PUBLIC_SITE_URL:changed', 'STRIPE_SECRET_KEY:writeOnly', 'NEW_ONE:new', 'LEGACY_TOKEN:onlyRemote',
    ]);
  });

  it('overwrites changed and write-only keys in their own records, without touching other environments', async () => {
    const c = client();
    const envs = await c.listEnvs(personal, 'prj_aliceblog');
    const site = blogEnvs().find((e) => e.key === 'NEXT_PUBLIC_SITE_URL')!;
    const items = planWrites(envs, [
      { key: 'NEXT_PUBLIC_SITE_URL', value: 'https://new.example.com', type: 'encrypted', at: prodPreview },
      { key: 'STRIPE_SECRET_KEY', value: 'sk_new', type: 'sensitive', at: { targets: ['production'], customEnvironmentIds: [] } },
    ]);
    const outcome = await sendBatch(c, blog, items);
    assert.deepEqual(outcome.written, ['NEXT_PUBLIC_SITE_URL', 'STRIPE_SECRET_KEY']);
    assert.equal(emulator.requests.filter((r) => r.method === 'POST').length, 1);
    const after = blogEnvs().find((e) => e.key === 'NEXT_PUBLIC_SITE_URL')!;
    assert.equal(after.id, site.id, 'the same record, updated in place');
    assert.deepEqual(after.target, ['production', 'preview', 'development'], 'the record kept every environment');
    assert.equal(after.type, 'plain', 'its type is kept');
    assert.equal(blogEnvs().find((e) => e.key === 'STRIPE_SECRET_KEY')?.value, 'sk_new');
  });

  it('reports a partial failure per key and keeps what succeeded (a stale review: the key was created meanwhile)', async () => {
    const c = client();
    const envs = await c.listEnvs(personal, 'prj_aliceblog');
    const items = planWrites(envs, [
      { key: 'GOOD_ONE', value: 'g1', type: 'encrypted', at: prodPreview },
      { key: 'RACED', value: 'r1', type: 'encrypted', at: prodPreview },
      { key: 'GOOD_TWO', value: 'g2', type: 'encrypted', at: prodPreview },
    ]);
    // Someone adds RACED for Production only after the review was built: the upsert cannot match it.
    await c.envs.create(blog, { key: 'RACED', value: 'theirs', type: 'encrypted', targets: ['production'] }, false);
    const outcome = await sendBatch(c, blog, items);
    assert.deepEqual(outcome.written, ['GOOD_ONE', 'GOOD_TWO']);
    assert.equal(outcome.failed.length, 1);
    assert.equal(outcome.failed[0]?.key, 'RACED');
    assert.equal(outcome.failed[0]?.code, 'ENV_CONFLICT');
    assert.equal(blogEnvs().find((e) => e.key === 'RACED')?.value, 'theirs', 'the other write is not touched');
    assert.deepEqual(outcome.changes?.map((c2) => 'put' in c2 ? c2.put.key : ''), ['GOOD_ONE', 'GOOD_TWO']);
  });

  it('a batch refused as a whole fails every key and changes nothing', async () => {
    await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', status: 403 }]);
    const before = structuredClone(blogEnvs());
    const outcome = await sendBatch(client(), blog, fiftyNew().slice(0, 3));
    assert.deepEqual(outcome.written, []);
    assert.equal(outcome.failed.length, 3);
    assert.ok(outcome.failed.every((f) => f.error instanceof ApiError && f.error.status === 403));
    assert.deepEqual(blogEnvs(), before);
  });

  it('a 429 is waited out and sent again: everything written, 2 requests', async () => {
    await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', status: 429, headers: { 'retry-after': '0' } }]);
    const outcome = await sendBatch(client(), blog, fiftyNew());
    assert.equal(outcome.written.length, 50);
    assert.deepEqual(sent(), ['POST /v10/projects/prj_aliceblog/env', 'POST /v10/projects/prj_aliceblog/env']);
  });

  for (const [name, fault] of [['500 after the write happened', { status: 500, applyFirst: true }], ['a reset connection after the write happened', { status: 0, applyFirst: true }]] as const) {
    it(`${name}: read back once, every key known written, never sent twice`, async () => {
      await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', ...fault }]);
      const outcome = await sendBatch(client(), blog, fiftyNew());
      assert.equal(outcome.written.length, 50, JSON.stringify(outcome.failed.slice(0, 1)) + String(outcome.failed[0]?.error));
      assert.equal(outcome.changes, undefined, 'read back: the tree reloads');
      assert.deepEqual(sent(), ['POST /v10/projects/prj_aliceblog/env', 'GET /v10/projects/prj_aliceblog/env']);
      assert.equal(blogEnvs().filter((e) => e.key.startsWith('PUSHED_')).length, 50, 'no duplicates');
    });
  }

  it('a reset connection before the write: read back, every key failed, state unchanged', async () => {
    await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', status: 0 }]);
    const before = structuredClone(blogEnvs());
    const outcome = await sendBatch(client(), blog, fiftyNew());
    assert.deepEqual([outcome.written.length, outcome.failed.length], [0, 50]);
    assert.deepEqual(blogEnvs(), before);
  });

  it('a 502 that did not happen: read back, every key failed, state unchanged', async () => {
    await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', status: 502 }]);
    const before = structuredClone(blogEnvs());
    const outcome = await sendBatch(client(), blog, fiftyNew());
    assert.deepEqual(outcome.written, []);
    assert.equal(outcome.failed.length, 50);
    assert.deepEqual(blogEnvs(), before);
    assert.deepEqual(sent(), ['POST /v10/projects/prj_aliceblog/env', 'GET /v10/projects/prj_aliceblog/env']);
  });

  it('a timeout that is not visible yet is "pending", not "failed"', async () => {
    timeoutMs = 300;
    await arm([{ method: 'POST', pathPattern: '^/v10/projects/prj_aliceblog/env$', status: 0, delayMs: 800 }]);
    const outcome = await sendBatch(client(), blog, fiftyNew().slice(0, 2));
    assert.deepEqual(outcome.written, []);
    assert.deepEqual(outcome.failed, []);
    assert.deepEqual(outcome.pending, ['PUSHED_00', 'PUSHED_01']);
  });

  it('a request that was never sent throws (nothing happened), without reading back', async () => {
    const dead = new VercelClient(new JsonApi({ baseUrl: new URL('http://127.0.0.1:9'), token: demoTokens.alice, transport, service: 'Vercel' }));
    const err = await sendBatch(dead, blog, fiftyNew().slice(0, 1)).then(() => undefined, (e: unknown) => e);
    assert.ok(requestNotSent(err), `expected "not sent", got ${String(err)}`);
  });

  it('deletes many variables in ONE request; an unknown outcome is read back', async () => {
    const ids = blogEnvs().filter((e) => e.key === 'DATABASE_URL' || e.key === 'PREVIEW_API_KEY').map((e) => e.id);
    const outcome = await sendRemovals(client(), blog, ids);
    assert.deepEqual(outcome, { removed: ids, readBack: false });
    assert.deepEqual(sent(), ['DELETE /v1/projects/prj_aliceblog/env']);
    emulator.reset();
    await arm([{ method: 'DELETE', pathPattern: '^/v1/projects/prj_aliceblog/env$', status: 503, applyFirst: true }]);
    const readBack = await sendRemovals(client(), blog, ids);
    assert.deepEqual(readBack.removed, ids);
    assert.equal(readBack.readBack, true);
  });
});
