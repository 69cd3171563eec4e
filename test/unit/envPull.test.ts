import * as assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { InvalidResponseError } from '../../src/core/errors';
import { mergeDotenv } from '../../src/core/dotenv/merge';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { effectiveVariable, gitBranchProblem, needsVariableList, previewBranches, pulledEntries } from '../../src/core/vercel/envPullPlan';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { demoTokens, startEmulator, type Emulator } from '../../emulator';
import { json, startRawServer } from './helpers/rawServer';

const personal: Scope = { kind: 'personal' };
const blog = 'prj_aliceblog';

describe('Pull (VercelClient.pullEnv and the plan) against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;
  const client = (url = emulator.url) => new VercelClient(new JsonApi({ baseUrl: new URL(url), token: demoTokens.alice, transport, service: 'Vercel' }));
  const pulls = () => emulator.requests.filter((r) => r.path.startsWith('/v3/env/pull/'));

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('reads every value of an environment in one request; write-only ones come back ""', async () => {
    const values = await client().pullEnv(personal, blog, { target: 'production' });
    assert.equal(emulator.requests.length, 1);
    assert.equal(pulls()[0].path, `/v3/env/pull/${blog}/production`);
    assert.equal(values.get('DATABASE_URL'), 'postgres://blog:blog-db-pass-1@db.example.com/blog');
    assert.equal(values.get('STRIPE_SECRET_KEY'), '');
    assert.ok(needsVariableList(values));
  });

  it('a Preview branch goes in the path, encoded; its own values override the general ones', async () => {
    const values = await client().pullEnv(personal, blog, { target: 'preview', gitBranch: 'feature/login' });
    assert.deepEqual(pulls().map((r) => r.path), [`/v3/env/pull/${blog}/preview/feature%2Flogin`]);
    assert.equal(values.get('PREVIEW_API_KEY'), 'preview-key-0002');
  });

  it('a custom environment by its id', async () => {
    const project = emulator.state.projects.find((p) => p.id === blog)!;
    project.customEnvironments.push({ id: 'env_staging0001', slug: 'staging', type: 'preview', createdAt: 1, updatedAt: 1 });
    project.envs.push({ id: 'env_stagingonly1', key: 'STAGING_ONLY', value: 'staging-1', type: 'encrypted', target: [], customEnvironmentIds: ['env_staging0001'],
      createdAt: 1, updatedAt: 1, createdBy: null, updatedBy: null });
    const values = await client().pullEnv(personal, blog, { target: { customEnvironmentId: 'env_staging0001' } });
    assert.deepEqual([...values], [['STAGING_ONLY', 'staging-1']]);
    assert.equal(emulator.requests.length, 1);
  });

  it('with the variable list: write-only and system variables become notes, never values; the file reads back the rest', async () => {
    const source = { target: 'production' } as const;
    const values = await client().pullEnv(personal, blog, source);
    const envs = await client().listEnvs(personal, blog);
    const entries = pulledEntries(values, envs, source);
    const stripe = entries.find((e) => e.name === 'STRIPE_SECRET_KEY');
    assert.deepEqual(stripe, { name: 'STRIPE_SECRET_KEY', withheld: 'write-only on Vercel: set it locally' });
    const sha = entries.find((e) => e.name === 'VERCEL_GIT_COMMIT_SHA');
    assert.ok(sha && 'withheld' in sha && sha.withheld.startsWith('system variable'));
    const merged = mergeDotenv(undefined, entries);
    const read = parse(merged.text);
    assert.ok(!('STRIPE_SECRET_KEY' in read) && !('VERCEL_GIT_COMMIT_SHA' in read));
    for (const [name, value] of values) if (value !== '') assert.equal(read[name], value);
    assert.match(merged.text, /^# STRIPE_SECRET_KEY= {2}\(write-only on Vercel: set it locally\)$/m);
  });

  it('refuses an answer that is not an object of strings, naming the key and not the value', async () => {
    const raw = await startRawServer((_req, res) => json(res, 200, { env: { GOOD: 'x', BAD: 42 } }));
    try {
      await assert.rejects(client(raw.url).pullEnv(personal, blog, { target: 'production' }),
        (err: unknown) => err instanceof InvalidResponseError && /BAD/.test(err.message) && !/42/.test(err.message));
    } finally {
      await raw.close();
    }
  });
});

describe('Pull plan (core/vercel/envPullPlan)', () => {
  const env = (over: Partial<EnvVar>): EnvVar => ({ id: `env_${over.key}_${over.gitBranch ?? ''}`, key: 'K', type: 'encrypted', targets: ['preview'], customEnvironmentIds: [], ...over });

  it('the branch\'s own variable wins over the general one; a custom environment is matched by id', () => {
    const envs = [env({ key: 'K', type: 'encrypted' }), env({ key: 'K', type: 'sensitive', gitBranch: 'feat' }), env({ key: 'C', targets: [], customEnvironmentIds: ['env_1'], type: 'sensitive' })];
    assert.equal(effectiveVariable(envs, 'K', { target: 'preview', gitBranch: 'feat' })?.type, 'sensitive');
    assert.equal(effectiveVariable(envs, 'K', { target: 'preview', gitBranch: 'other' })?.type, 'encrypted');
    assert.equal(effectiveVariable(envs, 'K', { target: 'production' }), undefined);
    assert.equal(effectiveVariable(envs, 'C', { target: { customEnvironmentId: 'env_1' } })?.type, 'sensitive');
  });

  it('without the list, "" is still never a value: a note says it was not returned', () => {
    assert.deepEqual(pulledEntries(new Map([['A', ''], ['B', 'b']]), undefined, { target: 'development' }),
      [{ name: 'A', withheld: 'no value returned by Vercel: set it locally' }, { name: 'B', value: 'b' }]);
    assert.equal(needsVariableList(new Map([['B', 'b']])), false);
  });

  it('offers the Preview branches the variables mention, once each, sorted', () => {
    assert.deepEqual(previewBranches([env({ gitBranch: 'z' }), env({ gitBranch: 'a' }), env({ gitBranch: 'a', key: 'L' }), env({ gitBranch: 'prod', targets: ['production'] })]), ['a', 'z']);
  });

  it('git branch names: what git refuses is refused before any request', () => {
    for (const ok of ['main', 'feature/login', 'release-1.2', 'user@x']) assert.equal(gitBranchProblem(ok), undefined, ok);
    for (const bad of ['', ' ', 'a b', 'a..b', 'a~1', 'x^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', '-x', '/x', 'x/', 'x.', 'x.lock', 'a//b', 'a@{b']) {
      assert.ok(gitBranchProblem(bad), JSON.stringify(bad));
    }
  });
});
