// Values arrive exactly as meant (issue 14), through the real commands of every backend:
// a flagged value is shown (characters named) and nothing is sent before the user chose;
// "Remove it" sends the cleaned value, "Keep as typed" the value as typed, Cancel nothing
// (each read back from the emulator); "Enter in Editor…" sends a multi-line value and
// leaves no editor and no file behind; "From File…" detects a byte-order mark; Copy Value
// of an empty value leaves the clipboard alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { marketplaceDemo, secretsApiKeys } from '../../emulator';
import {
  activateExtension, connectAliceOnly, emulator, emulatorUrl, envOf, injectFaults, node, requests, resetEmulator, restorePrompts,
  script, stubPrompt, type ButtonAnswer,
} from './helpers';
import { recordTypedSecret } from './leakCollector';

interface LegacySecret { name: string; value: string }
interface ApiState { projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }
interface MarketState { installations: Array<{ resources: Array<{ partnerId: string; secrets: Array<{ name: string; value: string }> }> }> }

const apiLabel = 'Values API';
const installation = marketplaceDemo.installationId;
const pem = ['-----BEGIN PRIVATE KEY-----', 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ', 'Yx2eqzDV+xeG8kx/sQFV18S5JhzGeIKNA72wSeukEPojtqUyX2J0CciPBh7eqclQ', '-----END PRIVATE KEY-----'].join('\n');

/** One way in per backend, with a value that has one kind of oddity and what "Remove it" must send. */
interface Row {
  readonly what: string;
  readonly command: string;
  readonly on: readonly string[];
  /** The answers, with VALUE where the value box is. */
  readonly inputs: ReadonlyArray<string>;
  readonly picks?: ReadonlyArray<string | string[]>;
  /** Modals after the hygiene one (e.g. the push confirmation). */
  readonly later?: readonly string[];
  readonly value: string;
  readonly cleaned: string;
  /** What the hygiene modal's detail must say (the character by code point and name). */
  readonly says: RegExp;
  readonly read: () => Promise<string | undefined>;
}

const VALUE = '\u0000VALUE\u0000';
const rows: readonly Row[] = [
  {
    what: 'Vercel Add Secret: a trailing space (issue 14: CRON_SECRET)', command: 'projectSecrets.setSecret', on: ['alice', 'Personal', 'alice-blog'],
    inputs: ['CRON_SECRET', VALUE, ''], picks: ['encrypted', ['Production', 'Preview', 'Development']],
    value: 'my-api-key ', cleaned: 'my-api-key', says: /ends with U\+0020 SPACE at position 11/,
    read: async () => (await envOf('prj_aliceblog', 'CRON_SECRET'))?.value,
  },
  {
    what: 'Vercel Set Value: a zero-width space', command: 'projectSecrets.setSecretValue', on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
    inputs: [VALUE], value: 'postgres://db\u200b.example.com/blog', cleaned: 'postgres://db.example.com/blog',
    says: /U\+200B ZERO WIDTH SPACE at position 14/, read: async () => (await envOf('prj_aliceblog', 'DATABASE_URL'))?.value,
  },
  {
    what: 'Account secret: surrounding quotes', command: 'projectSecrets.addAccountSecret', on: ['alice', 'Personal', 'Account Secrets'],
    inputs: ['hygiene-secret', VALUE], picks: ['No, write-only', 'No project'],
    value: '"quoted-secret-value"', cleaned: 'quoted-secret-value', says: /wrapped in double quotes \(positions 1 and 21\)/,
    read: async () => (await emulator<LegacySecret[]>('legacy-secrets')).find((s) => s.name === 'hygiene-secret')?.value,
  },
  {
    what: 'Secrets API Set Value: a right-to-left mark', command: 'projectSecrets.setSecretValue', on: [apiLabel, 'proj_web', 'STRIPE_API_KEY'],
    inputs: [VALUE], value: 'sk-\u200fvalue-rtl', cleaned: 'sk-value-rtl', says: /U\+200F RIGHT-TO-LEFT MARK at position 4/,
    read: async () => (await emulator<ApiState>('secrets-api/state')).projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'STRIPE_API_KEY')?.value,
  },
  {
    what: 'Secrets API Add Secret: a NUL', command: 'projectSecrets.setSecret', on: [apiLabel, 'proj_web'],
    inputs: ['NUL_KEY', VALUE], value: 'abc\u0000def-nul', cleaned: 'abcdef-nul', says: /U\+0000 NULL at position 4/,
    read: async () => (await emulator<ApiState>('secrets-api/state')).projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'NUL_KEY')?.value,
  },
  {
    what: 'Marketplace Update: a PEM key flattened by the password box', command: 'projectSecrets.updateResourceSecrets', on: [installation, 'primary-db'],
    inputs: ['PEM_KEY', VALUE, ''], picks: [[], 'Review and send'], later: ['Update'],
    value: pem.replace(/\n/g, ' '), cleaned: pem, says: /looks like a PEM block \(-----BEGIN …-----\) that lost its line breaks/,
    read: async () => (await emulator<MarketState>('marketplace/state')).installations.flatMap((i) => i.resources)
      .find((r) => r.partnerId === 'res_primary_db')?.secrets.find((s) => s.name === 'PEM_KEY')?.value,
  },
];

describe('Values arrive exactly as meant: hygiene, multi-line entry, empty Copy Value', function () {
  let api: ProjectSecretsApi;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
    let prompts = script({ inputs: [emulatorUrl(), secretsApiKeys.main, apiLabel] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
    assert.deepEqual(messages(prompts.errors), []);
    restorePrompts();
    prompts = script({ inputs: ['proj_web'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, apiLabel));
    restorePrompts();
    prompts = script({ inputs: [installation, marketplaceDemo.token, ''] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    assert.deepEqual(messages(prompts.errors), []);
    restorePrompts();
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(async () => {
    restorePrompts();
    // A failed test must not leave its value editor for the next one.
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'project-secrets-value') {
        await vscode.commands.executeCommand('projectSecrets.cancelValue', tab.input.uri);
      }
    }
  });
  after(async () => {
    for (const a of api.accounts.list()) await api.accounts.remove(a.id);
  });

  /**
   * Runs the row's command answering the hygiene modal with `choice`; returns what the modal
   * showed and the writes that had been sent when it was shown.
   */
  async function run(row: Row, choice: string | undefined) {
    const target = await node(api, ...row.on);
    await resetEmulator();
    const prompts = script({ inputs: row.inputs.map((i) => (i === VALUE ? row.value : i)), picks: [...(row.picks ?? [])] });
    const later = [...(row.later ?? [])];
    const modals: Array<{ message: string; detail: string; buttons: string[]; writesBefore: string[] }> = [];
    stubPrompt('showWarningMessage', async (message, options, ...buttons) => {
      if (modals.length > 0) return later.shift();
      modals.push({ message: String(message), detail: String((options as vscode.MessageOptions).detail), buttons: buttons as string[], writesBefore: await writes() });
      return choice;
    });
    await vscode.commands.executeCommand(row.command, target);
    return { prompts, modal: modals[0] };
  }

  for (const row of rows) {
    describe(row.what, () => {
      it('shows the oddity, naming the character, before anything is sent; "Remove it" sends the cleaned value', async () => {
        const { prompts, modal } = await run(row, 'Remove it');
        assert.deepEqual(messages(prompts.errors), []);
        assert.ok(modal, 'the hygiene modal was shown');
        assert.deepEqual(modal.writesBefore, [], 'nothing was sent before the choice');
        assert.match(modal.detail, row.says);
        assert.deepEqual(modal.buttons, ['Remove it', 'Keep as typed']);
        assert.ok(!modal.detail.includes(row.value) && !modal.message.includes(row.value), 'the modal never shows the value');
        assert.equal(await row.read(), row.cleaned);
      });

      it('"Keep as typed" sends the value exactly as typed', async () => {
        const { prompts, modal } = await run(row, 'Keep as typed');
        assert.deepEqual(messages(prompts.errors), []);
        assert.deepEqual(modal.writesBefore, []);
        assert.equal(await row.read(), row.value);
      });

      it('Cancel sends nothing', async () => {
        const before = await row.read();
        const { prompts, modal } = await run(row, undefined);
        assert.ok(modal);
        assert.deepEqual(messages(prompts.errors), [], 'a cancel is silent');
        assert.deepEqual(await writes(), [], 'no write request');
        assert.equal(await row.read(), before);
      });
    });
  }

  it('a value with nothing odd is sent without a modal', async () => {
    const prompts = script({ inputs: ['PLAIN_KEY', 'plain-value-1234'] });
    await vscode.commands.executeCommand('projectSecrets.setSecret', await node(api, apiLabel, 'proj_web'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual(messages(prompts.warnings), []);
    const state = await emulator<ApiState>('secrets-api/state');
    assert.equal(state.projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'PLAIN_KEY')?.value, 'plain-value-1234');
  });

  describe('"Enter in Editor…": a multi-line value in an in-memory editor, never saved to disk', () => {
    const threeLines = `editor-line-one-${Date.now()}\nsecond line of the value\nthird line, the last`;

    it('sends exactly the three lines typed, then the editor is gone, unsaved, and no file holds the value', async () => {
      recordTypedSecret('the value editor', threeLines);
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      const editorButton: ButtonAnswer = { button: 'Enter in Editor…' };
      const prompts = script({ inputs: ['EDITOR_KEY', editorButton, ''], picks: ['encrypted', ['Production', 'Preview', 'Development']] });
      const done = vscode.commands.executeCommand('projectSecrets.setSecret', project);

      const editor = await waitFor(() => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.scheme === 'project-secrets-value' ? active : undefined;
      }, 'the value editor to open');
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.equal(tab?.label, 'Value of EDITOR_KEY', 'the tab is named after the variable');
      assert.equal(tab?.input instanceof vscode.TabInputText && tab.input.uri.toString(), editor.document.uri.toString());
      assert.equal(editor.document.getText(), '', 'the editor starts empty');
      assert.equal(editor.document.eol, vscode.EndOfLine.LF);
      const hint = await waitFor(() => messages(prompts.infos).find((m) => m.startsWith('Type or paste')), 'the hint');
      assert.match(hint, /^Type or paste the value of EDITOR_KEY in the editor, then click "Send Value" \(✓\) in its title bar\. It is never saved/);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), threeLines));
      assert.deepEqual(await writes(), [], 'nothing is sent while the editor is open');
      const uri = editor.document.uri.toString();
      // An untitled editor would be backed up to <user-data>/User/Backups within about a second
      // of an edit (hot exit); this one lives in memory and is not: nothing on disk for 3 s.
      const places = diskPlaces(api);
      assert.ok(filesHolding(emulatorUrl(), places).some((f) => f.endsWith('settings.json')), 'the search finds the settings file that holds the API URL');
      const watchUntil = Date.now() + 3000;
      while (Date.now() < watchUntil) {
        assert.deepEqual(filesHolding(threeLines.split('\n')[0], places), [], 'no file on disk holds the value while it is typed');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      await vscode.commands.executeCommand('projectSecrets.sendValue');
      await done;
      assert.deepEqual(messages(prompts.errors), []);
      assert.deepEqual(messages(prompts.warnings), [], 'no hygiene modal: three plain lines are fine');
      const saved = await envOf('prj_aliceblog', 'EDITOR_KEY');
      assert.equal(saved?.value, threeLines, 'the emulator has the three lines exactly');
      assert.equal(saved?.value.split('\n').length, 3);

      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri);
      assert.deepEqual(tabs.map((t) => t.label), [], 'the editor is closed');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      assert.ok(!doc || (!doc.isDirty && doc.getText() === ''), 'the document is reverted (not dirty, empty) or gone');
      await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri))), 'its in-memory file is gone');
      assert.deepEqual(filesHolding(threeLines.split('\n')[0], diskPlaces(api)), [], 'no file on disk holds the value');
    });

    it('a save (Ctrl+S) stays in memory, and Cancel goes back to the box, where Escape sends nothing', async () => {
      const secret = `cancelled-editor-value-${Date.now()}`;
      recordTypedSecret('the value editor (cancelled)', secret);
      const prompts = script({ inputs: [{ button: 'Enter in Editor…' }] });
      const done = vscode.commands.executeCommand('projectSecrets.setSecretValue', await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL'));
      const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'project-secrets-value' ? vscode.window.activeTextEditor : undefined), 'the editor');
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), secret));
      const uri = editor.document.uri.toString();
      assert.ok(await editor.document.save(), 'the save went through');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri)), secret, 'saved to the in-memory file');
      await vscode.commands.executeCommand('projectSecrets.cancelValue');
      await done; // the box again, answered with Escape (no answer left)
      assert.equal(prompts.inputBoxes.length, 2, 'the value box was shown again after the editor');
      assert.deepEqual(messages(prompts.errors), []);
      assert.deepEqual(await writes(), []);
      assert.ok(!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri), 'the editor is closed');
      assert.deepEqual(filesHolding(secret, diskPlaces(api)), [], 'no file on disk holds the cancelled value');
    });
  });

  it('"From File…": a UTF-16 file with a byte-order mark is decoded, and its trailing line break is flagged', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ps-value-')), 'key.txt');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('from-file-value-utf16\n', 'utf16le')]));
    const prompts = script({ inputs: [{ button: 'From File…' }], warnings: ['Remove it'] });
    stubPrompt('showOpenDialog', () => [vscode.Uri.file(file)]);
    await vscode.commands.executeCommand('projectSecrets.setSecretValue', await node(api, apiLabel, 'proj_web', 'STRIPE_API_KEY'));
    assert.deepEqual(messages(prompts.errors), []);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /ends with a line break \(U\+000A LINE FEED at position 22\)/);
    const state = await emulator<ApiState>('secrets-api/state');
    assert.equal(state.projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'STRIPE_API_KEY')?.value, 'from-file-value-utf16');
  });

  it('.env import: odd values are shown by line, name and character before anything is sent; "Remove it" imports them cleaned', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ps-env-')), '.env');
    fs.writeFileSync(file, '# imported\r\nAPI_KEY=abc\u200bdef-import\r\nTRAILING="with-space "\r\nPLAIN=plain-value-import\r\n');
    const resource = await node(api, installation, 'cache');
    await resetEmulator();
    const prompts = script({ picks: [(items) => items.filter((i) => (i as vscode.QuickPickItem).kind !== vscode.QuickPickItemKind.Separator)] });
    stubPrompt('showOpenDialog', () => [vscode.Uri.file(file)]);
    const modals: Array<{ message: string; detail: string; putsBefore: number }> = [];
    stubPrompt('showWarningMessage', async (message, options) => {
      modals.push({ message: String(message), detail: String((options as vscode.MessageOptions).detail),
        putsBefore: (await requests()).filter((r) => r.method === 'PUT').length });
      return 'Remove it';
    });
    await vscode.commands.executeCommand('projectSecrets.importDotenvToResource', resource);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(modals.length, 1, 'the hygiene modal (then the review)');
    assert.equal(modals[0].putsBefore, 0, 'nothing was sent before the choice');
    assert.match(modals[0].message, /Something in 2 of the values may not be meant to be there\./);
    assert.match(modals[0].detail, /• line 2: The value of API_KEY contains an invisible character: U\+200B ZERO WIDTH SPACE at position 4\./);
    assert.match(modals[0].detail, /• line 3: The value of TRAILING ends with U\+0020 SPACE at position 11\./);
    assert.ok(!modals[0].detail.includes('PLAIN'), 'a value with nothing odd is not listed');
    const secrets = (await emulator<MarketState>('marketplace/state')).installations.flatMap((i) => i.resources)
      .find((r) => r.partnerId === 'res_cache')?.secrets ?? [];
    const value = (name: string) => secrets.find((s) => s.name === name)?.value;
    assert.deepEqual([value('API_KEY'), value('TRAILING'), value('PLAIN')], ['abcdef-import', 'with-space', 'plain-value-import']);
    assert.equal((await requests()).filter((r) => r.method === 'PUT').length, 1, 'one request');
  });

  it('Copy Value of a variable whose read returns "" says it is empty and leaves the clipboard alone', async () => {
    const env = await envOf('prj_aliceblog', 'DATABASE_URL');
    assert.ok(env);
    const row = await node(api, 'alice', 'Personal', 'alice-blog', 'DATABASE_URL');
    await resetEmulator();
    await injectFaults([{ method: 'GET', pathPattern: `^/v1/projects/prj_aliceblog/env/${env.id}`, status: 200, times: 1,
      body: { id: env.id, key: 'DATABASE_URL', type: 'encrypted', value: '', decrypted: true, target: env.target } }]);
    await vscode.env.clipboard.writeText('clipboard-before-copy');
    const prompts = script({});
    await vscode.commands.executeCommand('projectSecrets.copySecretValue', row);
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual(messages(prompts.infos), ['DATABASE_URL has an empty value: there is nothing to copy, and the clipboard was left as it was.']);
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard-before-copy');
    assert.equal((await requests()).filter((r) => r.path === `/v1/projects/prj_aliceblog/env/${env.id}`).length, 1, 'one read');
  });
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Where a value editor could leave a copy: VS Code's user data (hot-exit backups among it) and the workspace. */
function diskPlaces(api: ProjectSecretsApi): string[] {
  const places = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  // The extension's log is <user-data-dir>/logs/<session>/…: the user data is above "logs".
  for (let dir = path.dirname(api.logUri.fsPath); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === 'logs') {
      places.push(path.dirname(dir));
      break;
    }
  }
  assert.ok(places.length >= 2, `the workspace and the user data were found: ${places.join(', ')}`);
  return places.filter((p) => fs.existsSync(p));
}

/** Files under `dirs` whose bytes contain `needle` (UTF-8 or UTF-16). */
function filesHolding(needle: string, dirs: readonly string[]): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 20_000_000) {
        const bytes = fs.readFileSync(full);
        if (forms.some((f) => bytes.includes(f))) hits.push(full);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return hits;
}
