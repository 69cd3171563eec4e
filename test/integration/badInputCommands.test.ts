/**
 * "Bad input: clear error, no request" through the real commands: for each bad input the
 * input box's validateInput names the specific problem while typing, and when the value
 * is submitted anyway (the stub ignores validation, as a paste-and-Enter race or another
 * extension might) the command shows that problem as an error, or, in a step of a multi-step
 * input, the box refuses it in place; either way the emulator records no write. Plus: an unreadable answer shows as an error row in the tree, never as "no projects".
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../../src/backends/secretsApi/connection';
import type { ProjectSecretsApi } from '../../src/extension';
import { marketplaceDemo } from '../../emulator';
import { secretsApiKeys } from '../../emulator';
import {
  activateExtension, children, connectAliceOnly, emulatorUrl, injectFaults, label, node, requests, resetEmulator, restorePrompts, script,
  type ShownInputBox,
} from './helpers';

type QuickPickAnswer = string | string[] | undefined;

interface BadInputRow {
  readonly what: string;
  readonly command: string;
  /** Tree labels of the node the command runs on; none = from the palette. */
  readonly on?: readonly string[];
  readonly inputs: readonly string[];
  readonly picks?: readonly QuickPickAnswer[];
  /** Which input box gets the bad value (index into the input boxes shown). */
  readonly badBox: number;
  /**
   * The bad box is a step of a multi-step input (platform/steps.ts): like VS Code's own input
   * box it refuses the submitted answer in place, showing the problem, and the flow does not
   * move on; Escape then goes back (or, on step 1, away) silently. Without: a box on its own,
   * whose submitted answer (the stub ignores validation) ends the command with the problem as error.
   */
  readonly step?: true;
  /** The specific problem: validateInput's message and the error shown must both match it. */
  readonly problem: RegExp;
  /**
   * Paths of the API the command would call: it must make no request to them at all, not
   * even a read. (Scoped by path: the tree view may reload expanded nodes in the background.)
   */
  readonly noRequestsTo?: RegExp;
}

const connectionLabel = 'Bad Input API';
const secretsApiValue = 's'.repeat(4097);

const rows: readonly BadInputRow[] = [
  {
    step: true, what: 'Vercel Add Secret: key 1BAD', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
    inputs: ['1BAD', 'bad-input-value-1', ''], picks: ['encrypted', ['Production']], badBox: 0, problem: /must not start with a digit/,
  },
  {
    step: true, what: 'Vercel Add Secret: reserved key TZ', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
    inputs: ['TZ', 'Europe/Berlin', ''], picks: ['plain', ['Production']], badBox: 0, problem: /TZ is reserved by Vercel/,
  },
  {
    step: true, what: 'Vercel Add Secret: empty value', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
    inputs: ['EMPTY_VALUE_KEY', '', ''], picks: ['encrypted', ['Production']], badBox: 1, problem: /^Enter a value\.$/,
  },
  {
    step: true, what: 'Vercel Add Secret: comment of 501 characters', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
    inputs: ['LONG_COMMENT_KEY', 'long-comment-value-1', 'c'.repeat(501)], picks: ['encrypted', ['Production']], badBox: 2,
    problem: /501 characters long; the maximum is 500/,
  },
  {
    what: 'Vercel Rename: the same name', command: 'projectSecrets.renameSecret', on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
    inputs: ['DATABASE_URL'], badBox: 0, problem: /^Type a new name\.$/,
  },
  {
    step: true, what: 'Vercel Set Value: empty value', command: 'projectSecrets.setSecretValue', on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
    inputs: [''], badBox: 0, problem: /^Enter a value\.$/,
  },
  {
    step: true, what: 'Account secret: name of 101 characters', command: 'projectSecrets.addAccountSecret', on: ['alice', 'Personal', 'Account Secrets'],
    inputs: ['n'.repeat(101), 'legacy-bad-input-1'], picks: ['No, write-only', 'No project'], badBox: 0,
    problem: /101 characters long; the maximum is 100/,
  },
  {
    step: true, what: 'Account secret: upper-case name', command: 'projectSecrets.addAccountSecret', on: ['alice', 'Personal', 'Account Secrets'],
    inputs: ['My-Key', 'legacy-bad-input-2'], picks: ['No, write-only', 'No project'], badBox: 0, problem: /lower case: use "my-key"/,
  },
  {
    what: 'Account secret: rename to the same name', command: 'projectSecrets.renameAccountSecret',
    on: ['alice', 'Personal', 'Account Secrets', 'blog-api-token'], inputs: ['blog-api-token'], badBox: 0, problem: /^Type a new name\.$/,
  },
  {
    step: true, what: 'Secrets API Set Secret: key lower_case', command: 'projectSecrets.setSecret', on: [connectionLabel, 'proj_web'],
    inputs: ['lower_case', 'sapi-bad-input-1'], badBox: 0, problem: /must be upper case \(UPPER_SNAKE_CASE\): use "LOWER_CASE"/,
  },
  {
    step: true, what: 'Secrets API Set Secret: a 26th key on proj_full', command: 'projectSecrets.setSecret', on: [connectionLabel, 'proj_full'],
    inputs: ['SECRET_26', 'sapi-bad-input-2'], badBox: 0, problem: /already has 25 secrets; the maximum is 25/,
  },
  {
    step: true, what: 'Secrets API Set Secret: value of 4097 characters', command: 'projectSecrets.setSecret', on: [connectionLabel, 'proj_web'],
    inputs: ['LONG_VALUE_KEY', secretsApiValue], badBox: 1, problem: /4097 characters long; the maximum is 4096/,
  },
  {
    step: true, what: 'Secrets API Set Value: empty value', command: 'projectSecrets.setSecretValue', on: [connectionLabel, 'proj_web', 'STRIPE_API_KEY'],
    inputs: [''], badBox: 0, problem: /value: it must not be empty/,
  },
  {
    step: true, what: 'Secrets API Rename: the same name', command: 'projectSecrets.renameSecret', on: [connectionLabel, 'proj_web', 'REDIS_URL'],
    inputs: ['REDIS_URL', 'sapi-bad-input-3'], badBox: 0, problem: /^Type a new name\.$/,
  },
  {
    step: true, what: 'Secrets API connection: URL http://example.com', command: 'projectSecrets.addSecretsApiConnection',
    inputs: ['http://example.com', secretsApiKeys.main, 'Should Not Exist'], badBox: 0,
    problem: /must use https:\/\/; http:\/\/ is allowed only for localhost/, noRequestsTo: /^\/api\//,
  },
  {
    step: true, what: 'Marketplace installation: id cfg_1', command: 'projectSecrets.addMarketplaceInstallation',
    inputs: ['cfg_1', marketplaceDemo.token, ''], badBox: 0, problem: /installation id is "icfg_" followed by letters and digits/,
    noRequestsTo: /^\/v1\/installations\//,
  },
];

describe('Bad input through the real commands: a precise message while typing, an error and no write when submitted', function () {
  let api: ProjectSecretsApi;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  const accountIds = () => api.accounts.list().map((a) => a.id).sort();

  before(async () => {
    api = await activateExtension();
    for (const a of api.accounts.list()) await api.accounts.remove(a.id);
    await connectAliceOnly(api);
    let prompts = script({ inputs: [emulatorUrl(), secretsApiKeys.main, connectionLabel] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
    assert.deepEqual(messages(prompts.errors), []);
    restorePrompts();
    for (const projectId of ['proj_web', 'proj_full']) {
      prompts = script({ inputs: [projectId] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, connectionLabel));
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
    }
    const connection = api.accounts.list().find((a): a is SecretsApiConnection => a.kind === 'secretsApi' && a.label === connectionLabel);
    assert.deepEqual(connection?.projectIds, ['proj_web', 'proj_full']);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh(); // the emulator went back to its seed: forget what the tree had loaded
  });
  afterEach(restorePrompts);
  after(async () => {
    for (const a of api.accounts.list()) await api.accounts.remove(a.id);
  });

  for (const row of rows) {
    it(row.what, async () => {
      const target = row.on ? await node(api, ...row.on) : undefined;
      const accountsBefore = accountIds();
      await resetEmulator(); // walking the tree read things; count only what the command does
      // A refused step keeps its box open: no answer after the bad one, so the next is Escape.
      const prompts = script({ inputs: row.inputs.slice(0, row.step ? row.badBox + 1 : undefined), picks: [...(row.picks ?? [])] });
      await vscode.commands.executeCommand(row.command, ...(target ? [target] : []));

      // While typing: the box that gets the bad value says what is wrong with it.
      assert.ok(prompts.inputBoxes.length > row.badBox, `input box #${row.badBox + 1} was shown (saw ${prompts.inputBoxes.length})`);
      const box = prompts.inputBoxes[row.badBox][0] as vscode.InputBoxOptions;
      assert.ok(box.validateInput, `input box #${row.badBox + 1} validates`);
      const whileTyping = await box.validateInput(row.inputs[row.badBox]);
      const shownWhileTyping = typeof whileTyping === 'string' ? whileTyping : whileTyping?.message;
      assert.match(String(shownWhileTyping), row.problem);
      if (row.step) {
        // Submitted anyway: the box refused it in place with the same problem, and the flow went no further.
        const shown = box as ShownInputBox;
        assert.equal(shown.answers, 2, 'the bad answer, then Escape');
        assert.match(shown.validationMessages[0] ?? '', row.problem, 'the box shows the problem after Enter');
        const later = prompts.inputBoxes.slice(row.badBox + 1).map((call) => (call[0] as ShownInputBox).step ?? 1);
        assert.ok(later.every((step) => step < (shown.step ?? 1)), `only earlier steps after it (Escape goes back); saw steps ${later.join(', ')}`);
        assert.deepEqual(messages(prompts.errors), [], 'leaving a refused box is silent');
      } else {
        assert.ok(prompts.inputBoxes.length <= row.inputs.length, 'no prompt past the given answers');
        // Submitted anyway: one error that names the same problem, and nothing written.
        assert.equal(prompts.errors.length, 1, `one error message; saw ${JSON.stringify(messages(prompts.errors))}`);
        assert.match(messages(prompts.errors)[0], row.problem);
      }
      assert.deepEqual(messages(prompts.infos), [], 'no success message');
      assert.deepEqual(await writes(), [], 'no write request');
      if (row.noRequestsTo) {
        const to = row.noRequestsTo;
        assert.deepEqual((await requests()).filter((r) => to.test(r.path)).map((r) => `${r.method} ${r.path}`), [], 'no request at all to that API');
      }
      assert.deepEqual(accountIds(), accountsBefore, 'no connection was added or removed');
    });
  }

  it('covers every backend with at least ten bad inputs', () => {
    console.log(`      bad-input commands: ${rows.length} rows`);
    assert.ok(rows.length >= 10, `only ${rows.length} rows`);
    const commands = new Set(rows.map((r) => r.command));
    for (const command of ['projectSecrets.setSecret', 'projectSecrets.addAccountSecret', 'projectSecrets.addSecretsApiConnection', 'projectSecrets.addMarketplaceInstallation']) {
      assert.ok(commands.has(command), `a row for ${command}`);
    }
  });

  describe('an unreadable answer in the tree', () => {
    it('shows an error row saying the answer could not be read, never an empty list or "No projects"', async () => {
      const personal = await node(api, 'alice', 'Personal');
      const loadedBefore = (await children(api, personal)).map(label);
      assert.ok(loadedBefore.includes('alice-blog'), `the scope loads normally first; saw ${loadedBefore.join(' | ')}`);
      await resetEmulator();
      // Every projects list gets the unreadable 200 until the next reset: the workbench's own
      // view may have this scope expanded (an earlier test revealed a project) and reload it
      // too, and whichever load comes first must not leave the other a good answer.
      await injectFaults([{ method: 'GET', pathPattern: '^/v10/projects$', status: 200, body: 'not json', times: 20 }]);
      api.tree.refresh(personal);

      const rows = await children(api, personal);
      const items = rows.map((n) => n.toTreeItem());
      assert.ok(rows.length > 0, 'never an empty list');
      assert.equal(items[0].contextValue, 'projectSecrets.error', `the first row is an error row; saw ${rows.map(label).join(' | ')}`);
      assert.match(label(rows[0]), /Vercel sent an answer this extension cannot read: the answer to \/v10\/projects is not JSON\./);
      assert.equal(items.filter((i) => i.contextValue === 'projectSecrets.error').length, 1, 'one error row');
      assert.ok(!rows.map(label).includes('No projects'), 'never "No projects"');
      // Nothing comes from the unreadable answer: at most what was shown before it.
      const rest = rows.slice(1).map(label);
      assert.ok(rest.length === 0 || JSON.stringify(rest) === JSON.stringify(loadedBefore),
        `besides the error row only what was loaded before; saw ${rest.join(' | ')}`);
      const listed = (await requests()).filter((r) => r.path === '/v10/projects');
      assert.ok(listed.length >= 1 && listed.every((r) => r.status === 200), `the list was answered by the faulty 200: ${JSON.stringify(listed)}`);

      // With the fault gone, the row's retry loads the real projects.
      await resetEmulator();
      const retry = items[0].command;
      assert.ok(retry, 'the error row retries on click');
      assert.equal(retry.command, 'projectSecrets.refresh');
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      const again = await children(api, personal);
      assert.ok(again.every((n) => n.toTreeItem().contextValue !== 'projectSecrets.error'), `no error row after the retry; saw ${again.map(label).join(' | ')}`);
      assert.deepEqual(again.map(label), loadedBefore, 'the retry shows the projects again');
    });
  });
});
