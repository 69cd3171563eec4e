import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UndeployedChanges } from '../../src/backends/vercel/deploy/undeployed';
import type { ProjectNode } from '../../src/backends/vercel/projectNode';
import type { ProjectSecretsApi } from '../../src/extension';
import {
  activateExtension, children, connectAliceOnly, envOf, envsOf, label, node, requests, resetEmulator, restorePrompts, script, statusTexts,
  type ShownInputBox, type ShownQuickPick,
} from './helpers';

/** The Vercel backend's changes-not-deployed store of this session (Backend.start). */
const undeployed = (api: ProjectSecretsApi) => api.sessions.get('vercel') as UndeployedChanges;

const blog = 'prj_aliceblog';
const acmeWeb = 'prj_acmeweb';

describe('Editing Vercel variables in a real VS Code', function () {
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

  describe('Add Secret…', () => {
    it('creates a variable from the project node, then refreshes the project, whose row says production lacks it', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      await children(api, project);
      undeployed(api).clear();
      const prompts = script({
        inputs: ['NEW_API_KEY', 'new-api-key-7781', 'for the tests'],
        picks: ['encrypted', ['Production', 'Preview']],
      });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.deepEqual(messages(prompts.errors), []);
      const env = await envOf(blog, 'NEW_API_KEY');
      assert.deepEqual({ value: env?.value, type: env?.type, target: env?.target, comment: env?.comment },
        { value: 'new-api-key-7781', type: 'encrypted', target: ['production', 'preview'], comment: 'for the tests' });
      assert.equal((prompts.inputBoxes[1][0] as vscode.InputBoxOptions).password, true, 'the value box is a password box');
      assert.equal(prompts.inputBoxes.length, 3, 'no git branch prompt unless Preview is the only target');
      assert.deepEqual(statusTexts(prompts.statuses), ['Saved NEW_API_KEY in alice-blog.'], 'said in the status bar');
      assert.deepEqual(messages(prompts.infos), [], 'no notification: the project row says production lacks the change');
      assert.equal(project.toTreeItem().description, '1 change not deployed');
      assert.deepEqual(undeployed(api).keysOf(project as ProjectNode), ['NEW_API_KEY']);
      assert.ok((await children(api, project)).some((n) => label(n) === 'NEW_API_KEY'), 'the tree shows it');
      const posts = (await writes()).filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1);
      assert.equal(posts[0].query.upsert, undefined);
    });

    it('validates the key while typing and sends nothing for a bad one', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const prompts = script({ inputs: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
      assert.match(String(await validate('1ABC')), /must not start with a digit/);
      assert.match(String(await validate('MY-KEY')), /only ASCII letters, digits and underscores, not "-"/);
      assert.match(String(await validate('AWS_REGION')), /reserved/);
      assert.match(String(await validate('K'.repeat(257))), /maximum is 256/);
      assert.equal(await validate('GOOD_KEY_1'), undefined);
      assert.deepEqual(await writes(), []);
    });

    it('from the palette in a team with the sensitive policy: offers sensitive first and no Development', async () => {
      const prompts = script({
        inputs: ['ACME_TOKEN', 'acme-token-key-5150', ''],
        picks: ['Acme Inc', 'acme-web', (items) => items[0], (items) => items],
      });
      await vscode.commands.executeCommand('projectSecrets.setSecret');
      assert.deepEqual(messages(prompts.errors), []);
      const typeItems = prompts.quickPicks[2][0] as Array<{ label: string; description?: string }>;
      assert.equal(typeItems[0].label, 'sensitive');
      assert.equal(typeItems[0].description, 'Secret · team policy');
      const targetItems = prompts.quickPicks[3][0] as Array<{ label: string }>;
      assert.deepEqual(targetItems.map((i) => i.label), ['Production', 'Preview']);
      const env = await envOf(acmeWeb, 'ACME_TOKEN');
      assert.deepEqual({ type: env?.type, target: env?.target, value: env?.value },
        { type: 'sensitive', target: ['production', 'preview'], value: 'acme-token-key-5150' });
      assert.ok((await requests()).filter((r) => r.method === 'POST').every((r) => r.query.teamId === 'team_acme'));
    });

    it('asks before overwriting a key the expanded project shows, then sends one upsert', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      await children(api, project);
      const before = await envOf(blog, 'DATABASE_URL');
      const prompts = script({
        inputs: ['DATABASE_URL', 'postgres://new-pass-2/db', ''],
        picks: ['encrypted', ['Production', 'Preview']],
        warnings: ['Overwrite'],
      });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.deepEqual(messages(prompts.errors), []);
      assert.match(messages(prompts.warnings)[0], /DATABASE_URL already exists in alice-blog\. Overwrite\?/);
      assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /It is set for Production, Preview\./);
      assert.equal((prompts.warnings[0][1] as vscode.MessageOptions).modal, true);
      const after = (await envsOf(blog)).filter((e) => e.key === 'DATABASE_URL');
      assert.equal(after.length, 1);
      assert.equal(after[0].id, before?.id);
      assert.equal(after[0].value, 'postgres://new-pass-2/db');
      const w = await writes();
      assert.deepEqual(w.map((r) => `${r.method} ${r.query.upsert}`), ['POST true']);
    });

    it('on a project not expanded, the server finds the clash: asks after its 403, then upserts', async () => {
      // Earlier adds revealed their rows (expanding alice-blog in the view): collapse it, then forget what it loaded.
      await vscode.commands.executeCommand('workbench.actions.treeView.projectSecrets.explorer.collapseAll');
      api.tree.refresh();
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const before = await envOf(blog, 'DATABASE_URL');
      const prompts = script({
        inputs: ['DATABASE_URL', 'postgres://new-pass-5/db', ''],
        picks: ['encrypted', ['Production', 'Preview']],
        warnings: ['Overwrite'],
      });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.deepEqual(messages(prompts.errors), []);
      assert.match(messages(prompts.warnings)[0], /DATABASE_URL already exists in alice-blog\. Overwrite\?/);
      const after = (await envsOf(blog)).filter((e) => e.key === 'DATABASE_URL');
      assert.deepEqual(after.map((e) => [e.id, e.value]), [[before?.id, 'postgres://new-pass-5/db']]);
      // No list before: the refused create (which changed nothing), then the upsert.
      const sent = (await writes()).map((r) => `${r.method} ${r.status} ${r.query.upsert}`);
      assert.deepEqual(sent, ['POST 403 undefined', 'POST 201 true']);
    });

    it('sends nothing when the overwrite question is dismissed', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      await children(api, project);
      script({ inputs: ['DATABASE_URL', 'other-pass-3', ''], picks: ['encrypted', ['Production', 'Preview']], warnings: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.deepEqual(await writes(), []);
      assert.equal((await envOf(blog, 'DATABASE_URL'))?.value, 'postgres://blog:blog-db-pass-1@db.example.com/blog');
    });

    it('explains ENV_CONFLICT when the environments differ', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const prompts = script({ inputs: ['DATABASE_URL', 'conflict-pass-4', ''], picks: ['encrypted', ['Production']], warnings: ['Overwrite'] });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      assert.match(messages(prompts.errors)[0], /already exists in alice-blog for other environments.*only when the environments match exactly/);
      assert.equal((await envOf(blog, 'DATABASE_URL'))?.value, 'postgres://blog:blog-db-pass-1@db.example.com/blog');
    });

    it('asks for a git branch only when Preview is the only target', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      script({ inputs: ['BRANCH_ONLY', 'branch-key-9', 'feature/x', ''], picks: ['plain', ['Preview']] });
      await vscode.commands.executeCommand('projectSecrets.setSecret', project);
      const env = await envOf(blog, 'BRANCH_ONLY');
      assert.deepEqual({ target: env?.target, gitBranch: env?.gitBranch, type: env?.type }, { target: ['preview'], gitBranch: 'feature/x', type: 'plain' });
    });

    for (let step = 0; step < 6; step++) {
      it(`changes nothing when cancelled at prompt ${step + 1} of 6`, async () => {
        const project = await node(api, 'alice', 'Personal', 'alice-blog');
        const inputs: Array<string | undefined> = ['CANCEL_ME', 'cancel-key-1', 'feature/y', 'comment'];
        const picks: Array<string | string[] | undefined> = ['plain', ['Preview']];
        // Prompt order: key, value, type, targets, branch, comment.
        const order = ['input', 'input', 'pick', 'pick', 'input', 'input'];
        // Escape there, and at every step it goes back to, until it leaves from step 1: no answers after it.
        const prompts = script({
          inputs: inputs.slice(0, order.slice(0, step).filter((k) => k === 'input').length),
          picks: picks.slice(0, order.slice(0, step).filter((k) => k === 'pick').length),
        });
        await vscode.commands.executeCommand('projectSecrets.setSecret', project);
        const shown = [...prompts.inputBoxes.map((call) => call[0] as ShownInputBox), ...prompts.quickPicks.map((call) => call[1] as ShownQuickPick)];
        assert.equal(shown.length, 2 * step + 1, 'each step up to the cancelled one, then each earlier one again');
        assert.deepEqual(messages(prompts.errors), [], 'cancelling is silent');
        assert.deepEqual(await writes(), []);
        assert.equal(await envOf(blog, 'CANCEL_ME'), undefined);
      });
    }
  });

  describe('Set Value…', () => {
    it('replaces the value from the tree, keeping key, type and environments', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const before = await envOf(blog, 'DATABASE_URL');
      const prompts = script({ inputs: ['postgres://rotated-pass-5/db'] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', variable);
      assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).password, true);
      const after = await envOf(blog, 'DATABASE_URL');
      assert.deepEqual(after, { ...before, value: 'postgres://rotated-pass-5/db', updatedAt: (after as unknown as { updatedAt: number }).updatedAt, updatedBy: 'user_alice' });
      const patch = (await writes()).filter((r) => r.method === 'PATCH');
      assert.equal(patch.length, 1);
      assert.deepEqual(Object.keys(patch[0].body as object), ['value']);
    });

    it('works from the palette with pickers for scope, project and variable', async () => {
      script({ inputs: ['sk_rotated_secret_6'], picks: ['Personal', 'alice-blog', 'STRIPE_SECRET_KEY'] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue');
      const env = await envOf(blog, 'STRIPE_SECRET_KEY');
      assert.deepEqual({ value: env?.value, type: env?.type, target: env?.target }, { value: 'sk_rotated_secret_6', type: 'sensitive', target: ['production'] });
    });

    it('refuses a system variable without a request', async () => {
      const variable = await node(api, 'alice', 'Personal', 'alice-blog', 'VERCEL_GIT_COMMIT_SHA');
      const prompts = script({ inputs: ['x'] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', variable);
      assert.match(messages(prompts.errors)[0], /system variable managed by Vercel/);
      assert.deepEqual(await writes(), []);
    });
  });
});

