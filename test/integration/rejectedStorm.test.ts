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

    await injectFaults([{ method: 'GET', pathPattern: `^${envList}$`, status: 401, times: 200 }]);
    const before = (await requests()).length;
    api.tree.refresh(blog);
    await sleep(5000);
    const sent = (await requests()).slice(before);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.path} ${r.status}`), [`GET ${envList} 401`], 'one failed request, no retries');

    const rows = await children(api, alice);
    assert.equal(rows.length, 1, `one row under alice; saw ${rows.map(label).join(' | ')}`);
    assert.match(label(rows[0]), /^Token rejected/);
    assert.equal(rows[0].toTreeItem().command?.command, 'projectSecrets.replaceToken');
    assert.equal(api.tree.getTreeItem(alice).description, 'token rejected — sign in again');
    // Refreshing again, anywhere under the connection, sends nothing until the token is replaced.
    api.tree.refresh(alice);
    api.tree.refresh(blog);
    await sleep(500);
    assert.equal((await requests()).length, before + 1, 'still one request');
    assert.deepEqual(view.duplicates, [], 'no two rows with one id');
  });
});
