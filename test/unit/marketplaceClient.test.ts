import * as assert from 'node:assert/strict';
import { ApiError, describeError, InputError, InvalidResponseError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { MarketplaceClient, type ResourceSecret } from '../../src/core/marketplace/client';
import { startEmulator, type Emulator } from '../../emulator';
import { marketplaceDemo, type MarketplacePush, type MarketplaceSecret } from '../../emulator';
import { call } from '../../emulator';
import { json, startRawServer } from './helpers/rawServer';

const { installationId: icfg, token, otherToken, otherInstallationId } = marketplaceDemo;

interface MountState {
  installations: Array<{ id: string; resources: Array<{ partnerId: string; status: string; secrets: MarketplaceSecret[] }> }>;
  pushes: MarketplacePush[];
  contractViolations: string[];
}

describe('MarketplaceClient against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;

  function client(bearer: string = token): MarketplaceClient {
    return new MarketplaceClient(new JsonApi({ baseUrl: new URL(emulator.url), token: bearer, transport, service: 'Vercel' }));
  }

  async function mountState(): Promise<MountState> {
    return (await call<MountState>(emulator, 'GET', '/_emulator/marketplace/state')).body;
  }

  async function secretsOf(resourceId: string): Promise<MarketplaceSecret[]> {
    const resource = (await mountState()).installations.flatMap((i) => i.resources).find((r) => r.partnerId === resourceId);
    assert.ok(resource, resourceId);
    return resource.secrets;
  }

  async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    for (const text of [err.message, err.apiMessage ?? '', err.stack ?? '', describeError(err)]) {
      for (const t of [token, otherToken]) assert.ok(!text.includes(t), `the error text carries a token: ${text}`);
    }
    return err;
  }

  const pushRequests = () => emulator.requests.filter((r) => r.method === 'PUT');

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  afterEach(async () => {
    assert.deepEqual(emulator.contractViolations, []);
    // The mount checks its own traffic against the spec; the client never breaks it.
    assert.deepEqual((await mountState()).contractViolations, []);
  });
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  describe('listResources', () => {
    it('lists the installation\'s resources by partner id', async () => {
      const resources = await client().listResources(icfg);
      assert.deepEqual(resources.map((r) => [r.id, r.name, r.productId, r.status]), [
        ['res_primary_db', 'primary-db', 'iap_demo_postgres', 'ready'],
        ['res_cache', 'cache', 'iap_demo_postgres', 'ready'],
        ['res_provisioning', 'analytics-db', 'iap_demo_postgres', 'pending'],
      ]);
      assert.equal(resources[0]?.internalId, 'store_Pr1maryDb0001');
      assert.deepEqual(emulator.requests.map((r) => [r.method, r.path, r.authorized]), [['GET', `/v1/installations/${icfg}/resources`, true]]);
    });

    it('401 for an unknown token, 403 for another installation\'s token, 404 for an unknown installation', async () => {
      assert.equal((await apiFailure(client('demo_marketplace_token_wrong').listResources(icfg))).status, 401);
      assert.equal((await apiFailure(client(otherToken).listResources(icfg))).status, 403);
      assert.equal((await apiFailure(client().listResources('icfg_doesnotexist1'))).status, 404);
      assert.deepEqual((await client(otherToken).listResources(otherInstallationId)).map((r) => r.id), ['res_other_kv']);
    });

    it('checks the installation id before any request', async () => {
      await assert.rejects(client().listResources('cfg_1'), InputError);
      assert.equal(emulator.requests.length, 0);
    });

    it('rejects an answer of the wrong shape', async () => {
      const server = await startRawServer((_req, res) => json(res, 200, { resources: [{ id: 'res_1', name: 'x' }] }));
      try {
        const raw = new MarketplaceClient(new JsonApi({ baseUrl: new URL(server.url), token: 't0k3n_abcdef', transport, service: 'Vercel' }));
        const err = await raw.listResources(icfg).then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof InvalidResponseError, String(err));
        assert.equal(err.service, 'Vercel');
        assert.match(describeError(err), /^Vercel sent an answer this extension cannot read: resource has no partnerId\./);
      } finally {
        await server.close();
      }
    });
  });

  describe('updateSecrets', () => {
    const rotated: ResourceSecret = { name: 'POSTGRES_PASSWORD', value: 'rotated-db-pass-9001' };

    it('partial: sends `partial: true` and only the given secrets; the others stay', async () => {
      await client().updateSecrets(icfg, 'res_primary_db', [rotated, { name: 'POSTGRES_USER', value: 'app-user-9002' }], { partial: true });
      assert.deepEqual(pushRequests().map((r) => [r.path, r.body]), [[`/v1/installations/${icfg}/resources/res_primary_db/secrets`, {
        secrets: [{ name: 'POSTGRES_PASSWORD', value: 'rotated-db-pass-9001' }, { name: 'POSTGRES_USER', value: 'app-user-9002' }], partial: true,
      }]]);
      const secrets = await secretsOf('res_primary_db');
      assert.deepEqual(secrets.map((s) => s.name).sort(), ['POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_URL', 'POSTGRES_USER']);
      assert.equal(secrets.find((s) => s.name === 'POSTGRES_PASSWORD')?.value, 'rotated-db-pass-9001');
      assert.ok(secrets.find((s) => s.name === 'POSTGRES_URL')?.environmentOverrides?.preview, 'untouched secrets keep their overrides');
      assert.deepEqual((await mountState()).pushes, [{
        installationId: icfg, resourceId: 'res_primary_db', partial: true, names: ['POSTGRES_PASSWORD', 'POSTGRES_USER'],
        path: `/v1/installations/${icfg}/resources/res_primary_db/secrets`,
      }]);
    });

    it('replace-all: leaves `partial` out, and the resource keeps exactly the sent secrets', async () => {
      const full: ResourceSecret = {
        name: 'POSTGRES_URL', value: 'postgres://new-pass-9003@db/app', prefix: 'STORE_',
        environmentOverrides: { production: 'postgres://prod-pass-9004@db/app', development: 'postgres://dev-pass-9005@db/app' },
      };
      await client().updateSecrets(icfg, 'res_primary_db', [full], { partial: false });
      assert.deepEqual(pushRequests()[0]?.body, { secrets: [{
        name: 'POSTGRES_URL', value: 'postgres://new-pass-9003@db/app', prefix: 'STORE_',
        environmentOverrides: { production: 'postgres://prod-pass-9004@db/app', development: 'postgres://dev-pass-9005@db/app' },
      }] });
      assert.deepEqual(await secretsOf('res_primary_db'), [full]);
      assert.equal((await mountState()).pushes[0]?.partial, false);
      assert.equal((await secretsOf('res_cache')).length, 1, 'other resources are untouched');
    });

    it('uses the deprecated product path with the product id or its slug', async () => {
      await client().updateSecrets(icfg, 'res_cache', [{ name: 'REDIS_URL', value: 'redis://new-cache-pass-9006@c' }],
        { partial: true, productIdOrSlug: 'iap_demo_postgres' });
      await client().updateSecrets(icfg, 'res_cache', [{ name: 'REDIS_TOKEN', value: 'cache-token-key-9007' }],
        { partial: true, productIdOrSlug: 'demo-postgres' });
      assert.deepEqual((await mountState()).pushes.map((p) => p.path), [
        `/v1/installations/${icfg}/products/iap_demo_postgres/resources/res_cache/secrets`,
        `/v1/installations/${icfg}/products/demo-postgres/resources/res_cache/secrets`,
      ]);
      assert.deepEqual((await secretsOf('res_cache')).map((s) => s.name), ['REDIS_URL', 'REDIS_TOKEN']);
    });

    it('404 for a wrong product, an unknown resource or installation', async () => {
      const send = (configId: string, resourceId: string, productIdOrSlug?: string) =>
        apiFailure(client().updateSecrets(configId, resourceId, [rotated], { partial: true, productIdOrSlug }));
      assert.equal((await send(icfg, 'res_cache', 'iap_other_kv')).status, 404);
      assert.equal((await send(icfg, 'res_cache', 'no-such-product')).status, 404);
      assert.equal((await send(icfg, 'res_nope')).status, 404);
      assert.equal((await send('icfg_doesnotexist1', 'res_cache')).status, 404);
      assert.deepEqual((await mountState()).pushes, []);
    });

    it('401 without a valid token, 403 with another installation\'s', async () => {
      const unauthorized = await apiFailure(client('not_a_token_1234').updateSecrets(icfg, 'res_cache', [rotated], { partial: true }));
      assert.equal(unauthorized.status, 401);
      assert.match(describeError(unauthorized), /rejected the token/);
      const forbidden = await apiFailure(client(otherToken).updateSecrets(icfg, 'res_cache', [rotated], { partial: true }));
      assert.equal(forbidden.status, 403);
      assert.ok(forbidden.hasCode('forbidden'));
      assert.deepEqual((await mountState()).pushes, []);
    });

    it('409 for a resource that is not ready', async () => {
      const err = await apiFailure(client().updateSecrets(icfg, 'res_provisioning', [rotated], { partial: false }));
      assert.equal(err.status, 409);
      assert.ok(err.hasCode('resource_not_ready'));
      assert.match(describeError(err), /Conflict.*pending/);
      assert.deepEqual(await secretsOf('res_provisioning'), []);
    });

    it('checks everything it can before any request: ids, names, values, environments, duplicates, empty pushes', async () => {
      const refused: Array<[Promise<void>, RegExp]> = [
        [client().updateSecrets('icfg-1', 'res_cache', [rotated], { partial: true }), /icfg_/],
        [client().updateSecrets(icfg, '', [rotated], { partial: true }), /Choose a resource/],
        [client().updateSecrets(icfg, 'res_cache', [], { partial: false }), /no secrets to send/],
        [client().updateSecrets(icfg, 'res_cache', [{ name: 'BAD-NAME', value: 'v' }], { partial: true }), /^BAD-NAME: .*not "-"/],
        [client().updateSecrets(icfg, 'res_cache', [{ name: 'A', value: '' }], { partial: true }), /^A: The value is empty/],
        [client().updateSecrets(icfg, 'res_cache', [rotated, rotated], { partial: true }), /listed twice/],
        [client().updateSecrets(icfg, 'res_cache', [{ name: 'A', value: 'v', environmentOverrides: { staging: 's' } as never }], { partial: true }),
          /"staging" is not an environment/],
        [client().updateSecrets(icfg, 'res_cache', [rotated], { partial: true, productIdOrSlug: '' }), /product id or slug/],
      ];
      for (const [promise, message] of refused) {
        const err = await promise.then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof InputError, String(err));
        assert.match(err.message, message);
      }
      assert.equal(emulator.requests.length, 0);
    });
  });
});
