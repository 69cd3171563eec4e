import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UndeployedChanges } from '../../src/backends/vercel/deploy/undeployed';
import type { ProjectNode } from '../../src/backends/vercel/projectNode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { DeploymentRecord, EmulatorState } from '../../emulator';
import { demoTokens } from '../../emulator';
import { pollUntil } from '../harness/disk';
import {
  activateExtension, connectAliceOnly, emulator, emulatorUrl, injectFaults, node, requests, resetEmulator, restorePrompts, script,
} from './helpers';

/** The Vercel backend's changes-not-deployed store of this session (Backend.start). */
const undeployed = (api: ProjectSecretsApi) => api.sessions.get('vercel') as UndeployedChanges;

const blog = 'prj_aliceblog';

describe('Redeploy what changed, in a real VS Code', function () {
  this.timeout(60_000);
  let api: ProjectSecretsApi;

  const post = (path: string, body: unknown) => emulator(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const build = (outcome: 'READY' | 'ERROR') => post('config', { deploymentBuild: { ms: 0, outcome } });
  const deploymentsOf = async (projectId: string): Promise<DeploymentRecord[]> =>
    (await emulator<EmulatorState>('state')).projects.find((p) => p.id === projectId)?.deployments ?? [];
  const project = async () => await node(api, 'alice', 'Personal', 'alice-blog') as ProjectNode;
  const description = async () => (await project()).toTreeItem().description;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  /** Two edits to alice-blog's production variables, from their rows. */
  async function twoEdits(): Promise<void> {
    for (const key of ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL']) {
      const prompts = script({ inputs: [`redeploy-test-${key.toLowerCase()}-${Date.now().toString(36)}`] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', await node(api, 'alice', 'Personal', 'alice-blog', key));
      restorePrompts();
      assert.deepEqual(prompts.errors, []);
    }
    assert.equal(await description(), '2 changes not deployed');
  }

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
    undeployed(api).clear();
  });
  afterEach(async () => {
    restorePrompts();
    await emulator('faults', { method: 'DELETE' });
  });

  it('two edits, then Redeploy… names the deployment, asks once, sends ONE POST as the CLI does, follows it to READY and clears the row', async () => {
    await build('READY');
    const [seeded] = await deploymentsOf(blog);
    await twoEdits();
    assert.deepEqual(undeployed(api).keysOf(await project()), ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL']);
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    assert.deepEqual(messages(prompts.errors), []);
    const [question, options] = prompts.warnings[0] as [string, vscode.MessageOptions];
    assert.equal(question, 'Redeploy alice-blog to Production?');
    assert.equal(options.modal, true);
    assert.match(String(options.detail), new RegExp(`^Vercel rebuilds ${seeded.url.replace(/\./g, '\\.')} \\(deployed .+ ago\\) as a new Production deployment`));
    assert.match(String(options.detail), /Not deployed yet: DATABASE_URL, NEXT_PUBLIC_SITE_URL\.$/);
    assert.equal(prompts.warnings.length, 1, 'asked once');

    const sent = (await requests()).slice(before);
    const posts = sent.filter((r) => r.method !== 'GET');
    assert.equal(posts.length, 1, 'exactly one write');
    assert.equal(posts[0].path, '/v13/deployments');
    assert.equal(posts[0].query.forceNew, '1');
    assert.deepEqual(posts[0].body, { name: 'alice-blog', deploymentId: seeded.id, target: 'production', meta: { action: 'redeploy' } });
    assert.ok(!sent.some((r) => r.path === '/v6/deployments'), 'the production deployment came with the project: no list request');
    assert.deepEqual(sent.filter((r) => r.path === `/v9/projects/${blog}`).length, 1, 'the production deployment is read once, fresh, before asking');
    assert.ok(sent.findIndex((r) => r.path === `/v9/projects/${blog}`) < sent.findIndex((r) => r.method === 'POST'));
    const polls = sent.filter((r) => r.method === 'GET' && r.path.startsWith('/v13/deployments/'));
    assert.ok(polls.length >= 1 && polls.length <= 2, `polls: ${polls.length}`);

    const after = await deploymentsOf(blog);
    assert.equal(after.length, 2);
    const created = after[1];
    assert.equal(created.readyState, 'READY');
    assert.deepEqual(messages(prompts.infos), [`alice-blog is redeployed: ${created.url} is ready and uses the current variables.`]);
    assert.deepEqual(prompts.infos[0].slice(1), ['Open Deployment']);
    assert.equal(await description(), 'nextjs', 'the row no longer says anything is pending');
    assert.deepEqual(undeployed(api).keysOf(await project()), []);
  });

  it('rebuilds the deployment that serves production now, not the one the tree loaded with (a push since)', async () => {
    await build('READY');
    const [seeded] = await deploymentsOf(blog);
    await twoEdits();
    // Someone else redeploys meanwhile: production is now served by a newer deployment.
    const res = await fetch(`${emulatorUrl()}/v13/deployments?forceNew=1`, { method: 'POST',
      headers: { authorization: `Bearer ${demoTokens.alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'alice-blog', deploymentId: seeded.id, target: 'production', meta: { action: 'redeploy' } }) });
    assert.equal(res.status, 200, await res.clone().text());
    const { id } = await res.json() as { id: string };
    // The emulator moves a build on when it is read (ms: 0 → READY at the first read).
    await pollUntil(async () => {
      const read = await fetch(`${emulatorUrl()}/v13/deployments/${id}`, { headers: { authorization: `Bearer ${demoTokens.alice}` } });
      return (await read.json() as { readyState?: string }).readyState === 'READY' ? true : undefined;
    }, 'the other redeploy to be READY');
    const newer = (await deploymentsOf(blog)).find((d) => d.id === id)!;
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    assert.deepEqual(messages(prompts.errors), []);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), new RegExp(`^Vercel rebuilds ${newer.url.replace(/\./g, '\\.')} `));
    const posts = (await requests()).slice(before).filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => (r.body as { deploymentId: string }).deploymentId), [newer.id]);
  });

  it('a second Redeploy… while one is being followed sends nothing and says it is running', async () => {
    await post('config', { deploymentBuild: { ms: null, outcome: 'READY' } });
    await twoEdits();
    const prompts = script({ warnings: ['Redeploy', 'Redeploy'] });
    const first = vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    await pollUntil(async () => ((await requests()).some((r) => r.method === 'POST' && r.path === '/v13/deployments') ? true : undefined), 'the first POST');
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    assert.deepEqual(messages(prompts.infos), ['A redeploy of alice-blog is already running: its progress is in the notifications.']);
    assert.equal(prompts.warnings.length, 1, 'the second one asked nothing');
    await post('deployments/settle', {});
    await first;
    assert.equal((await requests()).filter((r) => r.method === 'POST' && r.path === '/v13/deployments').length, 1, 'one POST');
    assert.equal(await description(), 'nextjs');
  });

  it('a failed build (ERROR) says so, with its deployment to open, and keeps the pending state', async () => {
    await build('ERROR');
    await twoEdits();
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    const created = (await deploymentsOf(blog))[1];
    assert.equal(created.readyState, 'ERROR');
    assert.deepEqual(messages(prompts.errors),
      ['The redeploy of alice-blog failed (Command "npm run build" exited with 1): production still runs the previous deployment. Open the deployment for its build logs.']);
    assert.deepEqual(prompts.errors[0].slice(1), ['Open Deployment']);
    assert.deepEqual(messages(prompts.infos), []);
    assert.equal(await description(), '2 changes not deployed');
  });

  it('an unknown outcome (502 after the deployment was created) is read back and followed: still one POST', async () => {
    await build('READY');
    await twoEdits();
    await post('faults', [{ method: 'POST', pathPattern: '^/v13/deployments$', status: 502, applyFirst: true }]);
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    const sent = (await requests()).slice(before);
    assert.deepEqual(sent.filter((r) => r.method === 'POST').length, 1, 'never sent twice');
    assert.ok(sent.some((r) => r.method === 'GET' && r.path === '/v6/deployments'), 'read back');
    assert.deepEqual(messages(prompts.errors), []);
    const created = (await deploymentsOf(blog))[1];
    assert.deepEqual(messages(prompts.infos), [`alice-blog is redeployed: ${created.url} is ready and uses the current variables.`]);
    assert.equal(await description(), 'nextjs');
  });

  it('a 500 that created nothing says it did not start; one POST, the pending state stays', async () => {
    await twoEdits();
    await injectFaults([{ method: 'POST', pathPattern: '^/v13/deployments$', status: 500 }]);
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    const sent = (await requests()).slice(before);
    assert.equal(sent.filter((r) => r.method === 'POST').length, 1);
    assert.equal(prompts.errors.length, 1);
    assert.match(messages(prompts.errors)[0], /^The redeploy of alice-blog-[0-9a-f]{9}\.vercel\.app did not start \(no new deployment was found\)\. Nothing was changed: you can try again\.$/);
    assert.equal((await deploymentsOf(blog)).length, 1);
    assert.equal(await description(), '2 changes not deployed');
  });

  it('a refusal (403) is one short message from the error boundary, and nothing is read back', async () => {
    await injectFaults([{ method: 'POST', pathPattern: '^/v13/deployments$', status: 403, body: { error: { code: 'forbidden', message: 'You cannot deploy this project' } } }]);
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', await project());
    const sent = (await requests()).slice(before);
    assert.deepEqual(sent.filter((r) => r.path.includes('deployments')).map((r) => r.method), ['POST']);
    assert.equal(prompts.errors.length, 1);
    assert.match(messages(prompts.errors)[0], /^Vercel denied access: .*You cannot deploy this project/);
  });

  it('a project never deployed to production is told so before any request', async () => {
    await post('bulk', { projects: { accountId: 'user_alice', count: 1, prefix: 'fresh' } });
    api.tree.refresh();
    const fresh = await node(api, 'alice', 'Personal', 'fresh-0001');
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Redeploy'] });
    await vscode.commands.executeCommand('projectSecrets.redeploy', fresh);
    assert.deepEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), ['GET /v9/projects/prj_fresh0001'],
      'one read of the project (it may have been deployed since the tree loaded), nothing sent');
    assert.deepEqual(prompts.warnings, [], 'nothing asked');
    assert.match(messages(prompts.errors)[0], /^fresh-0001 has no production deployment to redeploy\./);
  });
});
