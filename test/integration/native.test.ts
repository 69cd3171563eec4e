/**
 * The native feel of inputs and the keyboard: multi-step inputs with their step in the title,
 * Back that keeps the answers and Escape that goes back; palette commands acting on the tree's
 * selection; the read-only details document, which never holds a value.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { demoTokens, secretsApiKeys } from '../../emulator';
import {
  activateExtension, back, connectAliceOnly, emulator, emulatorUrl, envOf, label, node, requests, resetEmulator, restorePrompts, script,
  stubPrompt, type ShownInputBox, type ShownQuickPick,
} from './helpers';

const blog = 'prj_aliceblog';
const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

/** One shown prompt: kind, "step/total", Back button, and the text it started with (input boxes) or the item it started on (picks). */
type Seen = [kind: 'box' | 'pick', step: string, back: boolean, start: string | undefined];

/**
 * Answers input boxes and quick picks from one queue in the order they are shown, and records
 * each as `Seen`: the order of both kinds together is what a step runner is about.
 */
function answerInOrder(answers: unknown[]): Seen[] {
  const seen: Seen[] = [];
  const steps = (o: { step?: number; totalSteps?: number }) => (o.step === undefined ? '-' : `${o.step}/${o.totalSteps}`);
  const hasBack = (o: { buttons?: readonly vscode.QuickInputButton[] }) => o.buttons?.includes(vscode.QuickInputButtons.Back) ?? false;
  stubPrompt('showInputBox', (box) => {
    const shown = box as ShownInputBox;
    seen.push(['box', steps(shown), hasBack(shown), shown.value]);
    return answers.shift();
  });
  stubPrompt('showQuickPick', (items, options) => {
    const shown = options as ShownQuickPick;
    seen.push(['pick', steps(shown), hasBack(shown), shown.active?.label]);
    const answer = answers.shift();
    const list = items as vscode.QuickPickItem[];
    if (Array.isArray(answer)) return list.filter((i) => answer.includes(i.label));
    return typeof answer === 'string' ? list.find((i) => i.label === answer) : answer;
  });
  stubPrompt('showInformationMessage', () => undefined);
  return seen;
}

describe('Native inputs and keys in a real VS Code', function () {
  let api: ProjectSecretsApi;

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
    // The view shows, so rows can be revealed and selected as a person would click them.
    await vscode.commands.executeCommand('workbench.view.extension.projectSecrets');
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);
  after(async () => {
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
  });

  /** Selects a row as a click would (the tree's own node, found by labels). */
  async function select(...labels: string[]): Promise<TreeNode> {
    const row = await node(api, ...labels);
    await api.treeView.reveal(row, { select: true, focus: true });
    assert.equal(api.treeView.selection[0]?.id, row.id, `${labels.join(' › ')} is selected`);
    return row;
  }

  describe('multi-step input', () => {
    it('numbers its steps, keeps answers on Back, goes back on Escape, and counts the branch step only for Preview-only', async () => {
      const seen = answerInOrder([
        'STEP_KEY', back, // key; Back in the value box
        'STEP_KEY_2', 'step-value-1', // the key kept in the box, changed; value
        'plain', undefined, // type; Escape in the environments goes back to the type
        'encrypted', ['Preview'], // type changed; Preview only: the branch step appears (6 steps)
        'feature/z', back, // branch; Back in the comment box
        'feature/z', '', // the branch kept; no comment
      ]);
      await vscode.commands.executeCommand('projectSecrets.setSecret', await node(api, 'alice', 'Personal', 'alice-blog'));
      assert.deepEqual(seen, [
        ['box', '1/5', false, ''],
        ['box', '2/5', true, ''],
        ['box', '1/5', false, 'STEP_KEY'],
        ['box', '2/5', true, ''], // a value is typed again, never put back on screen
        ['pick', '3/5', true, undefined], // starts on the first type, the default
        ['pick', '4/5', true, undefined],
        ['pick', '3/5', true, 'plain'], // starts on the earlier answer
        ['pick', '4/5', true, undefined],
        ['box', '5/6', true, ''],
        ['box', '6/6', true, ''],
        ['box', '5/6', true, 'feature/z'],
        ['box', '6/6', true, ''],
      ]);
      const saved = await envOf(blog, 'STEP_KEY_2');
      assert.deepEqual({ value: saved?.value, type: saved?.type, target: saved?.target, gitBranch: saved?.gitBranch },
        { value: 'step-value-1', type: 'encrypted', target: ['preview'], gitBranch: 'feature/z' });
      assert.equal(await envOf(blog, 'STEP_KEY'), undefined, 'the answer replaced after Back was not used');
    });

    it('drops a branch typed before going Back and leaving Preview-only', async () => {
      const seen = answerInOrder(['BRANCH_DROPPED', 'branch-value-1', 'plain', ['Preview'], 'feature/gone', back, back, ['Preview', 'Production'], '']);
      await vscode.commands.executeCommand('projectSecrets.setSecret', await node(api, 'alice', 'Personal', 'alice-blog'));
      assert.deepEqual(seen.map(([kind, step]) => `${kind} ${step}`),
        ['box 1/5', 'box 2/5', 'pick 3/5', 'pick 4/5', 'box 5/6', 'box 6/6', 'box 5/6', 'pick 4/6', 'box 5/5']);
      const saved = await envOf(blog, 'BRANCH_DROPPED');
      assert.deepEqual({ target: saved?.target, gitBranch: saved?.gitBranch }, { target: ['production', 'preview'], gitBranch: undefined });
    });

    it('leaves from step 1 on Escape, with nothing sent', async () => {
      const seen = answerInOrder(['GONE_KEY', undefined, undefined]);
      await resetEmulator();
      await vscode.commands.executeCommand('projectSecrets.setSecret', await node(api, 'alice', 'Personal', 'alice-blog'));
      assert.deepEqual(seen.map(([kind, step, , start]) => `${kind} ${step} ${start}`), ['box 1/5 ', 'box 2/5 ', 'box 1/5 GONE_KEY']);
      assert.deepEqual((await requests()).filter((r) => r.method !== 'GET'), []);
    });

    it('gives a one-question command no counter and no Back', async () => {
      const seen = answerInOrder([undefined]);
      await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
      assert.deepEqual(seen, [['box', '-', false, '']]);
    });
  });

  describe('palette commands act on the selected row', () => {
    it('"Delete Environment Variable…" from the palette deletes the selected variable, after the confirmation, without a picker', async () => {
      await select('alice', 'Personal', 'alice-blog', 'PREVIEW_API_KEY');
      const prompts = script({ warnings: ['Delete'] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret');
      assert.deepEqual(messages(prompts.errors), []);
      assert.equal(prompts.quickPicks.length, 0, 'no picker: the selection is the target');
      assert.match(messages(prompts.warnings)[0], /^Delete PREVIEW_API_KEY from alice-blog\?$/);
      assert.equal(await envOf(blog, 'PREVIEW_API_KEY'), undefined);
    });

    it('"Rename Environment Variable…" renames the selected variable', async () => {
      await select('alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const prompts = script({ inputs: ['PRIMARY_DATABASE_URL'] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret');
      assert.deepEqual(messages(prompts.errors), []);
      assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).value, 'DATABASE_URL');
      assert.ok(await envOf(blog, 'PRIMARY_DATABASE_URL'));
    });

    it('"Add Environment Variable to Project…" with a variable selected adds to its project, then selects the new row', async () => {
      await select('alice', 'Personal', 'alice-blog', 'NEXT_PUBLIC_SITE_URL');
      const prompts = script({ inputs: ['FROM_SELECTION', 'selection-value-1', ''], picks: ['encrypted', ['Production']] });
      await vscode.commands.executeCommand('projectSecrets.setSecret');
      assert.deepEqual(messages(prompts.errors), []);
      assert.equal(prompts.quickPicks.length, 2, 'type and environments only: no project picker');
      assert.equal((await envOf(blog, 'FROM_SELECTION'))?.value, 'selection-value-1');
      const [selected] = api.treeView.selection;
      assert.equal(selected && label(selected), 'FROM_SELECTION', 'the new variable is revealed and selected');
    });

    it('a key\'s command acts on the selected row of any kind: F2\'s "Rename…" on an account secret renames that secret', async () => {
      await select('alice', 'Personal', 'Account Secrets', 'blog-api-token');
      const prompts = script({ inputs: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.renameSecret');
      assert.equal(prompts.quickPicks.length, 0, 'no picker');
      assert.deepEqual(prompts.inputBoxes.map((call) => (call[0] as vscode.InputBoxOptions).title), ['Rename blog-api-token']);
      assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).value, 'blog-api-token');
    });

    it('"Replace Token…" from the palette replaces the token of the selected row\'s connection', async () => {
      script({ inputs: [demoTokens.bob] });
      await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
      restorePrompts();
      assert.equal(api.accounts.list().length, 2, 'two accounts: without a selection, a picker would ask which');
      await select('alice', 'Personal', 'alice-blog');
      const prompts = script({ inputs: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.replaceToken');
      assert.equal(prompts.quickPicks.length, 0, 'no connection picker');
      assert.deepEqual(prompts.inputBoxes.map((call) => (call[0] as vscode.InputBoxOptions).title), ['Replace Token of alice']);
      const bob = api.accounts.list().find((a) => a.label === 'bob');
      if (bob) await api.accounts.remove(bob.id);
    });

    it('with nothing that fits selected, asks as before', async () => {
      await select('alice');
      const prompts = script({ picks: [undefined] });
      await vscode.commands.executeCommand('projectSecrets.deleteSecret');
      // Walked down from the selected account (no connection picker): its scopes, or its one scope's projects.
      assert.equal(prompts.quickPicks.length, 1);
      const offered = (prompts.quickPicks[0][0] as Array<{ label: string }>).map((i) => i.label);
      assert.ok(offered.includes('Personal') || offered.includes('alice-blog'), `offered ${offered.join(', ')}`);
      assert.deepEqual((await requests()).filter((r) => r.method !== 'GET'), []);
    });
  });

  describe('F2, Delete and Enter fit the selected row', () => {
    interface Keybinding { command: string; key: string; when: string }
    const keybindings = (vscode.extensions.getExtension('project-secrets.project-secrets')!.packageJSON as {
      contributes: { keybindings: Keybinding[] } }).contributes.keybindings;

    /** Evaluates the when-clause forms package.json uses (`a == b`, `!a`, `a =~ /re/` joined by `&&`); any other form fails the test. */
    function holds(when: string, context: Record<string, string | boolean>): boolean {
      return when.split(' && ').every((term) => {
        const regex = /^([\w.]+) =~ \/(.*)\/$/.exec(term);
        if (regex) return new RegExp(regex[2]).test(String(context[regex[1]] ?? ''));
        const equals = /^([\w.]+) == ([\w.]+)$/.exec(term);
        if (equals) return context[equals[1]] === equals[2];
        const not = /^!([\w.]+)$/.exec(term);
        if (not) return !context[not[1]];
        throw new Error(`unsupported when-clause term: ${term}`);
      });
    }
    /** The commands `key` runs with `row` selected in the focused view (what selectionContext.ts sets). */
    const commandsFor = (key: string, row: TreeNode) => keybindings
      .filter((k) => k.key === key && holds(k.when, {
        focusedView: 'projectSecrets.explorer', inputFocus: false, 'projectSecrets.selection': row.toTreeItem().contextValue ?? '',
      }))
      .map((k) => k.command);

    /** Selects the row, checks which command each key runs, runs F2's and Delete's as the key would (no row) and cancels them. */
    async function keysOn(labels: string[], expected: { f2?: string; delete?: string; enter?: string }, named: string) {
      const row = await select(...labels);
      assert.deepEqual({ f2: commandsFor('f2', row), delete: commandsFor('delete', row), enter: commandsFor('enter', row) },
        { f2: expected.f2 ? [expected.f2] : [], delete: expected.delete ? [expected.delete] : [], enter: expected.enter ? [expected.enter] : [] },
        `keys on ${labels.join(' › ')}`);
      if (expected.f2) {
        const prompts = script({ inputs: [undefined] });
        await vscode.commands.executeCommand(expected.f2);
        assert.deepEqual(messages(prompts.errors), []);
        assert.equal(prompts.quickPicks.length, 0, 'F2 asks no picker: the row is the target');
        assert.equal((prompts.inputBoxes[0]?.[0] as vscode.InputBoxOptions | undefined)?.value, named, 'F2 renames the selected row');
        restorePrompts();
      }
      if (expected.delete) {
        const prompts = script({ warnings: [undefined], picks: [undefined] });
        await vscode.commands.executeCommand(expected.delete);
        assert.deepEqual(messages(prompts.errors), []);
        assert.match(messages(prompts.warnings)[0] ?? '', new RegExp(`\\b${named}\\b`), 'Delete asks about the selected row');
        restorePrompts();
      }
      assert.deepEqual((await requests()).filter((r) => r.method !== 'GET'), [], 'cancelled: nothing sent');
    }

    it('on a variable: rename and delete that variable; Enter shows its details', async () => {
      await keysOn(['alice', 'Personal', 'alice-blog', 'PREVIEW_API_KEY'],
        { f2: 'projectSecrets.renameSecret', delete: 'projectSecrets.deleteSecret', enter: 'projectSecrets.showDetails' }, 'PREVIEW_API_KEY');
    });

    it('on a team shared variable: rename and delete the shared variable, not a project variable', async () => {
      await keysOn(['alice', 'Acme Inc', 'Shared Variables', 'SENTRY_DSN'],
        { f2: 'projectSecrets.renameSharedVariable', delete: 'projectSecrets.deleteSharedVariable', enter: 'projectSecrets.showDetails' }, 'SENTRY_DSN');
    });

    it('on a custom environment: rename and delete the environment; on a standard one and a linked "shared" row, no key acts', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-api');
      await vscode.commands.executeCommand('projectSecrets.viewByEnvironment', project);
      await keysOn(['alice', 'Personal', 'alice-api', 'staging'],
        { f2: 'projectSecrets.renameCustomEnvironment', delete: 'projectSecrets.deleteCustomEnvironment' }, 'staging');
      await keysOn(['alice', 'Personal', 'alice-api', 'Production'], {}, 'Production');
      await vscode.commands.executeCommand('projectSecrets.viewByVariable', project);
      await keysOn(['alice', 'Acme Inc', 'acme-web', 'SENTRY_DSN'], { enter: 'projectSecrets.showDetails' }, 'SENTRY_DSN');
    });

    it('on a project: F2 and Delete ask which of its variables, as the palette does', async () => {
      const row = await select('alice', 'Personal', 'alice-blog');
      assert.deepEqual([commandsFor('f2', row), commandsFor('delete', row)], [['projectSecrets.renameSecret'], ['projectSecrets.deleteSecret']]);
    });
  });

  describe('details', () => {
    it('shows key, type, environments, ids and dates of a variable, and never its value', async () => {
      const row = await select('alice', 'Personal', 'alice-blog', 'DATABASE_URL');
      const env = await envOf(blog, 'DATABASE_URL');
      assert.ok(env?.value, 'the emulator has a value to look for');
      await vscode.commands.executeCommand('projectSecrets.showDetails');
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'project-secrets-details');
      assert.ok(editor, 'a details document is shown');
      const text = editor.document.getText();
      assert.equal(label(row), 'DATABASE_URL');
      for (const part of ['# DATABASE_URL', env.id, env.type, 'Production', 'alice-blog', 'Created', 'Updated']) {
        assert.ok(text.includes(part), `the details name ${part}:\n${text}`);
      }
      assert.ok(!text.includes(env.value), 'the value is in the details');
      assert.equal(editor.document.languageId, 'markdown');
      assert.ok(editor.document.uri.path.endsWith('/DATABASE_URL.md'));
    });

    it('shows a Secrets API secret without its value or its last four characters', async () => {
      let prompts = script({ inputs: [emulatorUrl(), secretsApiKeys.main, 'Details API'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
      prompts = script({ inputs: ['proj_web'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, 'Details API'));
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
      const state = await emulator<{ projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }>('secrets-api/state');
      const value = state.projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'STRIPE_API_KEY')?.value;
      assert.ok(value && value.length > 4);
      await vscode.commands.executeCommand('projectSecrets.showDetails', await node(api, 'Details API', 'proj_web', 'STRIPE_API_KEY'));
      const text = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'project-secrets-details')?.document.getText() ?? '';
      assert.ok(text.includes('# STRIPE_API_KEY') && text.includes('proj_web'), text);
      assert.ok(!text.includes(value) && !text.includes(value.slice(-4)), 'the value or its end is in the details');
    });
  });
});
