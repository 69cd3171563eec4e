import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import {
  activateExtension, children, connectAliceOnly, envOf, envsOf, injectFaults, label, node, requests, resetEmulator, restorePrompts, script,
} from './helpers';

const blog = 'prj_aliceblog';

describe('Renaming, deleting and copying Vercel variables in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh(); // the emulator went back to its seed: forget what the tree had loaded
  });
  afterEach(restorePrompts);

  describe('Rename…', () => {
    it('renames in place with one PATCH from the tree, and the tree shows the new name', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const before = await envOf(blog, 'DATABASE_URL');
      const prompts = script({ inputs: ['PRIMARY_DATABASE_URL'] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      assert.deepEqual(messages(prompts.errors), []);
      const after = await envOf(blog, 'PRIMARY_DATABASE_URL');
      assert.equal(after?.id, before?.id);
      assert.equal(after?.value, before?.value);
      assert.equal(await envOf(blog, 'DATABASE_URL'), undefined);
      const w = await writes();
      assert.deepEqual(w.map((r) => r.method), ['PATCH']);
      assert.deepEqual(w[0].body, { key: 'PRIMARY_DATABASE_URL' });
      assert.ok((await children(api, project)).some((n) => label(n) === 'PRIMARY_DATABASE_URL'));
    });

    it('refuses an invalid or unchanged name before any request', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const prompts = script({ inputs: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
      assert.match(String(await validate('DATABASE_URL')), /Type a new name/);
      assert.match(String(await validate('9LIVES')), /must not start with a digit/);
      assert.deepEqual(await writes(), []);
    });

    it('says so clearly when the new name is taken', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const prompts = script({ inputs: ['NEXT_PUBLIC_SITE_URL'] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      assert.match(messages(prompts.errors)[0], /NEXT_PUBLIC_SITE_URL already exists in alice-blog: choose another name/);
      assert.ok(await envOf(blog, 'DATABASE_URL'));
    });

    it('renames a sensitive variable by creating the new key first, then deleting the old one', async () => {
      const before = await envOf(blog, 'STRIPE_SECRET_KEY');
      const prompts = script({
        inputs: ['STRIPE_API_KEY', 'sk_retyped_secret_7'],
        picks: ['Personal', 'alice-blog', 'STRIPE_SECRET_KEY'],
        warnings: ['Create STRIPE_API_KEY, Then Delete STRIPE_SECRET_KEY'],
      });
      await vscode.commands.executeCommand('projectSecrets.renameSecret');
      assert.deepEqual(messages(prompts.errors), []);
      assert.match(messages(prompts.warnings)[0], /cannot rename STRIPE_SECRET_KEY in place/);
      assert.equal((prompts.inputBoxes[1][0] as vscode.InputBoxOptions).password, true);
      const created = await envOf(blog, 'STRIPE_API_KEY');
      assert.deepEqual({ type: created?.type, target: created?.target, value: created?.value },
        { type: before?.type, target: before?.target, value: 'sk_retyped_secret_7' });
      assert.equal(await envOf(blog, 'STRIPE_SECRET_KEY'), undefined);
      assert.deepEqual((await writes()).map((r) => `${r.method} ${r.status}`), ['PATCH 400', 'POST 201', 'DELETE 200']);
    });

    it('keeps both variables and says so when the delete after the create fails', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY');
      await injectFaults([{ method: 'DELETE', pathPattern: '^/v9/projects/[^/]+/env/', status: 500, times: 1 }]);
      const prompts = script({
        inputs: ['STRIPE_API_KEY', 'sk_retyped_secret_8'],
        warnings: ['Create STRIPE_API_KEY, Then Delete STRIPE_SECRET_KEY'],
      });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      assert.match(messages(prompts.errors)[0], /Created STRIPE_API_KEY, but could not delete STRIPE_SECRET_KEY: .*Both variables exist now/);
      assert.ok(await envOf(blog, 'STRIPE_SECRET_KEY'), 'the old variable is still there');
      assert.equal((await envOf(blog, 'STRIPE_API_KEY'))?.value, 'sk_retyped_secret_8');
    });

    it('loses nothing when the create fails: the old variable is never touched', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY');
      await injectFaults([{ method: 'POST', pathPattern: '^/v10/projects/[^/]+/env$', status: 500, times: 1 }]);
      const prompts = script({ inputs: ['STRIPE_API_KEY', 'sk_retyped_secret_9'], warnings: ['Create STRIPE_API_KEY, Then Delete STRIPE_SECRET_KEY'] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      assert.match(messages(prompts.errors)[0], /server error/);
      assert.ok(await envOf(blog, 'STRIPE_SECRET_KEY'));
      assert.equal(await envOf(blog, 'STRIPE_API_KEY'), undefined);
      assert.ok(!(await writes()).some((r) => r.method === 'DELETE'));
    });

    it('changes nothing when the copy is declined', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY');
      script({ inputs: ['STRIPE_API_KEY'], warnings: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret', variable);
      assert.deepEqual((await writes()).map((r) => r.method), ['PATCH']);
      assert.ok(await envOf(blog, 'STRIPE_SECRET_KEY'));
    });
  });

  describe('Delete…', () => {
    it('deletes a single-environment variable after a modal confirmation naming key, project and environment', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'PREVIEW_API_KEY');
      const prompts = script({ warnings: ['Delete'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', variable);
      assert.equal(prompts.quickPicks.length, 0);
      assert.match(messages(prompts.warnings)[0], /Delete PREVIEW_API_KEY from alice-blog\?/);
      assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Preview/);
      assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
      assert.equal(await envOf(blog, 'PREVIEW_API_KEY'), undefined);
    });

    it('offers to delete from one environment only, and then keeps the others', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const prompts = script({ picks: ['Delete from Preview only'], warnings: ['Delete from Preview'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', variable);
      const labels = (prompts.quickPicks[0][0] as Array<{ label: string }>).map((i) => i.label);
      assert.deepEqual(labels, ['Delete from all environments', 'Delete from Production only', 'Delete from Preview only']);
      assert.deepEqual((await envOf(blog, 'DATABASE_URL'))?.target, ['production']);
      assert.deepEqual((await writes()).map((r) => r.method), ['PATCH']);
    });

    it('deletes from all environments from the palette', async () => {
      script({ picks: ['Personal', 'alice-blog', 'NEXT_PUBLIC_SITE_URL', 'Delete from all environments'], warnings: ['Delete'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret');
      assert.equal(await envOf(blog, 'NEXT_PUBLIC_SITE_URL'), undefined);
      assert.equal((await envsOf(blog)).length, 5);
    });

    it('changes nothing when the confirmation is dismissed', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'PREVIEW_API_KEY');
      script({ warnings: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret', variable);
      assert.deepEqual(await writes(), []);
      assert.ok(await envOf(blog, 'PREVIEW_API_KEY'));
    });
  });

  describe('Copy Name and Copy Value', () => {
    afterEach(async () => {
      await vscode.workspace.getConfiguration('projectSecrets').update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    });

    it('copies the name', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      await vscode.commands.executeCommand('projectSecrets.copySecretName', variable);
      assert.equal(await vscode.env.clipboard.readText(), 'DATABASE_URL');
    });

    it('copies the value with one read and clears the clipboard after the timeout', async () => {
      await vscode.workspace.getConfiguration('projectSecrets').update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const before = (await requests()).length;
      await vscode.commands.executeCommand('projectSecrets.copySecretValue', variable);
      assert.equal(await vscode.env.clipboard.readText(), 'postgres://blog:blog-db-pass-1@db.example.com/blog');
      const reads = (await requests()).slice(before);
      assert.deepEqual(reads.map((r) => `${r.method} ${r.path}`), [`GET /v1/projects/${blog}/env/${(await envOf(blog, 'DATABASE_URL'))?.id}`]);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      assert.equal(await vscode.env.clipboard.readText(), '');
    });

    it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
      await vscode.workspace.getConfiguration('projectSecrets').update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'NEXT_PUBLIC_SITE_URL');
      await vscode.commands.executeCommand('projectSecrets.copySecretValue', variable);
      await vscode.env.clipboard.writeText('something else');
      await new Promise((resolve) => setTimeout(resolve, 1600));
      assert.equal(await vscode.env.clipboard.readText(), 'something else');
    });

    it('explains that a sensitive value cannot be copied, without a request', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY');
      const before = (await requests()).length;
      const prompts = script({});
      await vscode.commands.executeCommand('projectSecrets.copySecretValue', variable);
      assert.match(messages(prompts.errors)[0], /STRIPE_SECRET_KEY is sensitive: Vercel never returns its value/);
      assert.equal((await requests()).length, before);
    });

    it('offers only readable variables from the palette', async () => {
      const prompts = script({ picks: ['Personal', 'alice-blog', undefined] });
      await vscode.commands.executeCommand('projectSecrets.copySecretValue');
      const offered = (prompts.quickPicks[2][0] as Array<{ label: string }>).map((i) => i.label).sort();
      assert.deepEqual(offered, ['DATABASE_URL', 'LEGACY_TOKEN', 'NEXT_PUBLIC_SITE_URL', 'PREVIEW_API_KEY']);
    });
  });
});
