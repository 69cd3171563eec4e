/**
 * A write refused at connect (nothing sent): "Not saved: could not connect to <host>." with
 * Retry, no read-back, and Retry sends only the step that was not sent. The server is reached
 * through a gate: a small HTTP proxy in front of the emulator that can stop listening, so the
 * next connection is refused (ECONNREFUSED) as with a server that is down. Every request the
 * extension starts, refused or not, is seen on undici's diagnostics channel.
 *
 * Also: the wording of retry waits ("busy" only for 503, "rate limiting" only for 429).
 */
import * as assert from 'node:assert/strict';
import * as diagnostics from 'node:diagnostics_channel';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { Gate } from '../harness/gate';
import { secretsApiKeys, type FaultSpec } from '../../emulator';
import {
  activateExtension, children, emulator, emulatorUrl, injectFaults, node, requests, resetEmulator, restorePrompts, script, stubPrompt,
} from './helpers';

interface ApiState { projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }
const secretsOf = async (projectId: string) =>
  (await emulator<ApiState>('secrets-api/state')).projects.find((p) => p.id === projectId)?.secrets ?? [];

interface Started { method: string; origin: string; path: string }

describe('Faults: a write refused at connect (nothing sent)', function () {
  let api: ProjectSecretsApi;
  const gate = new Gate(emulatorUrl);
  /** Every request the extension's HTTP client started, refused ones included. */
  const started: Started[] = [];
  const onCreate = (message: unknown) => {
    const { request } = message as { request: { method: string; origin: string | URL; path: string } };
    started.push({ method: request.method, origin: String(request.origin).replace(/\/$/, ''), path: request.path });
  };
  const sentThroughGate = () => started.filter((r) => r.origin === gate.url).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`);
  const emulatorWrites = async () => (await requests()).filter((r) => r.path.startsWith('/api/') && r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  const secretsPath = '/api/v1/projects/proj_web/secrets';
  const writesIn = (sent: readonly string[]) => sent.filter((r) => !r.startsWith('GET '));
  /** What was started after the last `request`: a read-back would be a GET here. */
  const afterLast = (sent: readonly string[], request: string) => sent.slice(sent.lastIndexOf(request) + 1);

  before(async () => {
    api = await activateExtension();
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
    await resetEmulator();
    await gate.open();
    diagnostics.subscribe('undici:request:create', onCreate);
    script({ inputs: [gate.url, secretsApiKeys.main, 'Gated API'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
    restorePrompts();
    script({ inputs: ['proj_web'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, 'Gated API'));
    restorePrompts();
  });
  after(async () => {
    diagnostics.unsubscribe('undici:request:create', onCreate);
    gate.close();
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
  });
  beforeEach(async () => {
    gate.close();
    await gate.open();
    await resetEmulator();
    api.tree.refresh();
    started.length = 0;
  });
  afterEach(restorePrompts);

  /** The error prompt: records what it showed and the state at that moment, reopens the gate and answers `answer`. */
  function errorPrompt(answer: 'Retry' | undefined) {
    const seen: Array<{ args: unknown[]; sent: string[]; writes: string[] }> = [];
    const calls = stubPrompt('showErrorMessage', async (...args: unknown[]) => {
      seen.push({ args, sent: sentThroughGate(), writes: await emulatorWrites() });
      await gate.open();
      return answer;
    });
    return { seen, calls };
  }

  it('Set Secret: "Not saved: could not connect to <host>.", nothing sent, no read-back; Retry sends the one POST', async () => {
    const project = await node(api, 'Gated API', 'proj_web');
    started.length = 0;
    stubPrompt('showInputBox', (options) => {
      if (/^Key/.test(String((options as vscode.InputBoxOptions).prompt))) return 'NEW_TOKEN';
      gate.close(); // the server goes away while the user types the value
      return 'gate-value-1234';
    });
    const { seen, calls } = errorPrompt('Retry');
    await vscode.commands.executeCommand('projectSecrets.setSecret', project);
    assert.equal(calls.length, 1, 'one message: the boundary does not repeat it');
    assert.deepEqual(seen[0].args, [`Not saved: could not connect to 127.0.0.1:${gate.port}.`, 'Retry']);
    assert.deepEqual(seen[0].writes, [], 'the emulator got no write');
    assert.deepEqual(writesIn(seen[0].sent), [`POST ${secretsPath}`], 'one write attempted (refused)');
    assert.deepEqual(afterLast(seen[0].sent, `POST ${secretsPath}`), [], 'no read-back after the refused POST');
    assert.deepEqual(await emulatorWrites(), [`POST ${secretsPath}`], 'Retry sent the POST once');
    assert.deepEqual(writesIn(sentThroughGate()), [`POST ${secretsPath}`, `POST ${secretsPath}`], 'the refused POST and the one Retry');
    assert.equal((await secretsOf('proj_web')).find((s) => s.key === 'NEW_TOKEN')?.value, 'gate-value-1234');
  });

  it('Rename (create, then delete): the DELETE is refused; Retry sends only the DELETE, never the create again', async () => {
    const before = (await secretsOf('proj_web')).find((s) => s.key === 'REDIS_URL');
    assert.ok(before);
    const secret = await node(api, 'Gated API', 'proj_web', 'REDIS_URL');
    started.length = 0;
    script({ inputs: ['CACHE_URL', 'gate-cache-5678'] });
    gate.closeAfter = (req) => req.method === 'POST';
    const { seen, calls } = errorPrompt('Retry');
    await vscode.commands.executeCommand('projectSecrets.renameSecret', secret);
    assert.equal(calls.length, 1);
    assert.deepEqual(seen[0].args, [`Not deleted: could not connect to 127.0.0.1:${gate.port}.`, 'Retry']);
    assert.deepEqual(seen[0].writes, [`POST ${secretsPath}`], 'the create went through; the DELETE never reached the server');
    assert.deepEqual(writesIn(seen[0].sent), [`POST ${secretsPath}`, `DELETE ${secretsPath}/REDIS_URL`]);
    assert.deepEqual(afterLast(seen[0].sent, `DELETE ${secretsPath}/REDIS_URL`), [], 'no read-back after the refused DELETE');
    assert.deepEqual(await emulatorWrites(), [`POST ${secretsPath}`, `DELETE ${secretsPath}/REDIS_URL`], 'Retry: the DELETE only');
    assert.deepEqual(writesIn(sentThroughGate()), [`POST ${secretsPath}`, `DELETE ${secretsPath}/REDIS_URL`, `DELETE ${secretsPath}/REDIS_URL`]);
    const after = await secretsOf('proj_web');
    assert.equal(after.find((s) => s.key === 'CACHE_URL')?.value, 'gate-cache-5678');
    assert.equal(after.some((s) => s.key === 'REDIS_URL'), false);
  });

  it('Rename: the create is refused; Retry sends the POST, then the rename goes on with the DELETE', async () => {
    const secret = await node(api, 'Gated API', 'proj_web', 'REDIS_URL');
    started.length = 0;
    stubPrompt('showInputBox', (options) => {
      if (/^Key/.test(String((options as vscode.InputBoxOptions).prompt))) return 'CACHE_URL';
      gate.close();
      return 'gate-cache-9012';
    });
    const { seen, calls } = errorPrompt('Retry');
    await vscode.commands.executeCommand('projectSecrets.renameSecret', secret);
    assert.equal(calls.length, 1);
    assert.deepEqual(seen[0].args, [`Not saved: could not connect to 127.0.0.1:${gate.port}.`, 'Retry']);
    assert.deepEqual(seen[0].writes, []);
    assert.deepEqual(writesIn(seen[0].sent), [`POST ${secretsPath}`]);
    assert.deepEqual(afterLast(seen[0].sent, `POST ${secretsPath}`), [], 'no read-back after the refused POST');
    assert.deepEqual(await emulatorWrites(), [`POST ${secretsPath}`, `DELETE ${secretsPath}/REDIS_URL`]);
    assert.deepEqual(writesIn(sentThroughGate()), [`POST ${secretsPath}`, `POST ${secretsPath}`, `DELETE ${secretsPath}/REDIS_URL`]);
    const after = await secretsOf('proj_web');
    assert.equal(after.find((s) => s.key === 'CACHE_URL')?.value, 'gate-cache-9012');
    assert.equal(after.some((s) => s.key === 'REDIS_URL'), false);
  });

  it('Delete, message dismissed: "Not deleted: …" once, nothing sent, nothing changed', async () => {
    const before = await secretsOf('proj_web');
    const secret = await node(api, 'Gated API', 'proj_web', 'REDIS_URL');
    started.length = 0;
    stubPrompt('showWarningMessage', () => {
      gate.close();
      return 'Delete';
    });
    const { seen, calls } = errorPrompt(undefined);
    await vscode.commands.executeCommand('projectSecrets.deleteSecret', secret);
    assert.equal(calls.length, 1, 'dismissed: not shown a second time by the error boundary');
    assert.deepEqual(seen[0].args, [`Not deleted: could not connect to 127.0.0.1:${gate.port}.`, 'Retry']);
    assert.deepEqual(writesIn(sentThroughGate()), [`DELETE ${secretsPath}/REDIS_URL`]);
    assert.deepEqual(afterLast(sentThroughGate(), `DELETE ${secretsPath}/REDIS_URL`), [], 'no read-back');
    assert.deepEqual(await emulatorWrites(), []);
    assert.deepEqual(await secretsOf('proj_web'), before);
    for (const [message] of calls) assert.doesNotMatch(String(message), /\.\)\.|may or may not/);
  });

  it('a 500 whose read-back fails otherwise: each reason stays a sentence of its own (no ".).")', async () => {
    const project = await node(api, 'Gated API', 'proj_web');
    await resetEmulator();
    const faults: FaultSpec[] = [
      { method: 'POST', pathPattern: `^${secretsPath}$`, status: 500, times: 1 },
      // No list before the prompts (the project's secrets are loaded): the first GET is the read-back.
      { method: 'GET', pathPattern: `^${secretsPath}$`, status: 404, times: 1 },
    ];
    await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    const prompts = script({ inputs: ['NEW_TOKEN', 'gate-value-3456'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', project);
    assert.equal(prompts.errors.length, 1);
    const [message] = prompts.errors[0] as [string];
    assert.match(message, /^Saving NEW_TOKEN may or may not have happened: Secrets API had a server error \(HTTP 500\)\. Try again later\. Checking failed too: [^()]*\S[.!?] Refresh to see the current state\.$/);
    assert.doesNotMatch(message, /\.\)\./);
    assert.deepEqual(await emulatorWrites(), [`POST ${secretsPath}`], 'an unknown outcome is read back, never sent again');
  });

  describe('retry waits', () => {
    const shown: string[] = [];
    let original: typeof vscode.window.setStatusBarMessage;
    beforeEach(() => {
      shown.length = 0;
      original = vscode.window.setStatusBarMessage;
      (vscode.window as { setStatusBarMessage: unknown }).setStatusBarMessage = (text: string, ...rest: unknown[]) => {
        if (/retrying/.test(text)) shown.push(text);
        return (original as (t: string, ...r: unknown[]) => vscode.Disposable)(text, ...rest);
      };
    });
    afterEach(() => {
      (vscode.window as { setStatusBarMessage: unknown }).setStatusBarMessage = original;
    });

    for (const [status, expected] of [
      [503, /^Secrets API is busy \(HTTP 503\); retrying in \d+ s…$/],
      [429, /^Secrets API is rate limiting requests \(HTTP 429\); retrying in \d+ s…$/],
      [502, /^Secrets API had a server error \(HTTP 502\); retrying in \d+ s…$/],
      [0, /^The connection to 127\.0\.0\.1:\d+ broke off before the answer was complete \(\w+\); retrying in \d+ s…$/],
    ] as const) {
      it(`a list that gets ${status === 0 ? 'a dropped connection' : `HTTP ${status}`} says so while it waits${status === 503 ? '' : ', never "busy"'}`, async () => {
        const project = await node(api, 'Gated API', 'proj_web');
        await resetEmulator();
        await injectFaults([{ method: 'GET', pathPattern: `^${secretsPath}$`, status, times: 1 }]);
        // Refresh: the project lists its secrets again.
        api.tree.refresh(project);
        await children(api, project);
        assert.equal(shown.length, 1, `one wait, shown: ${JSON.stringify(shown)}`);
        assert.match(shown[0], expected);
        if (status !== 503) assert.doesNotMatch(shown[0], /busy/);
        assert.equal((await requests()).filter((r) => r.method === 'GET' && r.path === secretsPath).length, 2, 'the failed GET and its one retry');
      });
    }
  });
});
