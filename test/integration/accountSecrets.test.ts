import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { carol } from '../../emulator';
import {
  activateExtension, children, connectAliceOnly, emulator, label, node, requests, resetEmulator, restorePrompts, script, statusTexts,
} from './helpers';

interface LegacySecret { uid: string; name: string; value: string; ownerId: string; projectId?: string; decryptable: boolean }
const legacy = () => emulator<LegacySecret[]>('legacy-secrets');
const setGone = (gone: boolean) => emulator('config', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ legacySecretsGone: gone }),
});

const carolToken = carol.token;

describe('Vercel account secrets in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  it('lists a scope\'s account secrets with masked value, created date and associated project', async () => {
    const personal = await node(api, 'alice', 'Personal');
    await children(api, personal); // projects first, so the associated project has its name
    const rows = await children(api, await node(api, 'alice', 'Personal', 'Account Secrets'));
    assert.deepEqual(rows.map(label), ['blog-api-token', 'legacy-db-password', 'stripe-live-key']);
    const blog = rows[0].toTreeItem();
    // What differs between rows: the project, then the date; the mask is in the tooltip only.
    assert.match(String(blog.description), /^alice-blog · \S+$/);
    assert.match((blog.tooltip as vscode.MarkdownString).value, /Value: •••••• \(hidden, decryptable\)/);
    assert.equal(blog.accessibilityInformation?.label, 'blog-api-token, account secret for alice-blog, value hidden');
    const text = JSON.stringify(rows.map((n) => n.toTreeItem()));
    for (const secret of await legacy()) assert.ok(!text.includes(secret.value), `${secret.name}'s value shows`);
    assert.ok((await requests()).some((r) => r.path === '/v3/secrets'));
  });

  it('lists a team\'s account secrets with its teamId', async () => {
    const rows = await children(api, await node(api, 'alice', 'Acme Inc', 'Account Secrets'));
    assert.deepEqual(rows.map(label), ['acme-deploy-key', 'acme-sentry-token']);
    assert.equal((await requests()).filter((r) => r.path === '/v3/secrets').at(-1)?.query.teamId, 'team_acme');
  });

  it('adds an account secret: name, password value, decryptable, project', async () => {
    const list = await node(api, 'alice', 'Personal', 'Account Secrets');
    const prompts = script({
      inputs: ['new-legacy-key', 'new-legacy-secret-9001'],
      picks: ['Yes, allow decrypting', 'Associate with a project…', 'alice-api'],
    });
    await vscode.commands.executeCommand('projectSecrets.addAccountSecret', list);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal((prompts.inputBoxes[1][0] as vscode.InputBoxOptions).password, true);
    const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
    assert.match(String(await validate('x'.repeat(101))), /101/);
    const created = (await legacy()).find((s) => s.name === 'new-legacy-key');
    assert.deepEqual({ value: created?.value, decryptable: created?.decryptable, projectId: created?.projectId, ownerId: created?.ownerId },
      { value: 'new-legacy-secret-9001', decryptable: true, projectId: 'prj_aliceapi', ownerId: 'user_alice' });
    assert.match(statusTexts(prompts.statuses)[0], /^Created account secret new-legacy-key \(sec_/);
    assert.deepEqual(messages(prompts.infos), [], 'said in the status bar, not as a notification');
    assert.ok((await children(api, list)).some((n) => label(n) === 'new-legacy-key'));
    const post = (await writes()).find((r) => r.method === 'POST');
    assert.deepEqual(post?.body, { name: 'new-legacy-key', value: 'new-legacy-secret-9001', decryptable: true, projectId: 'prj_aliceapi' });
  });

  it('renames, and refuses a name that is taken with a clear message', async () => {
    let prompts = script({ inputs: ['db-password'] });
    await vscode.commands.executeCommand('projectSecrets.renameAccountSecret', await node(api, 'alice', 'Personal', 'Account Secrets', 'legacy-db-password'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.ok((await legacy()).some((s) => s.name === 'db-password'));
    assert.ok(!(await legacy()).some((s) => s.name === 'legacy-db-password'));
    assert.deepEqual((await writes()).map((r) => `${r.method} ${r.path}`), ['PATCH /v2/secrets/legacy-db-password']);
    restorePrompts();
    prompts = script({ inputs: ['blog-api-token'] });
    await vscode.commands.executeCommand('projectSecrets.renameAccountSecret', await node(api, 'alice', 'Personal', 'Account Secrets', 'stripe-live-key'));
    assert.match(messages(prompts.errors)[0], /blog-api-token already exists in this scope.*Nothing was changed/);
    assert.ok((await legacy()).some((s) => s.name === 'stripe-live-key'));
  });

  it('deletes after a modal confirmation, from the palette', async () => {
    const prompts = script({ picks: ['Personal', 'stripe-live-key'], warnings: ['Delete'] });
    await vscode.commands.executeCommand('projectSecrets.deleteAccountSecret');
    assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
    assert.ok(!(await legacy()).some((s) => s.name === 'stripe-live-key'));
  });

  it('changes nothing when the delete is not confirmed', async () => {
    script({ warnings: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.deleteAccountSecret', await node(api, 'alice', 'Personal', 'Account Secrets', 'stripe-live-key'));
    assert.deepEqual(await writes(), []);
  });

  it('copies a name', async () => {
    await vscode.commands.executeCommand('projectSecrets.copySecretName', await node(api, 'alice', 'Personal', 'Account Secrets', 'blog-api-token'));
    assert.equal(await vscode.env.clipboard.readText(), 'blog-api-token');
  });

  it('turns 410 Gone into one explanatory row that leads to the environment variables', async () => {
    await setGone(true);
    const list = await node(api, 'alice', 'Personal', 'Account Secrets');
    const rows = await children(api, list);
    assert.equal(rows.length, 1);
    const item = rows[0].toTreeItem();
    assert.equal(item.label, 'Account secrets were retired by Vercel; use environment variables');
    assert.equal(item.command?.command, 'projectSecrets.showEnvironmentVariables');
    const prompts = script({ picks: ['alice-blog'] });
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(prompts.quickPicks.length, 1);
  });

  it('explains a 410 on add instead of failing silently', async () => {
    await setGone(true);
    const prompts = script({ inputs: ['gone-key', 'gone-secret-value'], picks: ['No, write-only', 'No project'] });
    await vscode.commands.executeCommand('projectSecrets.addAccountSecret', await node(api, 'alice', 'Personal', 'Account Secrets'));
    assert.match(messages(prompts.errors)[0], /Vercel retired account secrets on 2024-05-01: use sensitive environment variables instead/);
  });

  it('once 410 is seen, the list has no "+" and Add Account Secret refuses before asking anything', async () => {
    await setGone(true);
    const list = await node(api, 'alice', 'Personal', 'Account Secrets');
    api.tree.refresh(list);
    assert.equal((await children(api, list)).length, 1, 'the one "retired" row');
    const contextValue = api.tree.getTreeItem(list).contextValue ?? '';
    const menus = (vscode.extensions.getExtension('project-secrets.project-secrets')?.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    }).contributes.menus['view/item/context'];
    const adds = menus.filter((m) => m.command === 'projectSecrets.addAccountSecret');
    assert.ok(adds.length > 0);
    for (const menu of adds) {
      const pattern = /viewItem =~ \/(.*)\/\s*$/.exec(menu.when ?? '')?.[1];
      assert.ok(pattern, `a viewItem pattern in ${menu.when}`);
      assert.ok(!new RegExp(pattern).test(contextValue), `"${contextValue}" still offers Add Account Secret (${menu.when})`);
    }
    const before = (await requests()).length;
    const prompts = script({ inputs: ['gone-key', 'gone-secret-value'], picks: ['No, write-only', 'No project'] });
    await vscode.commands.executeCommand('projectSecrets.addAccountSecret', list);
    assert.match(messages(prompts.errors)[0], /Vercel retired account secrets on 2024-05-01: use sensitive environment variables instead/);
    assert.equal(prompts.inputBoxes.length + prompts.quickPicks.length, 0, 'no question asked');
    assert.equal((await requests()).length, before, 'no request');
  });

  it('calls the palette command the legacy feature', () => {
    const commands = (vscode.extensions.getExtension('project-secrets.project-secrets')?.packageJSON as {
      contributes: { commands: Array<{ command: string; title: string }> };
    }).contributes.commands;
    assert.equal(commands.find((c) => c.command === 'projectSecrets.addAccountSecret')?.title, 'Add Account Secret (Legacy)…');
  });

  it('explains a 402 (payment required) on add', async () => {
    script({ inputs: [carolToken] });
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    restorePrompts();
    const prompts = script({ inputs: ['carol-new-key', 'carol-new-secret-1'], picks: ['No, write-only', 'No project'] });
    await vscode.commands.executeCommand('projectSecrets.addAccountSecret', await node(api, 'carol', 'Personal', 'Account Secrets'));
    assert.match(messages(prompts.errors)[0], /requires a payment for this account: update the payment method/);
  });
});
