/**
 * "Secrets stay secret" in a real VS Code: a token goes only to the origin its connection
 * was added for, never to a URL a workspace chose or to plain http on another host, and
 * every command that asks for a value or a token asks in a password box.
 *
 * (That a redirect is not followed with the token is tested on the wire, at unit level:
 * test/unit/jsonApi.test.ts, "does not follow a redirect".)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { marketplaceDemo } from '../../emulator';
import { demoTokens } from '../../emulator';
import { secretsApiKeys } from '../../emulator';
import {
  activateExtension, children, connectAliceOnly, emulatorUrl, label, node, requests, resetEmulator, restorePrompts, script,
  type ShownInputBox,
} from './helpers';

const setting = 'vercel.apiUrl';
const hostile = 'https://attacker.invalid';
const config = () => vscode.workspace.getConfiguration('projectSecrets');

/** A server that answers 200 `{}` to anything and remembers what it was asked, authorization included. */
interface Trap {
  readonly url: string;
  readonly received: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

async function startTrap(host: string, urlHost = host): Promise<Trap> {
  const received: Trap['received'] = [];
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${urlHost}:${port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Writes the machine (Global) value and waits until this extension host sees it. */
async function setApiUrl(value: string | undefined): Promise<void> {
  await config().update(setting, value, vscode.ConfigurationTarget.Global);
  const deadline = Date.now() + 10_000;
  while (config().inspect<string>(setting)?.globalValue !== value) {
    assert.ok(Date.now() < deadline, `the API URL setting did not become ${value}; it is ${config().inspect<string>(setting)?.globalValue}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's log file (its output channel) and its current text. */
function extensionLog(api: ProjectSecretsApi): { file: string; text: string } {
  const dir = path.dirname(api.logUri.fsPath);
  const find = (d: string): string | undefined => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        const found = find(full);
        if (found) return found;
      } else if (entry.name === 'Project Secrets.log') {
        return full;
      }
    }
    return undefined;
  };
  const file = find(dir);
  assert.ok(file, `no "Project Secrets.log" under ${dir}`);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** The log's text written after `offset`, once it contains `until` (the log is written asynchronously). */
async function logSince(api: ProjectSecretsApi, offset: number, until: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = extensionLog(api).text.slice(offset);
    if (until.test(text)) return text;
    assert.ok(Date.now() < deadline, `the log did not show ${until} within 10 s; new lines:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const requestLine = /\b(GET|POST|PUT|PATCH|DELETE|HEAD) (\w+:\/\/[^/\s]+)(\S*) → /g;

/** The error row an account shows after a refresh (a failed refresh keeps the old rows below it). */
async function errorRowAfterRefresh(api: ProjectSecretsApi, account: TreeNode): Promise<string> {
  await vscode.commands.executeCommand('projectSecrets.refresh', account);
  const rows = await children(api, account);
  const errors = rows.filter((n) => n.toTreeItem().contextValue === 'projectSecrets.error');
  assert.equal(errors.length, 1, `one error row under ${label(account)}; saw ${rows.map(label).join(' | ')}`);
  return label(errors[0]);
}

describe('Secrets stay secret: where tokens go, and how values are asked for', function () {
  let api: ProjectSecretsApi;
  let machineValue: string | undefined;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  before(async () => {
    api = await activateExtension();
    machineValue = config().inspect<string>(setting)?.globalValue;
    assert.equal(machineValue, emulatorUrl(), 'the harness points the machine setting at the emulator');
  });
  afterEach(async () => {
    restorePrompts();
    // Whatever a test did to the machine setting, the next one starts from the harness's value.
    if (config().inspect<string>(setting)?.globalValue !== machineValue) await setApiUrl(machineValue);
  });

  describe('the hostile workspace setting', () => {
    it('is there in the workspace, but the extension uses the machine value', () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the fixture workspace is open');
      const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
      assert.match(fs.readFileSync(file, 'utf8'), /"projectSecrets\.vercel\.apiUrl":\s*"https:\/\/attacker\.invalid"/, `${file} is hostile`);
      const inspected = config().inspect<string>(setting);
      assert.equal(inspected?.globalValue, emulatorUrl());
      assert.equal(inspected?.defaultValue, 'https://api.vercel.com');
      assert.notEqual(config().get(setting), hostile, 'VS Code itself does not apply it');
      console.log(`      inspect(): workspaceValue ${JSON.stringify(inspected?.workspaceValue)}, workspaceFolderValue ${JSON.stringify(inspected?.workspaceFolderValue)}`);
    });

    it('sends requests only to the emulator when an account is added and its tree loaded, never to attacker.invalid', async () => {
      const offset = extensionLog(api).text.length;
      await connectAliceOnly(api);
      const personal = await node(api, 'alice', 'Personal');
      const blog = await node(api, 'alice', 'Personal', 'alice-blog');
      assert.ok((await children(api, blog)).some((n) => label(n) === 'DATABASE_URL'));
      await children(api, await node(api, 'alice', 'Acme Inc'));
      assert.ok((await children(api, personal)).length > 0);
      const text = await logSince(api, offset, /\/v10\/projects\/prj_aliceblog\/env/);
      const lines = [...text.matchAll(requestLine)];
      const origins = new Set(lines.map((m) => m[2]));
      assert.ok(lines.length >= 4, `request lines for the user, teams, projects and variables; saw ${lines.length}`);
      assert.deepEqual([...origins], [new URL(emulatorUrl()).origin]);
      assert.ok(lines.some((m) => m[3] === '/v2/user'), 'the token check is logged');
      assert.ok(!extensionLog(api).text.includes('attacker.invalid'), 'attacker.invalid is in the log');
    });
  });

  describe('origin pinning: a token goes only to the origin its account was added for', () => {
    let trap: Trap;
    beforeEach(async () => {
      trap = await startTrap('127.0.0.1');
    });
    afterEach(async () => {
      await trap.close();
    });

    it('refuses to send alice\'s token to another server after the machine setting changed, and works again once it is back', async () => {
      await connectAliceOnly(api);
      const alice = await node(api, 'alice');
      const blog = await node(api, 'alice', 'Personal', 'alice-blog');
      assert.ok((await children(api, blog)).length > 0, 'the tree loads before the change');
      const emulatorRequests = (await requests()).length;

      await setApiUrl(trap.url);
      const row = await errorRowAfterRefresh(api, alice);
      assert.match(row, new RegExp(`added for ${escape(new URL(emulatorUrl()).origin)}, but the API URL is now ${escape(trap.url)}\\. Change the setting back, or remove the connection and add it again`));
      assert.match(await errorRowAfterRefresh(api, blog), /added for .*, but the API URL is now/);
      // A command that needs the account's client refuses too, before asking anything.
      const prompts = script({});
      await vscode.commands.executeCommand('projectSecrets.setSecretValue', await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL'));
      assert.match(messages(prompts.errors)[0] ?? '', /added for .*, but the API URL is now/);
      assert.equal(prompts.inputBoxes.length, 0, 'asked for no value');

      assert.deepEqual(trap.received, [], 'the other server received a request');
      assert.equal((await requests()).length, emulatorRequests, 'nor did the emulator: nothing was sent at all');

      await setApiUrl(machineValue);
      await vscode.commands.executeCommand('projectSecrets.refresh', alice);
      assert.deepEqual((await children(api, alice)).map(label), ['Personal', 'Acme Inc', 'Globex'], 'works again with the setting back');
      assert.deepEqual(trap.received, []);
    });

    it('refuses plain http to a host that is not loopback: no token prompt, no request (http://example.com)', async () => {
      await connectAliceOnly(api);
      const alice = await node(api, 'alice');
      await setApiUrl('http://example.com');
      const offset = extensionLog(api).text.length;
      assert.match(await errorRowAfterRefresh(api, alice), /projectSecrets\.vercel\.apiUrl setting must use https:\/\/; http:\/\/ is allowed only for localhost/);
      for (const command of ['projectSecrets.addVercelAccount', 'projectSecrets.addMarketplaceInstallation']) {
        const prompts = script({ inputs: [demoTokens.bob, demoTokens.bob, ''] });
        await vscode.commands.executeCommand(command);
        assert.equal(prompts.errors.length, 1, `${command}: one error`);
        assert.match(messages(prompts.errors)[0], /must use https:\/\/; http:\/\/ is allowed only for localhost/, command);
        assert.equal(prompts.inputBoxes.length, 0, `${command} asked for nothing`);
        restorePrompts();
      }
      await setApiUrl(machineValue);
      await vscode.commands.executeCommand('projectSecrets.refresh', alice);
      await children(api, alice);
      const text = await logSince(api, offset, /\/v2\/teams/);
      assert.ok(![...text.matchAll(requestLine)].some((m) => m[2].includes('example.com')), 'a request line for example.com');
      assert.deepEqual(api.accounts.list().map((a) => a.label), ['alice'], 'nothing was added');
    });

    it('refuses plain http to this machine\'s own non-loopback address, where a server listens: it receives nothing', async function () {
      const address = Object.values(os.networkInterfaces()).flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      if (!address) this.skip(); // no non-loopback interface on this machine
      const lan = await startTrap('0.0.0.0', address);
      try {
        // The server is reachable over http at that address: only the extension's rule keeps the token away.
        assert.equal((await fetch(`${lan.url}/probe`)).status, 200);
        lan.received.length = 0;
        await connectAliceOnly(api);
        await setApiUrl(lan.url);
        assert.match(await errorRowAfterRefresh(api, await node(api, 'alice')), /must use https:\/\/; http:\/\/ is allowed only for localhost/);
        const prompts = script({ inputs: [demoTokens.bob] });
        await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
        assert.match(messages(prompts.errors)[0] ?? '', /must use https:\/\/; http:\/\/ is allowed only for localhost/);
        assert.equal(prompts.inputBoxes.length, 0, 'asked for no token');
        assert.deepEqual(lan.received, [], `${lan.url} received a request`);
      } finally {
        await lan.close();
      }
    });
  });

  describe('every command that asks for a value or a token asks in a password box', () => {
    const apiLabel = 'Security API';
    const installation = marketplaceDemo.installationId;

    interface ValuePrompt {
      readonly what: string;
      readonly command: string;
      /** Tree labels of the node it runs on; none: from the palette. */
      readonly on?: readonly string[];
      /** Answers up to the value box, which gets `undefined` (Escape). */
      readonly inputs: ReadonlyArray<string | undefined>;
      readonly picks?: ReadonlyArray<string | string[] | undefined>;
      readonly warnings?: ReadonlyArray<string | undefined>;
      /** Indexes of the input boxes that take a value or token: each must be a password box, the others not. */
      readonly secretBoxes: readonly number[];
    }

    const cases: readonly ValuePrompt[] = [
      { what: 'Add Secret (Vercel)', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
        inputs: ['SECURITY_KEY', undefined], secretBoxes: [1] },
      { what: 'Set Value (Vercel)', command: 'projectSecrets.setSecretValue', on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
        inputs: [undefined], secretBoxes: [0] },
      { what: 'Rename by copy: the value typed again (Vercel, sensitive)', command: 'projectSecrets.renameSecret',
        on: ['alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY'], inputs: ['STRIPE_RENAMED', undefined],
        warnings: ['Create STRIPE_RENAMED, Then Delete STRIPE_SECRET_KEY'], secretBoxes: [1] },
      { what: 'Add Secret (Secrets API)', command: 'projectSecrets.setSecret', on: [apiLabel, 'proj_web'],
        inputs: ['SECURITY_KEY', undefined], secretBoxes: [1] },
      { what: 'Set Value (Secrets API)', command: 'projectSecrets.setSecretValue', on: [apiLabel, 'proj_web', 'STRIPE_API_KEY'],
        inputs: [undefined], secretBoxes: [0] },
      { what: 'Rename: the value typed again (Secrets API)', command: 'projectSecrets.renameSecret', on: [apiLabel, 'proj_web', 'REDIS_URL'],
        inputs: ['CACHE_URL', undefined], secretBoxes: [1] },
      { what: 'Add Account Secret', command: 'projectSecrets.addAccountSecret', on: ['alice', 'Personal', 'Account Secrets'],
        inputs: ['security-name', undefined], secretBoxes: [1] },
      { what: 'Marketplace Update Resource Secrets: value and per-environment value', command: 'projectSecrets.updateResourceSecrets',
        on: [installation, 'primary-db'], inputs: ['SECURITY_NAME', 'security-value-1', '', undefined], picks: [['production']],
        secretBoxes: [1, 3] },
      { what: 'Marketplace Replace All Resource Secrets: value', command: 'projectSecrets.replaceAllResourceSecrets',
        on: [installation, 'primary-db'], inputs: ['SECURITY_NAME', undefined], secretBoxes: [1] },
      { what: 'Add Shared Variables: value', command: 'projectSecrets.addSharedVariables', on: ['alice', 'Acme Inc', 'Shared Variables'],
        inputs: ['SECURITY_NAME', undefined], secretBoxes: [1] },
      { what: 'Set Shared Variable Value: value', command: 'projectSecrets.setSharedVariableValue', on: ['alice', 'Acme Inc', 'Shared Variables', 'LOG_LEVEL'],
        inputs: [undefined], secretBoxes: [0] },
      { what: 'Add Vercel Account: token', command: 'projectSecrets.addVercelAccount', inputs: [undefined], secretBoxes: [0] },
      { what: 'Add Secrets API Connection: API key', command: 'projectSecrets.addSecretsApiConnection',
        inputs: [emulatorUrl(), undefined], secretBoxes: [1] },
      { what: 'Add Marketplace Installation: token', command: 'projectSecrets.addMarketplaceInstallation',
        inputs: [installation, undefined], secretBoxes: [1] },
      { what: 'Replace Token (Vercel account)', command: 'projectSecrets.replaceToken', on: ['alice'], inputs: [undefined], secretBoxes: [0] },
      { what: 'Replace Token (Secrets API connection)', command: 'projectSecrets.replaceToken', on: [apiLabel], inputs: [undefined], secretBoxes: [0] },
      { what: 'Replace Token (Marketplace installation)', command: 'projectSecrets.replaceToken', on: [installation], inputs: [undefined], secretBoxes: [0] },
    ];

    before(async () => {
      await connectAliceOnly(api);
      let prompts = script({ inputs: [emulatorUrl(), secretsApiKeys.main, apiLabel] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
      prompts = script({ inputs: ['proj_web'] });
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, apiLabel));
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
      prompts = script({ inputs: [installation, marketplaceDemo.token, ''] });
      await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
      assert.deepEqual(messages(prompts.errors), []);
      restorePrompts();
      assert.deepEqual(api.accounts.list().map((a) => a.kind).sort(), ['marketplace', 'secretsApi', 'vercel']);
    });
    beforeEach(async () => {
      await resetEmulator();
      api.tree.refresh();
    });

    for (const c of cases) {
      it(c.what, async () => {
        const target = c.on ? await node(api, ...c.on) : undefined;
        const prompts = script({ inputs: [...c.inputs], picks: [...(c.picks ?? [])], warnings: [...(c.warnings ?? [])] });
        await vscode.commands.executeCommand(c.command, ...(target ? [target] : []));
        assert.deepEqual(messages(prompts.errors), [], 'reached the value box without an error');
        // Escape in the value box of a multi-step input goes back: after it only earlier steps show (again).
        const shown = prompts.inputBoxes.map((call) => call[0] as ShownInputBox);
        const valueStep = shown[c.inputs.length - 1]?.step;
        const after = shown.slice(c.inputs.length).map((box) => box.step);
        assert.ok(shown.length >= c.inputs.length && after.every((step) => step !== undefined && valueStep !== undefined && step < valueStep),
          `stopped at the value box (input box #${c.inputs.length}; saw ${shown.length} boxes, steps ${shown.map((b) => b.step ?? '-').join(', ')})`);
        const boxes = shown.slice(0, c.inputs.length);
        boxes.forEach((box, i) => {
          const secret = c.secretBoxes.includes(i);
          assert.equal(box.password === true, secret, `input box #${i + 1} ("${box.prompt}") ${secret ? 'is not' : 'is'} a password box`);
          if (secret) assert.match(String(box.prompt), /value|token|API key/i, `input box #${i + 1} asks for a value or token`);
          if (secret) assert.ok(!box.value, `input box #${i + 1} is prefilled`);
        });
      });
    }

    it('covers every command that takes a value or a token', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension('project-secrets.project-secrets')!.extensionPath, 'package.json'), 'utf8')) as
        { contributes: { commands: Array<{ command: string }> } };
      const declared = pkg.contributes.commands.map((c) => c.command);
      // Commands that never ask for a value or token (copying, deleting, renaming in place, navigation…).
      const noValue = new Set(['projectSecrets.removeAccount', 'projectSecrets.removeConnection', 'projectSecrets.removeInstallation', 'projectSecrets.refresh', 'projectSecrets.loadMore', 'projectSecrets.showLog',
        'projectSecrets.deleteSecret', 'projectSecrets.copySecretName', 'projectSecrets.copySecretValue', 'projectSecrets.addSecretsApiProject',
        'projectSecrets.removeSecretsApiProject', 'projectSecrets.renameAccountSecret', 'projectSecrets.deleteAccountSecret',
        'projectSecrets.showEnvironmentVariables', 'projectSecrets.importDotenvToResource', 'projectSecrets.uploadDotenv', 'projectSecrets.showDetails',
        'projectSecrets.renameSharedVariable', 'projectSecrets.deleteSharedVariable', 'projectSecrets.linkSharedVariable',
        'projectSecrets.unlinkSharedVariable', 'projectSecrets.openVercelDashboard',
        // Custom environments and the project's view: names and pickers only, never a value.
        'projectSecrets.viewByEnvironment', 'projectSecrets.viewByVariable', 'projectSecrets.createCustomEnvironment',
        'projectSecrets.renameCustomEnvironment', 'projectSecrets.deleteCustomEnvironment',
        // The value editor's title-bar actions: they end an "Enter in Editor…" that a value box above opened.
        'projectSecrets.sendValue', 'projectSecrets.cancelValue',
        // "Download as .env…" reads values from Vercel into a file; its diff's title-bar actions decide that review.
        'projectSecrets.pullDotenv', 'projectSecrets.acceptPull', 'projectSecrets.cancelPull',
        // The comparisons only open their editor; its "Copy to …" of a write-only value asks in a password box (compare.test.ts checks it).
        'projectSecrets.compareEnvironments', 'projectSecrets.compareProjects',
        // Find Variable and the tree's filter: a part of a key typed, never a value.
        'projectSecrets.findVariable', 'projectSecrets.filter', 'projectSecrets.clearFilter', 'projectSecrets.clearAllFilters',
        // "Redeploy…" asks one yes/no question.
        'projectSecrets.redeploy']);
      const covered = new Set(cases.map((c) => c.command));
      assert.deepEqual(declared.filter((c) => !noValue.has(c) && !covered.has(c)), [], 'commands with a value prompt not covered here');
      assert.deepEqual([...noValue].filter((c) => !declared.includes(c)), [], 'stale entries in the no-value list');
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
