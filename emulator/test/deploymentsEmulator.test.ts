import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { call, type ErrorBody } from '../core/testClient';

interface ListedDeployment { uid: string; name: string; url: string; createdAt: number; readyState: string; state: string; target: string | null; projectId: string; meta: Record<string, string> }
interface ListAnswer { deployments: ListedDeployment[]; pagination: { count: number; next: number | null; prev: number | null } }
interface Deployment { id: string; name: string; url: string; readyState: string; target: string | null; projectId: string; meta: Record<string, string>; errorCode?: string }

const redeployBody = (from: ListedDeployment) => ({ name: from.name, deploymentId: from.uid, target: 'production', meta: { action: 'redeploy' } });

describe('emulator: deployments', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, []));
  after(async () => { await emu.close(); });

  const latest = async (projectId: string): Promise<ListedDeployment> => {
    const res = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { projectId, target: 'production', limit: 1 } });
    assert.equal(res.status, 200);
    assert.equal(res.body.deployments.length, 1);
    return res.body.deployments[0];
  };
  const build = (ms: number | null, outcome: 'READY' | 'ERROR' = 'READY') =>
    call(emu, 'POST', '/_emulator/config', { body: { deploymentBuild: { ms, outcome } } });

  it('seeds one READY production deployment per project, newer than every variable of it', async () => {
    for (const project of emu.state.projects) {
      assert.equal(project.deployments?.length, 1, project.name);
      const [d] = project.deployments!;
      assert.equal(d.readyState, 'READY');
      assert.equal(d.target, 'production');
      assert.ok(project.envs.every((e) => e.updatedAt < d.createdAt && e.createdAt < d.createdAt), project.name);
    }
    const d = await latest('prj_aliceapi');
    assert.match(d.url, /^alice-api-[0-9a-f]{9}\.vercel\.app$/);
    assert.equal(d.projectId, 'prj_aliceapi');
    assert.equal(emu.requests.length, 1);
  });

  it('redeploys as the CLI does: QUEUED, BUILDING, then READY; the project then serves it', async () => {
    await build(null);
    const from = await latest('prj_aliceapi');
    const created = await call<Deployment>(emu, 'POST', '/v13/deployments', { query: { forceNew: 1 }, body: redeployBody(from) });
    assert.equal(created.status, 200);
    assert.equal(created.body.readyState, 'QUEUED');
    assert.equal(created.body.projectId, 'prj_aliceapi');
    assert.deepEqual(created.body.meta, { action: 'redeploy' });
    assert.notEqual(created.body.id, from.uid);
    const building = await call<Deployment>(emu, 'GET', `/v13/deployments/${created.body.id}`);
    assert.equal(building.body.readyState, 'BUILDING');
    // Still building: production is still served by the old one.
    const before = await call<{ targets: { production: { id: string } } }>(emu, 'GET', '/v9/projects/alice-api');
    assert.equal(before.body.targets.production.id, from.uid);
    assert.deepEqual((await call<{ settled: number }>(emu, 'POST', '/_emulator/deployments/settle', { body: {} })).body, { settled: 1 });
    const ready = await call<Deployment>(emu, 'GET', `/v13/deployments/${created.body.url}`);
    assert.equal(ready.body.readyState, 'READY');
    const after = await call<{ targets: { production: { id: string } }; latestDeployments: { id: string }[] }>(emu, 'GET', '/v9/projects/alice-api');
    assert.equal(after.body.targets.production.id, created.body.id);
    assert.deepEqual(after.body.latestDeployments.map((d) => d.id), [created.body.id, from.uid]);
    assert.equal((await latest('prj_aliceapi')).uid, created.body.id);
    assert.equal(emu.requests.length, 7);
  });

  it('ends a build after `deploymentBuild.ms`, as ERROR when told to; a failed build does not serve production', async () => {
    await build(0, 'ERROR');
    const from = await latest('prj_aliceblog');
    const created = await call<Deployment>(emu, 'POST', '/v13/deployments', { query: { forceNew: 1 }, body: redeployBody(from) });
    const failed = await call<Deployment>(emu, 'GET', `/v13/deployments/${created.body.id}`);
    assert.equal(failed.body.readyState, 'ERROR');
    assert.equal(failed.body.errorCode, 'BUILD_FAILED');
    assert.equal((await latest('prj_aliceblog')).uid, created.body.id, 'the newest production deployment, whatever its state');
    const ready = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { projectId: 'prj_aliceblog', target: 'production', state: 'READY', limit: 1 } });
    assert.equal(ready.body.deployments[0].uid, from.uid);
    const project = await call<{ targets: { production: { id: string } } }>(emu, 'GET', '/v9/projects/alice-blog');
    assert.equal(project.body.targets.production.id, from.uid);
  });

  it('pages newest first with `until` and `since` (ms), scoped to the account', async () => {
    const first = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { teamId: 'team_acme', limit: 10 } });
    assert.equal(first.body.deployments.length, 10);
    const times = first.body.deployments.map((d) => d.createdAt);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.equal(first.body.pagination.next, times[9]);
    const all: string[] = first.body.deployments.map((d) => d.uid);
    let next: number | null = first.body.pagination.next;
    while (next !== null) {
      const page: { body: ListAnswer } = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { teamId: 'team_acme', limit: 10, until: next } });
      all.push(...page.body.deployments.map((d) => d.uid));
      next = page.body.pagination.next;
    }
    assert.equal(all.length, 25);
    assert.equal(new Set(all).size, 25);
    const newer = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { teamId: 'team_acme', since: times[2] } });
    assert.deepEqual(newer.body.deployments.map((d) => d.uid), all.slice(0, 2));
    const alice = await call<ListAnswer>(emu, 'GET', '/v6/deployments');
    assert.deepEqual(alice.body.deployments.map((d) => d.name).sort(), ['alice-api', 'alice-blog', 'alice-portfolio']);
  });

  it('answers errors as Vercel does: bad query, bad body, unknown deployment, another account\'s deployment', async () => {
    const badLimit = await call<ErrorBody>(emu, 'GET', '/v6/deployments', { query: { limit: 0 } });
    assert.equal(badLimit.status, 400);
    const badUntil = await call<ErrorBody>(emu, 'GET', '/v6/deployments', { query: { until: 'yesterday' } });
    assert.equal(badUntil.status, 400);
    const from = await latest('prj_aliceapi');
    const noName = await call<ErrorBody>(emu, 'POST', '/v13/deployments', { body: { deploymentId: from.uid } });
    assert.equal(noName.status, 400);
    const noSource = await call<ErrorBody>(emu, 'POST', '/v13/deployments', { body: { name: 'alice-api' } });
    assert.equal(noSource.status, 400);
    const badTarget = await call<ErrorBody>(emu, 'POST', '/v13/deployments', { body: { ...redeployBody(from), target: 'moon' } });
    assert.equal(badTarget.status, 400);
    const unknown = await call<ErrorBody>(emu, 'POST', '/v13/deployments', { body: { ...redeployBody(from), deploymentId: 'dpl_nope' } });
    assert.equal(unknown.status, 404);
    assert.equal((await call<ErrorBody>(emu, 'GET', '/v13/deployments/dpl_nope')).status, 404);
    // bob cannot see alice's personal deployments: 404, as for one that does not exist.
    const bob = emu.state.users.find((u) => u.username === 'bob')!.token;
    assert.equal((await call<ErrorBody>(emu, 'GET', `/v13/deployments/${from.uid}`, { token: bob })).status, 404);
    assert.equal((await call<ErrorBody>(emu, 'GET', '/v6/deployments', { token: null })).status, 403);
    assert.equal(emu.state.projects.find((p) => p.id === 'prj_aliceapi')!.deployments!.length, 1, 'nothing created');
  });

  it('a fault with applyFirst creates the deployment although the client sees a 502', async () => {
    await build(null);
    const from = await latest('prj_aliceapi');
    await call(emu, 'POST', '/_emulator/faults', { body: [{ method: 'POST', pathPattern: '^/v13/deployments$', status: 502, applyFirst: true }] });
    const res = await call<ErrorBody>(emu, 'POST', '/v13/deployments', { query: { forceNew: 1 }, body: redeployBody(from) });
    assert.equal(res.status, 502);
    const after = await call<ListAnswer>(emu, 'GET', '/v6/deployments', { query: { projectId: 'prj_aliceapi', target: 'production', limit: 1 } });
    assert.equal(after.body.deployments[0].readyState, 'BUILDING');
    assert.deepEqual(after.body.deployments[0].meta, { action: 'redeploy' });
  });
});
