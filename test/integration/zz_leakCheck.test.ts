/**
 * The suite-wide leak check, run after every other integration file (index.ts sorts
 * accounts.test.js first, then by name: `zz_` is last, and the first test checks it).
 *
 * Secrets: every demo token and API key of every backend, every seeded value of every
 * backend (plain ones too), every value the emulators hold at the end, every token still
 * in secret storage, and every value a test typed into a password box or the value editor.
 * Places: the extension's log folder, VS Code's log folder, the user and machine settings
 * files, VS Code's on-disk state folders when there are any, the hot-exit backups and the
 * workspace (the value editor's text must reach neither), the effective configuration,
 * `globalState`, every message shown and every prompt text, and every webview's HTML and
 * message posted to it (leakCollector.ts), where the SHA-256 digests of the secrets are looked for too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { carol, seededLegacySecretValues, seededSharedValues } from '../../emulator';
import { marketplaceDemo, seededMarketplaceValues } from '../../emulator';
import { demoTokens, seededValues } from '../../emulator';
import { secretsApiKeys, seededSecretsApiValues } from '../../emulator';
import { activateExtension, emulator, emulatorUrl } from './helpers';
import { isLeakCollectorInstalled, recordedTexts, typedPasswords, watchedWebviews } from './leakCollector';
import { createHash } from 'node:crypto';
import { LeakScanner, type Secret } from './leakScan';

const suiteTitle = 'Leak check over the whole integration run (runs last)';

describe(suiteTitle, function () {
  this.timeout(120_000);
  let api: ProjectSecretsApi;
  let secrets: Secret[];

  before(async () => {
    api = await activateExtension();
    secrets = await gatherSecrets(api);
  });

  it('runs after every other integration file, with the collector installed from the start', function () {
    const root = this.test?.parent?.parent;
    assert.ok(root, 'no root suite');
    assert.equal(root.suites.at(-1)?.title, suiteTitle, `runs before ${root.suites.at(-1)?.title}`);
    assert.ok(root.suites.length > 5, `only ${root.suites.length} suites ran: the check would cover little`);
    assert.ok(isLeakCollectorInstalled(), 'index.ts did not install the leak collector');
    // The other files show dozens of messages and type dozens of values: a collector that saw
    // none is not wired (e.g. the stubs no longer call it), and the check would pass vacuously.
    const messages = recordedTexts().filter((t) => t.kind === 'message');
    assert.ok(messages.some((m) => m.api === 'showErrorMessage'), 'recorded no error message');
    assert.ok(messages.some((m) => m.api === 'showInformationMessage'), 'recorded no information message');
    assert.ok(messages.some((m) => m.api === 'showWarningMessage'), 'recorded no warning message');
    assert.ok(typedPasswords().some((t) => t.value === demoTokens.alice), 'did not record alice\'s token typed into a password box');
    // Find Variable's picker (createQuickPick) and the view's filter message are recorded too.
    assert.ok(recordedTexts().some((t) => t.api === 'createQuickPick.items' && t.text.includes('AUTH_SECRET')), 'recorded no Find Variable match');
    assert.ok(recordedTexts().some((t) => t.api === 'TreeView.message'), 'recorded no message of the Secrets view');
    assert.ok(typedPasswords().length >= 20, `recorded only ${typedPasswords().length} values typed into password boxes`);
  });

  it('finds no secret in logs, settings, state, messages or prompts', async () => {
    const scanner = new LeakScanner(secrets);
    const lines: string[] = [];

    // The extension's own log (its output channel), once it stopped growing.
    const extensionLogDir = path.dirname(api.logUri.fsPath);
    await settled(extensionLogDir);
    const extensionLog = readTree(extensionLogDir);
    assert.ok(extensionLog.includes('Activated in'), `no extension log under ${extensionLogDir}`);
    assert.ok(/\b(GET|POST|PATCH|PUT|DELETE) http/.test(extensionLog), 'the extension log has no request lines');
    lines.push(`extension log: ${scanner.scanTree(extensionLogDir)} file(s) in ${extensionLogDir}`);

    // VS Code's log folder (the extension host's, the server's): <user-data-dir>/logs.
    const logsRoot = ancestorNamed(api.logUri.fsPath, 'logs');
    assert.ok(logsRoot, `no "logs" folder above ${api.logUri.fsPath}`);
    lines.push(`VS Code logs: ${scanner.scanTree(logsRoot)} more file(s) in ${logsRoot}`);

    // Settings: <user-data-dir>/User/settings.json, and Machine/settings.json in a remote
    // (code-server) window. The harness wrote the emulator's URL into one of them.
    const userDataDir = path.dirname(logsRoot);
    const settingsFiles = ['User', 'Machine'].map((dir) => path.join(userDataDir, dir, 'settings.json')).filter((f) => fs.existsSync(f));
    assert.ok(settingsFiles.some((f) => fs.readFileSync(f, 'utf8').includes(emulatorUrl())),
      `the API URL setting is in none of ${settingsFiles.join(', ') || `the settings files under ${userDataDir}`}`);
    for (const file of settingsFiles) scanner.scanFile(file, 'settings');
    lines.push(`settings files: ${settingsFiles.join(', ')}`);
    scanner.scanText('settings', 'the effective configuration', JSON.stringify(vscode.workspace.getConfiguration()));

    // VS Code's state on disk (desktop: state.vscdb of globalState and workspaceState). In
    // code-server the workbench keeps mementos in the browser, so these may not exist.
    const stateDirs = ['globalStorage', 'workspaceStorage'].map((d) => path.join(userDataDir, 'User', d)).filter((d) => fs.existsSync(d));
    for (const dir of stateDirs) scanner.scanTree(dir, 'state');
    const stateFiles = stateDirs.flatMap((dir) => filesIn(dir).map((f) => path.relative(userDataDir, f)));
    lines.push(stateDirs.length
      ? `state folders: ${stateFiles.length} file(s): ${stateFiles.join(', ')}`
      : `state folders: none on disk under ${path.join(userDataDir, 'User')} (workspaceState is not reachable from here)`);

    // Where an unsaved editor's text goes on disk: VS Code's hot-exit backups (<user-data-dir>/User/Backups,
    // where an untitled editor is backed up within a second of an edit), and the workspace, where a save
    // would put it. The "Enter in Editor…" value editor must leave neither a backup nor a file.
    const backupsDir = path.join(userDataDir, 'User', 'Backups');
    const backups = fs.existsSync(backupsDir) ? scanner.scanTree(backupsDir) : 0;
    lines.push(`hot-exit backups: ${backups} file(s) in ${backupsDir}`);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      lines.push(`workspace: ${scanner.scanTree(folder.uri.fsPath)} file(s) in ${folder.uri.fsPath}`);
    }
    assert.ok(typedPasswords().some((t) => t.where === 'the value editor'), 'values.test.ts did not record the value typed into the value editor');

    // globalState through the extension's own Memento: every key and value.
    const keys = api.globalState.keys();
    scanner.scanText('state', 'globalState', JSON.stringify(keys.map((key) => [key, api.globalState.get(key)])));
    lines.push(`globalState: ${keys.length} key(s)`);

    // Every message and prompt text recorded during the run, and every webview's HTML and message.
    const texts = recordedTexts();
    texts.forEach((t, i) => scanner.scanText(t.kind === 'webview' ? 'other' : t.kind, `${t.kind} #${i + 1} (${t.api})`, t.text));
    // The comparison view compares values by SHA-256 digest in the extension host: neither a
    // value nor a digest of one may reach a webview.
    const webviewTexts = texts.filter((t) => t.kind === 'webview');
    assert.ok(watchedWebviews() > 0 && webviewTexts.some((t) => t.api.endsWith('html')) && webviewTexts.some((t) => t.api.endsWith('postMessage')),
      'no webview HTML or message was recorded: compare.test.ts did not open the comparison, or the collector does not watch webviews');
    const digests = new LeakScanner(secrets.map((s) => ({ label: `SHA-256 of ${s.label}`, value: createHash('sha256').update(s.value, 'utf8').digest('hex') })));
    webviewTexts.forEach((t, i) => digests.scanText('other', `webview text #${i + 1} (${t.api})`, t.text));
    scanner.findings.push(...digests.findings);
    lines.push(`webviews: ${watchedWebviews()} watched, ${webviewTexts.length} HTML texts and messages scanned for values and their digests`);
    assert.ok(texts.some((t) => t.api === 'StatusBarItem' && /changes? not deployed/.test(t.text)), 'the "changes not deployed" status bar item was not recorded');
    assert.ok(texts.some((t) => /is redeployed: .* is ready/.test(t.text)), 'the redeploy\'s READY message was not recorded');

    // Not reachable from here: VS Code's web-side (renderer) log lives in the browser. The
    // harness mirrors the browser console into test-results/integration.log, but that also
    // carries this suite's own mocha output and is shared by concurrent runs, so it is no
    // evidence about the extension either way.

    const messages = texts.filter((t) => t.kind === 'message').length;
    console.log(`      leak check: ${scanner.summary()}`);
    console.log(`      leak check: ${messages} messages and ${texts.filter((t) => t.kind === 'prompt').length} prompt texts recorded; `
      + `${typedPasswords().length} values typed into password boxes`);
    for (const line of lines) console.log(`      leak check: ${line}`);
    assert.equal(scanner.findings.length, 0, `secrets found:\n${LeakScanner.describe(scanner.findings)}`);
    assert.ok(scanner.coverage().secrets >= 150, `only ${scanner.coverage().secrets} secrets to look for`);
  });
});

/** Every secret of the run, labelled by where it comes from (the label is what a report shows). */
async function gatherSecrets(api: ProjectSecretsApi): Promise<Secret[]> {
  const secrets: Secret[] = [];
  const add = (label: string, values: Iterable<string>) => {
    let n = 0;
    for (const value of values) secrets.push({ label: `${label} #${++n}`, value });
  };
  add('Vercel token', [demoTokens.alice, demoTokens.bob, carol.token]);
  add('Secrets API key', Object.values(secretsApiKeys));
  add('Marketplace token', [marketplaceDemo.token, marketplaceDemo.otherToken]);
  add('seeded Vercel value', seededValues());
  add('seeded Secrets API value', seededSecretsApiValues());
  add('seeded Marketplace value', seededMarketplaceValues());
  add('seeded account secret', seededLegacySecretValues());
  add('seeded shared variable', seededSharedValues());
  for (const [i, t] of typedPasswords().entries()) secrets.push({ label: `typed password #${i + 1} ("${t.where}")`, value: t.value });
  // What the emulators hold now: values the tests wrote without a password box (a .env import).
  add('Vercel emulator value', valuesIn(await emulator('state')));
  add('account secret in the emulator', valuesIn(await emulator('legacy-secrets')));
  add('shared variable in the emulator', valuesIn(await emulator('shared-env')));
  add('Secrets API emulator value', valuesIn(await emulator('secrets-api/state')));
  add('Marketplace emulator value', valuesIn(await emulator('marketplace/state')));
  // Tokens of the connections still stored.
  for (const account of api.accounts.list()) {
    const token = await api.accounts.tokens.get(account.id);
    if (token) secrets.push({ label: `stored token of ${account.label}`, value: token });
  }
  return secrets;
}

/** String values under secret-bearing keys of an emulator dump (`value`, `token`, `apiKey`, environment overrides). */
function valuesIn(dump: unknown, key = ''): string[] {
  if (typeof dump === 'string') return /^(value|token|apiKey|production|preview|development)$/.test(key) ? [dump] : [];
  if (Array.isArray(dump)) return dump.flatMap((item) => valuesIn(item, key));
  if (dump && typeof dump === 'object') {
    return Object.entries(dump as Record<string, unknown>).flatMap(([k, v]) => valuesIn(v, k));
  }
  return [];
}

function ancestorNamed(file: string, name: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === name) return dir;
  }
  return undefined;
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesIn(full) : entry.isFile() ? [full] : [];
  });
}

function readTree(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? readTree(full) : entry.isFile() ? fs.readFileSync(full, 'utf8') : '';
  }).join('\n');
}

/** Waits until the folder's total size stopped changing for a second (the log is written asynchronously). */
async function settled(dir: string): Promise<void> {
  const size = () => readTree(dir).length;
  let last = size();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = size();
    if (now === last && i >= 1) return;
    last = now;
  }
}
