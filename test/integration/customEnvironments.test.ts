import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stagingEnvironmentId } from '../../emulator';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import {
  activateExtension, children, connectAliceOnly, emulator, envOf, label, node, requests, resetEmulator, restorePrompts, script,
} from './helpers';

/**
 * Every variable command on a variable in a custom environment (alice-api's STAGING_DB_URL, on
 * Preview and "staging"), the project viewed by environment, and custom environments created,
 * renamed and deleted from the tree; read back from the emulator, writes counted.
 */
const apiProject = 'prj_aliceapi';

interface CustomEnvState { id: string; slug: string; branchMatcher?: { type: string; pattern: string } }

describe('Custom environments in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const customsOf = async () => (await emulator<{ projects: Array<{ id: string; customEnvironments: CustomEnvState[] }> }>('state'))
    .projects.find((p) => p.id === apiProject)!.customEnvironments;
  const staging = () => node(api, 'alice', 'Personal', 'alice-api', 'STAGING_DB_URL');
  const item = (n: TreeNode) => api.tree.resolveTreeItem(n.toTreeItem(), n);

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  it('names the custom environment on the row, in the tooltip (with its branch matcher) and in Show Details', async () => {
    const row = item(await staging());
    assert.equal(row.description, 'Preview, staging');
    assert.match((row.tooltip as vscode.MarkdownString).value, /Environments: Preview, staging \\\(branch starts with release\/\\\)/);
    assert.match((row.tooltip as vscode.MarkdownString).value, /Config \\\(readable\\\)/);
    const details = ((await staging()) as unknown as { details(): { fields: Array<[string, unknown]> } }).details();
    assert.deepEqual(details.fields.find(([k]) => k === 'Environments')?.[1], 'Preview, staging (branch starts with release/)');
  });

  describe('Delete… never removes it from an environment the user did not name', () => {
    it('offers every environment, custom ones included; from staging only is one PATCH that keeps Preview', async () => {
      const prompts = script({ picks: ['Delete from staging only'], warnings: ['Delete from staging'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', await staging());
      assert.deepEqual(messages(prompts.errors), []);
      const shown = prompts.quickPicks[0];
      assert.deepEqual((shown[0] as Array<{ label: string }>).map((i) => i.label),
        ['Delete from all environments', 'Delete from Preview only', 'Delete from staging only']);
      assert.equal((shown[0] as Array<{ description: string }>)[0].description, 'all 2: Preview, staging');
      assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Environments: staging\. It stays in Preview\./);
      const w = await writes();
      assert.deepEqual(w.map((r) => r.method), ['PATCH']);
      assert.deepEqual(w[0].body, { target: ['preview'], customEnvironmentIds: [] });
      const after = await envOf(apiProject, 'STAGING_DB_URL');
      assert.deepEqual([after?.target, after?.customEnvironmentIds], [['preview'], []]);
      assert.equal(item(await staging()).description, 'Preview', 'the tree shows what the PATCH answered');
    });

    it('from Preview only keeps staging', async () => {
      script({ picks: ['Delete from Preview only'], warnings: ['Delete from Preview'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', await staging());
      const after = await envOf(apiProject, 'STAGING_DB_URL');
      assert.deepEqual([after?.target, after?.customEnvironmentIds], [[], [stagingEnvironmentId]]);
      assert.deepEqual((await writes()).map((r) => r.method), ['PATCH']);
    });

    it('from all environments names them all, then one DELETE', async () => {
      const prompts = script({ picks: ['Delete from all environments'], warnings: ['Delete'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', await staging());
      assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Environments: Preview, staging\./);
      assert.equal(await envOf(apiProject, 'STAGING_DB_URL'), undefined);
      assert.deepEqual((await writes()).map((r) => r.method), ['DELETE']);
    });
  });

  it('Add Secret… offers the custom environment and sends customEnvironmentIds (one POST)', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-api');
    await children(api, project);
    const prompts = script({ inputs: ['QA_TOKEN', 'qa-token-value-1', ''], picks: ['encrypted', ['Preview', 'staging']] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', project);
    assert.deepEqual(messages(prompts.errors), []);
    const offered = (prompts.quickPicks[1][0] as Array<{ label: string; description?: string }>);
    assert.deepEqual(offered.map((i) => i.label), ['Production', 'Preview', 'Development', 'staging']);
    assert.equal(offered[3].description, 'custom environment · branch starts with release/');
    const w = await writes();
    assert.deepEqual(w.map((r) => r.method), ['POST']);
    assert.deepEqual((w[0].body as { target: string[]; customEnvironmentIds: string[] }).customEnvironmentIds, [stagingEnvironmentId]);
    const created = await envOf(apiProject, 'QA_TOKEN');
    assert.deepEqual([created?.target, created?.customEnvironmentIds], [['preview'], [stagingEnvironmentId]]);
  });

  it('Set Value… names staging and keeps it (one PATCH of the value only)', async () => {
    const prompts = script({ inputs: ['postgres://new-staging-pass-2'] });
    await vscode.commands.executeCommand('projectSecrets.setSecretValue', await staging());
    assert.deepEqual(messages(prompts.errors), []);
    const w = await writes();
    assert.deepEqual(w.map((r) => r.method), ['PATCH']);
    assert.deepEqual(Object.keys(w[0].body as object), ['value']);
    const after = await envOf(apiProject, 'STAGING_DB_URL');
    assert.deepEqual([after?.value, after?.customEnvironmentIds], ['postgres://new-staging-pass-2', [stagingEnvironmentId]]);
  });

  it('Rename… keeps staging (one PATCH of the key)', async () => {
    script({ inputs: ['STAGING_DATABASE_URL'] });
    await vscode.commands.executeCommand('projectSecrets.renameSecret', await staging());
    assert.deepEqual((await writes()).map((r) => r.method), ['PATCH']);
    assert.deepEqual((await envOf(apiProject, 'STAGING_DATABASE_URL'))?.customEnvironmentIds, [stagingEnvironmentId]);
  });

  it('Rename by copy (a Secret) creates the new key in Preview and staging, then deletes the old one', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-api');
    await children(api, project);
    script({ inputs: ['STAGING_KEY', 'staging-secret-value-3', ''], picks: ['sensitive', ['Preview', 'staging']] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', project);
    api.tree.refresh();
    const before = (await writes()).length;
    const prompts = script({ inputs: ['STAGING_API_KEY', 'staging-secret-value-4'], warnings: ['Create STAGING_API_KEY, Then Delete STAGING_KEY'] });
    await vscode.commands.executeCommand('projectSecrets.renameSecret', await node(api, 'alice', 'Personal', 'alice-api', 'STAGING_KEY'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual((await writes()).slice(before).map((r) => `${r.method} ${r.status}`), ['PATCH 400', 'POST 201', 'DELETE 200']);
    const created = await envOf(apiProject, 'STAGING_API_KEY');
    assert.deepEqual([created?.type, created?.target, created?.customEnvironmentIds], ['sensitive', ['preview'], [stagingEnvironmentId]]);
    assert.equal(await envOf(apiProject, 'STAGING_KEY'), undefined);
  });

  it('Copy Value copies a Config value with one read, and explains why a Secret cannot be copied, without a request', async () => {
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', await staging());
    assert.equal(await vscode.env.clipboard.readText(), 'postgres://api:staging-db-pass-7001@staging-db.example.com/api');
    await vscode.env.clipboard.writeText('');
    const secret = await node(api, 'alice', 'Personal', 'alice-api', 'DATABASE_PASSWORD');
    assert.equal(item(secret).description, 'Production, Preview · Secret');
    const before = (await requests()).length;
    const prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', secret);
    assert.match(messages(prompts.errors)[0], /DATABASE_PASSWORD is sensitive: .*Secret \(write-only\): only deployments can read it/);
    assert.equal((await requests()).length, before);
  });

  it('views the project by environment and back, without a request', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-api');
    await children(api, project);
    const before = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
    const groups = await children(api, project);
    assert.deepEqual(groups.map(label), ['Production', 'Preview', 'Development', 'staging']);
    assert.equal(item(groups[3]).description, '1 variable · branch starts with release/');
    assert.deepEqual((await children(api, groups[3])).map(label), ['STAGING_DB_URL']);
    assert.deepEqual((await children(api, groups[1])).map(label), ['API_URL', 'AUTH_SECRET', 'DATABASE_PASSWORD', 'STAGING_DB_URL']);
    await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
    assert.equal((await children(api, project)).length, 5);
    assert.equal((await requests()).length, before);
  });

  describe('custom environments from the tree', () => {
    it('creates one copying Production, with a branch matcher (one POST), and the tree shows it', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await children(api, project);
      const prompts = script({ inputs: ['qa', 'qa/'], picks: ['Copy from Production', 'branch starts with'] });
      await vscode.commands.executeCommand('projectSecrets.createCustomEnvironment', project);
      assert.deepEqual(messages(prompts.errors), []);
      const w = await writes();
      assert.deepEqual(w.map((r) => `${r.method} ${r.path}`), [`POST /v9/projects/${apiProject}/custom-environments`]);
      assert.deepEqual(w[0].body, { slug: 'qa', branchMatcher: { type: 'startsWith', pattern: 'qa/' }, copyEnvVarsFrom: 'production' });
      const qa = (await customsOf()).find((c) => c.slug === 'qa');
      assert.ok(qa);
      assert.deepEqual((await envOf(apiProject, 'ANALYTICS_KEY'))?.customEnvironmentIds, [qa.id]);
      await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
      assert.deepEqual((await children(api, project)).map(label), ['Production', 'Preview', 'Development', 'staging', 'qa']);
      await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
      assert.equal(item(await node(api, 'alice', 'Personal', 'alice-api', 'ANALYTICS_KEY')).description, 'Production, qa');
    });

    it('refuses a standard or taken name while typing, before any request', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await children(api, project);
      const prompts = script({ inputs: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.createCustomEnvironment', project);
      const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
      assert.match(String(await validate('Production')), /standard environment/);
      assert.match(String(await validate('staging')), /already has an environment named staging/);
      assert.match(String(await validate('My Env')), /lowercase letters/);
      assert.equal(await validate('qa'), undefined);
      assert.deepEqual(await writes(), []);
    });

    it('renames one (one PATCH); its variables keep it', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await children(api, project);
      await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
      const group = (await children(api, project)).find((g) => label(g) === 'staging')!;
      script({ inputs: ['uat'] });
      await vscode.commands.executeCommand('projectSecrets.renameCustomEnvironment', group);
      const w = await writes();
      assert.deepEqual(w.map((r) => `${r.method} ${r.path}`), [`PATCH /v9/projects/${apiProject}/custom-environments/${stagingEnvironmentId}`]);
      assert.deepEqual(w[0].body, { slug: 'uat' });
      assert.deepEqual((await customsOf()).map((c) => c.slug), ['uat']);
      assert.deepEqual((await children(api, project)).map(label), ['Production', 'Preview', 'Development', 'uat']);
      await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
    });

    it('deletes one after a modal that counts the variables only in it; Preview + staging keeps Preview', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await children(api, project);
      await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
      const group = (await children(api, project)).find((g) => label(g) === 'staging')!;
      const prompts = script({ warnings: ['Delete Environment'] });
      await vscode.commands.executeCommand('projectSecrets.deleteCustomEnvironment', group);
      assert.deepEqual(messages(prompts.errors), []);
      assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
      assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Its one variable is also in other environments and stays there\./);
      const w = await writes();
      assert.deepEqual(w.map((r) => r.method), ['DELETE']);
      assert.deepEqual(w[0].body, { deleteUnassignedEnvironmentVariables: false });
      assert.deepEqual(await customsOf(), []);
      assert.deepEqual((await envOf(apiProject, 'STAGING_DB_URL'))?.target, ['preview']);
      assert.deepEqual((await children(api, project)).map(label), ['Production', 'Preview', 'Development']);
      await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
    });

    it('changes nothing when the delete is dismissed', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await children(api, project);
      await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
      const group = (await children(api, project)).find((g) => label(g) === 'staging')!;
      script({ warnings: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.deleteCustomEnvironment', group);
      assert.deepEqual(await writes(), []);
      assert.equal((await customsOf()).length, 1);
      await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
    });
  });
});
