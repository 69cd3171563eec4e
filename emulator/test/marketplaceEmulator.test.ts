/** The emulator's Marketplace mount over raw HTTP: what the client never sends, admin calls, seed. */
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { marketplaceDemo, seededMarketplaceValues, type MarketplacePush, type MarketplaceSecret } from '../marketplace/marketplaceState';
import { call, type ErrorBody } from '../core/testClient';

const { installationId: icfg, token, otherToken } = marketplaceDemo;
const secretsPath = (resource: string) => `/v1/installations/${icfg}/resources/${resource}/secrets`;

interface MountState {
  installations: Array<{ id: string; token?: string; products: unknown[]; resources: Array<{ partnerId: string; secrets: MarketplaceSecret[] }> }>;
  pushes: MarketplacePush[];
  contractViolations: string[];
}

describe('emulator: marketplace mount', () => {
  let emu: Emulator;

  const state = async () => (await call<MountState>(emu, 'GET', '/_emulator/marketplace/state')).body;
  const put = (resource: string, body: unknown) => call<ErrorBody>(emu, 'PUT', secretsPath(resource), { token, body });
  const secretsOf = async (resource: string) =>
    (await state()).installations.flatMap((i) => i.resources).find((r) => r.partnerId === resource)?.secrets ?? [];

  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  after(async () => { await emu.close(); });

  it('seeds two installations, three resources in the demo one, and never dumps tokens', async () => {
    const dump = await state();
    assert.deepEqual(dump.installations.map((i) => i.id), [icfg, marketplaceDemo.otherInstallationId]);
    assert.deepEqual(dump.installations[0]?.resources.map((r) => r.partnerId), ['res_primary_db', 'res_cache', 'res_provisioning']);
    const text = JSON.stringify(dump);
    assert.ok(!text.includes(token) && !text.includes(otherToken), 'no token in the state dump');
    assert.ok(dump.installations.every((i) => i.token === undefined));
    assert.equal(new Set(seededMarketplaceValues()).size, 6, 'distinct, greppable seed values');
  });

  it('never returns secret values from the API', async () => {
    const res = await call(emu, 'GET', `/v1/installations/${icfg}/resources`, { token });
    assert.equal(res.status, 200);
    for (const value of seededMarketplaceValues()) assert.ok(!res.text.includes(value), value);
  });

  it('answers 201 with an empty body and records the push', async () => {
    const res = await put('res_cache', { secrets: [{ name: 'REDIS_URL', value: 'redis://x-pass-9201@c' }] });
    assert.equal(res.status, 201);
    assert.equal(res.text, '');
    assert.deepEqual((await state()).pushes, [{ installationId: icfg, resourceId: 'res_cache', partial: false, names: ['REDIS_URL'], path: secretsPath('res_cache') }]);
    assert.deepEqual(emu.requests.map((r) => [r.method, r.authorized, r.status]), [['PUT', true, 201]]);
  });

  it('partial merges by name: a sent secret replaces the whole old one (overrides included)', async () => {
    await put('res_primary_db', { secrets: [{ name: 'POSTGRES_URL', value: 'postgres://merged-pass-9202@db/app' }], partial: true });
    const url = (await secretsOf('res_primary_db')).find((s) => s.name === 'POSTGRES_URL');
    assert.deepEqual(url, { name: 'POSTGRES_URL', value: 'postgres://merged-pass-9202@db/app' });
    assert.equal((await secretsOf('res_primary_db')).length, 3);
  });

  it('`partial: false` replaces all, like no `partial`', async () => {
    await put('res_primary_db', { secrets: [{ name: 'ONLY', value: 'only-key-9203' }], partial: false });
    assert.deepEqual((await secretsOf('res_primary_db')).map((s) => s.name), ['ONLY']);
  });

  it('refuses bad meaning with 400, duplicates with 422, and changes nothing', async () => {
    const table: Array<[unknown, number, string]> = [
      [{ secrets: [{ name: 'A', value: '' }] }, 400, 'missing_value'],
      [{ secrets: [{ name: 'A', value: 'v', environmentOverrides: { preview: '' } }] }, 400, 'missing_value'],
      [{ secrets: [{ name: 'A', value: 'v', prefix: '9X' }] }, 400, 'invalid_secret_prefix'],
      [{ secrets: [{ name: 'A-B', value: 'v' }] }, 400, 'invalid_secret_name'],
      [{ secrets: [{ name: 'A', value: 'v', environmentOverrides: { qa: 'v' } }] }, 400, 'invalid_environment'],
      [{ secrets: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }], partial: true }, 422, 'duplicate_secret_names'],
      [['not', 'an', 'object'], 400, 'bad_request'],
    ];
    for (const [body, status, code] of table) {
      const res = await put('res_cache', body);
      assert.deepEqual([res.status, res.body.error.code], [status, code], JSON.stringify(body));
    }
    assert.deepEqual((await secretsOf('res_cache')).map((s) => s.name), ['REDIS_URL']);
    assert.deepEqual((await state()).pushes, []);
  });

  it('a token reaches only its installation; the other one works with its own', async () => {
    assert.equal((await call(emu, 'PUT', `/v1/installations/${marketplaceDemo.otherInstallationId}/resources/res_other_kv/secrets`,
      { token, body: { secrets: [{ name: 'KV_TOKEN', value: 'v' }] } })).status, 403);
    assert.equal((await call(emu, 'PUT', `/v1/installations/${marketplaceDemo.otherInstallationId}/resources/res_other_kv/secrets`,
      { token: otherToken, body: { secrets: [{ name: 'KV_TOKEN', value: 'kv-token-key-9204' }] } })).status, 201);
    assert.equal((await call(emu, 'GET', `/v1/installations/${icfg}/resources`, { token: 'demo_alice_token_4f1c2e9a7b' })).status, 401,
      'a Vercel user token is no integration token');
  });

  it('answers 404 for paths and methods it does not serve', async () => {
    assert.equal((await call(emu, 'GET', `/v1/installations/${icfg}/account`, { token })).status, 404);
    assert.equal((await call(emu, 'POST', `/v1/installations/${icfg}/resources`, { token, body: {} })).status, 404);
    assert.equal((await call(emu, 'GET', secretsPath('res_cache'), { token })).status, 404, 'secrets cannot be read back');
  });

  it('resets through the admin call and with the emulator', async () => {
    await put('res_cache', { secrets: [{ name: 'X', value: 'x-9205' }] });
    assert.deepEqual((await call(emu, 'POST', '/_emulator/marketplace/reset')).body, { ok: true });
    assert.deepEqual((await secretsOf('res_cache')).map((s) => s.name), ['REDIS_URL']);
    await put('res_cache', { secrets: [{ name: 'X', value: 'x-9206' }], extra: 1 });
    assert.equal((await state()).contractViolations.length, 1);
    emu.reset();
    const after = await state();
    assert.deepEqual([after.pushes, after.contractViolations], [[], []]);
    assert.equal((await call(emu, 'GET', '/_emulator/marketplace/nothing')).status, 404);
  });
});
