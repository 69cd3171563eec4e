/**
 * Uploading a .env file to a Secrets API project: no batch endpoint, so one request per
 * secret, in an order that fits the cap of 25, stopping cleanly with what was and wasn't sent.
 */
import * as assert from 'node:assert/strict';
import { buildReview } from '../../src/core/dotenv/review';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { ApiError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { parseSecretsApiUrl, SecretsApiClient, secretsApiService } from '../../src/core/secretsApi';
import { pushSecrets, secretsApiRemote } from '../../src/core/secretsApi/push';
import { secretsApiKeys, secretsApiProjects, startEmulator, type Emulator, type FaultSpec } from '../../emulator';

const { web, full } = secretsApiProjects;

describe('Upload .env to a Secrets API project', () => {
  let emulator: Emulator;
  let transport: Transport;
  const client = () => new SecretsApiClient(new JsonApi({ baseUrl: parseSecretsApiUrl(emulator.url), token: secretsApiKeys.main, transport, service: secretsApiService }));
  const writes = () => emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  async function stored(projectId: string): Promise<Array<{ key: string; value: string }>> {
    const res = await fetch(`${emulator.url}/_emulator/secrets-api/state`);
    return ((await res.json()) as { projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }).projects.find((p) => p.id === projectId)?.secrets ?? [];
  }

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('reviews by the last four characters: a different end is "changed", a matching end is unknown (write-only)', async () => {
    const secrets = await client().list(web);
    const { entries } = parseDotenv('STRIPE_API_KEY=other-R8xK2m\nREDIS_URL=changed\nBRAND_NEW=1\n');
    const review = buildReview(entries, secretsApiRemote(secrets));
    assert.deepEqual(review.items.slice(0, 3).map((i) => `${i.key}:${i.kind}`), ['STRIPE_API_KEY:writeOnly', 'REDIS_URL:changed', 'BRAND_NEW:new']);
    assert.equal(review.counts.onlyRemote, 10);
  });

  it('at the cap: updates go, new keys are not sent, and the outcome says which', async () => {
    const existing = await client().list(full);
    const outcome = await pushSecrets(client(), full, existing,
      [{ key: 'NEW_ONE', value: 'n1' }, { key: 'SECRET_03', value: 'updated-3' }, { key: 'NEW_TWO', value: 'n2' }], []);
    assert.deepEqual(outcome.saved.map((s) => s.key), ['SECRET_03']);
    assert.deepEqual(outcome.notSent.map((n) => `${n.key}:${n.reason.kind}`), ['NEW_ONE:cap', 'NEW_TWO:cap']);
    assert.deepEqual(writes(), [`POST /api/v1/projects/${full}/secrets`], 'one request for the update, none for the capped keys');
    assert.equal((await stored(full)).find((s) => s.key === 'SECRET_03')?.value, 'updated-3');
  });

  it('removals go first and make room for new keys', async () => {
    const existing = await client().list(full);
    const outcome = await pushSecrets(client(), full, existing, [{ key: 'NEW_ONE', value: 'n1' }, { key: 'NEW_TWO', value: 'n2' }], ['SECRET_01']);
    assert.deepEqual(outcome.removed, ['SECRET_01']);
    assert.deepEqual(outcome.saved.map((s) => s.key), ['NEW_ONE']);
    assert.deepEqual(outcome.notSent.map((n) => `${n.key}:${n.reason.kind}`), ['NEW_TWO:cap']);
    assert.equal((await stored(full)).length, 25);
  });

  it('stops at the first failure: earlier keys stay sent, later ones are reported not sent', async () => {
    const res = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ method: 'POST', pathPattern: `^/api/v1/projects/${web}/secrets$`, status: 400, skip: 1 } satisfies FaultSpec]) });
    assert.ok(res.ok);
    const outcome = await pushSecrets(client(), web, await client().list(web),
      [{ key: 'A_ONE', value: 'a1' }, { key: 'A_TWO', value: 'a2' }, { key: 'A_THREE', value: 'a3' }], []);
    assert.deepEqual(outcome.saved.map((s) => s.key), ['A_ONE']);
    assert.deepEqual(outcome.notSent.map((n) => `${n.key}:${n.reason.kind}`), ['A_TWO:failed', 'A_THREE:stopped']);
    const failed = outcome.notSent[0]!.reason;
    assert.ok(failed.kind === 'failed' && failed.error instanceof ApiError && failed.error.status === 400);
    assert.equal(writes().length, 2);
    assert.ok(!(await stored(web)).some((s) => s.key === 'A_THREE'));
  });

  it('the server\'s own 409 SECRET_LIMIT_EXCEEDED (the list was stale) stops cleanly as "cap"', async () => {
    const existing = (await client().list(full)).slice(0, 24); // a stale view: one secret fewer than there is
    const outcome = await pushSecrets(client(), full, existing, [{ key: 'NEW_ONE', value: 'n1' }, { key: 'NEW_TWO', value: 'n2' }], []);
    assert.deepEqual(outcome.notSent.map((n) => `${n.key}:${n.reason.kind}`), ['NEW_ONE:cap', 'NEW_TWO:cap']);
    assert.equal(writes().length, 1, 'the refused one only');
  });
});
