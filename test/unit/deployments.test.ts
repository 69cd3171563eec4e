import * as assert from 'node:assert/strict';
import { ApiError, CancelledError, isCancellation } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { RedeployUnknownError, startRedeploy, watchDeployment, type Deployment } from '../../src/core/vercel/deployments';
import { parseDeployment, productionOfProject } from '../../src/core/vercel/deploymentsModel';
import { pendingChanges } from '../../src/core/vercel/deploymentsPending';
import type { EnvVar, Scope } from '../../src/core/vercel/models';
import { call, demoTokens, startEmulator, type Emulator } from '../../emulator';

const personal: Scope = { kind: 'personal' };

const env = (key: string, targets: EnvVar['targets'], updatedAt?: number, createdAt?: number): EnvVar =>
  ({ id: `id_${key}`, key, type: 'encrypted', targets, customEnvironmentIds: [], updatedAt, createdAt });

describe('pendingChanges (pure)', () => {
  it('lists production variables changed after the deployment, and keys deleted since, once and sorted', () => {
    const envs = [
      env('B_NEW', ['production'], 2000),
      env('A_CREATED', ['production', 'preview'], undefined, 1500),
      env('OLD', ['production'], 900),
      env('AT_THE_SAME_MS', ['production'], 1000),
      env('PREVIEW_ONLY', ['preview'], 5000),
      env('NO_TIME', ['production']),
    ];
    const deleted = new Map([['GONE', 1200], ['GONE_BEFORE', 500], ['B_NEW', 3000]]);
    assert.deepEqual(pendingChanges(envs, 1000, deleted), ['A_CREATED', 'B_NEW', 'GONE']);
  });

  it('is empty without a production deployment (nothing to redeploy) and when nothing changed', () => {
    assert.deepEqual(pendingChanges([env('X', ['production'], 5000)], undefined, new Map([['Y', 9000]])), []);
    assert.deepEqual(pendingChanges([env('X', ['production'], 5000)], 6000), []);
  });
});

describe('deployments model', () => {
  it('reads the list, the single and the project shapes; a project without targets is "unknown", with empty targets "none"', () => {
    const listed = parseDeployment({ uid: 'dpl_1', name: 'web', url: 'web-1.vercel.app', created: 5, state: 'READY', target: 'production', meta: { action: 'redeploy' } });
    assert.deepEqual(listed, { id: 'dpl_1', name: 'web', url: 'web-1.vercel.app', createdAt: 5, state: 'READY', target: 'production', action: 'redeploy' });
    const failed = parseDeployment({ id: 'dpl_2', name: 'web', url: 'web-2.vercel.app', createdAt: 6, readyState: 'ERROR', target: null, errorCode: 'BUILD_FAILED' });
    assert.equal(failed.error, 'BUILD_FAILED');
    assert.equal(failed.target, null);
    assert.equal(productionOfProject({ id: 'p' }), undefined);
    assert.equal(productionOfProject({ id: 'p', targets: {} }), null);
    assert.equal(productionOfProject({ targets: { production: { id: 'dpl_3', name: 'web', url: 'w.vercel.app', createdAt: 1, readyState: 'READY' } } })?.id, 'dpl_3');
    assert.throws(() => parseDeployment({ id: 'dpl_4', name: 'web', url: 'w.vercel.app', readyState: 'READY' }), /createdAt/);
  });
});

describe('deployments: client against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;
  let client: VercelClient;

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
    client = new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel', timeoutMs: () => 2000 }));
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  const sent = (from: number) => emulator.requests.slice(from).map((r) => `${r.method} ${r.path}`);
  const build = (ms: number | null, outcome: 'READY' | 'ERROR' = 'READY') =>
    call(emulator, 'POST', '/_emulator/config', { body: { deploymentBuild: { ms, outcome } } });
  const production = async (): Promise<Deployment> => {
    const d = await client.deployments.latestProduction(personal, 'prj_aliceapi');
    assert.ok(d);
    return d;
  };
  const deploymentsOf = (projectId: string) => emulator.state.projects.find((p) => p.id === projectId)!.deployments ?? [];

  it('the project list carries each project\'s production deployment: no request of its own', async () => {
    const before = emulator.requests.length;
    const page = await client.listProjects(personal);
    assert.deepEqual(sent(before), ['GET /v10/projects']);
    const api = page.items.find((p) => p.id === 'prj_aliceapi');
    assert.equal(api?.production?.id, deploymentsOf('prj_aliceapi')[0].id);
    assert.equal(api?.production?.state, 'READY');
  });

  it('latestProduction is one request and equals targets.production; none for a project never deployed', async () => {
    const before = emulator.requests.length;
    const latest = await production();
    assert.deepEqual(sent(before), ['GET /v6/deployments']);
    assert.deepEqual(emulator.requests[before].query, { projectId: 'prj_aliceapi', target: 'production', state: 'READY', limit: '1' });
    assert.equal(latest.id, deploymentsOf('prj_aliceapi')[0].id);
    emulator.state.projects.find((p) => p.id === 'prj_aliceblog')!.deployments = [];
    assert.equal(await client.deployments.latestProduction(personal, 'prj_aliceblog'), undefined);
  });

  it('redeploys with ONE POST of the CLI\'s body, then polls until READY (one GET per poll)', async () => {
    await build(150);
    const from = await production();
    const before = emulator.requests.length;
    const { deployment, readBack } = await startRedeploy(client.deployments, personal, 'prj_aliceapi', from);
    assert.equal(readBack, false);
    assert.deepEqual(emulator.requests[before].body, { name: 'alice-api', deploymentId: from.id, target: 'production', meta: { action: 'redeploy' } });
    assert.deepEqual(emulator.requests[before].query, { forceNew: '1' });
    const states: string[] = [];
    const ready = await watchDeployment(client.deployments, personal, deployment, { pollMs: 100, onState: (d) => states.push(d.state) });
    assert.equal(ready.state, 'READY');
    assert.equal(ready.id, deployment.id);
    assert.equal(states[0], 'QUEUED');
    const polls = sent(before).filter((r) => r === `GET /v13/deployments/${deployment.id}`).length;
    assert.deepEqual(sent(before), ['POST /v13/deployments', ...Array<string>(polls).fill(`GET /v13/deployments/${deployment.id}`)]);
    assert.ok(polls >= 1 && polls <= 3, `polls: ${polls}`);
    assert.equal(states.length, polls + 1);
    assert.equal((await production()).id, deployment.id, 'production now served by the new one');
  });

  it('a failed build ends the watch in ERROR with its reason; production stays the old one', async () => {
    await build(0, 'ERROR');
    const from = await production();
    const { deployment } = await startRedeploy(client.deployments, personal, 'prj_aliceapi', from);
    const failed = await watchDeployment(client.deployments, personal, deployment, { pollMs: 10 });
    assert.equal(failed.state, 'ERROR');
    assert.match(failed.error ?? '', /npm run build/);
    assert.equal((await production()).id, from.id);
  });

  it('an unknown outcome (502 after the write happened) is read back, never sent again', async () => {
    await build(null);
    const from = await production();
    await call(emulator, 'POST', '/_emulator/faults', { body: [{ method: 'POST', pathPattern: '^/v13/deployments$', status: 502, applyFirst: true }] });
    const before = emulator.requests.length;
    const { deployment, readBack } = await startRedeploy(client.deployments, personal, 'prj_aliceapi', from);
    assert.equal(readBack, true);
    assert.deepEqual(sent(before), ['POST /v13/deployments', 'GET /v6/deployments']);
    assert.equal(emulator.requests[before + 1].query.since, String(from.createdAt));
    assert.equal(deploymentsOf('prj_aliceapi').length, 2);
    assert.equal(deployment.id, deploymentsOf('prj_aliceapi')[1].id);
  });

  it('a connection reset before the write is read back as "did not start"; one POST, nothing created', async () => {
    const from = await production();
    await call(emulator, 'POST', '/_emulator/faults', { body: [{ method: 'POST', pathPattern: '^/v13/deployments$', status: 0 }] });
    const before = emulator.requests.length;
    await assert.rejects(startRedeploy(client.deployments, personal, 'prj_aliceapi', from),
      (err: unknown) => err instanceof RedeployUnknownError && /did not start/.test(err.message));
    assert.deepEqual(sent(before), ['POST /v13/deployments', 'GET /v6/deployments']);
    assert.equal(deploymentsOf('prj_aliceapi').length, 1);
  });

  it('a 503 whose read-back fails too says it may or may not have started', async () => {
    const from = await production();
    await call(emulator, 'POST', '/_emulator/faults', { body: [
      { method: 'POST', pathPattern: '^/v13/deployments$', status: 503 },
      { method: 'GET', pathPattern: '^/v6/deployments$', status: 500 },
    ] });
    const before = emulator.requests.length;
    await assert.rejects(startRedeploy(client.deployments, personal, 'prj_aliceapi', from),
      (err: unknown) => err instanceof RedeployUnknownError && /may or may not/.test(err.message));
    assert.deepEqual(sent(before), ['POST /v13/deployments', 'GET /v6/deployments']);
  });

  it('a refusal (4xx) is thrown as the API error, with no read-back', async () => {
    const from = await production();
    await call(emulator, 'POST', '/_emulator/faults', { body: [{ method: 'POST', pathPattern: '^/v13/deployments$', status: 403, body: { error: { code: 'forbidden', message: 'Not allowed to deploy' } } }] });
    const before = emulator.requests.length;
    await assert.rejects(startRedeploy(client.deployments, personal, 'prj_aliceapi', from), (err: unknown) => err instanceof ApiError && err.status === 403);
    assert.deepEqual(sent(before), ['POST /v13/deployments']);
  });

  it('watching is cancelled by its signal between polls', async () => {
    await build(null);
    const from = await production();
    const { deployment } = await startRedeploy(client.deployments, personal, 'prj_aliceapi', from);
    const controller = new AbortController();
    const before = emulator.requests.length;
    const watching = watchDeployment(client.deployments, personal, deployment, {
      pollMs: 20, signal: controller.signal, onState: (d) => { if (d.state === 'BUILDING') controller.abort(); },
    });
    await assert.rejects(watching, (err: unknown) => isCancellation(err) && err instanceof CancelledError);
    assert.deepEqual(sent(before), [`GET /v13/deployments/${deployment.id}`]);
  });
});
