import * as assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import {
  apiKeyProblem, capProblem, maxSecretKeyLength, maxSecretsPerProject, maxSecretValueLength, parseSecretsApiUrl, secretKeyProblem,
  secretValueProblem, suggestedSecretKey,
} from '../../src/core/secretsApi';
import { startEmulator, type Emulator } from '../../emulator';
import { secretsApiProjects } from '../../emulator';
import { secretsCall, secretsPath, storedSecrets, type SecretsErrorBody } from '../../emulator';

/**
 * The client's rules checked case by case against the emulator, which implements seed
 * 002's rules on its own: for every key and value the client and the server agree.
 */
describe('Secrets API rules (cross-checked with the emulator)', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  beforeEach(() => emulator.reset());
  after(() => emulator.close());

  /** What the server says to a raw POST of this key/value into the empty project: 200 or the 400's code. */
  async function serverVerdict(key: string, value: string): Promise<number> {
    const res = await secretsCall<SecretsErrorBody>(emulator, 'POST', secretsPath(secretsApiProjects.empty), { body: { key, value } });
    if (res.status === 400) assert.equal(res.body.error.code, 'VALIDATION_ERROR');
    return res.status;
  }

  describe('secretKeyProblem', () => {
    const cases: Array<[label: string, key: string, message: RegExp | undefined]> = [
      ['one letter', 'A', undefined],
      ['64 characters', `A${'B'.repeat(maxSecretKeyLength - 1)}`, undefined],
      ['digits and underscores after the letter', 'S3_SECRET_ACCESS_KEY_2', undefined],
      ['trailing and double underscores', 'A__B_', undefined],
      ['empty', '', /^Enter a key name\.$/],
      ['65 characters', `A${'B'.repeat(maxSecretKeyLength)}`, /^The key is 65 characters long; the maximum is 64\.$/],
      ['200 lower-case characters (length first)', 'a'.repeat(200), /200 characters long; the maximum is 64/],
      ['a leading digit', '9LIVES', /^The key must start with a letter \(A–Z\), not "9"\.$/],
      ['a leading underscore', '_PRIVATE', /must start with a letter \(A–Z\), not "_"/],
      ['a leading space', ' KEY', /must start with a letter \(A–Z\), not a space/],
      ['lower case', 'database_url', /^The key must be upper case \(UPPER_SNAKE_CASE\): use "DATABASE_URL"\.$/],
      ['mixed case', 'StripeKey', /use "STRIPEKEY"/],
      ['a dash', 'API-KEY', /^The key may contain only upper-case letters A–Z, digits and underscores, not "-"\. Did you mean "API_KEY"\?$/],
      ['lower case and a dash', 'my-key', /not "-"\. Did you mean "MY_KEY"\?/],
      ['a dot', 'APP.NAME', /not "\."\. Did you mean "APP_NAME"\?/],
      ['a trailing space', 'KEY ', /not a space\. Did you mean "KEY"\?/],
      ['an equals sign (no suggestion)', 'A=B', /not "="\.$/],
      ['a non-ASCII letter', 'STRAßE', /not "ß" \(U\+00DF LATIN SMALL LETTER SHARP S at position 5\)\.$/],
      ['an emoji, named whole', 'KEY_🔑', /not "🔑" \(U\+1F511 KEY at position 5\)\.$/],
      ['a control character', 'KEY\u0007', /not U\+0007 ALERT at position 4\.$/],
      ['a tab', 'KEY\tX', /not U\+0009 CHARACTER TABULATION at position 4\.$/],
    ];
    for (const [label, key, message] of cases) {
      it(`${message ? 'refuses' : 'accepts'} a key with ${label}, as the server does`, async () => {
        const problem = secretKeyProblem(key);
        if (message === undefined) assert.equal(problem, undefined);
        else assert.match(problem ?? '(accepted)', message);
        assert.equal(await serverVerdict(key, 'value-1'), message === undefined ? 200 : 400);
      });
    }

    it('suggests only keys that are valid themselves, and the server accepts them', async () => {
      assert.equal(suggestedSecretKey('db url'), 'DB_URL');
      assert.equal(suggestedSecretKey('DATABASE_URL'), undefined, 'nothing to suggest for a valid key');
      assert.equal(suggestedSecretKey('1abc'), undefined, 'still starts with a digit');
      assert.equal(suggestedSecretKey('a'.repeat(65)), undefined, 'still too long');
      for (const key of ['db url', 'x-y', 'app.name', 'lower']) {
        const suggestion = suggestedSecretKey(key) ?? '';
        assert.equal(secretKeyProblem(suggestion), undefined, key);
        assert.equal(await serverVerdict(suggestion, 'value-1'), 200, suggestion);
      }
    });
  });

  describe('secretValueProblem', () => {
    const cases: Array<[label: string, value: string, message: RegExp | undefined]> = [
      ['one character', 'x', undefined],
      ['4096 characters', 'v'.repeat(maxSecretValueLength), undefined],
      ['only spaces', '   ', undefined],
      ['line breaks and JSON', '{"a":\n"b"}', undefined],
      ['nothing', '', /^Enter a value: it must not be empty\.$/],
      ['4097 characters', 'v'.repeat(maxSecretValueLength + 1), /^The value is 4097 characters long; the maximum is 4096\.$/],
      ['2100 emoji (4200 UTF-16 units)', '🔑'.repeat(2100), /4200 UTF-16 units long \(emoji .* count as 2\); the maximum is 4096/],
    ];
    for (const [label, value, message] of cases) {
      it(`${message ? 'refuses' : 'accepts'} a value of ${label}, as the server does`, async () => {
        const problem = secretValueProblem(value);
        if (message === undefined) assert.equal(problem, undefined);
        else assert.match(problem ?? '(accepted)', message);
        assert.equal(await serverVerdict('SOME_KEY', value), message === undefined ? 200 : 400);
      });
    }

    it('never quotes the value', () => {
      const value = `secret-sapi-${'z'.repeat(5000)}`;
      const problem = secretValueProblem(value);
      assert.ok(problem !== undefined && !problem.includes('secret-sapi'));
    });
  });

  describe('capProblem', () => {
    it('refuses a new key at 25 in the client exactly where the server answers 409, and allows updates', async () => {
      const projectId = secretsApiProjects.full;
      const keys = (await storedSecrets(emulator, projectId)).map((s) => s.key);
      assert.equal(keys.length, maxSecretsPerProject);
      const problem = capProblem(keys, 'BRAND_NEW');
      assert.match(problem ?? '', /^This project already has 25 secrets; the maximum is 25\. Delete a secret before adding BRAND_NEW, or update an existing key instead \(updates are always allowed\)\.$/);
      const refused = await secretsCall<SecretsErrorBody>(emulator, 'POST', secretsPath(projectId), { body: { key: 'BRAND_NEW', value: 'v' } });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'SECRET_LIMIT_EXCEEDED');

      assert.equal(capProblem(keys, 'SECRET_13'), undefined);
      assert.equal((await secretsCall(emulator, 'POST', secretsPath(projectId), { body: { key: 'SECRET_13', value: 'v' } })).status, 200);

      const fewer = keys.slice(1);
      assert.equal(capProblem(fewer, 'BRAND_NEW'), undefined, '24 existing: a new key is fine');
      assert.equal((await secretsCall(emulator, 'DELETE', secretsPath(projectId, keys[0]!))).status, 200);
      assert.equal((await secretsCall(emulator, 'POST', secretsPath(projectId), { body: { key: 'BRAND_NEW', value: 'v' } })).status, 200);
      assert.equal((await storedSecrets(emulator, projectId)).length, 25);
    });

    it('allows anything below the cap, including an empty project', () => {
      assert.equal(capProblem([], 'FIRST'), undefined);
      assert.equal(capProblem(Array.from({ length: 24 }, (_, i) => `K${i}`), 'K_NEW'), undefined);
      assert.match(capProblem(Array.from({ length: 30 }, (_, i) => `K${i}`), 'K_NEW') ?? '', /already has 30 secrets; the maximum is 25/);
    });
  });

  describe('apiKeyProblem and parseSecretsApiUrl', () => {
    it('refuses empty keys and keys with spaces or control characters, never quoting the key', () => {
      assert.equal(apiKeyProblem('demo_secrets_api_key_7c41e2'), undefined);
      assert.match(apiKeyProblem('') ?? '', /Enter an API key/);
      for (const bad of ['abc def-sapi', 'abc\ndef-sapi', 'abc\u0000-sapi', 'clé-sapi']) {
        const problem = apiKeyProblem(bad);
        assert.ok(problem !== undefined && !problem.includes('-sapi'), JSON.stringify(bad));
      }
    });

    it('accepts the emulator URL and https, refuses plain http elsewhere and URLs with credentials', () => {
      assert.equal(parseSecretsApiUrl(emulator.url).origin, emulator.url);
      assert.equal(parseSecretsApiUrl('https://secrets.example.com').href, 'https://secrets.example.com/');
      assert.throws(() => parseSecretsApiUrl('http://secrets.example.com'), (e: unknown) => e instanceof InputError && /Secrets API URL must use https/.test(e.message));
      assert.throws(() => parseSecretsApiUrl('https://user:pw@secrets.example.com'), InputError);
      assert.throws(() => parseSecretsApiUrl('not a url', 'projectSecrets.secretsApi.url setting'), /projectSecrets\.secretsApi\.url setting/);
    });
  });
});
