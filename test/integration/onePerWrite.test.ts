import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { secretsApiKeys } from '../../emulator';
import {
  activateExtension, children, connectAliceOnly, emulator, emulatorUrl, envOf, label, node, requests, resetEmulator, restorePrompts, script,
} from './helpers';

/**
 * Issue 13: every write on an expanded list is exactly one request to the emulator, and the
 * list shows the change at once, patched from the answer: no list before the write, no re-list
 * after it, and the rows of the other entries are the same nodes as before.
 */
describe('One request per write, the tree patched from the answer', function () {
  let api: ProjectSecretsApi;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  /**
   * The requests about `area` (a project's variables, account secrets, a Secrets API project)
   * since `before`: the workbench's own view may reload other nodes meanwhile.
   */
  const about = async (area: RegExp, before: number) => (await requests()).slice(before).filter((r) => area.test(r.path));

  /** Runs a command with `answers`; asserts it sent exactly `method` once about `area` and no error showed. */
  async function oneRequest(area: RegExp, method: string, answers: Parameters<typeof script>[0], command: string, ...args: unknown[]): Promise<void> {
    const before = (await requests()).length;
    const prompts = script(answers);
    await vscode.commands.executeCommand(command, ...args);
    assert.deepEqual(messages(prompts.errors), []);
    const sent = await about(area, before);
    assert.deepEqual(sent.map((r) => r.method), [method], `one request; saw ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    restorePrompts();
  }

  /** The list's rows after a write, loaded without a request; the rows of `kept` are the same nodes. */
  async function rowsAfter(area: RegExp, list: TreeNode, kept: TreeNode[]): Promise<TreeNode[]> {
    const before = (await requests()).length;
    const rows = await children(api, list);
    assert.deepEqual(await about(area, before), [], 'the list is not fetched again');
    for (const row of kept) assert.ok(rows.includes(row), `${label(row)} is still the same row`);
    return rows;
  }

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  describe('Vercel variables', () => {
    const blog = 'prj_aliceblog';
    const envs = /^\/v\d+\/projects\/prj_aliceblog\/env/;

    it('Add Secret on an expanded project: one POST, and the row appears', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const rows = await children(api, project);
      await oneRequest(envs, 'POST', { inputs: ['ONE_REQUEST_KEY', 'one-request-value-1', ''], picks: ['encrypted', ['Production']] },
        'projectSecrets.setSecret', project);
      const after = await rowsAfter(envs, project, rows);
      assert.deepEqual(after.map(label), [...rows.map(label), 'ONE_REQUEST_KEY'].sort((a, b) => a.localeCompare(b)));
      assert.equal((await envOf(blog, 'ONE_REQUEST_KEY'))?.value, 'one-request-value-1');
    });

    it('Add Secret over a key the project shows: asks first, then one upsert POST', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const rows = await children(api, project);
      const before = (await requests()).length;
      const prompts = script({ inputs: ['DATABASE_URL', 'postgres://new', ''], picks: ['encrypted', ['Production', 'Preview']], warnings: ['Overwrite'] });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.deepEqual(messages(prompts.errors), []);
      assert.match(messages(prompts.warnings)[0], /DATABASE_URL already exists in alice-blog/);
      const sent = await about(envs, before);
      assert.deepEqual(sent.map((r) => `${r.method} ${r.query.upsert ?? ''}`), ['POST true']);
      const after = await rowsAfter(envs, project, rows.filter((r) => label(r) !== 'DATABASE_URL'));
      assert.equal(after.filter((r) => label(r) === 'DATABASE_URL').length, 1);
    });

    it('Set Value…, Rename… and Delete…: one request each, the rows patched', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const rows = await children(api, project);
      const db = rows.find((r) => label(r) === 'DATABASE_URL')!;
      await oneRequest(envs, 'PATCH', { inputs: ['postgres://changed'] }, 'projectSecrets.setSecretValue', db);
      await rowsAfter(envs, project, rows.filter((r) => r !== db));

      const site = (await children(api, project)).find((r) => label(r) === 'NEXT_PUBLIC_SITE_URL')!;
      await oneRequest(envs, 'PATCH', { inputs: ['SITE_URL'] }, 'projectSecrets.renameSecret', site);
      const renamed = await rowsAfter(envs, project, rows.filter((r) => r !== db && r !== site));
      assert.ok(renamed.some((r) => label(r) === 'SITE_URL') && !renamed.some((r) => label(r) === 'NEXT_PUBLIC_SITE_URL'));

      const preview = renamed.find((r) => label(r) === 'PREVIEW_API_KEY')!;
      await oneRequest(envs, 'DELETE', { warnings: ['Delete'] }, 'projectSecrets.deleteSecret', preview);
      const deleted = await rowsAfter(envs, project, renamed.filter((r) => r !== preview));
      assert.ok(!deleted.some((r) => label(r) === 'PREVIEW_API_KEY'));
      assert.equal(await envOf(blog, 'PREVIEW_API_KEY'), undefined);
    });
  });

  describe('palette project pickers', () => {
    it('search on the server as the user types: one request for the typed name, however many keystrokes', async () => {
      await emulator('bulk', { method: 'POST', body: JSON.stringify({ projects: { accountId: 'team_acme', count: 250, prefix: 'acme-bulk' } }) });
      // The view loads nothing meanwhile (its own page requests would be counted): collapse it and forget what it loaded.
      await vscode.commands.executeCommand('workbench.actions.treeView.projectSecrets.explorer.collapseAll');
      api.tree.refresh();
      // The palette acts on the tree's selection: select alice's row, so the walk starts there (as with no selection and one account).
      await api.treeView.reveal(await node(api, 'alice'), { select: true, focus: false, expand: false });
      const before = (await requests()).length;
      const prompts = script({
        inputs: ['SEARCHED_KEY', 'searched-value-4242', ''],
        picks: ['Acme Inc', { typed: ['b', 'bu', 'bulk', 'bulk-02', 'bulk-0242'] }, 'acme-bulk-0242', (items) => items[0], (items) => items],
      });
      await vscode.commands.executeCommand('projectSecrets.setSecret');
      assert.deepEqual(messages(prompts.errors), []);
      // The picker's requests: those before the write (revealing the added row afterwards loads the tree's own pages).
      const sent = (await requests()).slice(before);
      const write = sent.findIndex((r) => r.method === 'POST');
      assert.ok(write >= 0, 'the variable was written');
      const projectCalls = sent.slice(0, write).filter((r) => r.path === '/v10/projects');
      const searches = projectCalls.filter((r) => r.query.search !== undefined);
      assert.deepEqual(searches.map((r) => [r.query.search, r.query.teamId]), [['bulk-0242', 'team_acme']], 'one search, for what was typed last');
      assert.equal(projectCalls.length, 2, `the first page of Acme, then the search; saw ${JSON.stringify(sent.slice(0, write).map((r) => [r.path, r.query]))}`);
      const shown = prompts.quickPicks[1][0] as Array<{ label: string }>;
      assert.deepEqual(shown.map((i) => i.label), ['acme-bulk-0242'], 'the picker shows the server\'s matches');
      assert.equal((await envOf('prj_acmebulk0242', 'SEARCHED_KEY'))?.value, 'searched-value-4242');
    });

    it('the account secret\'s project step searches on the server too, as a step of its flow', async () => {
      await emulator('bulk', { method: 'POST', body: JSON.stringify({ projects: { accountId: 'team_acme', count: 250, prefix: 'acme-assoc' } }) });
      const list = await node(api, 'alice', 'Acme Inc', 'Account Secrets');
      await children(api, list);
      const before = (await requests()).length;
      const prompts = script({
        inputs: ['assoc-secret', 'assoc-secret-value-7'],
        picks: ['No, write-only', 'Associate with a project…', { typed: ['a', 'assoc', 'assoc-01', 'assoc-0199'] }, 'acme-assoc-0199'],
      });
      await vscode.commands.executeCommand('projectSecrets.addAccountSecret', list);
      assert.deepEqual(messages(prompts.errors), []);
      const sent = (await requests()).slice(before);
      const write = sent.findIndex((r) => r.method === 'POST');
      assert.ok(write >= 0, 'the secret was created');
      const projectCalls = sent.slice(0, write).filter((r) => r.path === '/v10/projects');
      assert.deepEqual(projectCalls.map((r) => [r.query.search ?? null, r.query.teamId]), [[null, 'team_acme'], ['assoc-0199', 'team_acme']],
        'the first page, then one search for what was typed last');
      const [items, shown] = prompts.quickPicks[2] as [Array<{ label: string }>, { step?: number; totalSteps?: number; title?: string }];
      assert.deepEqual(items.map((i) => i.label), ['acme-assoc-0199'], 'the picker shows the server\'s matches');
      assert.deepEqual([shown.step, shown.totalSteps], [5, 5], 'a step of the add flow, with its counter (and Back)');
      const secrets = await emulator<Array<{ name: string; projectId?: string }>>('legacy-secrets');
      assert.equal(secrets.find((x) => x.name === 'assoc-secret')?.projectId, 'prj_acmeassoc0199');
    });
  });

  describe('account secrets', () => {
    const secrets = /^\/v\d+\/secrets/;

    it('add and delete: one request each, the list patched', async () => {
      const list = await node(api, 'alice', 'Personal', 'Account Secrets');
      const rows = await children(api, list);
      await oneRequest(secrets, 'POST', { inputs: ['one-request-secret', 'one-request-secret-value'], picks: ['No, write-only', 'No project'] },
        'projectSecrets.addAccountSecret', list);
      const added = await rowsAfter(secrets, list, rows);
      const created = added.find((r) => label(r) === 'one-request-secret');
      assert.ok(created, `the new secret shows; saw ${added.map(label).join(', ')}`);
      await oneRequest(secrets, 'DELETE', { warnings: ['Delete'] }, 'projectSecrets.deleteAccountSecret', created);
      assert.deepEqual((await rowsAfter(secrets, list, rows)).map(label), rows.map(label));
    });
  });

  describe('Secrets API', () => {
    before(async () => {
      script({ inputs: [emulatorUrl(), secretsApiKeys.main, 'One Request API'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
      restorePrompts();
      script({ inputs: ['proj_web'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, 'One Request API'));
      restorePrompts();
    });
    after(async () => {
      for (const account of api.accounts.list().filter((a) => a.label === 'One Request API')) await api.accounts.remove(account.id);
    });

    const secrets = /^\/api\/v1\/projects\/proj_web\/secrets/;

    it('set (new key) and delete: one request each, the list and its "n / 25" patched', async () => {
      const project = await node(api, 'One Request API', 'proj_web');
      const rows = await children(api, project);
      assert.equal(api.tree.getTreeItem(project).description, '12 / 25 secrets');
      await oneRequest(secrets, 'POST', { inputs: ['ONE_REQUEST_TOKEN', 'one-request-sapi-value'] }, 'projectSecrets.setSecret', project);
      const added = await rowsAfter(secrets, project, rows);
      assert.equal(added.length, 13);
      assert.equal(api.tree.getTreeItem(project).description, '13 / 25 secrets');
      const row = added.find((r) => label(r) === 'ONE_REQUEST_TOKEN');
      await oneRequest(secrets, 'DELETE', { warnings: ['Delete'] }, 'projectSecrets.deleteSecret', row);
      assert.equal((await rowsAfter(secrets, project, rows)).length, 12);
      const state = await emulator<{ projects: Array<{ id: string; secrets: Array<{ key: string }> }> }>('secrets-api/state');
      assert.ok(!state.projects.find((p) => p.id === 'proj_web')?.secrets.some((s) => s.key === 'ONE_REQUEST_TOKEN'));
    });
  });
});
