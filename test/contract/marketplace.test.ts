/**
 * The Marketplace mount and MarketplaceClient against the OpenAPI subset: every answer the
 * emulator gives, and every body the client sends, conforms; the same validator rejects a
 * body with an extra property and answers off the schema.
 *
 * The core does not check mounted APIs, so the mount checks its own traffic and keeps the
 * findings in `GET /_emulator/marketplace/state` → `contractViolations`; both lists are
 * asserted here.
 */
import * as assert from 'node:assert/strict';
import { JsonApi } from '../../src/core/http/jsonApi';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { MarketplaceClient } from '../../src/core/marketplace/client';
import { startEmulator, type Emulator } from '../../emulator';
import { loadContract } from '../../emulator';
import { marketplaceDemo } from '../../emulator';
import { call } from '../../emulator';

const { installationId: icfg, token, otherToken } = marketplaceDemo;
const resources = `/v1/installations/${icfg}/resources`;
const secretsOf = (resource: string) => `/v1/installations/${icfg}/resources/${resource}/secrets`;
const productSecretsOf = (product: string, resource: string) => `/v1/installations/${icfg}/products/${product}/resources/${resource}/secrets`;
const push = { secrets: [{ name: 'REDIS_URL', value: 'redis://contract-pass-9101@c' }], partial: true };
const full = { secrets: [{ name: 'REDIS_URL', value: 'redis://contract-pass-9102@c', prefix: 'KV_', environmentOverrides: { preview: 'p-9103' } }] };
const twice = { secrets: [push.secrets[0], push.secrets[0]] };

interface Case {
  why: string;
  method: 'GET' | 'PUT';
  path: string;
  status: number;
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  /** The request breaks the spec on purpose: the mount must record it. */
  badRequestBody?: boolean;
}

const cases: Case[] = [
  { why: 'resources', method: 'GET', path: resources, status: 200 },
  { why: 'no token', method: 'GET', path: resources, status: 401, token: null },
  { why: 'unknown token', method: 'GET', path: resources, status: 401, token: 'nope_nope_nope' },
  { why: 'another installation\'s token', method: 'GET', path: resources, status: 403, token: otherToken },
  { why: 'unknown installation', method: 'GET', path: '/v1/installations/icfg_nope123/resources', status: 404 },
  { why: 'partial push', method: 'PUT', path: secretsOf('res_cache'), status: 201, body: push },
  { why: 'replace-all push', method: 'PUT', path: secretsOf('res_cache'), status: 201, body: full },
  { why: 'an unknown property', method: 'PUT', path: secretsOf('res_cache'), status: 400, body: { ...push, force: true }, badRequestBody: true },
  { why: 'an unknown secret property', method: 'PUT', path: secretsOf('res_cache'), status: 400,
    body: { secrets: [{ name: 'A', value: 'v', comment: 'x' }] }, badRequestBody: true },
  { why: 'a secret without value', method: 'PUT', path: secretsOf('res_cache'), status: 400, body: { secrets: [{ name: 'A' }] }, badRequestBody: true },
  { why: 'malformed JSON', method: 'PUT', path: secretsOf('res_cache'), status: 400, rawBody: '{"secrets":', badRequestBody: true },
  { why: 'an invalid name', method: 'PUT', path: secretsOf('res_cache'), status: 400, body: { secrets: [{ name: '1-BAD', value: 'v' }] } },
  { why: 'an unknown override environment', method: 'PUT', path: secretsOf('res_cache'), status: 400,
    body: { secrets: [{ name: 'A', value: 'v', environmentOverrides: { staging: 's' } }] } },
  { why: 'no token', method: 'PUT', path: secretsOf('res_cache'), status: 401, body: push, token: null },
  { why: 'another installation\'s token', method: 'PUT', path: secretsOf('res_cache'), status: 403, body: push, token: otherToken },
  { why: 'unknown resource', method: 'PUT', path: secretsOf('res_nope'), status: 404, body: push },
  { why: 'resource not ready', method: 'PUT', path: secretsOf('res_provisioning'), status: 409, body: push },
  { why: 'a name twice', method: 'PUT', path: secretsOf('res_cache'), status: 422, body: twice },
  { why: 'by product id', method: 'PUT', path: productSecretsOf('iap_demo_postgres', 'res_cache'), status: 201, body: push },
  { why: 'by product slug', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_cache'), status: 201, body: full },
  { why: 'no body (required here)', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_cache'), status: 400, badRequestBody: true },
  { why: 'wrong product', method: 'PUT', path: productSecretsOf('iap_other_kv', 'res_cache'), status: 404, body: push },
  { why: 'no token', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_cache'), status: 401, body: push, token: null },
  { why: 'another installation\'s token', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_cache'), status: 403, body: push, token: otherToken },
  { why: 'resource not ready', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_provisioning'), status: 409, body: push },
  { why: 'a name twice', method: 'PUT', path: productSecretsOf('demo-postgres', 'res_cache'), status: 422, body: twice },
];

describe('marketplace contract: OpenAPI subset', () => {
  const contract = loadContract();
  let emu: Emulator;

  const mountViolations = async (): Promise<string[]> =>
    (await call<{ contractViolations: string[] }>(emu, 'GET', '/_emulator/marketplace/state')).body.contractViolations;

  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, []));
  after(async () => { await emu.close(); });

  for (const c of cases) {
    it(`${c.method} ${c.path.replace(icfg, '{icfg}')} → ${c.status} (${c.why})`, async () => {
      const res = await call(emu, c.method, c.path, { token: c.token === undefined ? token : c.token, body: c.body, rawBody: c.rawBody });
      assert.equal(res.status, c.status, res.text);
      const op = contract.match(c.method, c.path);
      assert.ok(op, `${c.method} ${c.path} is not in the spec`);
      assert.ok(contract.declaredStatuses(c.method, op.template).includes(c.status), `${c.status} is not declared`);
      assert.deepEqual(contract.checkResponse(c.method, op.template, res.status, res.body), []);
      if (c.status === 201) assert.equal(res.text, '', '201 has no body');
      const violations = await mountViolations();
      assert.equal(violations.length, c.badRequestBody ? 1 : 0, violations.join('\n'));
      if (c.badRequestBody) assert.match(violations[0] ?? '', /^PUT \/v1\/installations\/.* request body: /);
    });
  }

  it('covers every marketplace operation of the spec with a success and an error status', () => {
    const templates = ['GET /v1/installations/{integrationConfigurationId}/resources',
      'PUT /v1/installations/{integrationConfigurationId}/resources/{resourceId}/secrets',
      'PUT /v1/installations/{integrationConfigurationId}/products/{integrationProductIdOrSlug}/resources/{resourceId}/secrets'];
    for (const operation of templates) {
      const [method, template] = operation.split(' ') as [string, string];
      const statuses = cases.filter((c) => c.method === method && contract.match(c.method, c.path)?.template === template).map((c) => c.status);
      assert.ok(statuses.some((s) => s < 300) && statuses.some((s) => s >= 400), operation);
    }
  });

  it('the bodies MarketplaceClient sends conform to the requestBody schema', async () => {
    const transport = createUndiciTransport();
    try {
      const client = new MarketplaceClient(new JsonApi({ baseUrl: new URL(emu.url), token, transport }));
      const secret = { name: 'DB_URL', value: 'db-pass-9104', prefix: 'PG_', environmentOverrides: { production: 'p-9105', preview: 'v-9106', development: 'd-9107' } };
      await client.listResources(icfg);
      await client.updateSecrets(icfg, 'res_primary_db', [secret, { name: 'PLAIN', value: 'plain-9108' }], { partial: true });
      await client.updateSecrets(icfg, 'res_primary_db', [secret], { partial: false });
      await client.updateSecrets(icfg, 'res_cache', [secret], { partial: true, productIdOrSlug: 'demo-postgres' });
    } finally {
      await transport.close();
    }
    const puts = emu.requests.filter((r) => r.method === 'PUT');
    assert.deepEqual(puts.map((r) => r.status), [201, 201, 201]);
    for (const request of puts) {
      const op = contract.match('PUT', request.path);
      assert.ok(op);
      assert.deepEqual(contract.checkRequest('PUT', op.template, request.body), [], JSON.stringify(request.body));
    }
    assert.deepEqual(await mountViolations(), []);
  });

  describe('the validator rejects what the spec forbids', () => {
    const template = '/v1/installations/{integrationConfigurationId}/resources/{resourceId}/secrets';

    it('request bodies with an extra property, a missing field, a wrong type', () => {
      assert.deepEqual(contract.checkRequest('PUT', template, push), []);
      assert.match(contract.checkRequest('PUT', template, { ...push, force: true })[0] ?? '', /request body: .*additional properties/);
      assert.match(contract.checkRequest('PUT', template, { secrets: [{ name: 'A', value: 'v', color: 'red' }] })[0] ?? '', /additional properties/);
      assert.notDeepEqual(contract.checkRequest('PUT', template, { partial: true }), []);
      assert.notDeepEqual(contract.checkRequest('PUT', template, { secrets: [{ name: 'A', value: 1 }] }), []);
      assert.notDeepEqual(contract.checkRequest('PUT', template, { secrets: [], partial: 'yes' }), []);
    });

    it('an extra property sent to the emulator is refused (400) and recorded', async () => {
      const res = await call(emu, 'PUT', secretsOf('res_cache'), { token, body: { ...push, dryRun: true } });
      assert.equal(res.status, 400);
      const violations = await mountViolations();
      assert.equal(violations.length, 1);
      assert.match(violations[0] ?? '', /^PUT .*\/secrets request body: .*additional properties/);
    });

    it('answers off the schema: a resource without partnerId, an unknown status, an undeclared status', async () => {
      const list = (await call<{ resources: Array<Record<string, unknown>> }>(emu, 'GET', resources, { token })).body;
      const op = '/v1/installations/{integrationConfigurationId}/resources';
      assert.deepEqual(contract.checkResponse('GET', op, 200, list), []);
      const copy = structuredClone(list);
      delete copy.resources[0]?.partnerId;
      assert.notDeepEqual(contract.checkResponse('GET', op, 200, copy), []);
      const status = structuredClone(list);
      status.resources[0]!.status = 'sleeping';
      assert.notDeepEqual(contract.checkResponse('GET', op, 200, status), []);
      assert.notDeepEqual(contract.checkResponse('PUT', template, 200, undefined), [], '200 is not declared: Vercel answers 201');
      assert.notDeepEqual(contract.checkResponse('PUT', template, 409, { message: 'x' }), [], 'errors have the envelope');
    });
  });
});
