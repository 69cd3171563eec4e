import * as assert from 'node:assert/strict';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { applyEnvChanges, findClash, type EnvChange } from '../../src/core/vercel/envList';
import type { EnvMutationTarget, NewEnvVar } from '../../src/core/vercel/envWriter';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { addBulk, demoTokens, startEmulator, type Emulator } from '../../emulator';

const personal: Scope = { kind: 'personal' };
const blog: EnvMutationTarget = { scope: personal, projectId: 'prj_aliceblog' };

/**
 * A write is one request and the list the tree holds is patched from its answer: after each
 * write, the patched list equals what a fresh list says (read from the emulator's state, not
 * with a request), on a project of 1,000 variables.
 */
describe('One request per write: the answer patches the list', () => {
  let emulator: Emulator;
  let transport: Transport;
  let client: VercelClient;
  let envs: EnvVar[];

  /** What `GET …/env` would answer now, as the tree keeps it: the emulator's own records, parsed by the client's parser. */
  async function truth(): Promise<EnvVar[]> {
    const before = emulator.requests.length;
    const listed = await client.listEnvs(personal, blog.projectId);
    emulator.requests.splice(before); // the check is not one of the writes' requests
    return applyEnvChanges(listed, []);
  }

  /** Runs `write`, asserting it sent exactly one request; returns what it changed. */
  async function oneRequest<T>(write: () => Promise<T>): Promise<T> {
    const before = emulator.requests.length;
    const result = await write();
    assert.equal(emulator.requests.length - before, 1, `one request; saw ${emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`).join(', ')}`);
    return result;
  }

  async function patch(change: EnvChange): Promise<void> {
    envs = applyEnvChanges(envs, [change]);
    assert.deepEqual(envs, await truth());
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
    client = new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' }));
    addBulk(emulator.state, { envs: { projectId: blog.projectId, count: 1000 } });
    envs = applyEnvChanges(await oneRequest(() => client.listEnvs(personal, blog.projectId)), []);
    assert.equal(envs.length, 1006);
  });
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('add: no list before it (the clash check uses the loaded list), one POST', async () => {
    const env: NewEnvVar = { key: 'NEW_KEY', value: 'new-value-1', type: 'encrypted', targets: ['production'] };
    assert.equal(findClash(envs, env), undefined);
    await patch({ put: await oneRequest(() => client.envs.create(blog, env, false)) });
  });

  it('add over an existing key: the loaded list finds the clash, one upsert POST', async () => {
    const env: NewEnvVar = { key: 'NEW_KEY', value: 'new-value-2', type: 'encrypted', targets: ['production'] };
    const clash = findClash(envs, env);
    assert.equal(clash?.key, 'NEW_KEY');
    await patch({ put: await oneRequest(() => client.envs.create(blog, env, true)) });
    assert.equal(envs.filter((e) => e.key === 'NEW_KEY').length, 1);
  });

  it('set value: one PATCH', async () => {
    const target = envs.find((e) => e.key === 'BULK_0500')!;
    await patch({ put: await oneRequest(() => client.envs.update(blog, target.id, { value: 'changed' })) });
  });

  it('rename: one PATCH, the row moves to its new place', async () => {
    const target = envs.find((e) => e.key === 'BULK_0001')!;
    await patch({ put: await oneRequest(() => client.envs.update(blog, target.id, { key: 'ZZ_RENAMED' })) });
    assert.equal(envs.at(-1)?.key, 'ZZ_RENAMED');
  });

  it('delete from one environment: one PATCH', async () => {
    const target = envs.find((e) => e.key === 'BULK_0002')!;
    await patch({ put: await oneRequest(() => client.envs.update(blog, target.id, { targets: ['preview'] })) });
  });

  it('delete: one DELETE', async () => {
    const target = envs.find((e) => e.key === 'BULK_0003')!;
    await oneRequest(() => client.envs.delete(blog, target.id));
    await patch({ removed: target.id });
  });

  it('50 variables: one batch POST, all patched in', async () => {
    const batch: NewEnvVar[] = Array.from({ length: 50 }, (_, i) => ({ key: `BATCH_${i}`, value: `batch-value-${i}`, type: 'encrypted', targets: ['development'] }));
    const result = await oneRequest(() => client.envs.createMany(blog, batch, false));
    assert.equal(result.created.length, 50);
    assert.deepEqual(result.failed, []);
    envs = applyEnvChanges(envs, result.created.map((put) => ({ put })));
    assert.deepEqual(envs, await truth());
  });

  it('a batch with a clash: the others are created, the clash is reported by key', async () => {
    const batch: NewEnvVar[] = [
      { key: 'BATCH_0', value: 'again', type: 'encrypted', targets: ['development'] },
      { key: 'BATCH_NEW', value: 'fresh', type: 'encrypted', targets: ['development'] },
    ];
    const result = await oneRequest(() => client.envs.createMany(blog, batch, false));
    assert.deepEqual(result.created.map((e) => e.key), ['BATCH_NEW']);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]?.code, 'ENV_ALREADY_EXISTS');
  });
});
