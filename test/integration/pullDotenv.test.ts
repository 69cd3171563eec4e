/**
 * "Download as .env…" in a real VS Code: new file, existing file through the diff editor
 * (Accept, Cancel, closing it), write-only variables as comments, the request count (one
 * pull, plus the variable list only when needed and not loaded), a Preview branch, the
 * folder linked with `.vercel/project.json`, the .gitignore offer, and faults during the
 * pull (nothing written, nothing changed). Files go to temporary folders outside the
 * workspace (the leak check scans the workspace, and these files hold the values by design).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'dotenv';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { activateExtension, children, connectAliceOnly, injectFaults, label, node, requests, restorePrompts, script, stubPrompt, emulator, type ShownQuickPick } from './helpers';

const blog = 'prj_aliceblog';
const dbUrl = 'postgres://blog:blog-db-pass-1@db.example.com/blog';
const pullPath = (rest: string) => `/v3/env/pull/${blog}/${rest}`;

describe('Download as .env… (pull) in a real VS Code', function () {
  this.timeout(40_000);
  let api: ProjectSecretsApi;
  const dirs: string[] = [];
  const originalSaveDialog = vscode.window.showSaveDialog;

  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-pull-'));
    dirs.push(dir);
    return dir;
  }
  /** The save dialog answers `file` (undefined: Cancel); returns its calls. */
  function saveDialogAnswers(file: string | undefined): vscode.SaveDialogOptions[] {
    const calls: vscode.SaveDialogOptions[] = [];
    (vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog }).showSaveDialog = (options) => {
      calls.push(options ?? {});
      return Promise.resolve(file === undefined ? undefined : vscode.Uri.file(file));
    };
    return calls;
  }
  const project = () => node(api, 'alice', 'Personal', 'alice-blog');
  async function since(count: number) {
    return (await requests()).slice(count).map((r) => `${r.method} ${r.path}`);
  }
  /** Answers the review notification with `choice`, after checking what the diff editor shows. */
  function answerReview(choice: string | undefined, seen: { original?: string; proposed?: string; title?: string; asked?: () => void }) {
    return stubPrompt('showInformationMessage', (message) => {
      if (!String(message).startsWith('Review the changes')) return undefined;
      seen.asked?.();
      const diff = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff
        && t.input.modified.scheme === 'project-secrets-pull');
      assert.ok(diff, 'the diff editor is open while the review is asked');
      const input = diff.input as vscode.TabInputTextDiff;
      seen.title = diff.label;
      return (async () => {
        seen.original = fs.readFileSync(input.original.fsPath, 'utf8');
        seen.proposed = (await vscode.workspace.openTextDocument(input.modified)).getText();
        return choice;
      })();
    });
  }

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await emulator('reset', { method: 'POST' });
    api.tree.refresh();
  });
  afterEach(async () => {
    restorePrompts();
    (vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog }).showSaveDialog = originalSaveDialog;
    await emulator('faults', { method: 'DELETE' });
  });
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('into a new file: one pull request (+ custom environments, + the list once as the tree had not loaded it); write-only and system variables as comments', async () => {
    const file = path.join(tempDir(), '.env.local');
    const prompts = script({ picks: ['Production'] });
    const dialogs = saveDialogAnswers(file);
    const at = await project();
    const count = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', at);
    assert.deepEqual(prompts.errors.map((c) => String(c[0])), []);
    assert.deepEqual(await since(count), [
      `GET /v9/projects/${blog}/custom-environments`, `GET ${pullPath('production')}`, `GET /v10/projects/${blog}/env`,
    ]);
    assert.equal(dialogs.length, 1, 'no linked folder: a save dialog');
    const text = fs.readFileSync(file, 'utf8');
    const read = parse(text);
    assert.deepEqual(read, { DATABASE_URL: dbUrl, NEXT_PUBLIC_SITE_URL: 'https://alice.example.com', LEGACY_TOKEN: 'legacy-secret-0003' });
    assert.match(text, /^# STRIPE_SECRET_KEY= {2}\(write-only on Vercel: set it locally\)$/m);
    assert.match(text, /^# VERCEL_GIT_COMMIT_SHA= {2}\(system variable: Vercel sets it for each deployment\)$/m);
    const steps = prompts.quickPicks.map((c) => (c[1] as ShownQuickPick).title);
    assert.deepEqual(steps, ['Download alice-blog as .env'], 'one step: the environment (no branch, no linked folder)');
    const done = prompts.infos.map((c) => String(c[0])).find((m) => m.startsWith('Wrote '));
    assert.ok(done && done.includes(file) && /3 added/.test(done) && /write-only on Vercel \(not written: STRIPE_SECRET_KEY, VERCEL_GIT_COMMIT_SHA\)/.test(done), done);
    assert.ok(prompts.infos.some((c) => c.includes('Open')), 'the message offers "Open"');
  });

  it('with the variables (and custom environments) loaded in the tree: exactly one request, the pull', async () => {
    const file = path.join(tempDir(), 'prod.env');
    script({ picks: ['Production'] });
    saveDialogAnswers(file);
    const at = await project();
    await children(api, at); // the tree lists the variables
    const count = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', at);
    assert.deepEqual(await since(count), [`GET ${pullPath('production')}`]);
    assert.match(fs.readFileSync(file, 'utf8'), /^# STRIPE_SECRET_KEY= {2}\(write-only/m);
  });

  it('over an existing file: the diff shows old ↔ proposed (nothing written before Accept); local-only keys, comments and order kept', async () => {
    const file = path.join(tempDir(), '.env.local');
    const before = '# my local settings\nLOCAL_ONLY=keep-me # not on Vercel\n\nexport DATABASE_URL=postgres://localhost/dev\nSTRIPE_SECRET_KEY=sk_local_typed\n';
    fs.writeFileSync(file, before);
    const prompts = script({ picks: ['Production'] });
    saveDialogAnswers(file);
    const seen: { original?: string; proposed?: string; title?: string } = {};
    answerReview('Accept', seen);
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    assert.deepEqual(prompts.errors.map((c) => String(c[0])), []);
    assert.equal(seen.original, before, 'the file was not written before Accept');
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(seen.proposed, after, 'what was accepted is what was written');
    assert.match(seen.title ?? '', /\.env\.local ↔ alice-blog \(Production\)/);
    assert.ok(after.startsWith(`# my local settings\nLOCAL_ONLY=keep-me # not on Vercel\n\nexport DATABASE_URL=${dbUrl}\nSTRIPE_SECRET_KEY=sk_local_typed\n`), after);
    assert.deepEqual(parse(after), {
      LOCAL_ONLY: 'keep-me', DATABASE_URL: dbUrl, STRIPE_SECRET_KEY: 'sk_local_typed', LEGACY_TOKEN: 'legacy-secret-0003', NEXT_PUBLIC_SITE_URL: 'https://alice.example.com',
    });
    assert.ok(!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), 'the diff is closed after');
  });

  it('Cancel in the diff, or closing it, leaves the file as it was', async () => {
    const file = path.join(tempDir(), '.env');
    const before = 'DATABASE_URL=old\n';
    fs.writeFileSync(file, before);
    for (const how of ['cancel command', 'close tab', 'notification Cancel'] as const) {
      script({ picks: ['Production'] });
      saveDialogAnswers(file);
      // As a person can: act once the diff is open and the review asked (not while it is still opening).
      let asked: () => void = () => undefined;
      const reviewAsked = new Promise<void>((resolve) => { asked = resolve; });
      answerReview(how === 'notification Cancel' ? 'Cancel' : undefined, { asked });
      const run = vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
      if (how !== 'notification Cancel') {
        await reviewAsked;
        const diff = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff));
        if (how === 'cancel command') await vscode.commands.executeCommand('projectSecrets.cancelPull', (diff.input as vscode.TabInputTextDiff).modified);
        else await vscode.window.tabGroups.close(diff);
      }
      await run;
      assert.equal(fs.readFileSync(file, 'utf8'), before, how);
      restorePrompts();
    }
  });

  it('Accept from the editor title bar writes the file', async () => {
    const file = path.join(tempDir(), '.env');
    fs.writeFileSync(file, 'NEXT_PUBLIC_SITE_URL=old\n');
    script({ picks: ['Development'] });
    saveDialogAnswers(file);
    let asked: () => void = () => undefined;
    const reviewAsked = new Promise<void>((resolve) => { asked = resolve; });
    answerReview(undefined, { asked });
    const run = vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    await reviewAsked;
    const diff = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff));
    await vscode.commands.executeCommand('projectSecrets.acceptPull', (diff.input as vscode.TabInputTextDiff).modified);
    await run;
    assert.equal(parse(fs.readFileSync(file, 'utf8')).NEXT_PUBLIC_SITE_URL, 'https://alice.example.com');
  });

  it('Preview with a branch the variables mention, from a variable row of that branch (its environment comes first)', async () => {
    const file = path.join(tempDir(), '.env.preview');
    const at = await project();
    const row = (await children(api, at)).find((n: TreeNode) => label(n) === 'PREVIEW_API_KEY');
    assert.ok(row, 'the PREVIEW_API_KEY row');
    const prompts = script({ picks: ['Preview', 'feature/login'] });
    saveDialogAnswers(file);
    const count = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', row);
    const [envStep, branchStep] = prompts.quickPicks.map((c) => c[1] as ShownQuickPick);
    assert.equal(envStep.active?.label, 'Preview', 'the row\'s environment is where the pick starts');
    assert.match(branchStep.active?.label ?? '', /feature\/login/, 'and its branch');
    const branches = (prompts.quickPicks[1][0] as vscode.QuickPickItem[]).map((i) => i.label);
    assert.deepEqual(branches, ['All branches', '$(git-branch) feature/login', 'Type a Branch…']);
    assert.deepEqual(await since(count), [`GET ${pullPath('preview/feature%2Flogin')}`]);
    assert.equal(parse(fs.readFileSync(file, 'utf8')).PREVIEW_API_KEY, 'preview-key-0002');
  });

  it('a typed branch is checked while typing; a custom environment is offered and pulled by id', async () => {
    const state = await emulator<{ projects: Array<{ id: string }> }>('state');
    assert.ok(state.projects.some((p) => p.id === blog));
    const prompts = script({ picks: ['Preview', 'Type a Branch…'], inputs: ['feature/new-thing'] });
    const file = path.join(tempDir(), '.env');
    saveDialogAnswers(file);
    const count = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    const box = prompts.inputBoxes[0][0] as vscode.InputBoxOptions;
    assert.ok(await box.validateInput!('bad branch'), 'a space is refused while typing');
    assert.ok((await since(count)).includes(`GET ${pullPath('preview/feature%2Fnew-thing')}`));
  });

  it('the folder linked by .vercel/project.json is the default place; the file step offers .env.local there', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const linked = path.join(folder.uri.fsPath, `pull-linked-${process.pid}`);
    fs.mkdirSync(path.join(linked, '.vercel'), { recursive: true });
    try {
      fs.writeFileSync(path.join(linked, '.vercel', 'project.json'), JSON.stringify({ projectId: blog, orgId: 'user_alice' }));
      const prompts = script({ picks: ['Development', '.env.local'], warnings: ['Not Now'] });
      const dialogs = saveDialogAnswers(undefined);
      await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
      assert.deepEqual(prompts.errors.map((c) => String(c[0])), []);
      assert.equal(dialogs.length, 0, 'no save dialog');
      assert.equal((prompts.quickPicks[1][1] as ShownQuickPick).step, 2);
      assert.equal(parse(fs.readFileSync(path.join(linked, '.env.local'), 'utf8')).NEXT_PUBLIC_SITE_URL, 'https://alice.example.com');
      // Inside this repository, which does not ignore it: the offer, answered "Not Now" (nothing added).
      assert.match(String(prompts.warnings[0]?.[0]), /\.env\.local is not ignored by git/);
    } finally {
      fs.rmSync(linked, { recursive: true, force: true }); // the leak check scans the workspace
    }
  });

  it('offers once to add the file to .gitignore (git check-ignore), and adds it; never without asking', async () => {
    const dir = tempDir();
    execFileSync('git', ['init', '-q', dir]);
    const file = path.join(dir, 'app', '.env.local');
    fs.mkdirSync(path.dirname(file));
    let prompts = script({ picks: ['Development'], warnings: ['Add to .gitignore'] });
    saveDialogAnswers(file);
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    assert.equal(prompts.warnings.length, 1);
    assert.equal(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), '/app/.env.local\n');
    assert.equal(execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all']).toString().includes('.env.local'), false);
    restorePrompts();
    // Once per file: a second download does not ask again (it is ignored now anyway); another file asks.
    fs.writeFileSync(path.join(dir, '.gitignore'), '');
    prompts = script({ picks: ['Development'], warnings: [] });
    saveDialogAnswers(file);
    answerReview('Accept', {});
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    assert.equal(prompts.warnings.length, 0, 'asked only once for this file');
    // Without git: a .gitignore pattern is read simply.
    const plain = tempDir();
    fs.writeFileSync(path.join(plain, '.gitignore'), '.env*\n');
    prompts = script({ picks: ['Development'] });
    saveDialogAnswers(path.join(plain, '.env.local'));
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    assert.equal(prompts.warnings.length, 0, 'ignored by .env*: no offer');
  });

  describe('faults during the pull: nothing written, nothing changed', () => {
    const faults = [
      { name: 'HTTP 500', fault: { status: 500 }, pulls: 1, message: /Vercel had a server error \(HTTP 500\)/ },
      { name: '429 beyond the retries', fault: { status: 429, headers: { 'retry-after': '0' }, times: 10 }, pulls: 4, message: /429|too many|rate/i },
      { name: 'a connection reset, every attempt', fault: { status: 0, times: 10 }, pulls: 4, message: /broke off/ },
    ];
    for (const { name, fault, pulls, message } of faults) {
      it(`${name}: a new file is not created, an existing one not changed`, async function () {
        this.timeout(60_000);
        const dir = tempDir();
        const existing = path.join(dir, '.env');
        fs.writeFileSync(existing, 'KEEP=1\n');
        for (const file of [path.join(dir, '.env.local'), existing]) {
          await emulator('faults', { method: 'DELETE' });
          await injectFaults([{ method: 'GET', pathPattern: '^/v3/env/pull/', ...fault } as never]);
          const prompts = script({ picks: ['Production'] });
          saveDialogAnswers(file);
          const count = (await requests()).length;
          await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
          const errors = prompts.errors.map((c) => String(c[0]));
          assert.equal(errors.length, 1, errors.join('\n'));
          assert.match(errors[0], message);
          assert.equal((await since(count)).filter((r) => r.includes('/v3/env/pull/')).length, pulls);
          restorePrompts();
        }
        assert.deepEqual(fs.readdirSync(dir), ['.env']);
        assert.equal(fs.readFileSync(existing, 'utf8'), 'KEEP=1\n');
      });
    }

    it('a reset once is retried (a read): the file is written from the second answer', async () => {
      const file = path.join(tempDir(), '.env.local');
      await injectFaults([{ method: 'GET', pathPattern: '^/v3/env/pull/', status: 0, times: 1 }]);
      script({ picks: ['Production'] });
      saveDialogAnswers(file);
      const count = (await requests()).length;
      await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
      assert.equal((await since(count)).filter((r) => r.includes('/v3/env/pull/')).length, 2);
      assert.equal(parse(fs.readFileSync(file, 'utf8')).DATABASE_URL, dbUrl);
    });
  });

  it('an existing file in UTF-16 is refused before any request', async () => {
    const file = path.join(tempDir(), '.env');
    fs.writeFileSync(file, Buffer.from('\ufeffA=1\n', 'utf16le'));
    const prompts = script({ picks: ['Production'] });
    saveDialogAnswers(file);
    const count = (await requests()).length;
    await vscode.commands.executeCommand('projectSecrets.pullDotenv', await project());
    assert.match(String(prompts.errors[0]?.[0]), /UTF-16LE: save it as UTF-8 first/);
    assert.deepEqual((await since(count)).filter((r) => r.includes('/v3/env/pull/')), []);
  });
});

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
