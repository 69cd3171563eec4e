import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { demoTokens } from '../../emulator';
import {
  activateExtension, answerPrompts, childByLabel, children, emulator, emulatorUrl, label, requests, resetEmulator, restorePrompts, script, stubPrompt,
  type ShownInputBox,
} from './helpers';

interface EmulatorState { envs?: Array<{ value?: string }> }

describe('Project Secrets in a real VS Code: accounts and the tree', function () {
  let api: ProjectSecretsApi;

  before(async () => {
    await resetEmulator();
    api = await activateExtension();
  });
  afterEach(restorePrompts);

  it('activates without network and without loading the HTTP library', async () => {
    assert.equal(api.transportLoaded(), false);
    assert.deepEqual(await requests(), []);
    console.log(`      activation took ${api.activationMs.toFixed(1)} ms`);
  });

  it('reads the API URL from the machine setting and ignores the hostile workspace value', () => {
    const inspected = vscode.workspace.getConfiguration('projectSecrets').inspect<string>('vercel.apiUrl');
    assert.equal(inspected?.globalValue, emulatorUrl());
    assert.notEqual(vscode.workspace.getConfiguration('projectSecrets').get('vercel.apiUrl'), 'https://attacker.invalid');
  });

  it('shows the welcome view while no account is connected', async () => {
    assert.deepEqual(await children(api), []);
    assert.deepEqual(api.accounts.list(), []);
  });

  it('refuses a rejected token clearly and stores nothing', async () => {
    answerPrompts('showInputBox', ['wrong_token_0000000000']);
    const errors = answerPrompts('showErrorMessage', []);
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.equal(errors.length, 1);
    assert.match(String(errors[0][0]), /Vercel rejected this token \(HTTP 403\).*nothing was saved/);
    assert.ok(!String(errors[0][0]).includes('wrong_token_0000000000'));
    assert.deepEqual(api.accounts.list(), []);
  });

  it('keeps the token box open on a rejected token: fixed in the same box, then added', async () => {
    const userCalls = async () => (await requests()).filter((r) => r.path === '/v2/user');
    const before = (await userCalls()).length;
    const prompts = script({ inputs: ['wrong_token_0000000000', demoTokens.alice] });
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.deepEqual(prompts.errors.map((c) => String(c[0])), []);
    assert.equal(prompts.inputBoxes.length, 1, 'one box, answered twice');
    const box = prompts.inputBoxes[0][0] as ShownInputBox;
    assert.equal(box.password, true);
    assert.equal(box.answers, 2);
    assert.equal(box.validationMessages.length, 1);
    assert.match(box.validationMessages[0], /^Vercel rejected this token \(HTTP 403\)\. .*nothing was saved\.$/);
    assert.deepEqual((await userCalls()).slice(before).map((r) => r.status), [403, 200]);
    const [account] = api.accounts.list();
    assert.equal(account?.label, 'alice');
    assert.equal(await api.accounts.tokens.get(account.id), demoTokens.alice);
    await api.accounts.remove(account.id);
    assert.deepEqual(api.accounts.list(), []);
  });

  it('changes nothing when the token prompt is cancelled', async () => {
    const before = (await requests()).length;
    answerPrompts('showInputBox', [undefined]);
    const errors = answerPrompts('showErrorMessage', []);
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.equal(errors.length, 0);
    assert.equal((await requests()).length, before);
    assert.deepEqual(api.accounts.list(), []);
  });

  it('adds an account after checking its token, with a password box', async () => {
    const inputs = answerPrompts('showInputBox', [demoTokens.alice]);
    answerPrompts('showInformationMessage', []);
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.equal((inputs[0][0] as vscode.InputBoxOptions).password, true);
    const [account] = api.accounts.list();
    assert.equal(account.label, 'alice');
    assert.equal(account.origin, new URL(emulatorUrl()).origin);
    assert.equal(await api.accounts.tokens.get(account.id), demoTokens.alice);
    const userCalls = (await requests()).filter((r) => r.path === '/v2/user');
    assert.equal(userCalls.at(-1)?.status, 200);
  });

  it('lists Personal and every team under the account', async () => {
    const [account] = await children(api);
    assert.equal(label(account), 'alice');
    assert.deepEqual((await children(api, account)).map(label), ['Personal', 'Acme Inc', 'Globex']);
  });

  it('loads projects page by page: the first at once, the next on "Load more…"', async () => {
    const [account] = await children(api);
    const acme = await childByLabel(api, account, 'Acme Inc');
    const before = (await requests()).filter((r) => r.path === '/v10/projects').length;
    const first = await children(api, acme);
    assert.equal(first.length, 22);
    assert.equal(label(first[0]), 'Account Secrets');
    assert.equal(label(first[21]), 'Load more…');
    assert.equal((await requests()).filter((r) => r.path === '/v10/projects').length, before + 1, 'one page, not all');
    await vscode.commands.executeCommand('projectSecrets.loadMore', acme);
    const all = await children(api, acme);
    assert.equal(all.length, 26);
    assert.ok(all.some((n) => label(n) === 'acme-service-22'));
    assert.ok(!all.some((n) => label(n) === 'Load more…'));
    const calls = (await requests()).filter((r) => r.path === '/v10/projects');
    assert.equal(calls.length, before + 2);
    assert.ok(calls.slice(-2).every((r) => r.query.teamId === 'team_acme'));
  });

  it('shows variables masked, with type, targets and branch, and no value anywhere', async () => {
    const [account] = await children(api);
    const personal = await childByLabel(api, account, 'Personal');
    const blog = await childByLabel(api, personal, 'alice-blog');
    const vars = await children(api, blog);
    const state = await emulator<EmulatorState>('state');
    const values = JSON.stringify(state).match(/"value":"([^"]{4,})"/g)?.map((m) => m.slice(9, -1)) ?? [];
    assert.ok(values.length > 5, 'the emulator holds seeded values to look for');
    for (const node of vars) {
      const item = node.toTreeItem();
      const text = JSON.stringify({ label: item.label, description: item.description, tooltip: item.tooltip, aria: item.accessibilityInformation });
      for (const value of values) assert.ok(!text.includes(value), `${label(node)} shows a value`);
    }
    const db = vars.find((n) => label(n) === 'DATABASE_URL')?.toTreeItem();
    // Environments first, then the branch; the mask, the same on every row, only in the tooltip.
    assert.equal(db?.description, 'Production, Preview');
    assert.match((db?.tooltip as vscode.MarkdownString).value, /Value: •••••• \(hidden\)$/);
    assert.equal(db?.accessibilityInformation?.label, 'DATABASE_URL, Production, Preview, encrypted, value hidden');
    assert.match(String(db?.contextValue), /^projectSecrets\.envVar;type-encrypted;editable;readable$/);
    const preview = vars.find((n) => label(n) === 'PREVIEW_API_KEY')?.toTreeItem();
    assert.equal(preview?.description, 'Preview · feature/login');
    assert.equal(preview?.accessibilityInformation?.label, 'PREVIEW_API_KEY, Preview, git branch feature/login, encrypted, value hidden');
    const stripe = vars.find((n) => label(n) === 'STRIPE_SECRET_KEY')?.toTreeItem();
    assert.match(String(stripe?.contextValue), /type-sensitive;editable;writeonly/);
    const sha = vars.find((n) => label(n) === 'VERCEL_GIT_COMMIT_SHA')?.toTreeItem();
    assert.match(String(sha?.contextValue), /type-system;readonly;computed$/);
  });

  it('shows an API error as an error row with a retry, and keeps the rest of the tree', async () => {
    await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ method: 'GET', pathPattern: '^/v10/projects/prj_globexshop/env$', status: 500, times: 1 }]) });
    const [account] = await children(api);
    const globex = await childByLabel(api, account, 'Globex');
    const shop = await childByLabel(api, globex, 'globex-shop');
    const [row] = await children(api, shop);
    const item = row.toTreeItem();
    assert.match(String(item.label), /server error \(HTTP 500\)/);
    assert.equal(item.command?.command, 'projectSecrets.refresh');
    assert.deepEqual((await children(api, account)).map(label), ['Personal', 'Acme Inc', 'Globex']);
    await vscode.commands.executeCommand('projectSecrets.refresh', row);
    assert.ok((await children(api, shop)).length > 0);
    assert.ok(!(await children(api, shop)).some((n) => n.toTreeItem().contextValue === 'projectSecrets.error'));
  });

  it('refreshes a node with one request', async () => {
    const [account] = await children(api);
    const personal = await childByLabel(api, account, 'Personal');
    const blog = await childByLabel(api, personal, 'alice-blog');
    await children(api, blog);
    const before = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.refresh', blog);
    await children(api, blog);
    const after = await requests();
    assert.equal(after.length, before + 1);
    assert.equal(after.at(-1)?.path, '/v10/projects/prj_aliceblog/env');
  });

  it('keeps several accounts side by side', async () => {
    answerPrompts('showInputBox', [demoTokens.bob]);
    answerPrompts('showInformationMessage', []);
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.deepEqual((await children(api)).map(label), ['alice', 'bob']);
    const bob = await childByLabel(api, undefined, 'bob');
    assert.deepEqual((await children(api, bob)).map(label), ['Personal', 'Globex']);
  });

  it('never puts a token in settings, globalState or the log', async () => {
    const tokens = [demoTokens.alice, demoTokens.bob, 'wrong_token_0000000000'];
    const settings = JSON.stringify(vscode.workspace.getConfiguration());
    const state = JSON.stringify(api.globalState.keys().map((key) => [key, api.globalState.get(key)]));
    const logs = readTree(path.dirname(api.logUri.fsPath));
    assert.ok(logs.includes('Activated in'), 'found the extension log');
    assert.ok(logs.includes('/v2/user'), 'the log has request lines');
    for (const token of tokens) {
      assert.ok(!settings.includes(token), 'token in settings');
      assert.ok(!state.includes(token), 'token in globalState');
      assert.ok(!logs.includes(token), 'token in the log');
    }
  });

  it('removes an account from the palette with a picker: token deleted, node gone', async () => {
    const bob = api.accounts.list().find((a) => a.label === 'bob');
    assert.ok(bob);
    const picks = stubPrompt('showQuickPick', (items) => (items as Array<{ label: string }>).find((i) => i.label === 'bob'));
    answerPrompts('showInformationMessage', []);
    const asked = answerPrompts('showWarningMessage', ['Remove']);
    await vscode.commands.executeCommand('projectSecrets.removeAccount');
    assert.equal(picks.length, 1);
    assert.equal(asked.length, 1, 'asked first');
    assert.deepEqual((await children(api)).map(label), ['alice']);
    assert.equal(await api.accounts.tokens.get(bob.id), undefined);
  });

  it('removes an account from its tree node', async () => {
    const alice = await childByLabel(api, undefined, 'alice');
    const id = api.accounts.list()[0].id;
    answerPrompts('showInformationMessage', []);
    // Escape at the question keeps everything.
    const declined = answerPrompts('showWarningMessage', [undefined]);
    await vscode.commands.executeCommand('projectSecrets.removeAccount', alice);
    assert.deepEqual((await children(api)).map(label), ['alice'], 'still there after Escape');
    assert.ok(await api.accounts.tokens.get(id), 'the token is kept after Escape');
    const [message, options, ...buttons] = declined[0] as [string, vscode.MessageOptions, ...string[]];
    assert.equal(message, 'Remove the Vercel account alice?');
    assert.equal(options.modal, true, 'a modal question');
    assert.match(String(options.detail), /^Its token is forgotten: deleted from this machine's secret storage\. Nothing changes at 127\.0\.0\.1:\d+; /);
    assert.deepEqual(buttons, ['Remove']);
    answerPrompts('showWarningMessage', ['Remove']);
    await vscode.commands.executeCommand('projectSecrets.removeAccount', alice);
    assert.deepEqual(await children(api), []);
    assert.equal(await api.accounts.tokens.get(id), undefined);
  });
});

/** Every file below a folder, as text (log files are small). */
function readTree(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? readTree(full) : fs.readFileSync(full, 'utf8');
  }).join('\n');
}
