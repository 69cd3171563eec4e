/**
 * "Bad input: clear error, no request" (the hardening issue), as ONE table across every
 * backend. Each row is a wrong input, the call that receives it (a real client against the
 * emulator, or a parser), and what the message must say. A client row must fail with an
 * InputError naming the problem while the emulator records no request at all: a refusal
 * the user reads at once, not a round trip the server has to refuse.
 */
import * as assert from 'node:assert/strict';
import { describeError, InputError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { MarketplaceClient, type ResourceSecret } from '../../src/core/marketplace/client';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { parseSecretsApiUrl, SecretsApiClient, secretsApiService } from '../../src/core/secretsApi';
import { parseApiUrl } from '../../src/core/validation/apiUrl';
import { VercelClient } from '../../src/core/vercel/client';
import type { EnvMutationTarget, EnvPatch, NewEnvVar } from '../../src/core/vercel/envWriter';
import type { Scope } from '../../src/core/vercel/models';
import { startEmulator, type Emulator } from '../../emulator';
import { marketplaceDemo } from '../../emulator';
import { buildSecretsApiSeed, secretsApiKeys, secretsApiProjects } from '../../emulator';
import { demoTokens } from '../../emulator';

type Backend = 'Vercel env' | 'Vercel account secrets' | 'Secrets API' | 'Marketplace' | '.env import' | 'API URL';

interface Clients {
  readonly vercel: VercelClient;
  readonly secretsApi: SecretsApiClient;
  readonly marketplace: MarketplaceClient;
  /** The id of an existing variable (alice-blog's DATABASE_URL), read from the emulator. */
  readonly envId: string;
}

interface Row {
  readonly backend: Backend;
  /** What is wrong with the input. */
  readonly wrong: string;
  /** The call: must throw (or reject with) an InputError. Absent for .env rows. */
  readonly call?: (c: Clients) => unknown;
  /** A .env file: parseDotenv must report exactly one problem, on `line`. */
  readonly dotenv?: string;
  readonly line?: number;
  /** What the message must say: the specific problem, not a generic "invalid". */
  readonly message: RegExp;
  /** Text the message must not repeat (a secret value). */
  readonly secret?: string;
}

const personal: Scope = { kind: 'personal' };
const blog: EnvMutationTarget = { scope: personal, projectId: 'prj_aliceblog' };
const icfg = marketplaceDemo.installationId;
const resourceId = 'res_primary_db';
const { web, full } = secretsApiProjects;

/** The keys the Secrets API seed puts in proj_full (the project at its cap). */
const fullKeys: readonly string[] = buildSecretsApiSeed().projects.find((p) => p.id === full)?.secrets.map((s) => s.key) ?? [];

const newEnv = (patch: Partial<NewEnvVar>): NewEnvVar => ({ key: 'GOOD_KEY', value: 'good-value-1', type: 'encrypted', targets: ['production'], ...patch });
const createEnv = (patch: Partial<NewEnvVar>) => (c: Clients) => c.vercel.envs.create(blog, newEnv(patch), false);
const updateEnv = (patch: EnvPatch) => (c: Clients) => c.vercel.envs.update(blog, c.envId, patch);
const createAccountSecret = (name: string, value = 'legacy-value-1') => (c: Clients) => c.vercel.accountSecrets.create(personal, { name, value });
const push = (secrets: readonly ResourceSecret[], options: { partial: boolean; productIdOrSlug?: string } = { partial: true }) =>
  (c: Clients) => c.marketplace.updateSecrets(icfg, resourceId, secrets, options);

const bigVercelValue = 'v'.repeat(64 * 1024 + 1);
/** 21,846 characters but 65,538 UTF-8 bytes: over the limit only when bytes are counted. */
const bigUtf8Value = '€'.repeat(21_846);
const bigSecretsApiValue = 's'.repeat(4097);

const table: readonly Row[] = [
  // --- Vercel environment variables (VercelClient.envs)
  { backend: 'Vercel env', wrong: 'empty key', call: createEnv({ key: '' }), message: /^Enter a name\.$/ },
  { backend: 'Vercel env', wrong: 'whitespace-only key', call: createEnv({ key: '   ' }), message: /must not start or end with a space/ },
  { backend: 'Vercel env', wrong: 'key of 257 characters', call: createEnv({ key: 'K'.repeat(257) }), message: /257 characters long; the maximum is 256/ },
  { backend: 'Vercel env', wrong: 'key with a leading digit', call: createEnv({ key: '1BAD' }), message: /must not start with a digit/ },
  { backend: 'Vercel env', wrong: 'key with an invalid character', call: createEnv({ key: 'MY-KEY' }), message: /only ASCII letters, digits and underscores, not "-"/ },
  { backend: 'Vercel env', wrong: 'reserved key AWS_REGION', call: createEnv({ key: 'AWS_REGION' }), message: /AWS_REGION is reserved by Vercel/ },
  { backend: 'Vercel env', wrong: 'reserved key TZ', call: createEnv({ key: 'TZ' }), message: /^TZ is reserved by Vercel/ },
  { backend: 'Vercel env', wrong: 'empty value', call: createEnv({ value: '' }), message: /^Enter a value\.$/ },
  { backend: 'Vercel env', wrong: 'value over 64 KB', call: createEnv({ value: bigVercelValue }), message: /65 KB; the maximum is 64 KB/, secret: bigVercelValue.slice(0, 64) },
  { backend: 'Vercel env', wrong: 'value over 64 KB in UTF-8 bytes only', call: createEnv({ value: bigUtf8Value }), message: /65 KB; the maximum is 64 KB/, secret: bigUtf8Value.slice(0, 16) },
  { backend: 'Vercel env', wrong: 'sensitive + development', call: createEnv({ type: 'sensitive', targets: ['production', 'development'] }), message: /Sensitive variables cannot target Development/ },
  { backend: 'Vercel env', wrong: 'no environment', call: createEnv({ targets: [] }), message: /Choose at least one environment/ },
  { backend: 'Vercel env', wrong: 'git branch with non-preview targets', call: createEnv({ targets: ['production', 'preview'], gitBranch: 'feature/x' }), message: /git branch can be set only when Preview is the only environment/ },
  { backend: 'Vercel env', wrong: 'comment of 501 characters', call: createEnv({ comment: 'c'.repeat(501) }), message: /501 characters long; the maximum is 500/ },
  { backend: 'Vercel env', wrong: 'rename to a key with a leading digit', call: updateEnv({ key: '9LIVES' }), message: /must not start with a digit/ },
  { backend: 'Vercel env', wrong: 'set an empty value', call: updateEnv({ value: '' }), message: /^Enter a value\.$/ },

  // --- Vercel legacy account secrets (VercelClient.accountSecrets)
  { backend: 'Vercel account secrets', wrong: 'empty name', call: createAccountSecret(''), message: /^Enter a name\.$/ },
  { backend: 'Vercel account secrets', wrong: 'whitespace-only name', call: createAccountSecret('   '), message: /must not be only spaces/ },
  { backend: 'Vercel account secrets', wrong: 'name of 101 characters', call: createAccountSecret('n'.repeat(101)), message: /101 characters long; the maximum is 100/ },
  { backend: 'Vercel account secrets', wrong: 'name with a leading "@"', call: createAccountSecret('@my-key'), message: /Leave out the "@"/ },
  { backend: 'Vercel account secrets', wrong: 'upper-case name', call: createAccountSecret('My-Key'), message: /lower case: use "my-key"/ },
  { backend: 'Vercel account secrets', wrong: 'name with an invalid character', call: createAccountSecret('my.key'), message: /only lower-case letters, digits, "-" and "_", not "\."/ },
  { backend: 'Vercel account secrets', wrong: 'empty value', call: createAccountSecret('my-key', ''), message: /a secret cannot be empty/ },
  { backend: 'Vercel account secrets', wrong: 'rename to a name with a space', call: (c) => c.vercel.accountSecrets.rename(personal, 'blog-api-token', 'new name'), message: /not "a space"/ },
  { backend: 'Vercel account secrets', wrong: 'rename without a secret', call: (c) => c.vercel.accountSecrets.rename(personal, '', 'new-name'), message: /Choose the secret to rename/ },
  { backend: 'Vercel account secrets', wrong: 'delete without a secret', call: (c) => c.vercel.accountSecrets.delete(personal, ''), message: /Choose the secret to delete/ },

  // --- Secrets API (SecretsApiClient)
  { backend: 'Secrets API', wrong: 'empty key', call: (c) => c.secretsApi.set(web, '', 'v'), message: /^Enter a key name\.$/ },
  { backend: 'Secrets API', wrong: 'whitespace-only key', call: (c) => c.secretsApi.set(web, '   ', 'v'), message: /must start with a letter \(A–Z\), not a space/ },
  { backend: 'Secrets API', wrong: 'key of 65 characters', call: (c) => c.secretsApi.set(web, 'K'.repeat(65), 'v'), message: /65 characters long; the maximum is 64/ },
  { backend: 'Secrets API', wrong: 'lower-case key', call: (c) => c.secretsApi.set(web, 'lower_case', 'v'), message: /must be upper case \(UPPER_SNAKE_CASE\): use "LOWER_CASE"/ },
  { backend: 'Secrets API', wrong: 'key with a leading digit', call: (c) => c.secretsApi.set(web, '1KEY', 'v'), message: /must start with a letter \(A–Z\), not "1"/ },
  { backend: 'Secrets API', wrong: 'key with an invalid character', call: (c) => c.secretsApi.set(web, 'MY-KEY', 'v'), message: /not "-"\. Did you mean "MY_KEY"\?/ },
  { backend: 'Secrets API', wrong: 'empty value', call: (c) => c.secretsApi.set(web, 'GOOD_KEY', ''), message: /value: it must not be empty/ },
  { backend: 'Secrets API', wrong: 'value of 4097 characters', call: (c) => c.secretsApi.set(web, 'GOOD_KEY', bigSecretsApiValue), message: /4097 characters long; the maximum is 4096/, secret: bigSecretsApiValue.slice(0, 64) },
  { backend: 'Secrets API', wrong: 'a 26th key', call: (c) => c.secretsApi.setChecked(full, 'SECRET_26', 'v', fullKeys), message: /already has 25 secrets; the maximum is 25\. Delete a secret before adding SECRET_26/ },
  { backend: 'Secrets API', wrong: 'empty project id (list)', call: (c) => c.secretsApi.list(''), message: /project id is empty/ },
  { backend: 'Secrets API', wrong: 'whitespace project id (set)', call: (c) => c.secretsApi.set('  ', 'GOOD_KEY', 'v'), message: /project id is empty/ },
  { backend: 'Secrets API', wrong: 'delete a lower-case key', call: (c) => c.secretsApi.delete(web, 'database_url'), message: /upper case.*use "DATABASE_URL"/ },

  // --- Vercel Marketplace (MarketplaceClient)
  { backend: 'Marketplace', wrong: 'installation id cfg_1 (list)', call: (c) => c.marketplace.listResources('cfg_1'), message: /installation id is "icfg_" followed by letters and digits/ },
  { backend: 'Marketplace', wrong: 'empty installation id', call: (c) => c.marketplace.listResources(''), message: /Enter the installation id \(icfg_…\)/ },
  { backend: 'Marketplace', wrong: 'installation id cfg_1 (push)', call: (c) => c.marketplace.updateSecrets('cfg_1', resourceId, [{ name: 'A', value: 'a' }], { partial: true }), message: /"icfg_" followed by letters and digits/ },
  { backend: 'Marketplace', wrong: 'empty secret list (partial)', call: push([]), message: /There are no secrets to send/ },
  { backend: 'Marketplace', wrong: 'empty secret list (replace all)', call: push([], { partial: false }), message: /There are no secrets to send/ },
  { backend: 'Marketplace', wrong: 'unknown override environment', call: push([{ name: 'DB_URL', value: 'x', environmentOverrides: { staging: 'y' } as ResourceSecret['environmentOverrides'] }]), message: /DB_URL: "staging" is not an environment with overrides: use production, preview, development/ },
  { backend: 'Marketplace', wrong: 'name of 257 characters', call: push([{ name: 'N'.repeat(257), value: 'x' }]), message: /name is 257 characters long; the maximum is 256/ },
  { backend: 'Marketplace', wrong: 'empty name', call: push([{ name: '', value: 'x' }]), message: /^\(no name\): Enter a name\.$/ },
  { backend: 'Marketplace', wrong: 'name with a leading digit', call: push([{ name: '2FA_SEED', value: 'x' }]), message: /2FA_SEED: The name must not start with a digit/ },
  { backend: 'Marketplace', wrong: 'empty value', call: push([{ name: 'DB_URL', value: '' }]), message: /DB_URL: The value is empty/ },
  { backend: 'Marketplace', wrong: 'empty override value', call: push([{ name: 'DB_URL', value: 'x', environmentOverrides: { preview: '' } }]), message: /DB_URL: The preview value is empty/ },
  { backend: 'Marketplace', wrong: 'prefix + name over 256', call: push([{ name: 'N'.repeat(200), prefix: 'P'.repeat(60), value: 'x' }]), message: /Prefix and name together are 260 characters long; the maximum is 256/ },
  { backend: 'Marketplace', wrong: 'the same name twice', call: push([{ name: 'DB_URL', value: 'a' }, { name: 'DB_URL', value: 'b' }]), message: /DB_URL is listed twice/ },
  { backend: 'Marketplace', wrong: 'empty resource id', call: (c) => c.marketplace.updateSecrets(icfg, '', [{ name: 'A', value: 'a' }], { partial: true }), message: /Choose a resource/ },
  { backend: 'Marketplace', wrong: 'empty product id or slug', call: push([{ name: 'A', value: 'a' }], { partial: true, productIdOrSlug: '' }), message: /Enter the product id or slug, or leave it out/ },

  // --- .env import (parseDotenv): every malformed line with its number
  { backend: '.env import', wrong: 'line without "="', dotenv: 'GOOD=1\nJUST_A_NAME\nOTHER=2\n', line: 2, message: /this line has no "="/ },
  { backend: '.env import', wrong: '"NAME: value" line', dotenv: 'GOOD=1\nOTHER=2\nNAME: value\n', line: 3, message: /"NAME: value" form is not supported/ },
  { backend: '.env import', wrong: 'name with a leading digit', dotenv: '# header\n\n1ST=x\n', line: 3, message: /must not start with a digit/ },
  { backend: '.env import', wrong: 'name with an invalid character', dotenv: 'MY-KEY=x\n', line: 1, message: /only ASCII letters, digits and underscores, not "-"/ },
  { backend: '.env import', wrong: 'no name before "="', dotenv: 'A=1\nB=2\nC=3\n=orphan\n', line: 4, message: /no name before "="/ },
  { backend: '.env import', wrong: 'unterminated quote', dotenv: 'A=1\nB="never closed\n', line: 2, message: /The " that opens the value is never closed/ },

  // --- API base URLs (parseApiUrl for Vercel, parseSecretsApiUrl for the Secrets API)
  { backend: 'API URL', wrong: 'not a URL', call: () => parseApiUrl('not a url', 'Vercel API URL'), message: /The Vercel API URL "not a url" is not a valid URL/ },
  { backend: 'API URL', wrong: 'ftp:// scheme', call: () => parseSecretsApiUrl('ftp://x'), message: /The Secrets API URL must start with https:\/\/ \(got ftp:\)/ },
  { backend: 'API URL', wrong: 'http:// on a non-loopback host', call: () => parseSecretsApiUrl('http://example.com'), message: /must use https:\/\/; http:\/\/ is allowed only for localhost/ },
  { backend: 'API URL', wrong: 'user and password in the URL', call: () => parseApiUrl('https://user:hunter2pw@x', 'Vercel API URL'), message: /must not contain a user name or password/, secret: 'hunter2pw' },
  { backend: 'API URL', wrong: 'query string', call: () => parseSecretsApiUrl('https://secrets.example.com/?token=tok3n_q9'), message: /must not contain a query or fragment/, secret: 'tok3n_q9' },
  { backend: 'API URL', wrong: 'fragment', call: () => parseApiUrl('https://api.example.com/#x', 'Vercel API URL'), message: /must not contain a query or fragment/ },
  { backend: 'API URL', wrong: 'empty URL', call: () => parseSecretsApiUrl('   '), message: /The Secrets API URL is empty/ },
];

describe('Bad input: a clear error and no request, across every backend', () => {
  let emulator: Emulator;
  let transport: Transport;
  let clients: Clients;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    transport = createUndiciTransport();
    const api = (token: string, service: string, baseUrl = new URL(emulator.url)) => new JsonApi({ baseUrl, token, transport, service });
    const envId = emulator.state.projects.find((p) => p.id === blog.projectId)?.envs.find((e) => e.key === 'DATABASE_URL')?.id;
    assert.ok(envId, 'alice-blog has a DATABASE_URL in the seed');
    clients = {
      vercel: new VercelClient(api(demoTokens.alice, 'Vercel')),
      secretsApi: new SecretsApiClient(api(secretsApiKeys.main, secretsApiService, parseSecretsApiUrl(emulator.url))),
      marketplace: new MarketplaceClient(api(marketplaceDemo.token, 'Vercel Marketplace')),
      envId,
    };
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('starts the 26th-key row from a project that really is at the cap of 25', () => {
    assert.equal(fullKeys.length, 25);
    assert.ok(!fullKeys.includes('SECRET_26'));
  });

  for (const [index, row] of table.entries()) {
    it(`#${index + 1} ${row.backend}: ${row.wrong}`, async () => {
      if (row.dotenv !== undefined) {
        const { entries, problems } = parseDotenv(row.dotenv);
        assert.equal(problems.length, 1, `exactly one problem, got ${JSON.stringify(problems)}`);
        assert.equal(problems[0].line, row.line, `the problem names line ${row.line}`);
        assert.match(problems[0].message, row.message);
        assert.ok(!entries.some((e) => e.line === row.line), 'the malformed line is not imported');
        return;
      }
      assert.ok(row.call, 'a row has a call or a .env text');
      const err = await Promise.resolve().then(() => row.call!(clients)).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof InputError, `expected an InputError, got ${err === undefined ? 'success' : String(err)}`);
      assert.match(err.message, row.message);
      // What the user is shown is that message, word for word.
      assert.equal(describeError(err), err.message);
      if (row.secret !== undefined) assert.ok(!err.message.includes(row.secret), 'the message repeats the input it refuses');
      assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), [], 'no request was made');
    });
  }

  it(`has at least 30 rows, across every backend (${table.length})`, () => {
    const backends = new Set(table.map((r) => r.backend));
    console.log(`      bad-input table: ${table.length} rows across ${backends.size} backends`);
    assert.ok(table.length >= 30, `only ${table.length} rows`);
    assert.deepEqual([...backends].sort(), ['.env import', 'API URL', 'Marketplace', 'Secrets API', 'Vercel account secrets', 'Vercel env']);
    // Each row names a distinct problem.
    assert.equal(new Set(table.map((r) => `${r.backend}: ${r.wrong}`)).size, table.length);
  });
});
