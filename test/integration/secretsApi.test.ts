import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../../src/backends/secretsApi/connection';
import type { ProjectSecretsApi } from '../../src/extension';
import { secretsApiKeys } from '../../emulator';
import {
  activateExtension, children, emulator, emulatorUrl, injectFaults, label, node, requests, resetEmulator, restorePrompts, script, statusTexts, type ShownInputBox,
} from './helpers';

interface ApiState { projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }
const apiState = () => emulator<ApiState>('secrets-api/state');
const secretsOf = async (projectId: string) => (await apiState()).projects.find((p) => p.id === projectId)?.secrets ?? [];
const valueOf = async (projectId: string, key: string) => (await secretsOf(projectId)).find((s) => s.key === key)?.value;

describe('Secrets API connections in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const apiWrites = async () => (await requests()).filter((r) => r.path.startsWith('/api/') && r.method !== 'GET');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const connection = () => api.accounts.list().find((a): a is SecretsApiConnection => a.kind === 'secretsApi' && a.label === 'Demo API');

  before(async () => {
    api = await activateExtension();
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
    await resetEmulator();
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  it('adds a connection: base URL, API key in a password box, a label', async () => {
    const prompts = script({ inputs: [emulatorUrl(), secretsApiKeys.main, 'Demo API'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal((prompts.inputBoxes[1][0] as vscode.InputBoxOptions).password, true);
    const validateUrl = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
    assert.match(String(await validateUrl('http://secrets.example.com')), /https/);
    assert.match(String(await validateUrl('not a url')), /not a valid URL/);
    const added = connection();
    assert.ok(added);
    assert.equal(added.baseUrl, emulatorUrl());
    assert.equal(await api.accounts.tokens.get(added.id), secretsApiKeys.main);
    assert.ok(!JSON.stringify(api.globalState.get('projectSecrets.accounts')).includes(secretsApiKeys.main));
  });

  it('refuses a project the key cannot reach, and stores nothing', async () => {
    const root = await node(api, 'Demo API');
    const prompts = script({ inputs: ['proj_nowhere'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', root);
    assert.match(messages(prompts.errors)[0], /proj_nowhere was not found, or this API key is not scoped to it\. Nothing was added/);
    assert.deepEqual(connection()?.projectIds, []);
  });

  it('adds projects by id and shows "n / 25 secrets" and •••• plus the last four only', async () => {
    for (const id of ['proj_web', 'proj_full']) {
      script({ inputs: [id] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, 'Demo API'));
      restorePrompts();
    }
    assert.deepEqual(connection()?.projectIds, ['proj_web', 'proj_full']);
    const [web, full] = await children(api, await node(api, 'Demo API'));
    assert.equal(web.toTreeItem().description, '12 / 25 secrets');
    assert.equal(full.toTreeItem().description, '25 / 25 secrets');
    const rows = await children(api, web);
    const db = rows.find((n) => label(n) === 'DATABASE_URL')!.toTreeItem();
    const value = (await valueOf('proj_web', 'DATABASE_URL'))!;
    // The last four tell rows apart; the "••••" (the same on every row) is in the tooltip.
    assert.equal(db.description, `ends in ${value.slice(-4)}`);
    assert.match((db.tooltip as vscode.MarkdownString).value, new RegExp(`Value: ••••${value.slice(-4)}\\n`));
    assert.equal(db.accessibilityInformation?.label, `DATABASE_URL, value hidden, ends in ${value.slice(-4)}`);
    const shown = JSON.stringify(rows.map((n) => n.toTreeItem()));
    for (const secret of await secretsOf('proj_web')) assert.ok(!shown.includes(secret.value.slice(0, -4)), `${secret.key} shows more than four characters`);
  });

  it('sets a new secret on a project, validating the key first', async () => {
    const web = await node(api, 'Demo API', 'proj_web');
    const prompts = script({ inputs: ['NEW_TOKEN', 'new-sapi-value-1234'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', web);
    assert.deepEqual(messages(prompts.errors), []);
    const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
    assert.match(String(await validate('new_token')), /upper case.*NEW_TOKEN/);
    assert.match(String(await validate('K'.repeat(65))), /65 characters long; the maximum is 64/);
    assert.equal(await valueOf('proj_web', 'NEW_TOKEN'), 'new-sapi-value-1234');
    assert.equal((await children(api, web)).length, 13);
  });

  it('refuses a 26th key without a request, and still updates an existing key at 25/25', async () => {
    const full = await node(api, 'Demo API', 'proj_full');
    let prompts = script({ inputs: ['SECRET_26', 'x-value'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', full);
    assert.match(String(await (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!('SECRET_26')), /already has 25 secrets; the maximum is 25/);
    assert.match(messages(prompts.errors)[0], /maximum is 25/);
    assert.deepEqual(await apiWrites(), []);
    restorePrompts();
    prompts = script({ inputs: ['SECRET_07', 'updated-sapi-7'], warnings: ['Overwrite'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', full);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(await valueOf('proj_full', 'SECRET_07'), 'updated-sapi-7');
  });

  it('sets a value from the palette', async () => {
    script({ inputs: ['rotated-sapi-stripe'], picks: ['proj_web', 'STRIPE_API_KEY'] });
    await vscode.commands.executeCommand('projectSecrets.setSecretValue');
    assert.equal(await valueOf('proj_web', 'STRIPE_API_KEY'), 'rotated-sapi-stripe');
  });

  it('renames by creating the new key, then deleting the old one', async () => {
    const secret = await node(api, 'Demo API', 'proj_web', 'REDIS_URL');
    const prompts = script({ inputs: ['CACHE_URL', 'redis://retyped-sapi'] });
    await vscode.commands.executeCommand('projectSecrets.renameSecret', secret);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal((prompts.inputBoxes[1][0] as vscode.InputBoxOptions).password, true);
    assert.equal(await valueOf('proj_web', 'CACHE_URL'), 'redis://retyped-sapi');
    assert.equal(await valueOf('proj_web', 'REDIS_URL'), undefined);
    assert.deepEqual((await apiWrites()).map((r) => r.method), ['POST', 'DELETE']);
  });

  it('refuses to rename at 25/25, changing nothing', async () => {
    const secret = await node(api, 'Demo API', 'proj_full', 'SECRET_01');
    const prompts = script({ inputs: ['SECRET_ONE', 'v'] });
    await vscode.commands.executeCommand('projectSecrets.renameSecret', secret);
    assert.match(messages(prompts.errors)[0], /has 25 of 25 secrets.*room for one more.*Nothing was changed/);
    assert.equal(prompts.inputBoxes.length, 0, 'asked nothing');
    assert.deepEqual(await apiWrites(), []);
  });

  it('keeps both secrets and says so when the delete fails after the create', async () => {
    await injectFaults([{ method: 'DELETE', pathPattern: '^/api/v1/projects/proj_web/secrets/', status: 500, times: 1 }]);
    const secret = await node(api, 'Demo API', 'proj_web', 'REDIS_URL');
    const prompts = script({ inputs: ['CACHE_URL', 'redis://retyped-sapi-2'] });
    await vscode.commands.executeCommand('projectSecrets.renameSecret', secret);
    assert.match(messages(prompts.errors)[0], /Created CACHE_URL, but could not delete REDIS_URL.*Both secrets exist now/);
    assert.ok(await valueOf('proj_web', 'REDIS_URL'));
    assert.equal(await valueOf('proj_web', 'CACHE_URL'), 'redis://retyped-sapi-2');
  });

  it('deletes after a modal confirmation, and says when it was already gone', async () => {
    const secret = await node(api, 'Demo API', 'proj_web', 'BINANCE_API_SECRET');
    let prompts = script({ warnings: ['Delete'] });
    await vscode.commands.executeCommand('projectSecrets.deleteSecret', secret);
    assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
    assert.deepEqual(statusTexts(prompts.statuses), ['Deleted BINANCE_API_SECRET from proj_web.']);
    assert.deepEqual(messages(prompts.infos), [], 'said in the status bar, not as a notification');
    assert.equal(await valueOf('proj_web', 'BINANCE_API_SECRET'), undefined);
    restorePrompts();
    prompts = script({ warnings: ['Delete'] });
    await vscode.commands.executeCommand('projectSecrets.deleteSecret', secret);
    assert.deepEqual(statusTexts(prompts.statuses), ['BINANCE_API_SECRET was already gone from proj_web.']);
  });

  it('has no Copy Value: it says why', async () => {
    const secret = await node(api, 'Demo API', 'proj_web', 'DATABASE_URL');
    const prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', secret);
    assert.match(messages(prompts.errors)[0], /never returns values/);
    await vscode.commands.executeCommand('projectSecrets.copySecretName', secret);
    assert.equal(await vscode.env.clipboard.readText(), 'DATABASE_URL');
  });

  it('waits out a 429 and then succeeds', async () => {
    await emulator('secrets-api/config', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rateLimit: { limit: 1, windowMs: 1000 } }) });
    const web = await node(api, 'Demo API', 'proj_web');
    api.tree.refresh(web);
    script({ inputs: ['AFTER_WAIT', 'after-sapi-wait'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', web);
    assert.equal(await valueOf('proj_web', 'AFTER_WAIT'), 'after-sapi-wait');
    assert.ok((await requests()).some((r) => r.status === 429), 'was rate limited on the way');
  });

  it('removes a project locally without touching its secrets', async () => {
    const before = await secretsOf('proj_full');
    const full = await node(api, 'Demo API', 'proj_full');
    script({});
    await vscode.commands.executeCommand('projectSecrets.removeSecretsApiProject', full);
    assert.deepEqual(connection()?.projectIds, ['proj_web']);
    assert.deepEqual(await secretsOf('proj_full'), before);
    assert.deepEqual(await apiWrites(), []);
  });

  describe('checks the API key when the connection is added', () => {
    const wrongKey = 'sk_wrong_0000000000000000';
    const rejection = /^The Secrets API at \S+ rejected this API key \(HTTP 401\)\. Check that it is complete and not revoked; nothing was saved\.$/;
    const apiCalls = async () => (await requests()).filter((r) => r.path.startsWith('/api/'));
    const keyCheck = () => api.accounts.list().find((a) => a.kind === 'secretsApi' && a.label === 'Key Check');

    it('a rejected key: one request, the refusal shown in the key box, nothing stored', async () => {
      const before = api.accounts.list().map((a) => a.id);
      const prompts = script({ inputs: [emulatorUrl(), wrongKey, undefined] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
      const calls = await apiCalls();
      assert.equal(calls.length, 1, `one request; saw ${JSON.stringify(calls.map((c) => `${c.method} ${c.path} ${c.status}`))}`);
      assert.equal(calls[0].method, 'GET');
      assert.equal(calls[0].status, 401);
      assert.equal(prompts.inputBoxes.length, 2, 'no label box after a refused key');
      const keyBox = prompts.inputBoxes[1][0] as ShownInputBox;
      assert.equal(keyBox.password, true);
      assert.equal(keyBox.validationMessages.length, 1);
      assert.match(keyBox.validationMessages[0], rejection);
      assert.equal(prompts.errors.length, 1, 'closing the box says why nothing was saved');
      assert.match(messages(prompts.errors)[0], rejection);
      assert.ok(!messages(prompts.errors)[0].includes(wrongKey));
      assert.deepEqual(messages(prompts.infos), []);
      assert.deepEqual(api.accounts.list().map((a) => a.id), before, 'nothing stored');
    });

    it('the same box answered again with the right key: stored, after one request per key', async () => {
      const prompts = script({ inputs: [emulatorUrl(), wrongKey, secretsApiKeys.main, 'Key Check'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
      assert.deepEqual(messages(prompts.errors), []);
      assert.equal(prompts.inputBoxes.length, 3, 'URL, key (one box, answered twice), label');
      const keyBox = prompts.inputBoxes[1][0] as ShownInputBox;
      assert.equal(keyBox.answers, 2);
      assert.equal(keyBox.validationMessages.length, 1);
      assert.match(keyBox.validationMessages[0], rejection);
      // 401 for the wrong key; the right key passes and the probe project is nobody's (404).
      assert.deepEqual((await apiCalls()).map((c) => `${c.method} ${c.status}`), ['GET 401', 'GET 404']);
      const added = keyCheck();
      assert.ok(added, 'the connection was stored');
      assert.equal(await api.accounts.tokens.get(added.id), secretsApiKeys.main);
      await api.accounts.remove(added.id);
    });
  });
});
