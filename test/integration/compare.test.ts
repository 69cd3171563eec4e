import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stagingEnvironmentId } from '../../emulator';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import {
  activateExtension, children, connectAliceOnly, envOf, envsOf, injectFaults, node, requests, resetEmulator, restorePrompts, script,
} from './helpers';

/**
 * "Compare Environments…" and "Compare Projects…" in a real extension host: the model the
 * comparison webview was given (never a value), Copy to … read back from the emulator, the
 * requests counted, a failed read shown in the panel with Retry, and messages the webview
 * must not send ignored. The panel is the one the command returns; `receive` is the entry
 * its webview's messages go through.
 */
const apiProject = 'prj_aliceapi';

interface ViewCell { state: string; text: string; label: string; action?: { kind: string; title: string } }
interface ViewModel { title: string; summary: string; columns: Array<{ id: string; label: string }>; rows: Array<{ key: string; missing: number; cells: ViewCell[] }> }
interface Panel {
  readonly model: ViewModel | undefined;
  readonly state: { type: string; text?: string; retry?: string } | undefined;
  readonly disposed: boolean;
  receive(message: unknown): Promise<void>;
  dispose(): void;
}

describe('Compare environments and projects in a real VS Code', function () {
  let api: ProjectSecretsApi;
  let panel: Panel | undefined;
  const since = async (count: number) => (await requests()).slice(count);
  const texts = (model: ViewModel | undefined, key: string) => model?.rows.find((r) => r.key === key)?.cells.map((c) => c.text);
  const project = async (name = 'alice-api'): Promise<TreeNode> => {
    const found = await node(api, 'alice', 'Personal', name);
    await children(api, found); // as a person who expanded it: the tree's lists are loaded
    return found;
  };

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(() => {
    restorePrompts();
    panel?.dispose();
    panel = undefined;
  });

  it('draws keys × Production, Preview, Development, staging from what the tree loaded plus one pull per environment; no value in the model', async () => {
    const row = await project();
    const before = (await requests()).length;
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', row);
    assert.ok(panel?.model, `no model; the panel shows ${JSON.stringify(panel?.state)}`);
    const model = panel.model;
    assert.deepEqual(model.columns.map((c) => c.label), ['Production', 'Preview', 'Development', 'staging']);
    assert.deepEqual(texts(model, 'STAGING_DB_URL'), ['missing', 'set', 'missing', 'same as Preview']);
    assert.deepEqual(texts(model, 'DATABASE_PASSWORD'), ['set, value unknown', 'set, value unknown', 'missing', 'missing']);
    assert.deepEqual(texts(model, 'API_URL'), ['set', 'same as Production', 'same as Production', 'missing']);
    const cell = model.rows.find((r) => r.key === 'STAGING_DB_URL')!.cells[0];
    assert.equal(cell.label, 'STAGING_DB_URL in Production: missing. Enter: Copy to Production…');
    assert.deepEqual(cell.action, { kind: 'copy', title: 'Copy to Production…' });
    assert.ok(model.rows.slice(0, model.rows.filter((r) => r.missing).length).every((r) => r.missing > 0), 'rows with a missing cell come first');
    assert.match(model.summary, /^5 keys · 5 missing somewhere · 0 with different values$/);
    // The tree had loaded the list and the custom environments: only the four pulls.
    assert.deepEqual((await since(before)).map((r) => `${r.method} ${r.path}`).sort(), [
      `GET /v3/env/pull/${apiProject}/development`, `GET /v3/env/pull/${apiProject}/${stagingEnvironmentId}`,
      `GET /v3/env/pull/${apiProject}/preview`, `GET /v3/env/pull/${apiProject}/production`]);
    const seeded = (await envOf(apiProject, 'STAGING_DB_URL'))!.value;
    assert.ok(!JSON.stringify(model).includes(seeded), 'a value reached the model');

    // Again: the same panel, revealed, no request.
    const count = (await requests()).length;
    const again = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', row);
    assert.equal(again, panel);
    assert.equal((await requests()).length, count);
  });

  it('Copy to Production extends the variable (one PATCH); the matrix and the tree show it', async () => {
    const row = await project();
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', row);
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Copy'] });
    await panel!.receive({ type: 'copy', key: 'STAGING_DB_URL', column: 'production' });
    assert.deepEqual(prompts.errors.map((e) => String(e[0])), []);
    assert.deepEqual(prompts.warnings.map((w) => [String(w[0]), (w[1] as vscode.MessageOptions).detail]),
      [['Copy STAGING_DB_URL to Production?', 'Production gets the value STAGING_DB_URL has in Preview with its next deployment.']], 'asked once before production changes');
    const sent = await since(before);
    assert.deepEqual(sent.map((r) => r.method), ['PATCH']);
    assert.deepEqual(sent[0].body, { target: ['preview', 'production'], customEnvironmentIds: [stagingEnvironmentId] });
    const after = await envOf(apiProject, 'STAGING_DB_URL');
    assert.deepEqual([after?.target.sort(), after?.customEnvironmentIds], [['preview', 'production'], [stagingEnvironmentId]]);
    assert.deepEqual(texts(panel!.model, 'STAGING_DB_URL'), ['set', 'same as Production', 'missing', 'same as Production']);
    const tree = await node(api, 'alice', 'Personal', 'alice-api', 'STAGING_DB_URL');
    assert.equal(api.tree.resolveTreeItem(tree.toTreeItem(), tree).description, 'Production, Preview, staging');
  });

  it('Copy to Development of a write-only variable asks first, then creates a readable one with the typed value (one POST)', async () => {
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', await project());
    const before = (await requests()).length;
    const prompts = script({ warnings: ['Create in Development'], inputs: ['typed-dev-db-pass-4242'] });
    await panel!.receive({ type: 'copy', key: 'DATABASE_PASSWORD', column: 'development' });
    assert.deepEqual(prompts.errors.map((e) => String(e[0])), []);
    assert.match(String(prompts.warnings[0][0]), /Copy DATABASE_PASSWORD to Development\?/);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Secret, which Development does not take/);
    assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).password, true);
    const sent = await since(before);
    assert.deepEqual(sent.map((r) => r.method), ['POST']);
    const dev = (await envsOf(apiProject)).filter((e) => e.key === 'DATABASE_PASSWORD' && e.target.includes('development'));
    assert.deepEqual(dev.map((e) => [e.type, e.target, e.value]), [['encrypted', ['development'], 'typed-dev-db-pass-4242']]);
    assert.deepEqual(texts(panel!.model, 'DATABASE_PASSWORD'), ['set, value unknown', 'set, value unknown', 'set', 'missing']);
  });

  it('a failed read shows in the panel with Retry, never a blank panel; Retry draws it again', async () => {
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', await project());
    await injectFaults([{ method: 'GET', pathPattern: `^/v3/env/pull/${apiProject}/preview$`, status: 404, times: 1 }]);
    await panel!.receive({ type: 'refresh' });
    assert.equal(panel!.state?.type, 'error');
    assert.ok(panel!.state?.text && panel!.state.text.length > 10, `error text: ${panel!.state?.text}`);
    assert.equal(panel!.state?.retry, 'Retry');
    assert.equal(panel!.model, undefined);
    const before = (await requests()).length;
    await panel!.receive({ type: 'refresh' });
    assert.ok(panel!.model, 'Retry drew the matrix again');
    // Refresh reads everything afresh: the list, the custom environments, one pull per environment.
    assert.equal((await since(before)).length, 6);
  });

  it('ignores messages of another shape, and actions on cells that do not offer them (no request)', async () => {
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareEnvironments', await project());
    const before = (await requests()).length;
    for (const bad of [{ type: 'copy', key: 'API_URL' }, { type: 'copy', key: 'API_URL', column: 'production', value: 'x' }, 'refresh', { type: 'eval' },
      { type: 'copy', key: 'API_URL', column: 'production' }, { type: 'compare', key: 'API_URL', column: 'preview' }, { type: 'copy', key: 'NOPE', column: 'preview' }]) {
      await panel!.receive(bad);
    }
    assert.deepEqual(await since(before), []);
    assert.equal(panel!.state?.type, 'model');
  });

  it('Compare Projects: alice-api and alice-portfolio in Production; Compare Values… opens both values read-only after a confirmation', async () => {
    const prompts = script({ picks: ['Personal', 'alice-portfolio', 'Compare 2 Projects', 'Production'] });
    panel = await vscode.commands.executeCommand<Panel>('projectSecrets.compareProjects', await project());
    assert.deepEqual(prompts.errors.map((e) => String(e[0])), []);
    assert.ok(panel?.model, `no model: ${JSON.stringify(panel?.state)}`);
    assert.deepEqual(panel.model.columns.map((c) => c.label), ['alice-api', 'alice-portfolio']);
    assert.deepEqual(texts(panel.model, 'API_URL'), ['set', 'differs from alice-api']);
    assert.deepEqual(texts(panel.model, 'ANALYTICS_KEY'), ['set', 'missing']);
    restorePrompts();

    const before = (await requests()).length;
    const confirm = script({ warnings: ['Show Values'] });
    const column = panel.model.columns[1].id;
    await panel.receive({ type: 'compare', key: 'API_URL', column });
    assert.deepEqual(confirm.errors.map((e) => String(e[0])), []);
    assert.match(String(confirm.warnings[0][0]), /Show the values of API_URL in alice-api and alice-portfolio\?/);
    assert.deepEqual((await since(before)).map((r) => r.method), ['GET', 'GET']);
    const diff = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff
      && t.input.modified.scheme === 'project-secrets-compare');
    assert.ok(diff, 'no diff editor of the two values');
    const input = diff.input as vscode.TabInputTextDiff;
    const shown = [await vscode.workspace.openTextDocument(input.original), await vscode.workspace.openTextDocument(input.modified)].map((d) => d.getText());
    assert.deepEqual(shown, [(await envOf(apiProject, 'API_URL'))!.value, (await envOf('prj_aliceportfolio', 'API_URL'))!.value]);
    assert.ok(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'project-secrets-compare').every((d) => !d.isDirty));
    await vscode.window.tabGroups.close(diff);

    // Copy to alice-portfolio: another project, so a create there with the value read from alice-api (a pull, then one POST).
    restorePrompts();
    script({ warnings: ['Copy'] });
    const mark = (await requests()).length;
    await panel.receive({ type: 'copy', key: 'ANALYTICS_KEY', column });
    assert.deepEqual((await since(mark)).map((r) => `${r.method} ${r.path.replace(/\/production$/, '')}`), [
      `GET /v3/env/pull/${apiProject}`, 'POST /v10/projects/prj_aliceportfolio/env']);
    assert.equal((await envOf('prj_aliceportfolio', 'ANALYTICS_KEY'))?.value, (await envOf(apiProject, 'ANALYTICS_KEY'))?.value);
    assert.deepEqual(texts(panel.model, 'ANALYTICS_KEY'), ['set', 'same as alice-api']);
  });
});
