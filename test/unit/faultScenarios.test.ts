/**
 * Fault scenarios against the core clients in plain Node (no VS Code): for every client call,
 * which faults are retried and which are not, with the emulator's request log as evidence.
 * The policy under test (src/core/http/jsonApi.ts): a 429 is waited out on any method (the
 * server did nothing); a read is retried after 502/503/504 and network failures; a write whose
 * outcome is unknown (5xx, dropped connection, timeout) is sent exactly once, because it may
 * have happened: the applyFirst and late-answer scenarios show that it can.
 */
import * as assert from 'node:assert/strict';
import { ApiError, NetworkError, type NetworkFailure } from '../../src/core/errors';
import { JsonApi, type RetryPolicy } from '../../src/core/http/jsonApi';
import type { HttpMethod, Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { MarketplaceClient } from '../../src/core/marketplace/client';
import { SecretsApiClient, secretsApiService } from '../../src/core/secretsApi';
import { VercelClient } from '../../src/core/vercel/client';
import type { Scope } from '../../src/core/vercel/models';
import { sharedEnvsOf, startEmulator, type Emulator, type FaultSpec } from '../../emulator';
import { marketplaceDemo, stagingEnvironmentId } from '../../emulator';
import { demoTokens } from '../../emulator';
import { secretsApiKeys } from '../../emulator';

const personal: Scope = { kind: 'personal' };
const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };
const blog = 'prj_aliceblog';
const apiProject = 'prj_aliceapi';
const web = 'proj_web';
const installation = marketplaceDemo.installationId;
/**
 * Per attempt, in ms. Only the "no answer" faults need a short one (the server holds the
 * request for `holdMs`, longer than it); every other scenario gets a generous one, so a
 * loaded machine cannot turn a slow answer into a timeout and an extra retry.
 */
const shortTimeoutMs = 500;
const generousTimeoutMs = 5_000;
const holdMs = 1_500;
let timeoutMs = generousTimeoutMs;

interface Call {
  readonly name: string;
  readonly method: HttpMethod;
  readonly pathPattern: string;
  run(): Promise<unknown>;
  /** Writes: whether the emulator's state shows the write. */
  happened?(): Promise<boolean>;
}

interface Kind {
  readonly name: string;
  readonly fault: Omit<FaultSpec, 'method' | 'pathPattern'>;
  /** Retried on a read / on a write. */
  readonly readRetried: boolean;
  readonly writeRetried: boolean;
  /** What the client throws when it is not retried. */
  readonly error: { status: number } | { failure: NetworkFailure };
  /** The emulator's recorded status of the faulted request (0: no answer). */
  readonly recorded: number;
}

const kinds: readonly Kind[] = [
  { name: '429 (Retry-After: 0)', fault: { status: 429, headers: { 'retry-after': '0' } }, readRetried: true, writeRetried: true, error: { status: 429 }, recorded: 429 },
  { name: '500', fault: { status: 500 }, readRetried: false, writeRetried: false, error: { status: 500 }, recorded: 500 },
  { name: '502', fault: { status: 502 }, readRetried: true, writeRetried: false, error: { status: 502 }, recorded: 502 },
  { name: '503', fault: { status: 503 }, readRetried: true, writeRetried: false, error: { status: 503 }, recorded: 503 },
  { name: '504', fault: { status: 504 }, readRetried: true, writeRetried: false, error: { status: 504 }, recorded: 504 },
  { name: 'a dropped connection', fault: { status: 0 }, readRetried: true, writeRetried: false, error: { failure: 'unreachable' }, recorded: 0 },
  { name: 'no answer within the timeout', fault: { status: 0, delayMs: holdMs }, readRetried: true, writeRetried: false, error: { failure: 'timeout' }, recorded: 0 },
];

describe('Fault scenarios against the core clients (plain Node, emulator request log as evidence)', function () {
  this.timeout(10_000);
  let emu: Emulator;
  let transport: Transport;
  let vercel: VercelClient;
  let secrets: SecretsApiClient;
  let market: MarketplaceClient;
  const waits: Array<{ waitMs: number; attempt: number; reason: string }> = [];
  const counted = { retried: 0, once: 0 };

  const policy: RetryPolicy = { maxRetries: 3, maxWaitMs: 5000, maxTotalWaitMs: 10_000, baseDelayMs: 20, onWait: (info) => waits.push(info) };
  const api = (token: string, service: string) =>
    new JsonApi({ baseUrl: new URL(emu.url), token, transport, service, retry: policy, timeoutMs: () => timeoutMs });

  async function admin<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${emu.url}/_emulator/${path}`, init);
    assert.ok(res.ok, `emulator ${path}: HTTP ${res.status}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const arm = (faults: FaultSpec[]) => admin('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  const envs = async () => (await admin<{ projects: Array<{ id: string; envs: Array<{ id: string; key: string; value: string }> }> }>('state'))
    .projects.find((p) => p.id === blog)?.envs ?? [];
  const envId = (key: string) => {
    const env = emu.state.projects.find((p) => p.id === blog)?.envs.find((e) => e.key === key);
    assert.ok(env, `${key} in ${blog}`);
    return env.id;
  };
  const apiState = async () => (await admin<{ projects: Array<{ id: string; customEnvironments: Array<{ slug: string }>;
    envs: Array<{ key: string; customEnvironmentIds: string[] }> }> }>('state')).projects.find((p) => p.id === apiProject)!;
  const stagingDbId = () => emu.state.projects.find((p) => p.id === apiProject)!.envs.find((e) => e.key === 'STAGING_DB_URL')!.id;
  const legacy = () => admin<Array<{ name: string }>>('legacy-secrets');
  const shared = () => admin<Array<{ id: string; key: string; value: string; projectId: string[] }>>('shared-env');
  const sharedId = (key: string) => {
    const env = sharedEnvsOf(emu.state).envs.find((e) => e.key === key);
    assert.ok(env, `shared ${key}`);
    return env.id;
  };
  const apiSecrets = async () => (await admin<{ projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }>('secrets-api/state'))
    .projects.find((p) => p.id === web)?.secrets ?? [];
  const cacheSecrets = async () => (await admin<{ installations: Array<{ resources: Array<{ partnerId: string; secrets: Array<{ name: string }> }> }> }>('marketplace/state'))
    .installations.flatMap((i) => i.resources).find((r) => r.partnerId === 'res_cache')?.secrets ?? [];
  /** The requests the emulator recorded for a call: `status` each (0 = it never answered). */
  const seen = (call: Call) => emu.requests.filter((r) => r.method === call.method && new RegExp(call.pathPattern).test(r.path));
  /** Until the emulator has answered the request it held for `call`. */
  async function answered(call: Call): Promise<void> {
    const deadline = Date.now() + holdMs + 2000;
    while (seen(call).some((r) => r.status === 0)) {
      assert.ok(Date.now() < deadline, 'the emulator still holds the request');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const where = { scope: personal, projectId: blog };
  const writes: readonly Call[] = [
    { name: 'VercelEnvWriter.create', method: 'POST', pathPattern: `^/v10/projects/${blog}/env$`,
      run: () => vercel.envs.create(where, { key: 'UNIT_FAULT_KEY', value: 'unit-fault-value', type: 'encrypted', targets: ['production'] }, false),
      happened: async () => (await envs()).some((e) => e.key === 'UNIT_FAULT_KEY') },
    { name: 'VercelEnvWriter.update', method: 'PATCH', pathPattern: `^/v9/projects/${blog}/env/[^/]+$`,
      run: () => vercel.envs.update(where, envId('DATABASE_URL'), { value: 'unit-fault-new-value' }),
      happened: async () => (await envs()).some((e) => e.key === 'DATABASE_URL' && e.value === 'unit-fault-new-value') },
    { name: 'VercelEnvWriter.delete', method: 'DELETE', pathPattern: `^/v9/projects/${blog}/env/[^/]+$`,
      run: () => vercel.envs.delete(where, envId('DATABASE_URL')),
      happened: async () => !(await envs()).some((e) => e.key === 'DATABASE_URL') },
    { name: 'VercelEnvWriter.deleteMany', method: 'DELETE', pathPattern: `^/v1/projects/${blog}/env$`,
      run: () => vercel.envs.deleteMany(where, [envId('DATABASE_URL')]),
      happened: async () => !(await envs()).some((e) => e.key === 'DATABASE_URL') },
    // Custom environments (alice-api's "staging"), and a variable removed from one of its environments.
    { name: 'VercelClient.createCustomEnvironment', method: 'POST', pathPattern: `^/v9/projects/${apiProject}/custom-environments$`,
      run: () => vercel.createCustomEnvironment(personal, apiProject, { slug: 'unit-fault-env', copyEnvVarsFrom: 'production' }),
      happened: async () => (await apiState()).customEnvironments.some((c) => c.slug === 'unit-fault-env') },
    { name: 'VercelClient.updateCustomEnvironment', method: 'PATCH', pathPattern: `^/v9/projects/${apiProject}/custom-environments/[^/]+$`,
      run: () => vercel.updateCustomEnvironment(personal, apiProject, stagingEnvironmentId, { slug: 'unit-fault-uat' }),
      happened: async () => (await apiState()).customEnvironments.some((c) => c.slug === 'unit-fault-uat') },
    { name: 'VercelClient.removeCustomEnvironment', method: 'DELETE', pathPattern: `^/v9/projects/${apiProject}/custom-environments/[^/]+$`,
      run: () => vercel.removeCustomEnvironment(personal, apiProject, stagingEnvironmentId, false),
      happened: async () => (await apiState()).customEnvironments.length === 0 },
    { name: 'VercelEnvWriter.update (from one custom environment only)', method: 'PATCH', pathPattern: `^/v9/projects/${apiProject}/env/[^/]+$`,
      run: () => vercel.envs.update({ scope: personal, projectId: apiProject }, stagingDbId(), { targets: ['preview'], customEnvironmentIds: [] }),
      happened: async () => (await apiState()).envs.some((e) => e.key === 'STAGING_DB_URL' && e.customEnvironmentIds.length === 0) },
    { name: 'AccountSecretsClient.create', method: 'POST', pathPattern: '^/v2/secrets/unit-fault-secret$',
      run: () => vercel.accountSecrets.create(personal, { name: 'unit-fault-secret', value: 'unit-fault-value' }),
      happened: async () => (await legacy()).some((s) => s.name === 'unit-fault-secret') },
    { name: 'AccountSecretsClient.rename', method: 'PATCH', pathPattern: '^/v2/secrets/legacy-db-password$',
      run: () => vercel.accountSecrets.rename(personal, 'legacy-db-password', 'legacy-db-renamed'),
      happened: async () => (await legacy()).some((s) => s.name === 'legacy-db-renamed') },
    { name: 'AccountSecretsClient.delete', method: 'DELETE', pathPattern: '^/v2/secrets/legacy-db-password$',
      run: () => vercel.accountSecrets.delete(personal, 'legacy-db-password'),
      happened: async () => !(await legacy()).some((s) => s.name === 'legacy-db-password') },
    { name: 'SharedEnvClient.create', method: 'POST', pathPattern: '^/v1/env$',
      run: () => vercel.shared.create(acme, { vars: [{ key: 'UNIT_FAULT_SHARED', value: 'unit-fault-value' }], type: 'encrypted', targets: ['production'] }),
      happened: async () => (await shared()).some((e) => e.key === 'UNIT_FAULT_SHARED') },
    { name: 'SharedEnvClient.update', method: 'PATCH', pathPattern: '^/v1/env$',
      run: () => vercel.shared.update(acme, { [sharedId('SENTRY_DSN')]: { value: 'unit-fault-new-value' } }),
      happened: async () => (await shared()).some((e) => e.key === 'SENTRY_DSN' && e.value === 'unit-fault-new-value') },
    { name: 'SharedEnvClient.delete', method: 'DELETE', pathPattern: '^/v1/env$',
      run: () => vercel.shared.delete(acme, [sharedId('SENTRY_DSN')]),
      happened: async () => !(await shared()).some((e) => e.key === 'SENTRY_DSN') },
    { name: 'SharedEnvClient.unlink', method: 'PATCH', pathPattern: '^/v1/env/[^/]+/unlink/prj_acmeapi$',
      run: () => vercel.shared.unlink(acme, sharedId('SENTRY_DSN'), 'prj_acmeapi'),
      happened: async () => !(await shared()).some((e) => e.key === 'SENTRY_DSN' && e.projectId.includes('prj_acmeapi')) },
    { name: 'SecretsApiClient.set', method: 'POST', pathPattern: `^/api/v1/projects/${web}/secrets$`,
      run: () => secrets.set(web, 'UNIT_FAULT_KEY', 'unit-fault-value'),
      happened: async () => (await apiSecrets()).some((s) => s.key === 'UNIT_FAULT_KEY') },
    { name: 'SecretsApiClient.delete', method: 'DELETE', pathPattern: `^/api/v1/projects/${web}/secrets/REDIS_URL$`,
      run: () => secrets.delete(web, 'REDIS_URL'),
      happened: async () => !(await apiSecrets()).some((s) => s.key === 'REDIS_URL') },
    { name: 'MarketplaceClient.updateSecrets', method: 'PUT', pathPattern: `^/v1/installations/${installation}/resources/res_cache/secrets$`,
      run: () => market.updateSecrets(installation, 'res_cache', [{ name: 'UNIT_X', value: 'unit-x-value' }], { partial: true }),
      happened: async () => (await cacheSecrets()).some((s) => s.name === 'UNIT_X') },
  ];

  const reads: readonly Call[] = [
    { name: 'VercelClient.getUser', method: 'GET', pathPattern: '^/v2/user$', run: () => vercel.getUser() },
    { name: 'VercelClient.listTeams', method: 'GET', pathPattern: '^/v2/teams$', run: () => vercel.listTeams() },
    { name: 'VercelClient.listProjects', method: 'GET', pathPattern: '^/v10/projects$', run: () => vercel.listProjects(personal) },
    { name: 'VercelClient.getProject', method: 'GET', pathPattern: `^/v9/projects/${blog}$`, run: () => vercel.getProject(personal, blog) },
    { name: 'VercelClient.listEnvs', method: 'GET', pathPattern: `^/v10/projects/${blog}/env$`, run: () => vercel.listEnvs(personal, blog) },
    { name: 'VercelEnvWriter.readValue', method: 'GET', pathPattern: `^/v1/projects/${blog}/env/[^/]+$`, run: () => vercel.envs.readValue(where, envId('DATABASE_URL')) },
    { name: 'SharedEnvClient.list', method: 'GET', pathPattern: '^/v1/env$', run: () => vercel.shared.list(acme) },
    { name: 'SharedEnvClient.readValue', method: 'GET', pathPattern: '^/v1/env/[^/]+$', run: () => vercel.shared.readValue(acme, sharedId('SENTRY_DSN')) },
    { name: 'VercelClient.listCustomEnvironments', method: 'GET', pathPattern: `^/v9/projects/${apiProject}/custom-environments$`,
      run: () => vercel.listCustomEnvironments(personal, apiProject) },
    { name: 'AccountSecretsClient.list', method: 'GET', pathPattern: '^/v3/secrets$', run: () => vercel.accountSecrets.list(personal) },
    { name: 'SecretsApiClient.list', method: 'GET', pathPattern: `^/api/v1/projects/${web}/secrets$`, run: () => secrets.list(web) },
    { name: 'MarketplaceClient.listResources', method: 'GET', pathPattern: `^/v1/installations/${installation}/resources$`, run: () => market.listResources(installation) },
  ];

  before(async () => {
    emu = await startEmulator({ port: 0 });
    transport = createUndiciTransport();
    vercel = new VercelClient(api(demoTokens.alice, 'Vercel'));
    secrets = new SecretsApiClient(api(secretsApiKeys.main, secretsApiService));
    market = new MarketplaceClient(api(marketplaceDemo.token, 'Vercel Marketplace'));
  });
  beforeEach(() => {
    emu.reset();
    waits.length = 0;
    timeoutMs = generousTimeoutMs;
  });
  after(async () => {
    await transport.close();
    await emu.close();
    console.log(`      core fault scenarios: ${counted.retried} retried, ${counted.once} sent exactly once`);
  });

  function assertFailure(err: unknown, kind: Kind): void {
    if ('status' in kind.error) {
      assert.ok(err instanceof ApiError, `an ApiError, got ${String(err)}`);
      assert.equal(err.status, kind.error.status);
    } else {
      assert.ok(err instanceof NetworkError, `a NetworkError, got ${String(err)}`);
      assert.equal(err.failure, kind.error.failure);
    }
    assert.equal((err as { attempts?: number }).attempts, undefined, 'one attempt: no "gave up after n attempts"');
  }

  for (const [group, calls] of [['writes', writes], ['reads', reads]] as const) {
    describe(group, () => {
      for (const call of calls) {
        describe(`${call.name} (${call.method})`, () => {
          for (const kind of kinds) {
            const retried = group === 'reads' ? kind.readRetried : kind.writeRetried;
            it(`${kind.name}: ${retried ? 'retried once, then succeeds' : 'not retried: exactly one request, the error surfaces'}`, async () => {
              if (kind.fault.delayMs !== undefined) timeoutMs = shortTimeoutMs;
              await arm([{ method: call.method, pathPattern: call.pathPattern, ...kind.fault, times: 1 }]);
              const outcome = await call.run().then(() => undefined, (err: unknown) => err ?? new Error('rejected without an error'));
              const log = seen(call).map((r) => r.status);
              if (retried) {
                assert.equal(outcome, undefined, `succeeded: ${String(outcome)}`);
                assert.equal(log.length, 2, `two requests: ${log.join(', ')}`);
                assert.equal(log[0], kind.recorded);
                assert.ok(log[1] >= 200 && log[1] < 300, `the retry was answered ${log[1]}`);
                assert.equal(waits.length, 1, 'one wait before the retry');
                counted.retried += 1;
                if (call.happened) assert.equal(await call.happened(), true, 'the write took effect (once)');
              } else {
                assertFailure(outcome, kind);
                assert.deepEqual(log, [kind.recorded], 'exactly one request');
                assert.equal(waits.length, 0, 'no wait: nothing was retried');
                counted.once += 1;
                if (call.happened) assert.equal(await call.happened(), false, 'the fault answered instead of the server: nothing was written');
              }
            });
          }

          if (!call.happened) return;
          const happened = call.happened;

          it('a 500 although the write happened (applyFirst): one request, an error, and the state shows the write', async () => {
            assert.equal(await happened(), false);
            await arm([{ method: call.method, pathPattern: call.pathPattern, status: 500, applyFirst: true }]);
            const err = await call.run().then(() => undefined, (e: unknown) => e);
            assertFailure(err, kinds.find((k) => k.name === '500')!);
            assert.deepEqual(seen(call).map((r) => r.status), [500]);
            assert.equal(await happened(), true, 'it happened although the client saw a failure: resending would do it twice');
            counted.once += 1;
          });

          it('no answer within the timeout, the write lands later: one request, and a read right after the timeout cannot tell', async () => {
            timeoutMs = shortTimeoutMs;
            await arm([{ method: call.method, pathPattern: call.pathPattern, delayMs: holdMs }]);
            const err = await call.run().then(() => undefined, (e: unknown) => e);
            assert.ok(err instanceof NetworkError && err.failure === 'timeout', `a timeout, got ${String(err)}`);
            assert.equal(await happened(), false, 'right after the timeout the state does not show it yet');
            assert.deepEqual(seen(call).map((r) => r.status), [0], 'one request, still held by the server');
            await answered(call);
            const statuses = seen(call).map((r) => r.status);
            assert.equal(statuses.length, 1);
            assert.ok(statuses[0] >= 200 && statuses[0] < 300, `then the server answered it ${statuses[0]}`);
            assert.equal(await happened(), true, 'and the write took effect after the client gave up');
            counted.once += 1;
          });
        });
      }
    });
  }

  describe('limits of the retries', () => {
    const set = writes.find((c) => c.name === 'SecretsApiClient.set')!;
    const list = reads.find((c) => c.name === 'SecretsApiClient.list')!;

    it('a 429 with an HTTP-date Retry-After on a write is waited out: exactly 2 POSTs', async () => {
      const header = new Date(Date.now() + 2000).toUTCString();
      await arm([{ method: 'POST', pathPattern: set.pathPattern, status: 429, headers: { 'retry-after': header } }]);
      const started = Date.now();
      await set.run();
      const took = Date.now() - started;
      const statuses = seen(set).map((r) => r.status);
      assert.equal(statuses.length, 2, `exactly 2 POSTs: ${statuses.join(', ')}`);
      assert.equal(statuses[0], 429);
      assert.ok(statuses[1] >= 200 && statuses[1] < 300, `the second was answered ${statuses[1]}`);
      assert.equal(waits.length, 1);
      assert.ok(waits[0].waitMs > policy.baseDelayMs, `waited for the date (${waits[0].waitMs} ms), not the backoff`);
      assert.ok(took >= Date.parse(header) - started - 50, `took ${took} ms`);
    });

    it('429s beyond the retries: gives up after maxRetries + 1 attempts and says so', async () => {
      await arm([{ method: 'POST', pathPattern: set.pathPattern, status: 429, headers: { 'retry-after': '0' }, times: policy.maxRetries + 1 }]);
      const err = await set.run().then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError && err.status === 429);
      assert.equal(err.attempts, policy.maxRetries + 1);
      assert.deepEqual(seen(set).map((r) => r.status), Array<number>(policy.maxRetries + 1).fill(429));
      assert.equal(await set.happened!(), false, 'a 429 means the server did nothing');
    });

    it('a read that keeps failing with 503: the backoff doubles, then it gives up after maxRetries + 1 attempts', async () => {
      await arm([{ method: 'GET', pathPattern: list.pathPattern, status: 503, times: policy.maxRetries + 1 }]);
      const err = await list.run().then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError && err.status === 503);
      assert.equal(err.attempts, policy.maxRetries + 1);
      assert.deepEqual(waits.map((w) => w.waitMs), Array.from({ length: policy.maxRetries }, (_, i) => policy.baseDelayMs * 2 ** i));
      assert.equal(seen(list).length, policy.maxRetries + 1);
    });

    it('a Retry-After longer than maxWaitMs is not waited for, even on a read', async () => {
      await arm([{ method: 'GET', pathPattern: list.pathPattern, status: 503, headers: { 'retry-after': String(policy.maxWaitMs / 1000 + 1) } }]);
      const err = await list.run().then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError && err.status === 503);
      assert.equal(seen(list).length, 1);
      assert.equal(waits.length, 0);
    });
  });
});
