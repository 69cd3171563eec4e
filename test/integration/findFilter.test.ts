/**
 * Find Variable and the tree's filter in a real VS Code: the real quick pick (typed into and
 * accepted through the workbench's commands), two connected accounts, the row revealed and
 * selected; the filter narrows a project's rows and clears, without a request.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { demoTokens } from '../../emulator';
import { pollUntil } from '../harness/disk';
import { activateExtension, children, connectAliceOnly, emulator, label, node, requests, resetEmulator, restorePrompts, script } from './helpers';

type Pick = vscode.QuickPick<vscode.QuickPickItem & { found?: { key: string; project?: { name: string }; accountLabel: string } }>;

/** Runs `command` and hands over the quick pick it creates (the real one, as the workbench draws it). */
async function withPick(command: string): Promise<{ pick: Pick; done: Thenable<unknown> }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const create = window.createQuickPick as (...args: unknown[]) => Pick;
  let created: Pick | undefined;
  window.createQuickPick = (...args: unknown[]) => (created = create.apply(vscode.window, args));
  try {
    const done = vscode.commands.executeCommand(command);
    const pick = await pollUntil(() => created, 'the Find Variable picker');
    return { pick, done };
  } finally {
    window.createQuickPick = create;
  }
}

describe('Find Variable and Filter in a real VS Code', function () {
  this.timeout(90_000);
  let api: ProjectSecretsApi;

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
    script({ inputs: [demoTokens.bob] });
    await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    restorePrompts();
    assert.deepEqual(api.accounts.list().map((a) => a.label).sort(), ['alice', 'bob']);
  });
  afterEach(restorePrompts);
  after(async () => {
    await vscode.commands.executeCommand('projectSecrets.clearAllFilters');
    for (const account of api.accounts.list()) if (account.label === 'bob') await api.accounts.remove(account.id);
    // Leave the next file a collapsed tree: rows expanded here (150 more projects, two pages) would reload behind its back.
    await vscode.commands.executeCommand('workbench.actions.treeView.projectSecrets.explorer.collapseAll');
    await resetEmulator();
    api.tree.refresh();
  });

  it('finds keys in both accounts with one request per page of projects, then reveals and selects the chosen row', async () => {
    await resetEmulator();
    // 150 more personal projects of alice: the match chosen is on the tree's second page.
    await emulator('bulk', { method: 'POST', body: JSON.stringify({ projects: { accountId: 'user_alice', count: 150, prefix: 'find', withEnvs: true } }) });
    api.tree.refresh();
    // A filter on alice's Personal that hides the project of the match chosen below: revealing clears it.
    const personal = await node(api, 'alice', 'Personal');
    await children(api, personal);
    script({ inputs: ['alice-'] });
    await vscode.commands.executeCommand('projectSecrets.filter', personal);
    restorePrompts();
    assert.deepEqual((await children(api, personal)).map(label), ['Account Secrets', 'alice-blog', 'alice-portfolio', 'alice-api', 'Load more…']);
    const { pick, done } = await withPick('projectSecrets.findVariable');
    pick.value = 'AUTH_SECRET';
    await pollUntil(() => (pick.busy ? undefined : true), 'the find to end');
    const matches = pick.items.filter((item) => item.found);
    const owners = new Set(matches.map((item) => item.found!.accountLabel));
    assert.deepEqual([...owners].sort(), ['alice', 'bob'], matches.map((m) => m.description).join('\n'));
    assert.ok(matches.some((m) => m.found!.project?.name === 'globex-shop' && m.found!.accountLabel === 'bob'));
    // alice: 153 personal, 25 of Acme, 2 of Globex; bob: 2 of Globex (his own account has none).
    assert.equal(pick.title, 'Find Variable — Searched 182 projects');
    // No project was listed on its own: the project pages carried the variables.
    const listed = (await requests()).filter((r) => /^\/v10\/projects\/[^/]+\/env$/.test(r.path));
    assert.deepEqual(listed.map((r) => r.path), []);

    pick.value = 'FEATURE_0140';
    const target = await pollUntil(() => pick.items.find((item) => item.found?.key === 'FEATURE_0140'), 'the FEATURE_0140 match');
    assert.equal(target.found!.project?.name, 'find-0140');
    pick.activeItems = [target];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    const selected = api.treeView.selection[0];
    assert.ok(selected, 'nothing selected');
    assert.equal(label(selected), 'FEATURE_0140');
    assert.equal(label(selected.parent!), 'find-0140');
    assert.equal(api.tree.getTreeItem(api.tree.shownNode(personal.id)!).description, undefined, 'the filter hiding find-0140 is cleared');
  });

  /** A fresh tree with every row collapsed: nothing loads behind a test's back while it counts requests. */
  async function collapsedTree(): Promise<void> {
    await vscode.commands.executeCommand('workbench.actions.treeView.projectSecrets.explorer.collapseAll');
    await resetEmulator();
    api.tree.refresh();
  }

  it('filters a team\'s projects by name without a request, and clears', async () => {
    await collapsedTree();
    const acme = await node(api, 'alice', 'Acme Inc');
    assert.equal((await children(api, acme)).length, 2 + 25);
    const before = (await requests()).length;
    const prompts = script({ inputs: ['SERVICE-0'] });
    await vscode.commands.executeCommand('projectSecrets.filter', acme);
    assert.match(String((prompts.inputBoxes[0]?.[0] as vscode.InputBoxOptions).prompt), /projects whose name contains/);
    const shown = api.tree.shownNode(acme.id)!;
    const rows = (await children(api, shown)).map(label);
    assert.deepEqual(rows, ['Account Secrets', 'Shared Variables', ...Array.from({ length: 9 }, (_, i) => `acme-service-0${i + 1}`)]);
    assert.equal(api.tree.getTreeItem(shown).description, 'filter: SERVICE-0 · 9 of 25 projects');
    assert.match(api.treeView.message ?? '', /Acme Inc shows the projects containing "SERVICE-0"/);
    await vscode.commands.executeCommand('projectSecrets.clearAllFilters');
    assert.equal((await children(api, shown)).length, 2 + 25);
    assert.equal(api.tree.getTreeItem(shown).description, 'acme');
    assert.equal(api.treeView.message, undefined);
    assert.deepEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), [], 'filtering sent a request');
  });

  it('filters a project\'s rows without a request, shows it on the row and the view, and clears', async () => {
    await collapsedTree();
    const blog = await node(api, 'alice', 'Personal', 'alice-blog');
    assert.equal((await children(api, blog)).length, 6);
    const before = (await requests()).length;
    const prompts = script({ inputs: ['url'] });
    await vscode.commands.executeCommand('projectSecrets.filter', blog);
    const box = prompts.inputBoxes[0]?.[0] as vscode.InputBoxOptions;
    assert.equal(box.value, '');
    assert.match(String(await box.validateInput?.('a\u0001b')), /control characters/);
    assert.equal(await box.validateInput?.('db'), undefined);
    const shown = api.tree.shownNode(blog.id)!;
    assert.deepEqual((await children(api, shown)).map(label), ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL']);
    const item = api.tree.getTreeItem(shown);
    assert.equal(item.description, 'filter: url · 2 of 6');
    assert.match(String(item.contextValue), /;filtered\b/);
    assert.match(api.treeView.message ?? '', /alice-blog.*"url"/);

    // The box shows the filter in force; a filter that matches nothing says so.
    const again = script({ inputs: ['nothing-like-this'] });
    await vscode.commands.executeCommand('projectSecrets.filter', shown);
    assert.equal((again.inputBoxes[0]?.[0] as vscode.InputBoxOptions).value, 'url');
    assert.deepEqual((await children(api, shown)).map(label), ['No variable contains "nothing-like-this"']);

    await vscode.commands.executeCommand('projectSecrets.clearFilter', shown);
    assert.equal((await children(api, shown)).length, 6);
    assert.equal(api.tree.getTreeItem(shown).description, 'nextjs');
    assert.equal(api.treeView.message, undefined);
    assert.deepEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), [], 'filtering sent a request');
  });
});
