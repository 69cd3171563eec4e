/**
 * Team shared variables and step-up authentication in a real VS Code: each command runs through
 * the command palette id with stubbed prompts, and what it did is read back from the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import {
  activateExtension, children, connectAliceOnly, emulator, label, node, requests, resetEmulator, restorePrompts, script, statusTexts,
} from './helpers';

interface Shared { id: string; key: string; value: string; type: string; target: string[]; projectId: string[] }
const shared = () => emulator<Shared[]>('shared-env');
const sharedKey = async (key: string) => (await shared()).find((e) => e.key === key);
const setStepUp = (code: string | null) => emulator('config', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stepUp: code }),
});

describe('Team shared variables in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const list = () => node(api, 'alice', 'Acme Inc', 'Shared Variables');
  const row = (key: string) => node(api, 'alice', 'Acme Inc', 'Shared Variables', key);

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    await setStepUp(null);
    api.tree.refresh();
  });
  afterEach(restorePrompts);
  after(() => setStepUp(null));

  it('lists a team\'s shared variables: key, environments, linked projects by name; never a value; one request', async () => {
    const rows = await children(api, await list());
    assert.deepEqual(rows.map(label), ['LOG_LEVEL', 'SENTRY_DSN', 'STRIPE_WEBHOOK_SECRET']);
    const sentry = rows[1].toTreeItem();
    assert.equal(sentry.description, 'Production, Preview · acme-web, acme-api');
    assert.equal(rows[0].toTreeItem().description, 'All environments · not linked');
    const text = JSON.stringify(rows.map((r) => [r.toTreeItem(), api.tree.resolveTreeItem(r.toTreeItem(), r).tooltip]));
    for (const env of await shared()) assert.ok(!text.includes(env.value), `${env.key}'s value shows`);
    const reads = (await requests()).filter((r) => r.path === '/v1/env');
    assert.equal(reads.length, 1);
    assert.equal(reads[0].query.teamId, 'team_acme');
    // Personal scope has none.
    assert.ok(!(await children(api, await node(api, 'alice', 'Personal'))).some((n) => label(n) === 'Shared Variables'));
  });

  it('adds two shared variables in one request, linked to a project', async () => {
    await children(api, await list()); // loaded, so the answer is patched in
    const prompts = script({
      inputs: ['SHARED_ONE', 'shared-one-value-9401', 'SHARED_TWO', 'shared-two-value-9402'],
      picks: ['Add another variable', 'Continue: type, environments and projects', 'encrypted', ['Production', 'Preview'], ['acme-docs']],
    });
    await vscode.commands.executeCommand('projectSecrets.addSharedVariables', await list());
    assert.deepEqual(messages(prompts.errors), []);
    const posts = (await writes()).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1, 'one request for both');
    assert.equal((await requests()).filter((r) => r.path === '/v1/env').length, 2, 'the list, then the one POST: nothing read back');
    assert.deepEqual(posts[0].body, {
      evs: [{ key: 'SHARED_ONE', value: 'shared-one-value-9401' }, { key: 'SHARED_TWO', value: 'shared-two-value-9402' }],
      type: 'encrypted', target: ['production', 'preview'], projectId: ['prj_acmedocs'],
    });
    assert.deepEqual((await sharedKey('SHARED_TWO'))?.projectId, ['prj_acmedocs']);
    assert.match(statusTexts(prompts.statuses)[0], /^Added 2 of 2 shared variables to Acme Inc: SHARED_ONE, SHARED_TWO\.$/);
    const before = (await requests()).length;
    assert.deepEqual((await children(api, await list())).map(label), ['LOG_LEVEL', 'SENTRY_DSN', 'SHARED_ONE', 'SHARED_TWO', 'STRIPE_WEBHOOK_SECRET']);
    assert.equal((await requests()).length, before, 'the list was patched from the answer, not reloaded');
  });

  it('reports each refused key of a batch; what succeeded stays', async () => {
    const prompts = script({
      inputs: ['SHARED_NEW', 'shared-new-value-9403', 'SENTRY_DSN', 'dup-value-9404'],
      picks: ['Add another variable', 'Continue: type, environments and projects', 'sensitive', ['Production'], []],
    });
    await vscode.commands.executeCommand('projectSecrets.addSharedVariables', await list());
    assert.deepEqual(messages(prompts.errors), []);
    const warning = messages(prompts.warnings).find((m) => m.includes('Not done'));
    assert.ok(warning, messages(prompts.warnings).join(' | '));
    assert.match(warning, /Added 1 of 2 shared variables to Acme Inc: SHARED_NEW\..*Not done: SENTRY_DSN: .*ENV_ALREADY_EXISTS/);
    assert.equal((await sharedKey('SHARED_NEW'))?.type, 'sensitive');
    assert.ok((await children(api, await list())).some((n) => label(n) === 'SHARED_NEW'));
  });

  it('sets a value, then renames, one PATCH each', async () => {
    let prompts = script({ inputs: ['rotated-sentry-9405'] });
    await vscode.commands.executeCommand('projectSecrets.setSharedVariableValue', await row('SENTRY_DSN'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal((await sharedKey('SENTRY_DSN'))?.value, 'rotated-sentry-9405');
    restorePrompts();
    prompts = script({ inputs: ['SENTRY_URL'] });
    await vscode.commands.executeCommand('projectSecrets.renameSharedVariable', await row('SENTRY_DSN'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.ok(await sharedKey('SENTRY_URL'));
    assert.deepEqual((await writes()).map((r) => `${r.method} ${r.path}`), ['PATCH /v1/env', 'PATCH /v1/env']);
    assert.ok((await children(api, await list())).some((n) => label(n) === 'SENTRY_URL'));
  });

  it('deletes after a modal confirmation that names the linked projects, from the palette', async () => {
    const prompts = script({ picks: ['Acme Inc', 'SENTRY_DSN'], warnings: ['Delete'] });
    await vscode.commands.executeCommand('projectSecrets.deleteSharedVariable');
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /acme-web, acme-api/);
    assert.equal(await sharedKey('SENTRY_DSN'), undefined);
    assert.deepEqual((await writes()).map((r) => `${r.method} ${r.path}`), ['DELETE /v1/env']);
  });

  it('changes nothing when the delete is not confirmed', async () => {
    script({ warnings: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.deleteSharedVariable', await row('LOG_LEVEL'));
    assert.deepEqual(await writes(), []);
  });

  it('links to a project, whose list then marks it "shared"; unlinks from the project\'s row', async () => {
    let prompts = script({ picks: [['acme-docs']] });
    await vscode.commands.executeCommand('projectSecrets.linkSharedVariable', await row('LOG_LEVEL'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual((await sharedKey('LOG_LEVEL'))?.projectId, ['prj_acmedocs']);
    const patch = (await writes()).at(-1);
    assert.deepEqual(patch?.body, { updates: { [(await sharedKey('LOG_LEVEL'))!.id]: { projectIdUpdates: { link: ['prj_acmedocs'] } } } });
    const docs = await children(api, await node(api, 'alice', 'Acme Inc', 'acme-docs'));
    const marked = docs.find((n) => label(n) === 'LOG_LEVEL');
    assert.ok(marked, docs.map(label).join(', '));
    assert.match(String(marked.toTreeItem().description), /^shared · All environments$/);
    await vscode.commands.executeCommand('projectSecrets.copySecretName', marked);
    assert.equal(await vscode.env.clipboard.readText(), 'LOG_LEVEL');
    restorePrompts();
    prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.unlinkSharedVariable', marked);
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual((await sharedKey('LOG_LEVEL'))?.projectId, []);
    assert.equal((await writes()).at(-1)?.path, `/v1/env/${(await sharedKey('LOG_LEVEL'))!.id}/unlink/prj_acmedocs`);
    assert.ok(!(await children(api, await node(api, 'alice', 'Acme Inc', 'acme-docs'))).some((n) => label(n) === 'LOG_LEVEL'));
  });

  it('Copy Value reads a Config shared variable once, from its row or a project\'s "shared" row; a Secret one says why not, with no request', async () => {
    const sentry = (await shared()).find((e) => e.key === 'SENTRY_DSN')!;
    const stripe = await row('STRIPE_WEBHOOK_SECRET');
    assert.match(String(stripe.toTreeItem().accessibilityInformation?.label), /STRIPE_WEBHOOK_SECRET, shared variable, Secret,/);
    assert.doesNotMatch(String(stripe.toTreeItem().contextValue), /readable/, 'no Copy Value in the menu of a Secret');
    assert.match(String((await row('SENTRY_DSN')).toTreeItem().contextValue), /;readable\b/);
    const sentryRow = await row('SENTRY_DSN');
    let before = (await requests()).length;
    let prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', sentryRow);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(await vscode.env.clipboard.readText(), sentry.value);
    assert.deepEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), [`GET /v1/env/${sentry.id}`]);
    restorePrompts();
    await vscode.env.clipboard.writeText('before');
    const linked = (await children(api, await node(api, 'alice', 'Acme Inc', 'acme-web'))).find((n) => label(n) === 'SENTRY_DSN')!;
    assert.match(String(linked.toTreeItem().contextValue), /^projectSecrets\.linkedShared;readable$/);
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', linked);
    assert.equal(await vscode.env.clipboard.readText(), sentry.value);
    await vscode.env.clipboard.writeText('before');
    before = (await requests()).length;
    prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', stripe);
    assert.match(messages(prompts.errors)[0] ?? '', /STRIPE_WEBHOOK_SECRET is a Secret \(sensitive\) shared variable: Vercel never returns its value/);
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    assert.deepEqual((await requests()).slice(before), [], 'nothing asked of the API');
  });

  it('a team project\'s list reads its own variables and its linked shared ones in parallel, one request each', async () => {
    const rows = await children(api, await node(api, 'alice', 'Acme Inc', 'acme-web'));
    const sharedRows = rows.filter((n) => String(n.toTreeItem().description).startsWith('shared · '));
    assert.deepEqual(sharedRows.map(label), ['SENTRY_DSN', 'STRIPE_WEBHOOK_SECRET']);
    const reads = (await requests()).filter((r) => r.path === '/v10/projects/prj_acmeweb/env' || r.path === '/v1/env');
    assert.deepEqual(reads.map((r) => `${r.path}?${r.query.projectId ?? ''}`).sort(), ['/v1/env?prj_acmeweb', '/v10/projects/prj_acmeweb/env?']);
    // A personal project asks for none.
    await children(api, await node(api, 'alice', 'Personal', 'alice-blog'));
    assert.equal((await requests()).filter((r) => r.path === '/v1/env').length, 1);
  });

  it('step-up authentication: explained with the dashboard, the connection is not marked rejected', async () => {
    const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
    await setStepUp('challenge_required');
    const rows = await children(api, await node(api, 'alice', 'Acme Inc', 'acme-web'));
    assert.equal(rows.length, 1);
    const item = rows[0].toTreeItem();
    assert.match(String(item.label), /confirm it's you \(step-up authentication\).*dashboard/);
    assert.doesNotMatch(String(item.label), /Token rejected/);
    assert.equal(item.command?.command, 'projectSecrets.openVercelDashboard');
    const root = await node(api, 'alice');
    assert.doesNotMatch(String(api.tree.getTreeItem(root).description), /token rejected/);
    // Other loads under the connection still go out (a rejected connection would send none).
    const before = (await requests()).length;
    await children(api, await list());
    assert.equal((await requests()).length, before + 1);
    // A command that reads a value says the same, with an "Open Dashboard" button.
    await setStepUp('user_auth_required');
    const prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', variable);
    const error = prompts.errors.find((c) => String(c[0]).includes('step-up'));
    assert.ok(error, messages(prompts.errors).join(' | '));
    assert.ok(error.includes('Open Dashboard'));
    assert.doesNotMatch(String(error[0]), /rejected the token|token is invalid/);
    assert.doesNotMatch(String(api.tree.getTreeItem(root).description), /token rejected/);
  });
});
