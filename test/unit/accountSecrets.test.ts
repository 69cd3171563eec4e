import * as assert from 'node:assert/strict';
import { ApiError, describeError, InputError, InvalidResponseError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { AccountSecretsClient } from '../../src/core/vercel/accountSecrets';
import type { Scope } from '../../src/core/vercel/models';
import { startEmulator, type Emulator } from '../../emulator';
import { carol, legacySecretsOf, type LegacySecretRecord } from '../../emulator';
import { demoTokens } from '../../emulator';
import { call } from '../../emulator';
import { json, startRawServer } from './helpers/rawServer';

const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };
const personal: Scope = { kind: 'personal' };
const allTokens: readonly string[] = [...Object.values(demoTokens), carol.token];

describe('AccountSecretsClient against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;

  function client(token: string = demoTokens.alice): AccountSecretsClient {
    return new AccountSecretsClient(new JsonApi({ baseUrl: new URL(emulator.url), token, transport, service: 'Vercel' }));
  }

  function stored(ownerId: string): LegacySecretRecord[] {
    return legacySecretsOf(emulator.state).secrets.filter((s) => s.ownerId === ownerId);
  }

  /** The ApiError a call fails with; no error text may carry a token. */
  async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    for (const text of [err.message, err.apiMessage ?? '', err.stack ?? '', describeError(err)]) {
      for (const token of allTokens) assert.ok(!text.includes(token), `the error text carries a token: ${text}`);
    }
    assert.equal(err.service, 'Vercel');
    return err;
  }

  const legacyRequests = () => emulator.requests.filter((r) => /^\/v[23]\/secrets/.test(r.path));

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  // The legacy routes are outside the OpenAPI subset: skipped by name, never a false violation.
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  describe('list', () => {
    it('lists the personal secrets newest first, without values', async () => {
      const page = await client().list(personal);
      assert.deepEqual(page.items.map((s) => s.name), ['blog-api-token', 'stripe-live-key', 'legacy-db-password']);
      assert.equal(page.next, undefined);
      const blog = page.items[0]!;
      assert.equal(blog.projectId, 'prj_aliceblog');
      assert.equal(blog.decryptable, true);
      assert.equal(blog.userId, 'user_alice');
      assert.equal(blog.teamId, undefined);
      assert.match(blog.uid, /^sec_[A-Za-z0-9]{24}$/);
      assert.match(blog.created ?? '', /^\d{4}-\d\d-\d\dT/);
      assert.equal(typeof blog.createdAt, 'number');
      assert.ok(!('value' in blog));
      assert.deepEqual(legacyRequests().map((r) => [r.path, r.query]), [['/v3/secrets', { limit: '100' }]]);
    });

    it('lists a team\'s secrets with teamId', async () => {
      const page = await client().list(acme);
      assert.deepEqual(page.items.map((s) => [s.name, s.teamId]), [['acme-sentry-token', 'team_acme'], ['acme-deploy-key', 'team_acme']]);
      assert.deepEqual(legacyRequests()[0]?.query, { teamId: 'team_acme', limit: '100' });
    });

    it('pages with the cursor until the last page', async () => {
      const now = Date.now();
      for (let n = 0; n < 103; n++) {
        legacySecretsOf(emulator.state).secrets.push({
          uid: `sec_paging${String(n).padStart(16, '0')}`, name: `paging-${n}`, value: `paging-value-${n}`,
          ownerId: 'team_acme', userId: 'user_alice', created: now - n * 1000, decryptable: false,
        });
      }
      const first = await client().list(acme);
      assert.equal(first.items.length, 100);
      assert.ok(first.next, 'a next cursor');
      const second = await client().list(acme, first.next);
      assert.deepEqual(second.items.map((s) => s.name), ['paging-100', 'paging-101', 'paging-102', 'acme-sentry-token', 'acme-deploy-key']);
      assert.equal(second.next, undefined);
      assert.deepEqual(legacyRequests()[1]?.query, { teamId: 'team_acme', limit: '100', until: first.next });
    });

    it('is refused for a team the user is not in (403)', async () => {
      const err = await apiFailure(client(demoTokens.bob).list(acme));
      assert.equal(err.status, 403);
    });

    it('rejects an answer of the wrong shape instead of showing an empty list', async () => {
      const server = await startRawServer((_req, res) => json(res, 200, { secrets: 'none', pagination: { count: 0, next: null, prev: null } }));
      try {
        const raw = new AccountSecretsClient(new JsonApi({ baseUrl: new URL(server.url), token: 't0k3n_abcdef', transport }));
        await assert.rejects(raw.list(personal), InvalidResponseError);
      } finally {
        await server.close();
      }
    });
  });

  describe('create', () => {
    it('sends name, value, decryptable and projectId, and keeps no value from the answer', async () => {
      const created = await client().create(personal, { name: 'new-api-key', value: 'new-legacy-value-1', decryptable: true, projectId: 'prj_aliceblog' });
      assert.equal(created.name, 'new-api-key');
      assert.equal(created.projectId, 'prj_aliceblog');
      assert.equal(created.decryptable, true);
      assert.ok(!JSON.stringify(created).includes('new-legacy-value-1') && !('value' in created), 'the value is dropped');
      assert.deepEqual(legacyRequests().map((r) => [r.method, r.path, r.body]), [
        ['POST', '/v2/secrets/new-api-key', { name: 'new-api-key', value: 'new-legacy-value-1', decryptable: true, projectId: 'prj_aliceblog' }],
      ]);
      const record = stored('user_alice').find((s) => s.name === 'new-api-key');
      assert.equal(record?.value, 'new-legacy-value-1');
      assert.equal(record?.uid, created.uid);
    });

    it('leaves out what was not given, and creates in a team with teamId', async () => {
      const created = await client().create(acme, { name: 'acme-new', value: 'acme-new-value-1' });
      assert.equal(created.teamId, 'team_acme');
      assert.equal(created.decryptable, false);
      assert.deepEqual(legacyRequests()[0]?.body, { name: 'acme-new', value: 'acme-new-value-1' });
      assert.deepEqual(legacyRequests()[0]?.query, { teamId: 'team_acme' });
      assert.ok(stored('team_acme').some((s) => s.name === 'acme-new'));
    });

    it('refuses a name already taken in the scope (400 secret_already_exists), but not in another scope', async () => {
      const err = await apiFailure(client().create(personal, { name: 'stripe-live-key', value: 'another-value-2' }));
      assert.equal(err.status, 400);
      assert.ok(err.hasCode('secret_already_exists'));
      assert.match(describeError(err), /already exists/);
      await client().create(acme, { name: 'stripe-live-key', value: 'acme-stripe-value-3' });
      assert.equal(stored('team_acme').filter((s) => s.name === 'stripe-live-key').length, 1);
    });

    it('refuses an unknown project (400) and a foreign team (403)', async () => {
      assert.equal((await apiFailure(client().create(personal, { name: 'x-key', value: 'v-1', projectId: 'prj_acmeweb' }))).status, 400);
      assert.equal((await apiFailure(client(demoTokens.bob).create(acme, { name: 'x-key', value: 'v-1' }))).status, 403);
      assert.ok(!stored('team_acme').some((s) => s.name === 'x-key'));
    });

    it('surfaces a soft-blocked account as ApiError 402', async () => {
      const err = await apiFailure(client(carol.token).create(personal, { name: 'carol-new', value: 'carol-value-1' }));
      assert.equal(err.status, 402);
      assert.ok(err.hasCode('payment_required'));
      assert.match(describeError(err), /payment/);
      assert.deepEqual(stored(carol.userId).map((s) => s.name), ['carol-notes-token']);
      // Listing still works for her: only creating is blocked.
      assert.deepEqual((await client(carol.token).list(personal)).items.map((s) => s.name), ['carol-notes-token']);
    });

    it('checks name and value before any request', async () => {
      await assert.rejects(client().create(personal, { name: 'Has Space', value: 'v' }), InputError);
      await assert.rejects(client().create(personal, { name: 'x'.repeat(101), value: 'v' }), /101 characters long; the maximum is 100/);
      await assert.rejects(client().create(personal, { name: 'ok-name', value: '' }), /cannot be empty/);
      assert.equal(legacyRequests().length, 0);
    });
  });

  describe('rename', () => {
    it('renames and checks the answer names the old and the new name', async () => {
      const renamed = await client().rename(personal, 'stripe-live-key', 'stripe-key-2024');
      assert.equal(renamed.oldName, 'stripe-live-key');
      assert.equal(renamed.name, 'stripe-key-2024');
      assert.match(renamed.created ?? '', /^\d{4}-/);
      assert.deepEqual(legacyRequests().map((r) => [r.method, r.path, r.body]), [['PATCH', '/v2/secrets/stripe-live-key', { name: 'stripe-key-2024' }]]);
      assert.deepEqual(stored('user_alice').map((s) => s.name).sort(), ['blog-api-token', 'legacy-db-password', 'stripe-key-2024']);
    });

    it('renames in a team', async () => {
      await client().rename(acme, 'acme-deploy-key', 'acme-deploy-key-old');
      assert.ok(stored('team_acme').some((s) => s.name === 'acme-deploy-key-old'));
    });

    it('refuses renaming onto a taken name (400), an unknown secret (404), a foreign team (403)', async () => {
      const taken = await apiFailure(client().rename(personal, 'stripe-live-key', 'legacy-db-password'));
      assert.equal(taken.status, 400);
      assert.ok(taken.hasCode('secret_already_exists'));
      assert.equal((await apiFailure(client().rename(personal, 'no-such-secret', 'other-name'))).status, 404);
      assert.equal((await apiFailure(client(demoTokens.bob).rename(acme, 'acme-deploy-key', 'mine-now'))).status, 403);
      assert.deepEqual(stored('user_alice').map((s) => s.name).sort(), ['blog-api-token', 'legacy-db-password', 'stripe-live-key']);
    });

    it('checks the new name before any request', async () => {
      await assert.rejects(client().rename(personal, 'stripe-live-key', '@stripe'), /Leave out the "@"/);
      await assert.rejects(client().rename(personal, '', 'fine-name'), InputError);
      assert.equal(legacyRequests().length, 0);
    });

    it('rejects an answer about another secret as InvalidResponseError', async () => {
      const answers = [
        { uid: 'sec_1', name: 'new-name', created: '2024-01-01T00:00:00.000Z', oldName: 'some-other' },
        { uid: 'sec_1', name: 'not-the-new-name', created: '2024-01-01T00:00:00.000Z', oldName: 'old-name' },
        { uid: 'sec_1', name: 'new-name', created: '2024-01-01T00:00:00.000Z' },
      ];
      const server = await startRawServer((_req, res) => json(res, 200, answers.shift()));
      try {
        const raw = new AccountSecretsClient(new JsonApi({ baseUrl: new URL(server.url), token: 't0k3n_abcdef', transport, service: 'Vercel' }));
        for (let n = 0; n < 3; n++) {
          const err: unknown = await raw.rename(personal, 'old-name', 'new-name').then(() => undefined, (e: unknown) => e);
          assert.ok(err instanceof InvalidResponseError, `answer ${n}: ${String(err)}`);
          assert.equal(err.service, 'Vercel');
        }
      } finally {
        await server.close();
      }
    });
  });

  describe('delete', () => {
    it('deletes by name and by uid', async () => {
      await client().delete(personal, 'stripe-live-key');
      const uid = stored('team_acme').find((s) => s.name === 'acme-deploy-key')?.uid;
      assert.ok(uid);
      await client().delete(acme, uid);
      assert.deepEqual(stored('user_alice').map((s) => s.name).sort(), ['blog-api-token', 'legacy-db-password']);
      assert.deepEqual(stored('team_acme').map((s) => s.name), ['acme-sentry-token']);
      assert.deepEqual(legacyRequests().map((r) => [r.method, r.path, r.query]), [
        ['DELETE', '/v2/secrets/stripe-live-key', {}], ['DELETE', `/v2/secrets/${uid}`, { teamId: 'team_acme' }],
      ]);
    });

    it('answers 404 for an unknown secret and 403 for a foreign team', async () => {
      assert.equal((await apiFailure(client().delete(personal, 'no-such-secret'))).status, 404);
      assert.equal((await apiFailure(client(demoTokens.bob).delete(acme, 'acme-deploy-key'))).status, 403);
      assert.equal(stored('team_acme').length, 2);
    });
  });

  describe('410 Gone (the live API since the 2024 sunset)', () => {
    it('every call surfaces ApiError 410 while the switch is on, and works again when it is off', async () => {
      await call(emulator, 'POST', '/_emulator/config', { body: { legacySecretsGone: true } });
      const calls: Array<() => Promise<unknown>> = [
        () => client().list(personal),
        () => client().create(personal, { name: 'gone-key', value: 'gone-value-1' }),
        () => client().rename(personal, 'stripe-live-key', 'renamed-key'),
        () => client().delete(personal, 'stripe-live-key'),
      ];
      for (const run of calls) {
        const err = await apiFailure(run());
        assert.equal(err.status, 410);
        assert.ok(err.hasCode('gone'));
        assert.match(describeError(err), /retired this API.*Environment Variables/);
      }
      assert.equal(stored('user_alice').length, 3, 'nothing changed');
      await call(emulator, 'POST', '/_emulator/config', { body: { legacySecretsGone: false } });
      assert.equal((await client().list(personal)).items.length, 3);
    });
  });
});
