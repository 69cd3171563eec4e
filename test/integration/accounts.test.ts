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

  it('loads projects 100 per page: the first at once, the next on "Load more…" (one request, appended)', async () => {
    // 250 more projects: Acme has 275, three pages of 100, 100 and 75.
    await emulator('bulk', { method: 'POST', body: JSON.stringify({ projects: { accountId: 'team_acme', count: 250, prefix: 'acme-bulk' } }) });
    try {
      const [account] = await children(api);
      const acme = await childByLabel(api, account, 'Acme Inc');
      api.tree.refresh(acme);
      const before = (await requests()).length;
      const projectCalls = async () => (await requests()).slice(before).filter((r) => r.path === '/v10/projects');
      const first = await children(api, acme);
      assert.equal(first.length, 103);
      assert.equal(label(first[0]), 'Account Secrets');
      assert.equal(label(first[1]), 'Shared Variables');
      assert.equal(label(first[102]), 'Load more…');
      assert.deepEqual((await projectCalls()).map((r) => [r.query.limit, r.query.from]), [['100', undefined]], 'one page, not all');

      await vscode.commands.executeCommand('projectSecrets.loadMore', acme);
      const second = await children(api, acme);
      assert.equal(second.length, 203);
      // Appended: the rows of the first page are the very same nodes, and that page was not asked for again.
      assert.ok(first.slice(0, 102).every((row, i) => second[i] === row), 'the first page\'s rows are reused');
      const calls = await projectCalls();
      assert.equal(calls.length, 2, 'Load more… is one request');
      assert.ok(calls[1].query.from, 'the next page, by its cursor');

      await vscode.commands.executeCommand('projectSecrets.loadMore', acme);
      const all = await children(api, acme);
      assert.equal(all.length, 277);
      assert.ok(all.some((n) => label(n) === 'acme-service-22') && all.some((n) => label(n) === 'acme-bulk-0250'));
      assert.ok(!all.some((n) => label(n) === 'Load more…'));
      const last = await projectCalls();
      assert.equal(last.length, 3);
      assert.equal(new Set(last.map((r) => r.query.from ?? '')).size, 3, 'no page asked for twice');
      assert.ok(last.every((r) => r.query.teamId === 'team_acme'));
    } finally {
      await resetEmulator();
      const [account] = await children(api);
      api.tree.refresh(await childByLabel(api, account, 'Acme Inc'));
    }
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
      // The tooltip as shown on hover (resolved then, not built with the row).
      const item = api.tree.resolveTreeItem(node.toTreeItem(), node);
      assert.ok(item.tooltip, `${label(node)} has a tooltip on hover`);
      const text = JSON.stringify({ label: item.label, description: item.description, tooltip: item.tooltip, aria: item.accessibilityInformation });
      for (const value of values) assert.ok(!text.includes(value), `${label(node)} shows a value`);
    }
    const dbNode = vars.find((n) => label(n) === 'DATABASE_URL')!;
    // The tooltip is built on hover (resolveTreeItem), not with the row.
    const db = api.tree.resolveTreeItem(dbNode.toTreeItem(), dbNode);
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

  it('refreshes a project with one request per list: its variables and its custom environments, in parallel', async () => {
    const [account] = await children(api);
    const personal = await childByLabel(api, account, 'Personal');
    const blog = await childByLabel(api, personal, 'alice-blog');
    await children(api, blog);
    const before = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.refresh', blog);
    await children(api, blog);
    const after = await requests();
    assert.equal(after.length, before + 2);
    assert.deepEqual(after.slice(before).map((r) => r.path).sort(),
      ['/v10/projects/prj_aliceblog/env', '/v9/projects/prj_aliceblog/custom-environments']);
  });

  it('keeps several accounts side by side; adding one reloads nothing of the others', async () => {
    const [alice] = await children(api);
    const personal = await childByLabel(api, alice, 'Personal');
    const blog = await childByLabel(api, personal, 'alice-blog');
    const aliceRows = await children(api, blog);
    const before = (await requests()).length;
    answerPrompts('showInputBox', [demoTokens.bob]);
    answerPrompts('showInformationMessage', []);
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    assert.deepEqual((await children(api)).map(label), ['alice', 'bob']);
    // What alice had loaded is still there, as it was: no request for it.
    const again = await children(api, blog);
    assert.ok(again.length === aliceRows.length && again.every((row, i) => row === aliceRows[i]), 'alice-blog\'s rows are the ones loaded before');
    assert.deepEqual((await children(api, personal)).map(label), ['Account Secrets', 'alice-blog', 'alice-portfolio', 'alice-api']);
    // The token check, and bob's teams: a new account is revealed expanded (alice's were loaded before and are not asked again).
    assert.deepEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), ['GET /v2/user', 'GET /v2/teams'], 'the token check and bob\'s teams only');
    const bob = await childByLabel(api, undefined, 'bob');
    const beforeBob = (await requests()).length;
    assert.deepEqual((await children(api, bob)).map(label), ['Personal', 'Globex']);
    assert.equal((await requests()).length, beforeBob, 'bob\'s teams were the ones loaded when he was added');
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
