/**
 * "Faults: keep working, lose nothing" (2/2): retries (429 waited out on a write, a GET
 * retried after 503s, a write answered 503 read back instead of resent), the tree surviving
 * a failed refresh and an outage, a rejected token marking only its own connection, and
 * Cancel aborting a slow write. Every scenario compares the emulator's secrets before and
 * after; the file ends by printing the scenario count and the secrets lost.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VercelAccount } from '../../src/backends/vercel/account';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { demoTokens } from '../../emulator';
import { activateExtension, children, envsOf, label, node, requests, resetEmulator, restorePrompts, script, statusTexts, stubPrompt } from './helpers';
import {
  armFaults, clearFaults, connectAllBackends, disconnectAll, everySecret, messages, rx, secretsLost, settled, type Asked, type Snapshot,
} from './faults.test';

const blog = 'prj_aliceblog';
const web = 'proj_web';
const apiSecrets = `^/api/v1/projects/${web}/secrets$`;
const envList = `^/v10/projects/${blog}/env$`;
const isError = (n: TreeNode) => n.toTreeItem().contextValue === 'projectSecrets.error';

describe('Faults: keep working, lose nothing — retries, the tree, tokens, cancellation', function () {
  this.timeout(30_000);
  let api: ProjectSecretsApi;
  const tally = { scenarios: 0, lost: 0 };
  /** Every secret at the start of the scenario. */
  let seeded: Snapshot;

  /** Counts the scenario and what it cost (nothing, or the test fails). */
  async function lossCheck(asked: Asked = {}): Promise<Snapshot> {
    const after = await everySecret();
    const lost = secretsLost(seeded, after, asked);
    tally.scenarios += 1;
    tally.lost += lost.length;
    assert.deepEqual(lost, [], 'secrets lost');
    return after;
  }

  const account = (name: string) => {
    const found = api.accounts.list().find((a): a is VercelAccount => a.kind === 'vercel' && a.label === name);
    assert.ok(found, `account ${name}`);
    return found;
  };

  before(async () => {
    api = await activateExtension();
    await connectAllBackends(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh(); // the emulator went back to its seed: forget what the tree had loaded
    seeded = await everySecret();
  });
  afterEach(async () => {
    restorePrompts();
    await clearFaults();
  });
  after(async () => {
    await disconnectAll(api);
    console.log(`      fault scenarios: ${tally.scenarios}, secrets lost: ${tally.lost}`);
  });

  describe('retries', () => {
    const apiPosts = async () => (await requests()).filter((r) => r.method === 'POST' && new RegExp(apiSecrets).test(r.path));

    for (const [name, retryAfter, waitsAtLeast] of [
      ['Retry-After: 1', () => '1', () => 1000],
      // Seconds in the future, as an HTTP date (whole seconds): longer than the 1 s backoff would be.
      ['an HTTP-date Retry-After', () => new Date(Date.now() + 3000).toUTCString(), (header: string, sentAt: number) => Date.parse(header) - sentAt],
    ] as const) {
      it(`a 429 with ${name} on a Secrets API POST is waited out and succeeds with exactly 2 POSTs`, async () => {
        const secret = await node(api, 'Fault API', web, 'STRIPE_API_KEY');
        const value = `after-429-${Date.now().toString(36)}`;
        const header = retryAfter();
        await armFaults([{ method: 'POST', pathPattern: apiSecrets, status: 429, headers: { 'retry-after': header }, times: 1 }]);
        const prompts = script({ inputs: [value] });
        const started = Date.now();
        await vscode.commands.executeCommand('projectSecrets.setSecretValue', secret);
        const took = Date.now() - started;

        assert.deepEqual(messages(prompts.errors), []);
        assert.deepEqual(statusTexts(prompts.statuses), ['Updated the value of STRIPE_API_KEY in proj_web.']);
        assert.deepEqual(messages(prompts.infos), [], 'said in the status bar, not as a notification');
        const posts = await apiPosts();
        assert.equal(posts.length, 2, `exactly 2 POSTs: ${posts.map((r) => r.status).join(', ')}`);
        assert.equal(posts[0].status, 429);
        assert.ok(posts[1].status >= 200 && posts[1].status < 300, `the second POST succeeded: ${posts[1].status}`);
        const minimum = waitsAtLeast(header, started);
        assert.ok(took >= minimum - 50, `waited ${took} ms for a Retry-After of ${minimum} ms`);
        const after = await lossCheck({ mayChange: (key) => key === `secrets-api ${web} STRIPE_API_KEY` });
        assert.deepEqual(after[`secrets-api ${web} STRIPE_API_KEY`], [{ value }]);
      });
    }

    it('a GET answered 503 twice, then OK, loads the tree', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      await children(api, project);
      const start = (await requests()).length;
      await armFaults([{ method: 'GET', pathPattern: envList, status: 503, times: 2 }]);
      api.tree.refresh(project);
      const rows = await children(api, project);
      assert.deepEqual(rows.filter(isError).map(label), [], 'no error row');
      assert.deepEqual(rows.map(label), (await envsOf(blog)).map((e) => e.key).sort((a, b) => a.localeCompare(b)), 'the variables');
      const lists = (await requests()).slice(start).filter((r) => new RegExp(envList).test(r.path));
      assert.deepEqual(lists.map((r) => r.status).slice(0, 3), [503, 503, 200]);
      await lossCheck();
    });

    it('a write answered 503 is not retried: exactly 1 POST, then a read tells what happened', async () => {
      const secret = await node(api, 'Fault API', web, 'STRIPE_API_KEY');
      const start = (await requests()).length;
      await armFaults([{ method: 'POST', pathPattern: apiSecrets, status: 503, times: 5 }]);
      const prompts = script({ inputs: ['never-resent-value'] });
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', secret);
      const calls = (await requests()).slice(start).filter((r) => new RegExp(apiSecrets).test(r.path)).map((r) => `${r.method} ${r.status}`);
      assert.deepEqual(calls, ['POST 503', 'GET 200'], 'one POST, then the read-back');
      assert.deepEqual(messages(prompts.errors),
        ['Saving STRIPE_API_KEY did not happen: Secrets API had a server error (HTTP 503). Try again later. Nothing was changed by it.']);
      assert.deepEqual(await lossCheck(), seeded, 'nothing changed');
    });
  });

  describe('the tree survives', () => {
    it('a refresh answered 500 keeps the last good variables under one error row, without a notification', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const good = (await children(api, project)).map(label);
      assert.ok(good.length > 1, 'the variables loaded once');
      const notifications = stubPrompt('showErrorMessage', () => undefined);
      // Every env list of alice-blog fails until cleared: the workbench's own view may reload it too.
      await armFaults([{ method: 'GET', pathPattern: envList, status: 500, times: 20 }]);
      api.tree.refresh(project);
      const rows = await children(api, project);
      assert.equal(rows.filter(isError).length, 1, 'one error row');
      assert.ok(isError(rows[0]), 'the error row comes first');
      assert.match(label(rows[0]), rx('Refresh failed: Vercel had a server error (HTTP 500). Try again later. Showing what was loaded before.'));
      assert.deepEqual(rows.slice(1).map(label), good, 'then the last good variables');
      assert.equal(rows[0].toTreeItem().command?.command, 'projectSecrets.refresh', 'a click retries');
      assert.ok((await requests()).some((r) => new RegExp(envList).test(r.path) && r.status === 500), 'the refresh did reach the server');
      assert.equal(notifications.length, 0, 'no error notification');

      await clearFaults();
      api.tree.refresh(project);
      const again = await children(api, project);
      assert.deepEqual(again.map(label), good, 'normal rows once the fault is gone');
      assert.equal(notifications.length, 0);
      await lossCheck();
    });

    it('offline and back: the teams list dropped 5 times shows an error row; the next refresh loads', async () => {
      const alice = await node(api, 'alice');
      const good = (await children(api, alice)).map(label);
      const notifications = stubPrompt('showErrorMessage', () => undefined);
      const start = (await requests()).length;
      await armFaults([{ method: 'GET', pathPattern: '^/v2/teams$', status: 0, times: 5 }]);
      api.tree.refresh(alice);
      const rows = await children(api, alice);
      assert.ok(isError(rows[0]), `an error row first; saw ${rows.map(label).join(' | ')}`);
      const attempts = /\(gave up after (\d+) attempts\)/.exec(label(rows[0]));
      assert.ok(attempts, `the row says it retried: ${label(rows[0])}`);
      assert.match(label(rows[0]), rx('Refresh failed: ',
        /The connection to \S+ broke off before the answer was complete \(\w+\)\. Check your connection and the projectSecrets\.vercel\.apiUrl setting \(gave up after \d+ attempts\)\./,
        ' Showing what was loaded before.'));
      const dropped = (await requests()).slice(start).filter((r) => r.path === '/v2/teams' && r.status === 0);
      assert.ok(dropped.length >= Number(attempts[1]) && Number(attempts[1]) > 1, `${attempts[1]} attempts, ${dropped.length} dropped requests`);
      assert.deepEqual(rows.slice(1).map(label), good);
      assert.equal(notifications.length, 0, 'no error notification');

      api.tree.refresh(alice);
      const back = await children(api, alice);
      assert.deepEqual(back.map(label), good, 'back online: the normal rows');
      assert.equal((await requests()).filter((r) => r.path === '/v2/teams').at(-1)?.status, 200);
      await lossCheck();
    });
  });

  describe('a rejected token', () => {
    before(async () => {
      const prompts = script({ inputs: [demoTokens.bob] });
      await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
      restorePrompts();
      assert.deepEqual(messages(prompts.errors), []);
    });

    it('marks only that connection, offers Replace Token, refuses another identity\'s token and recovers with its own', async () => {
      const alice = await node(api, 'alice');
      const bob = await node(api, 'bob');
      const aliceGood = (await children(api, alice)).map(label);
      const bobGood = (await children(api, bob)).map(label);
      const bobPersonal = (await children(api, await node(api, 'bob', 'Personal'))).map(label);
      assert.equal(api.tree.getTreeItem(alice).description, 'Vercel account');

      await armFaults([{ method: 'GET', pathPattern: '^/v2/teams$', status: 403,
        body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } }, times: 3 }]);
      api.tree.refresh(alice);
      const rows = await children(api, alice);
      assert.equal(rows.length, 1, `one row; saw ${rows.map(label).join(' | ')}`);
      assert.equal(label(rows[0]), 'Token rejected — Replace Token…');
      assert.equal(rows[0].toTreeItem().tooltip, 'Vercel denied access: the token is invalid, expired or lacks access to this scope. Vercel says: Not authorized.'
        + '\n\nClick to paste a new token.', 'why, in the tooltip');
      const click = rows[0].toTreeItem().command;
      assert.equal(click?.command, 'projectSecrets.replaceToken');
      assert.equal(click?.arguments?.[0], alice, 'it replaces the token of this connection');
      assert.equal(api.tree.getTreeItem(alice).description, 'token rejected — sign in again');
      // The provider told the view that alice's row changed; the view then asks for her children again.
      assert.deepEqual((await children(api, alice)).map(label), rows.map(label), 'still the one "Token rejected" row');

      // The emulator cannot tell whose teams list a request is: what is left of the faults would hit bob's too.
      await clearFaults();
      api.tree.refresh(bob);
      assert.deepEqual((await children(api, bob)).map(label), bobGood, 'bob\'s tree still loads');
      api.tree.refresh(await node(api, 'bob', 'Personal'));
      assert.deepEqual((await children(api, await node(api, 'bob', 'Personal'))).map(label), bobPersonal);
      assert.equal(api.tree.getTreeItem(bob).description, 'Vercel account', 'bob is not marked');
      assert.equal(api.tree.getTreeItem(alice).description, 'token rejected — sign in again', 'alice still is');

      // Another identity's token is refused and changes nothing.
      const accountsBefore = JSON.stringify(api.accounts.list());
      let prompts = script({ inputs: [demoTokens.bob] });
      await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
      assert.equal((prompts.inputBoxes[0][0] as vscode.InputBoxOptions).password, true, 'a password box');
      assert.deepEqual(messages(prompts.errors), ['This token belongs to bob, not alice. Add it as another account instead. Nothing was changed.']);
      assert.deepEqual(messages(prompts.infos), []);
      assert.equal(await api.accounts.tokens.get(account('alice').id), demoTokens.alice);
      assert.equal(JSON.stringify(api.accounts.list()), accountsBefore);
      assert.equal(api.tree.getTreeItem(alice).description, 'token rejected — sign in again');
      restorePrompts();

      // Its own token: accepted, and alice loads again.
      prompts = script({ inputs: [demoTokens.alice] });
      await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
      assert.deepEqual(messages(prompts.errors), []);
      assert.deepEqual(messages(prompts.infos), ['Replaced the token of alice.']);
      const teamsLists = (await requests()).filter((r) => r.path === '/v2/teams').length;
      assert.deepEqual((await children(api, await node(api, 'alice'))).map(label), aliceGood);
      assert.ok((await requests()).filter((r) => r.path === '/v2/teams').length > teamsLists, 'her teams were loaded again with the new token');
      assert.equal(api.tree.getTreeItem(await node(api, 'alice')).description, 'Vercel account');
      await lossCheck();
    });
  });

  describe('cancellation', () => {
    it('Cancel during a slow Secrets API Set Value aborts the request: the command ends at once, without an error', async function () {
      this.timeout(20_000);
      const secret = await node(api, 'Fault API', web, 'STRIPE_API_KEY');
      const start = (await requests()).length;
      // No status: the server holds the POST for 5 s, then answers it for real.
      await armFaults([{ method: 'POST', pathPattern: apiSecrets, delayMs: 5000 }]);

      // The progress runs for real; only its Cancel is pressed for us, 200 ms in.
      const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
      const realWithProgress = window.withProgress;
      let pressed = 0;
      window.withProgress = ((options, task) => realWithProgress.call(vscode.window, options, (progress, token) => {
        if (!options.cancellable) return task(progress, token);
        const source = new vscode.CancellationTokenSource();
        const forward = token.onCancellationRequested(() => source.cancel());
        const timer = setTimeout(() => {
          pressed += 1;
          source.cancel();
        }, 200);
        return Promise.resolve(task(progress, source.token)).finally(() => {
          clearTimeout(timer);
          forward.dispose();
          source.dispose();
        });
      })) as typeof vscode.window.withProgress;
      const value = `cancelled-${Date.now().toString(36)}`;
      let took: number;
      let prompts: ReturnType<typeof script>;
      try {
        prompts = script({ inputs: [value] });
        const started = Date.now();
        await vscode.commands.executeCommand('projectSecrets.setSecretValue', secret);
        took = Date.now() - started;
      } finally {
        window.withProgress = realWithProgress;
      }

      assert.equal(pressed, 1, 'Cancel was pressed once');
      assert.ok(took < 3000, `the command ended ${took} ms after it started`);
      assert.deepEqual(messages(prompts.errors), [], 'no error notification');
      assert.deepEqual(messages(prompts.infos), [], 'no success claimed');
      assert.deepEqual(statusTexts(prompts.statuses), [], 'no success claimed in the status bar');
      const received = (await requests()).slice(start).filter((r) => r.path.startsWith('/api/'));
      assert.deepEqual(received.map((r) => `${r.method} ${r.status}`), ['POST 0'],
        'the emulator received the one POST (still unanswered), and no read-back or second POST followed');

      // The request had left: the server still finishes it after the client gave up.
      await settled();
      const answered = (await requests()).slice(start).filter((r) => r.path.startsWith('/api/'));
      assert.deepEqual(answered.map((r) => r.method), ['POST']);
      assert.ok(answered[0].status >= 200 && answered[0].status < 300, `the server answered the abandoned POST ${answered[0].status}`);
      const after = await lossCheck({ mayChange: (key) => key === `secrets-api ${web} STRIPE_API_KEY` });
      assert.deepEqual(after[`secrets-api ${web} STRIPE_API_KEY`], [{ value }], 'so the value changed although the user cancelled (and was told nothing)');
      console.log(`      cancelled after ${took} ms; the server then answered the abandoned POST ${answered[0].status} and applied the value`);
    });
  });
});
