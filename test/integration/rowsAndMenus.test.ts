/**
 * Rows and menus as VS Code draws them (issue 11): rows show what differs between them (no
 * mask in a description), connections say their kind, each kind's context menu offers exactly
 * its commands (package.json's when-clauses evaluated against the contextValues the tree
 * produces), and a change brings one quiet status bar message plus at most one redeploy
 * reminder per project per session.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UndeployedChanges } from '../../src/backends/vercel/deploy/undeployed';
import type { ProjectNode } from '../../src/backends/vercel/projectNode';
import { demoTokens, marketplaceDemo, secretsApiKeys } from '../../emulator';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import {
  activateExtension, children, connectAliceOnly, emulator, emulatorUrl, extensionId, injectFaults, label, node, resetEmulator, restorePrompts, script,
  statusTexts,
} from './helpers';

/** The Vercel backend's changes-not-deployed store of this session (Backend.start). */
const undeployed = (api: ProjectSecretsApi) => api.sessions.get('vercel') as UndeployedChanges;

const apiLabel = 'Rows API';
const installation = marketplaceDemo.installationId;

interface MenuItem { command: string; when?: string; group?: string }

/** The view/item/context entries of the installed package.json. */
function contextMenus(): MenuItem[] {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension);
  const pkg = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as
    { contributes: { menus: Record<string, MenuItem[]> } };
  return pkg.contributes.menus['view/item/context'];
}

/**
 * Evaluates a when-clause of the shape our menus use: terms joined by `&&`, each
 * `view == <id>` or `viewItem =~ /<regex>/`. Anything else fails the test, so a new
 * form of clause gets a real evaluation here rather than a silent pass.
 */
function holds(when: string | undefined, context: { view: string; viewItem: string }): boolean {
  if (when === undefined) return true;
  return when.split('&&').map((t) => t.trim()).every((term) => {
    const equals = /^view == (\S+)$/.exec(term);
    if (equals) return context.view === equals[1];
    const matches = /^viewItem =~ \/(.*)\/([a-z]*)$/.exec(term);
    if (matches) return new RegExp(matches[1], matches[2]).test(context.viewItem);
    throw new Error(`a when-clause term this test cannot evaluate: ${term}`);
  });
}

/** The commands a row's context menu (`inline`: its inline buttons) offers, sorted. */
function offered(row: TreeNode, api: ProjectSecretsApi, inline: boolean): string[] {
  const viewItem = api.tree.getTreeItem(row).contextValue ?? '';
  const commands = contextMenus()
    .filter((m) => (m.group ?? '').startsWith('inline') === inline)
    .filter((m) => holds(m.when, { view: 'projectSecrets.explorer', viewItem }))
    .map((m) => m.command.replace(/^projectSecrets\./, ''));
  return [...new Set(commands)].sort();
}

describe('Rows and menus: what differs, what kind, what applies', function () {
  this.timeout(60_000);
  let api: ProjectSecretsApi;

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
    for (const [command, inputs, on] of [
      ['projectSecrets.addSecretsApiConnection', [emulatorUrl(), secretsApiKeys.main, apiLabel], undefined],
      ['projectSecrets.addSecretsApiProject', ['proj_web'], apiLabel],
      ['projectSecrets.addMarketplaceInstallation', [installation, marketplaceDemo.token, ''], undefined],
    ] as const) {
      const prompts = script({ inputs: [...inputs] });
      await vscode.commands.executeCommand(command, ...(on ? [await node(api, on)] : []));
      restorePrompts();
      assert.deepEqual(prompts.errors, [], `${command} failed`);
    }
  });
  afterEach(async () => {
    restorePrompts();
    await emulator('faults', { method: 'DELETE' });
  });
  after(async () => {
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
    await resetEmulator();
  });

  it('says what kind each connection is, in its description and its accessibility label', async () => {
    const rows = await children(api);
    const drawn = rows.map((r) => api.tree.getTreeItem(r));
    assert.deepEqual(drawn.map((i) => i.label), ['alice', apiLabel, installation]);
    assert.deepEqual(drawn.map((i) => i.description),
      ['Vercel account', `Secrets API · ${new URL(emulatorUrl()).host}`, 'Marketplace installation']);
    assert.deepEqual(drawn.map((i) => i.accessibilityInformation?.label), [
      'alice, Vercel account, alice@example.com', `${apiLabel}, Secrets API connection, ${new URL(emulatorUrl()).host}`,
      `${installation}, Vercel Marketplace installation`]);
  });

  it('offers in each connection\'s context menu exactly the commands of its kind', async () => {
    const [alice, secretsApi, marketplace] = await children(api);
    assert.deepEqual(offered(alice, api, false), ['refresh', 'removeAccount', 'replaceToken']);
    assert.deepEqual(offered(secretsApi, api, false), ['addSecretsApiProject', 'refresh', 'removeConnection', 'replaceToken']);
    assert.deepEqual(offered(marketplace, api, false), ['refresh', 'removeInstallation', 'replaceToken']);
    assert.deepEqual(offered(alice, api, true), ['refresh']);
    assert.deepEqual(offered(secretsApi, api, true), ['addSecretsApiProject', 'refresh']);
    assert.deepEqual(offered(marketplace, api, true), ['refresh']);
    // Each Remove is titled for its kind: no "Remove Account" on a Secrets API connection.
    const titles = (vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { commands: Array<{ command: string; title: string }> } })
      .contributes.commands.filter((c) => /\.remove(Account|Connection|Installation)$/.test(c.command)).map((c) => c.title);
    assert.deepEqual(titles, ['Remove Account…', 'Remove Connection…', 'Remove Installation…']);
  });

  it('adds Replace Token as an inline button once a connection\'s token is rejected, and says so to a screen reader', async () => {
    const alice = await node(api, 'alice');
    await injectFaults([{ method: 'GET', pathPattern: '^/v2/teams$', status: 401, times: 1 }]);
    api.tree.refresh(alice);
    const rows = await children(api, alice);
    assert.deepEqual(rows.map(label), ['Token rejected — Replace Token…']);
    assert.deepEqual(offered(alice, api, true), ['refresh', 'replaceToken']);
    assert.deepEqual(offered(alice, api, false), ['refresh', 'removeAccount', 'replaceToken']);
    assert.equal(api.tree.getTreeItem(alice).accessibilityInformation?.label, 'alice, Vercel account, alice@example.com, token rejected');
    // Back to normal for the other tests: its own token again.
    script({ inputs: [demoTokens.alice] });
    await vscode.commands.executeCommand('projectSecrets.replaceToken', alice);
    restorePrompts();
    assert.equal(api.tree.getTreeItem(await node(api, 'alice')).description, 'Vercel account');
  });

  it('shows no mask in any description: environments, branch, project, last four or status instead', async () => {
    const rows: TreeNode[] = [
      ...await children(api, await node(api, 'alice', 'Personal', 'alice-blog')),
      ...await children(api, await node(api, 'alice', 'Personal', 'Account Secrets')),
      ...await children(api, await node(api, apiLabel, 'proj_web')),
      ...await children(api, await node(api, installation)),
    ];
    assert.ok(rows.length > 20, `walked ${rows.length} rows`);
    for (const row of rows) {
      const item = row.toTreeItem();
      assert.ok(!String(item.description ?? '').includes('•'), `${label(row)}: "${String(item.description)}" shows the mask`);
      assert.ok(item.accessibilityInformation?.label.startsWith(label(row)), `${label(row)} has an accessibility label that starts with its name`);
    }
  });

  it('names the git branch in dialogs: Set Value\'s box and Delete\'s question (both cancelled, nothing sent)', async () => {
    const preview = await node(api, 'alice', 'Personal', 'alice-blog', 'PREVIEW_API_KEY');
    const before = (await emulator<unknown[]>('requests')).length;
    let prompts = script({ inputs: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.setSecretValue', preview);
    assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).title, 'New value of PREVIEW_API_KEY (Preview · feature/login)');
    restorePrompts();
    prompts = script({ warnings: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.deleteSecret', preview);
    const [question, options] = prompts.warnings[0] as [string, vscode.MessageOptions];
    assert.equal(question, 'Delete PREVIEW_API_KEY from alice-blog?');
    assert.match(String(options.detail), /^Environments: Preview · feature\/login\. /);
    const sent = (await emulator<Array<{ method: string }>>('requests')).slice(before);
    assert.deepEqual(sent.filter((r) => r.method !== 'GET'), [], 'nothing written');
  });

  it('says a change in the status bar, and each project\'s row and the status bar item count the changes production lacks', async () => {
    undeployed(api).clear();
    const edit = async (...where: string[]) => {
      const prompts = script({ inputs: [`rows-value-${Date.now().toString(36)}`] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', await node(api, 'alice', 'Personal', ...where));
      restorePrompts();
      assert.deepEqual(prompts.errors, []);
      return { said: statusTexts(prompts.statuses), infos: prompts.infos.map((c) => String(c[0])) };
    };
    const pending = async (project: string) => {
      const row = await node(api, 'alice', 'Personal', project);
      return { description: row.toTreeItem().description, keys: undeployed(api).keysOf(row as ProjectNode), tooltip: String(await row.tooltip?.()) };
    };
    assert.deepEqual(await edit('alice-blog', 'DATABASE_URL'),
      { said: ['Updated the value of DATABASE_URL in alice-blog.'], infos: [] });
    assert.deepEqual((await pending('alice-blog')).keys, ['DATABASE_URL']);
    assert.deepEqual(await edit('alice-blog', 'NEXT_PUBLIC_SITE_URL'),
      { said: ['Updated the value of NEXT_PUBLIC_SITE_URL in alice-blog.'], infos: [] }, 'no notification');
    const blog = await pending('alice-blog');
    assert.equal(blog.description, '2 changes not deployed');
    assert.deepEqual(blog.keys, ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL']);
    assert.match(blog.tooltip, /Not deployed yet[^\n]*\nDATABASE_URL\nNEXT_PUBLIC_SITE_URL\n/);
    assert.match(String((await node(api, 'alice', 'Personal', 'alice-blog')).toTreeItem().contextValue), /;undeployed$/, 'the inline Redeploy shows');
    const [first] = (await children(api, await node(api, 'alice', 'Personal', 'alice-api')))
      .filter((r) => r.toTreeItem().contextValue?.includes(';editable'));
    assert.ok(first, 'alice-api has an editable variable');
    assert.deepEqual(await edit('alice-api', label(first)),
      { said: [`Updated the value of ${label(first)} in alice-api.`], infos: [] });
    assert.equal((await pending('alice-api')).description, '1 change not deployed', 'another project: its own count');
    assert.equal((await pending('alice-blog')).description, '2 changes not deployed');
    assert.equal((await pending('alice-portfolio')).keys.length, 0, 'an untouched project has nothing pending');
  });
});
