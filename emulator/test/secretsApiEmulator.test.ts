import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { call } from '../core/testClient';
import { secretsApiKeys, secretsApiProjects, seededSecretsApiValues } from '../secretsApi/secretsApiSeed';
import type { SecretsApiState } from '../secretsApi/secretsApiState';
import {
  secretsAdminState, secretsCall, secretsPath, setSecretsRateLimit, storedSecrets,
  type DeleteBody, type ListBody, type SecretsErrorBody, type SetBody,
} from '../secretsApi/secretsApiTestClient';

const { web, full, empty } = secretsApiProjects;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The Secrets API mount of the emulator, spoken to with raw HTTP (no client code). */
describe('emulator: Secrets API (seed 002)', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  beforeEach(() => emulator.reset());
  after(() => emulator.close());

  async function expectError(method: string, path: string, options: Parameters<typeof secretsCall>[3], status: number, code: string): Promise<SecretsErrorBody> {
    const res = await secretsCall<SecretsErrorBody>(emulator, method, path, options);
    assert.equal(res.status, status, res.text);
    assert.equal(res.body.error.code, code);
    assert.equal(typeof res.body.error.message, 'string');
    assert.deepEqual(Object.keys(res.body), ['error']);
    for (const apiKey of Object.values(secretsApiKeys)) assert.ok(!res.text.includes(apiKey), 'the answer echoes an API key');
    return res.body;
  }

  describe('seed', () => {
    it('has the documented keys, projects and secrets', async () => {
      const state = await secretsAdminState(emulator);
      assert.deepEqual(state.apiKeys, [
        { apiKey: 'demo_secrets_api_key_7c41e2', projectIds: ['proj_web', 'proj_full', 'proj_empty'] },
        { apiKey: 'demo_secrets_api_key_narrow_93ab', projectIds: ['proj_web'] },
      ]);
      const counts = Object.fromEntries(state.projects.map((p) => [p.id, p.secrets.length]));
      assert.deepEqual(counts, { proj_web: 12, proj_full: 25, proj_empty: 0 });
      const webKeys = state.projects[0]!.secrets.map((s) => s.key);
      for (const key of ['DATABASE_URL', 'STRIPE_API_KEY', 'BINANCE_API_KEY']) assert.ok(webKeys.includes(key), key);
      assert.deepEqual(state.projects[1]!.secrets.map((s) => s.key), Array.from({ length: 25 }, (_, i) => `SECRET_${String(i + 1).padStart(2, '0')}`));
      const values = seededSecretsApiValues();
      assert.equal(values.length, 37);
      assert.equal(new Set(values).size, values.length, 'values are distinct');
      for (const value of values) assert.ok(value.includes('-sapi-'), value);
      for (const secret of state.projects.flatMap((p) => p.secrets)) {
        assert.match(secret.createdAt, isoTimestamp);
        assert.ok(secret.updatedAt >= secret.createdAt);
      }
    });

    it('never sends a value, only the last four characters of each', async () => {
      const stored = await storedSecrets(emulator, web);
      const res = await secretsCall<ListBody>(emulator, 'GET', secretsPath(web));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data.secrets, stored.map((s) => ({ key: s.key, lastFour: s.value.slice(-4), createdAt: s.createdAt, updatedAt: s.updatedAt })));
      for (const value of seededSecretsApiValues()) assert.ok(!res.text.includes(value));
      assert.ok(!res.text.includes('-sapi-'));
    });
  });

  describe('create or update', () => {
    it('creates with createdAt = updatedAt, then updates keeping createdAt and moving updatedAt', async () => {
      const created = await secretsCall<SetBody>(emulator, 'POST', secretsPath(empty), { body: { key: 'TOKEN', value: 'first-value-AAAA' } });
      assert.equal(created.status, 200);
      const first = created.body.data.secret;
      assert.deepEqual(Object.keys(first).sort(), ['createdAt', 'key', 'lastFour', 'updatedAt']);
      assert.equal(first.lastFour, 'AAAA');
      assert.match(first.createdAt, isoTimestamp);
      assert.equal(first.updatedAt, first.createdAt);

      const updated = (await secretsCall<SetBody>(emulator, 'POST', secretsPath(empty), { body: { key: 'TOKEN', value: 'second-value-BBBB' } })).body.data.secret;
      assert.equal(updated.createdAt, first.createdAt);
      assert.ok(updated.updatedAt > first.updatedAt, `${updated.updatedAt} after ${first.updatedAt}`);
      assert.equal(updated.lastFour, 'BBBB');
      assert.deepEqual((await storedSecrets(emulator, empty)).map((s) => [s.key, s.value]), [['TOKEN', 'second-value-BBBB']]);
    });

    it('is idempotent: the same post twice leaves one secret', async () => {
      for (let i = 0; i < 2; i++) {
        assert.equal((await secretsCall(emulator, 'POST', secretsPath(web), { body: { key: 'DATABASE_URL', value: 'same-value' } })).status, 200);
      }
      const stored = await storedSecrets(emulator, web);
      assert.equal(stored.length, 12);
      assert.deepEqual(stored.filter((s) => s.key === 'DATABASE_URL').map((s) => s.value), ['same-value']);
    });

    const badBodies: Array<[label: string, options: { body?: unknown; rawBody?: string }, message: RegExp]> = [
      ['not JSON', { rawBody: '{key: DATABASE_URL' }, /must be JSON/],
      ['empty', { rawBody: '' }, /must be JSON/],
      ['a list', { body: [{ key: 'A', value: 'b' }] }, /JSON object/],
      ['a string', { body: 'A=b' }, /JSON object/],
      ['no value', { body: { key: 'NEW_KEY' } }, /`value` must be a string/],
      ['a numeric value', { body: { key: 'NEW_KEY', value: 42 } }, /`value` must be a string/],
      ['no key', { body: { value: 'v' } }, /`key` must be a string/],
      ['an unknown field', { body: { key: 'NEW_KEY', value: 'v', environment: 'production' } }, /Unknown field\(s\) in the request body: environment/],
      ['a lower-case key', { body: { key: 'new_key', value: 'v' } }, /UPPER_SNAKE_CASE/],
      ['a 65-character key', { body: { key: `K${'X'.repeat(64)}`, value: 'v' } }, /1–64 characters long \(got 65\)/],
      ['an empty value', { body: { key: 'NEW_KEY', value: '' } }, /must not be empty/],
      ['a 4097-character value', { body: { key: 'NEW_KEY', value: 'v'.repeat(4097) } }, /at most 4096 characters long \(got 4097\)/],
    ];
    for (const [label, options, message] of badBodies) {
      it(`answers 400 VALIDATION_ERROR to a body that is ${label}, changing nothing`, async () => {
        const before = await secretsAdminState(emulator);
        const body = await expectError('POST', secretsPath(web), options, 400, 'VALIDATION_ERROR');
        assert.match(body.error.message, message);
        assert.deepEqual(await secretsAdminState(emulator), before);
      });
    }

    it('answers 409 SECRET_LIMIT_EXCEEDED to a new key at 25 but allows updates there', async () => {
      const body = await expectError('POST', secretsPath(full), { body: { key: 'SECRET_26', value: 'v' } }, 409, 'SECRET_LIMIT_EXCEEDED');
      assert.match(body.error.message, /already has 25 secrets/);
      assert.equal((await secretsCall(emulator, 'POST', secretsPath(full), { body: { key: 'SECRET_25', value: 'new' } })).status, 200);
      assert.equal((await storedSecrets(emulator, full)).length, 25);
    });

    it('validates the body before the cap: a bad key at 25 is a 400', async () => {
      await expectError('POST', secretsPath(full), { body: { key: 'bad-key', value: 'v' } }, 400, 'VALIDATION_ERROR');
    });
  });

  describe('delete', () => {
    it('answers success with existed true, then false', async () => {
      for (const existed of [true, false]) {
        const res = await secretsCall<DeleteBody>(emulator, 'DELETE', secretsPath(web, 'SENTRY_DSN'));
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { data: { success: true, existed } });
      }
      assert.equal((await storedSecrets(emulator, web)).length, 11);
    });

    it('answers 400 to a key that fails the format check', async () => {
      await expectError('DELETE', secretsPath(web, 'database_url'), {}, 400, 'VALIDATION_ERROR');
      assert.equal((await storedSecrets(emulator, web)).length, 12);
    });
  });

  describe('authentication and scoping', () => {
    it('answers 401 UNAUTHORIZED without an API key or with an unknown one, and records the request as unauthorized', async () => {
      assert.match((await expectError('GET', secretsPath(web), { apiKey: null }, 401, 'UNAUTHORIZED')).error.message, /Missing API key/);
      assert.match((await expectError('GET', secretsPath(web), { apiKey: 'nope_key' }, 401, 'UNAUTHORIZED')).error.message, /Invalid API key/);
      const vercelToken = await call(emulator, 'GET', secretsPath(web));
      assert.equal(vercelToken.status, 401, 'a Vercel token is not a Secrets API key');
      await expectError('POST', secretsPath(web), { apiKey: null, body: { key: 'X', value: 'y' } }, 401, 'UNAUTHORIZED');
      assert.deepEqual(emulator.requests.map((r) => r.authorized), [false, false, false, false]);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
      assert.equal(emulator.requests.at(-1)!.authorized, true);
    });

    it('answers 404 NOT_FOUND alike for a missing project and one the key is not scoped to', async () => {
      const missing = await expectError('GET', secretsPath('proj_missing'), {}, 404, 'NOT_FOUND');
      const unscoped = await expectError('GET', secretsPath(full), { apiKey: secretsApiKeys.narrow }, 404, 'NOT_FOUND');
      assert.deepEqual(unscoped, missing, 'no way to tell an existing project from a missing one');
      await expectError('POST', secretsPath(empty), { apiKey: secretsApiKeys.narrow, body: { key: 'X', value: 'y' } }, 404, 'NOT_FOUND');
      await expectError('DELETE', secretsPath(full, 'SECRET_01'), { apiKey: secretsApiKeys.narrow }, 404, 'NOT_FOUND');
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web), { apiKey: secretsApiKeys.narrow })).status, 200);
      assert.equal((await storedSecrets(emulator, full)).length, 25);
      assert.equal((await storedSecrets(emulator, empty)).length, 0);
    });

    it('answers 404 to an unknown path and 405 with Allow to a wrong method', async () => {
      await expectError('GET', '/api/v1/projects', {}, 404, 'NOT_FOUND');
      await expectError('GET', `${secretsPath(web)}/DATABASE_URL/extra`, {}, 404, 'NOT_FOUND');
      const put = await secretsCall(emulator, 'PUT', secretsPath(web), { body: { key: 'A', value: 'b' } });
      assert.equal(put.status, 405);
      assert.equal(put.headers.get('allow'), 'GET, POST');
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web, 'DATABASE_URL'))).headers.get('allow'), 'DELETE');
    });
  });

  describe('rate limit', () => {
    it('answers 429 RATE_LIMITED with Retry-After per API key once the window is used up', async () => {
      await setSecretsRateLimit(emulator, { limit: 2, windowMs: 30_000 });
      const first = await secretsCall(emulator, 'GET', secretsPath(web));
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('x-ratelimit-limit'), '2');
      assert.equal(first.headers.get('x-ratelimit-remaining'), '1');
      assert.equal((await secretsCall(emulator, 'POST', secretsPath(empty), { body: { key: 'A', value: 'b' } })).status, 200);
      const limited = await secretsCall<SecretsErrorBody>(emulator, 'DELETE', secretsPath(empty, 'A'));
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'RATE_LIMITED');
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
      assert.equal((await storedSecrets(emulator, empty)).length, 1, 'the limited delete did nothing');
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web), { apiKey: secretsApiKeys.narrow })).status, 200, 'the other key has its own window');
    });

    it('opens a new window when the old one ends', async () => {
      await setSecretsRateLimit(emulator, { limit: 1, windowMs: 150 });
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 429);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
    });

    it('does not count requests without a valid API key', async () => {
      await setSecretsRateLimit(emulator, { limit: 1, windowMs: 30_000 });
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web), { apiKey: 'nope_key' })).status, 401);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
    });

    it('is read, switched off and validated through /_emulator/secrets-api/config', async () => {
      await setSecretsRateLimit(emulator, { limit: 0, windowMs: 60_000 });
      assert.deepEqual((await call(emulator, 'GET', '/_emulator/secrets-api/config', { token: null })).body, { rateLimit: { limit: 0, windowMs: 60_000 } });
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 429);
      await setSecretsRateLimit(emulator, null);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
      const bad = await call<SecretsErrorBody>(emulator, 'POST', '/_emulator/secrets-api/config', { token: null, body: { rateLimit: { limit: 'x' } } });
      assert.equal(bad.status, 400);
      assert.equal((await call(emulator, 'POST', '/_emulator/secrets-api/config', { token: null, rawBody: 'nope' })).status, 400);
    });
  });

  describe('admin and reset', () => {
    it('restores the seed and the config on POST /_emulator/secrets-api/reset and on emulator.reset()', async () => {
      const seed: SecretsApiState = await secretsAdminState(emulator);
      for (const reset of [
        async () => assert.deepEqual((await call(emulator, 'POST', '/_emulator/secrets-api/reset', { token: null })).body, { ok: true }),
        async () => { emulator.reset(); },
        async () => assert.equal((await call(emulator, 'POST', '/_emulator/reset', { token: null })).status, 200),
      ]) {
        await secretsCall(emulator, 'DELETE', secretsPath(web, 'DATABASE_URL'));
        await secretsCall(emulator, 'POST', secretsPath(empty), { body: { key: 'ADDED', value: 'v' } });
        await setSecretsRateLimit(emulator, { limit: 0, windowMs: 60_000 });
        assert.notDeepEqual(await secretsAdminState(emulator), seed);
        await reset();
        assert.deepEqual(await secretsAdminState(emulator), seed);
        assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200, 'rate limit off again');
      }
    });

    it('dumps clear values in /state and answers 404 to unknown admin calls', async () => {
      const state = await secretsAdminState(emulator);
      assert.ok(state.projects[0]!.secrets.every((s) => s.value.includes('-sapi-')));
      assert.equal((await call(emulator, 'GET', '/_emulator/secrets-api/nothing', { token: null })).status, 404);
      assert.equal((await call(emulator, 'DELETE', '/_emulator/secrets-api/state', { token: null })).status, 404);
    });

    it('lets injected faults answer before the mount', async () => {
      const armed = await call(emulator, 'POST', '/_emulator/faults', { token: null, body: [{ method: 'GET', pathPattern: '^/api/v1/', status: 503 }] });
      assert.equal(armed.status, 200);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 503);
      assert.equal((await secretsCall(emulator, 'GET', secretsPath(web))).status, 200);
      assert.deepEqual(emulator.requests.map((r) => r.status), [503, 200]);
    });
  });
});
