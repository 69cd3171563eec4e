import * as assert from 'node:assert/strict';
import { ApiError, describeError, InputError, NetworkError } from '../../src/core/errors';
import { JsonApi, type RetryPolicy } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import {
  describeSecretsApiError, keyCheckProjectId, maxSecretsPerProject, maxSecretValueLength, parseSecretsApiUrl, SecretsApiClient, secretsApiService,
} from '../../src/core/secretsApi';
import { startEmulator, type Emulator } from '../../emulator';
import { secretsApiKeys, secretsApiProjects, seededSecretsApiValues } from '../../emulator';
import { secretsCall, setSecretsRateLimit, storedSecrets, type SecretsErrorBody } from '../../emulator';

const { web, full, empty } = secretsApiProjects;
const allApiKeys: readonly string[] = Object.values(secretsApiKeys);

describe('SecretsApiClient against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;

  function client(apiKey: string = secretsApiKeys.main, retry?: RetryPolicy): SecretsApiClient {
    const baseUrl = parseSecretsApiUrl(emulator.url);
    return new SecretsApiClient(new JsonApi({ baseUrl, token: apiKey, transport, service: secretsApiService, retry }));
  }

  /** What the client sent, as the emulator recorded it: `METHOD path`. */
  function sent(): string[] {
    return emulator.requests.map((r) => `${r.method} ${r.path}`);
  }

  /** The error a call fails with; checks that no text of it carries an API key or a seeded value. */
  async function failure(call: Promise<unknown>): Promise<unknown> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error, `expected the call to fail, got ${String(err)}`);
    const texts = [err.message, err.stack ?? '', describeError(err), describeSecretsApiError(err)];
    if (err instanceof ApiError) texts.push(err.apiMessage ?? '');
    for (const text of texts) {
      for (const secret of [...allApiKeys, ...seededSecretsApiValues()]) {
        assert.ok(!text.includes(secret), `an error text carries a secret: ${text}`);
      }
    }
    return err;
  }

  async function apiFailure(call: Promise<unknown>, status: number, code: string): Promise<ApiError> {
    const err = await failure(call);
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.status, status);
    assert.equal(err.code, code);
    assert.equal(err.service, secretsApiService);
    return err;
  }

  async function inputFailure(call: Promise<unknown>): Promise<InputError> {
    const err = await failure(call);
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    return err;
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

  describe('list', () => {
    it('lists the secrets of a project with key, lastFour and timestamps, never a value', async () => {
      const secrets = await client().list(web);
      const stored = await storedSecrets(emulator, web);
      assert.equal(secrets.length, 12);
      assert.deepEqual(secrets.map((s) => s.key), stored.map((s) => s.key));
      for (const [i, secret] of secrets.entries()) {
        const value = stored[i]!.value;
        assert.equal(secret.lastFour, value.slice(-4));
        assert.equal(secret.createdAt, stored[i]!.createdAt);
        assert.equal(secret.updatedAt, stored[i]!.updatedAt);
        assert.deepEqual(Object.keys(secret).sort(), ['createdAt', 'key', 'lastFour', 'updatedAt']);
        assert.ok(!JSON.stringify(secret).includes(value));
      }
      assert.deepEqual(sent(), [`GET /api/v1/projects/${web}/secrets`]);
      assert.equal(emulator.requests[0]!.authorized, true);
    });

    it('lists an empty project as an empty list and a full one with 25', async () => {
      assert.deepEqual(await client().list(empty), []);
      const fullList = await client().list(full);
      assert.equal(fullList.length, maxSecretsPerProject);
      assert.deepEqual(fullList.map((s) => s.key), Array.from({ length: 25 }, (_, i) => `SECRET_${String(i + 1).padStart(2, '0')}`));
    });

    it('encodes the project id as one path segment', async () => {
      const err = await apiFailure(client().list('proj web/../full?x=1'), 404, 'NOT_FOUND');
      assert.match(describeSecretsApiError(err), /not found, or this API key is not scoped to it/);
      assert.deepEqual(sent(), ['GET /api/v1/projects/proj%20web%2F..%2Ffull%3Fx%3D1/secrets']);
    });

    it('refuses an empty project id without a request', async () => {
      await inputFailure(client().list(''));
      assert.deepEqual(sent(), []);
    });
  });

  describe('set', () => {
    it('creates a secret and answers its summary with the last four characters', async () => {
      const before = Date.now();
      const saved = await client().set(empty, 'NEW_SECRET', 'new-value-sapi-test-Tail');
      assert.equal(saved.key, 'NEW_SECRET');
      assert.equal(saved.lastFour, 'Tail');
      assert.equal(saved.createdAt, saved.updatedAt);
      assert.ok(Date.parse(saved.createdAt) >= before - 1000, 'createdAt is now');
      const stored = await storedSecrets(emulator, empty);
      assert.deepEqual(stored.map((s) => [s.key, s.value]), [['NEW_SECRET', 'new-value-sapi-test-Tail']]);
      assert.deepEqual(emulator.requests.map((r) => r.body), [{ key: 'NEW_SECRET', value: 'new-value-sapi-test-Tail' }]);
      assert.deepEqual(await client().list(empty), [saved]);
    });

    it('updates an existing key in place: same createdAt, later updatedAt, new lastFour, no duplicate', async () => {
      const [original] = (await client().list(web)).filter((s) => s.key === 'STRIPE_API_KEY');
      assert.ok(original);
      const updated = await client().set(web, 'STRIPE_API_KEY', 'rotated-stripe-key-9z8y');
      assert.equal(updated.createdAt, original.createdAt);
      assert.ok(Date.parse(updated.updatedAt) > Date.parse(original.updatedAt), 'updatedAt moved forward');
      assert.equal(updated.lastFour, '9z8y');
      const stored = await storedSecrets(emulator, web);
      assert.equal(stored.length, 12);
      assert.deepEqual(stored.filter((s) => s.key === 'STRIPE_API_KEY').map((s) => s.value), ['rotated-stripe-key-9z8y']);
    });

    it('gives lastFour of at most four characters, whole characters, for short and long values', async () => {
      const cases: Array<[string, string]> = [['ONE_CHAR', 'x'], ['THREE', 'abc'], ['EMOJI', 'key-🔑🔒🗝️'], ['LONG', `${'v'.repeat(4092)}WXYZ`]];
      for (const [key, value] of cases) {
        const saved = await client().set(empty, key, value);
        assert.equal(saved.lastFour, [...value].slice(-4).join(''), key);
        assert.ok([...saved.lastFour].length <= 4, `${key}: lastFour ${saved.lastFour}`);
      }
      for (const secret of await client().list(web)) assert.ok([...secret.lastFour].length <= 4);
    });

    it('accepts keys of 1 and 64 characters and a value of 4096 characters', async () => {
      const key64 = `K${'_'.repeat(62)}Z`;
      assert.equal(key64.length, 64);
      await client().set(empty, 'A', 'a');
      await client().set(empty, key64, 'v'.repeat(maxSecretValueLength));
      const stored = await storedSecrets(emulator, empty);
      assert.deepEqual(stored.map((s) => [s.key, s.value.length]), [['A', 1], [key64, 4096]]);
    });

    for (const [label, key, pattern] of [
      ['65 characters', `K${'7'.repeat(64)}`, /65 characters long; the maximum is 64/],
      ['a leading digit', '1PASSWORD', /must start with a letter/],
      ['lower case', 'database_url', /upper case.*"DATABASE_URL"/],
      ['a dash', 'API-KEY', /not "-".*"API_KEY"/],
      ['no characters at all', '', /Enter a key name/],
    ] as const) {
      it(`refuses a key with ${label} before any request, as the server does`, async () => {
        const err = await inputFailure(client().set(web, key, 'value-1'));
        assert.match(err.message, pattern);
        await inputFailure(client().delete(web, key));
        assert.deepEqual(sent(), []);
        if (key !== '') {
          const raw = await secretsCall<SecretsErrorBody>(emulator, 'POST', `/api/v1/projects/${web}/secrets`, { body: { key, value: 'value-1' } });
          assert.equal(raw.status, 400);
          assert.equal(raw.body.error.code, 'VALIDATION_ERROR');
        }
        assert.equal((await storedSecrets(emulator, web)).length, 12);
      });
    }

    it('refuses a value of 4097 characters and an empty one before any request; the server answers 400 to both', async () => {
      const tooLong = `long-sapi-value-${'x'.repeat(4097)}`.slice(0, maxSecretValueLength + 1);
      assert.equal(tooLong.length, 4097);
      const err = await inputFailure(client().set(web, 'BIG_VALUE', tooLong));
      assert.match(err.message, /4097 characters long; the maximum is 4096/);
      assert.ok(!err.message.includes('long-sapi-value'), 'the message never quotes the value');
      await inputFailure(client().set(web, 'EMPTY_VALUE', ''));
      assert.deepEqual(sent(), []);
      for (const value of [tooLong, '']) {
        const raw = await secretsCall<SecretsErrorBody>(emulator, 'POST', `/api/v1/projects/${web}/secrets`, { body: { key: 'BIG_VALUE', value } });
        assert.equal(raw.status, 400);
        assert.equal(raw.body.error.code, 'VALIDATION_ERROR');
        assert.ok(!raw.text.includes('long-sapi-value'), 'the server does not echo the value');
      }
      assert.equal((await storedSecrets(emulator, web)).length, 12);
    });
  });

  describe('the cap of 25 secrets', () => {
    it('refuses a 26th key in the client before any request, and the server refuses it sent raw with 409', async () => {
      const keys = (await client().list(full)).map((s) => s.key);
      assert.equal(keys.length, 25);
      const err = await inputFailure(client().setChecked(full, 'SECRET_26', 'value-26', keys));
      assert.match(err.message, /already has 25 secrets; the maximum is 25/);
      assert.match(err.message, /update an existing key/);
      assert.deepEqual(sent(), [`GET /api/v1/projects/${full}/secrets`], 'only the list went out');

      const raw = await secretsCall<SecretsErrorBody>(emulator, 'POST', `/api/v1/projects/${full}/secrets`, { body: { key: 'SECRET_26', value: 'value-26' } });
      assert.equal(raw.status, 409);
      assert.equal(raw.body.error.code, 'SECRET_LIMIT_EXCEEDED');
      assert.equal((await storedSecrets(emulator, full)).length, 25);
    });

    it('turns the server\'s 409 into an ApiError that explains the cap when the client did not check', async () => {
      const err = await apiFailure(client().set(full, 'SECRET_26', 'value-26'), 409, 'SECRET_LIMIT_EXCEEDED');
      assert.match(describeSecretsApiError(err), /maximum of 25 secrets.*updating an existing key is still allowed/);
      assert.equal((await storedSecrets(emulator, full)).length, 25);
    });

    it('still allows an update at 25/25, checked or not', async () => {
      const keys = (await client().list(full)).map((s) => s.key);
      const checked = await client().setChecked(full, 'SECRET_07', 'rotated-07-ABCD', keys);
      assert.equal(checked.lastFour, 'ABCD');
      const unchecked = await client().set(full, 'SECRET_25', 'rotated-25-WXYZ');
      assert.equal(unchecked.lastFour, 'WXYZ');
      const stored = await storedSecrets(emulator, full);
      assert.equal(stored.length, 25);
      assert.equal(stored.find((s) => s.key === 'SECRET_07')?.value, 'rotated-07-ABCD');
    });

    it('allows a new key again once one is deleted', async () => {
      assert.deepEqual(await client().delete(full, 'SECRET_01'), { existed: true });
      const keys = (await client().list(full)).map((s) => s.key);
      const saved = await client().setChecked(full, 'SECRET_26', 'value-26', keys);
      assert.equal(saved.key, 'SECRET_26');
      assert.equal((await storedSecrets(emulator, full)).length, 25);
    });
  });

  describe('delete', () => {
    it('is idempotent: existed true, then false, and the secret is gone', async () => {
      assert.deepEqual(await client().delete(web, 'DATABASE_URL'), { existed: true });
      assert.deepEqual(await client().delete(web, 'DATABASE_URL'), { existed: false });
      assert.deepEqual(await client().delete(web, 'NEVER_EXISTED'), { existed: false });
      const keys = (await client().list(web)).map((s) => s.key);
      assert.equal(keys.length, 11);
      assert.ok(!keys.includes('DATABASE_URL'));
      assert.deepEqual(sent().slice(0, 2), Array(2).fill(`DELETE /api/v1/projects/${web}/secrets/DATABASE_URL`));
    });
  });

  describe('API key scoping and authentication', () => {
    it('lets the narrow key reach proj_web but answers 404 on proj_full for every call, changing nothing', async () => {
      const narrow = client(secretsApiKeys.narrow);
      assert.equal((await narrow.list(web)).length, 12);
      await apiFailure(narrow.list(full), 404, 'NOT_FOUND');
      await apiFailure(narrow.set(full, 'SECRET_01', 'hijacked-value'), 404, 'NOT_FOUND');
      await apiFailure(narrow.delete(full, 'SECRET_01'), 404, 'NOT_FOUND');
      await apiFailure(narrow.list(empty), 404, 'NOT_FOUND');
      const stored = await storedSecrets(emulator, full);
      assert.equal(stored.length, 25);
      assert.notEqual(stored.find((s) => s.key === 'SECRET_01')?.value, 'hijacked-value');
    });

    it('answers 404 for a project that does not exist', async () => {
      await apiFailure(client().list('proj_missing'), 404, 'NOT_FOUND');
    });

    it('answers 401 for an unknown API key, and no error text carries the key', async () => {
      const unknownKey = 'demo_secrets_api_key_unknown_0000';
      const err = await apiFailure(client(unknownKey).list(web), 401, 'UNAUTHORIZED');
      for (const text of [err.message, describeSecretsApiError(err)]) assert.ok(!text.includes(unknownKey));
      assert.match(describeSecretsApiError(err), /^Secrets API rejected the token/);
      assert.equal(emulator.requests[0]!.authorized, false);
    });
  });

  describe('checkKey (the check when a connection is added)', () => {
    it('accepts a working key with one read of a project nobody has (404), writing nothing', async () => {
      for (const apiKey of allApiKeys) {
        emulator.requests.length = 0;
        await client(apiKey).checkKey();
        assert.deepEqual(sent(), [`GET /api/v1/projects/${keyCheckProjectId}/secrets`]);
        assert.equal(emulator.requests[0]!.status, 404);
      }
    });

    it('throws the 401 of an unknown key after exactly one request, without the key in any text', async () => {
      const unknownKey = 'demo_secrets_api_key_unknown_0000';
      await apiFailure(client(unknownKey).checkKey(), 401, 'UNAUTHORIZED');
      assert.equal(emulator.requests.length, 1);
    });
  });

  describe('rate limiting (429 with Retry-After)', () => {
    const fastRetry = (waits: number[]): RetryPolicy => ({
      maxRetries: 2, maxWaitMs: 2000, maxTotalWaitMs: 5000, baseDelayMs: 10, onWait: ({ waitMs }) => waits.push(waitMs),
    });

    it('waits out a 429 for Retry-After (1 s) and then succeeds, for a read and a write', async () => {
      await setSecretsRateLimit(emulator, { limit: 1, windowMs: 1000 });
      const waits: number[] = [];
      const api = client(secretsApiKeys.main, fastRetry(waits));
      assert.equal((await api.list(web)).length, 12);
      const saved = await api.set(empty, 'AFTER_WAIT', 'value-after-wait');
      assert.equal(saved.key, 'AFTER_WAIT');
      assert.deepEqual(emulator.requests.map((r) => r.status), [200, 429, 200]);
      assert.deepEqual(waits, [1000]);
      assert.equal((await storedSecrets(emulator, empty)).length, 1, 'the write happened exactly once');
    });

    it('gives up after the bound with `attempts` set and the wait in the message', async () => {
      await setSecretsRateLimit(emulator, { limit: 0, windowMs: 1000 });
      const waits: number[] = [];
      const policy: RetryPolicy = { ...fastRetry(waits), maxRetries: 1 };
      const err = await apiFailure(client(secretsApiKeys.main, policy).list(web), 429, 'RATE_LIMITED');
      assert.equal(err.attempts, 2);
      assert.equal(err.retryAfterMs, 1000);
      assert.deepEqual(waits, [1000]);
      assert.equal(emulator.requests.length, 2);
      assert.match(describeSecretsApiError(err), /rate limiting requests\. Try again in 1 s \(gave up after 2 attempts\)\./);
    });

    it('fails at once without a retry policy', async () => {
      await setSecretsRateLimit(emulator, { limit: 0, windowMs: 60_000 });
      const err = await apiFailure(client().list(web), 429, 'RATE_LIMITED');
      assert.equal(err.attempts, undefined);
      assert.ok(err.retryAfterMs !== undefined && err.retryAfterMs >= 1000 && err.retryAfterMs <= 60_000);
      assert.equal(emulator.requests.length, 1);
    });

    it('stops waiting when cancelled', async () => {
      await setSecretsRateLimit(emulator, { limit: 0, windowMs: 1000 });
      const controller = new AbortController();
      const started = Date.now();
      const call = client(secretsApiKeys.main, fastRetry([])).list(web, controller.signal);
      setTimeout(() => controller.abort(), 100);
      const err = await failure(call);
      assert.ok(err instanceof NetworkError && err.failure === 'cancelled', `expected a cancellation, got ${String(err)}`);
      assert.ok(Date.now() - started < 900, 'did not wait out the Retry-After');
      assert.equal(emulator.requests.length, 1);
    });
  });
});
