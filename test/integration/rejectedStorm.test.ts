/**
 * A rejected token must not make the tree hammer the API (issue 11, points 1 and 2). The view
 * is modelled as VS Code drives it: on every change event it asks again for the children of
 * the changed node and of each expanded node below it, and it refuses two rows with one id.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { activateExtension, children, connectAliceOnly, injectFaults, label, node, requests, resetEmulator } from './helpers';

const envList = '/v10/projects/prj_aliceblog/env';
/** Read beside the variables, in parallel: a rejected token is refused there too. */
const customList = '/v9/projects/prj_aliceblog/custom-environments';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What VS Code's tree view does with change events, for the nodes it shows expanded. */
class ViewModel implements vscode.Disposable {
  readonly expanded = new Set<string>();
  private readonly subscription: vscode.Disposable;
  /** Ids of rows shown twice under one parent (VS Code: "Element with id … is already registered"). */
  readonly duplicates: string[] = [];

  constructor(private readonly api: ProjectSecretsApi) {
    this.subscription = api.tree.onDidChangeTreeData((changed) => { void this.redraw(changed ?? undefined); });
  }

  async expand(parent: TreeNode | undefined): Promise<TreeNode[]> {
    if (parent) this.expanded.add(parent.id);
    const rows = await children(this.api, parent);
    const ids = rows.map((r) => r.toTreeItem().id ?? r.id);
    this.duplicates.push(...ids.filter((id, i) => ids.indexOf(id) !== i));
    return rows;
  }

  private async redraw(node: TreeNode | undefined): Promise<void> {
    const rows = await this.expand(node);
    for (const row of rows) if (this.expanded.has(row.id)) await this.redraw(row);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

describe('A rejected token (no request storm, unique row ids)', function () {
  this.timeout(30_000);
  let api: ProjectSecretsApi;
  let view: ViewModel | undefined;

  before(async () => {
    api = await activateExtension();
  });
  beforeEach(async () => {
    await connectAliceOnly(api);
    api.tree.refresh();
  });
  afterEach(async () => {
    view?.dispose();
    view = undefined;
    await fetch(`${process.env.PROJECT_SECRETS_EMULATOR_URL}/_emulator/faults`, { method: 'DELETE' });
    await resetEmulator();
  });

  it('refreshing an expanded project whose token is refused sends one request, then none for 5 s', async () => {
    view = new ViewModel(api);
    const alice = await node(api, 'alice');
    await view.expand(alice);
    const personal = await node(api, 'alice', 'Personal');
    await view.expand(personal);
    const blog = await node(api, 'alice', 'Personal', 'alice-blog');
    await view.expand(blog);

    await injectFaults([{ method: 'GET', pathPattern: `^(${envList}|${customList})$`, status: 401, times: 200 }]);
    const before = (await requests()).length;
    api.tree.refresh(blog);
    await sleep(5000);
    const sent = (await requests()).slice(before);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.path} ${r.status}`).sort(), [`GET ${envList} 401`, `GET ${customList} 401`],
      'one failed request per list (the two are read in parallel), no retries');

    const rows = await children(api, alice);
    assert.equal(rows.length, 1, `one row under alice; saw ${rows.map(label).join(' | ')}`);
    assert.match(label(rows[0]), /^Token rejected/);
    assert.equal(rows[0].toTreeItem().command?.command, 'projectSecrets.replaceToken');
    assert.equal(api.tree.getTreeItem(alice).description, 'token rejected — sign in again');
    // Refreshing again, anywhere under the connection, sends nothing until the token is replaced.
    api.tree.refresh(alice);
    api.tree.refresh(blog);
    await sleep(500);
    assert.equal((await requests()).length, before + 2, 'still the same two requests');
    assert.deepEqual(view.duplicates, [], 'no two rows with one id');
  });

  it('never shows two rows with one id: a failed "Load more…" and then a failed refresh of the same team', async () => {
    // More than a page of projects (100), so Acme has a "Load more…".
    await fetch(`${process.env.PROJECT_SECRETS_EMULATOR_URL}/_emulator/bulk`, {
      method: 'POST', body: JSON.stringify({ projects: { accountId: 'team_acme', count: 100, prefix: 'acme-bulk' } }),
    });
    const acme = await node(api, 'alice', 'Acme Inc');
    assert.equal((await children(api, acme)).length, 103, 'the first page (Account Secrets, Shared Variables, 100 projects, Load more…)');
    await injectFaults([{ method: 'GET', pathPattern: '^/v10/projects$', status: 400, times: 1 }]);
    await vscode.commands.executeCommand('projectSecrets.loadMore', acme);
    const afterLoadMore = await children(api, acme);
    assert.ok(afterLoadMore.some((n) => n.toTreeItem().contextValue === 'projectSecrets.error'), 'the failed page shows an error row');
    await injectFaults([{ method: 'GET', pathPattern: '^/v10/projects$', status: 400, times: 1 }]);
    api.tree.refresh(acme);
    const rows = await children(api, acme);
    const ids = rows.map((n) => n.toTreeItem().id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'ids are unique');
    assert.equal(rows.filter((n) => n.toTreeItem().contextValue === 'projectSecrets.error').length, 1, `one error row; saw ${rows.map(label).join(' | ')}`);
  });

  it('gives every row in the tree its own id', async () => {
    const seen = new Map<string, string>();
    const walk = async (parent: TreeNode | undefined, depth: number): Promise<void> => {
      for (const row of await children(api, parent)) {
        const id = row.toTreeItem().id ?? '';
        assert.ok(!seen.has(id), `id ${id} of "${label(row)}" is also the id of "${seen.get(id)}"`);
        seen.set(id, label(row));
        if (depth < 4 && row.loadChildren && label(row) !== 'Acme Inc') await walk(row, depth + 1);
      }
    };
    await walk(undefined, 0);
    assert.ok(seen.size > 10, `walked ${seen.size} rows`);
  });
});
