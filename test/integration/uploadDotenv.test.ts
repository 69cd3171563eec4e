/**
 * "Upload .env…" in a real VS Code: the per-key review (new, changed, unchanged, write-only,
 * only on Vercel), ONE batch request for the writes, removals only when ticked, per-key
 * failures, faults read back, and the Secrets API's cap. The emulator's state and request log
 * are the evidence; values never appear in a prompt or a message.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { demoTokens, secretsApiKeys } from '../../emulator';
import {
  activateExtension, back, children, connectAliceOnly, emulator, emulatorUrl, envOf, envsOf, label, node, requests, resetEmulator, restorePrompts, script,
  statusTexts, stubPrompt, type ShownQuickPick,
} from './helpers';
import { recordTypedSecret } from './leakCollector';

const blog = 'prj_aliceblog';
const blogPath = `/v10/projects/${blog}/env`;

/** A .env file outside the workspace (the workspace stays without .env files for the other suites). */
function dotenvFile(text: string, name = '.env'): vscode.Uri {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ps-upload-')), name);
  fs.writeFileSync(file, text);
  for (const line of text.split('\n')) {
    const value = line.slice(line.indexOf('=') + 1);
    if (line.includes('=') && value.length > 3) recordTypedSecret('.env upload file', value);
  }
  return vscode.Uri.file(file);
}

const isSeparator = (i: unknown) => (i as vscode.QuickPickItem).kind === vscode.QuickPickItemKind.Separator;
const rows = (items: unknown) => (items as vscode.QuickPickItem[]).filter((i) => !isSeparator(i));
/** Every key of the review, but not "Remove … missing from the file". */
const keyRows = (items: unknown) => rows(items).filter((i) => !i.label.startsWith('Remove '));

describe('Upload .env to a Vercel project in a real VS Code', function () {
  this.timeout(60_000);
  let api: ProjectSecretsApi;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const posts = async () => (await requests()).filter((r) => r.method === 'POST' && r.path === blogPath);

  before(async () => {
    api = await activateExtension();
    await connectAliceOnly(api);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  const fileText = [
    'DATABASE_URL=postgres://blog:blog-db-pass-1@db.example.com/blog', // unchanged (Production, Preview)
    'STRIPE_SECRET_KEY=sk_live_upload_new_2', // write-only on Vercel (sensitive, Production)
    'NEXT_PUBLIC_SITE_URL=https://upload-changed.example.com', // changed, but also set for Development
    'NEW_UPLOAD_KEY=new-upload-value-3', // new
    '',
  ].join('\n');

  it('reviews new/changed/unchanged/write-only/only-on-Vercel keys and sends the ticked ones in ONE request', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-blog');
    await children(api, project); // the tree's list is used: no list request
    await resetEmulator();
    const prompts = script({ picks: [['Production', 'Preview'], 'Secret', ['NEW_UPLOAD_KEY', 'STRIPE_SECRET_KEY']] });
    stubPrompt('showOpenDialog', () => [dotenvFile(fileText)]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual(messages(prompts.warnings), []);

    const [items, shown] = prompts.quickPicks[2] as [vscode.QuickPickItem[], ShownQuickPick];
    assert.deepEqual((items).map((i) => i.label), [
      'New (1)', 'NEW_UPLOAD_KEY', 'Changed: value differs (1)', 'NEXT_PUBLIC_SITE_URL', 'Write-only on Vercel: value unknown, will overwrite (1)',
      'STRIPE_SECRET_KEY', 'Unchanged: skipped (1)', 'DATABASE_URL', 'Only on Vercel: left alone (1)', 'Remove the key missing from the file',
    ]);
    const description = (key: string) => rows(items).find((i) => i.label === key)?.description;
    assert.equal(description('NEW_UPLOAD_KEY'), 'line 4 · will be created as Secret in Production, Preview');
    assert.equal(description('NEXT_PUBLIC_SITE_URL'), 'line 3 · value differs: will be overwritten · also set for Development: overwritten there too');
    assert.deepEqual(shown.selected?.map((i) => i.label), ['NEW_UPLOAD_KEY', 'STRIPE_SECRET_KEY'], 'ticked by default: not the wider one, not unchanged, no removal');
    assert.equal(description('Remove the key missing from the file'), 'LEGACY_TOKEN');
    assert.ok(!JSON.stringify(items).match(/upload-value|upload_new|upload-changed/), 'no value in the review');

    const all = await requests();
    // The custom environments come from the tree (loaded with the variables); the two reads go out together.
    assert.deepEqual(all.slice(0, 2).map((r) => `${r.method} ${r.path}`).sort(), [`GET /v3/env/pull/${blog}/preview`, `GET /v3/env/pull/${blog}/production`]);
    assert.deepEqual(all.slice(2).map((r) => `${r.method} ${r.path}`), [`POST ${blogPath}`], 'one read per environment, ONE write');
    assert.equal(all[2].query.upsert, 'true');
    assert.equal((all[2].body as unknown[]).length, 3, 'STRIPE_SECRET_KEY: its Production record and a new Preview one; NEW_UPLOAD_KEY');
    const stripe = (await envsOf(blog)).filter((e) => e.key === 'STRIPE_SECRET_KEY');
    assert.deepEqual(stripe.map((e) => [e.target.join('+'), e.type, e.value]), [['production', 'sensitive', 'sk_live_upload_new_2'], ['preview', 'sensitive', 'sk_live_upload_new_2']]);
    const created = await envOf(blog, 'NEW_UPLOAD_KEY');
    assert.deepEqual([created?.type, created?.target, created?.value], ['sensitive', ['production', 'preview'], 'new-upload-value-3']);
    assert.equal((await envOf(blog, 'NEXT_PUBLIC_SITE_URL'))?.value, 'https://alice.example.com', 'unticked: untouched');
    assert.deepEqual(statusTexts(prompts.statuses), ['Uploaded 2 variables to alice-blog; 1 unchanged key skipped.']);
    const shownRows = (await children(api, project)).map(label);
    assert.ok(shownRows.includes('NEW_UPLOAD_KEY'), 'the tree shows the new key');
    assert.equal(shownRows.filter((l) => l === 'STRIPE_SECRET_KEY').length, 2);
    assert.equal((await requests()).length, 3, 'the tree was patched from the answer: no list request');
  });

  it('numbers its steps; Back from the type keeps the ticked environments and reads again only for a new choice', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-blog');
    await children(api, project);
    await resetEmulator();
    const prompts = script({ picks: [['Production', 'Preview'], back, ['Production'], 'Config', ['NEW_UPLOAD_KEY']] });
    stubPrompt('showOpenDialog', () => [dotenvFile(fileText)]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    assert.deepEqual(messages(prompts.errors), []);
    const shown = prompts.quickPicks.map((call) => call[1] as ShownQuickPick);
    assert.deepEqual(shown.slice(0, 4).map((o) => [o.title, `${o.step}/${o.totalSteps}`, o.buttons?.includes(vscode.QuickInputButtons.Back) ?? false]), [
      ['Upload .env to alice-blog', '1/2', false], ['Upload .env to alice-blog', '2/2', true],
      ['Upload .env to alice-blog', '1/2', false], ['Upload .env to alice-blog', '2/2', true],
    ]);
    assert.deepEqual(shown[2].selected?.map((i) => i.label), ['Production', 'Preview'], 'Back shows the earlier ticks');
    const reads = (await requests()).filter((r) => r.method === 'GET').map((r) => r.path);
    assert.deepEqual(reads.slice(0, 2).sort(), [`/v3/env/pull/${blog}/preview`, `/v3/env/pull/${blog}/production`]);
    assert.deepEqual(reads.slice(2), [`/v3/env/pull/${blog}/production`], 'read again for the new choice only');
    const created = await envOf(blog, 'NEW_UPLOAD_KEY');
    assert.deepEqual([created?.type, created?.target], ['encrypted', ['production']]);
    assert.equal((await posts()).length, 1);
  });

  it('refuses a file with bad keys with their lines, before any request', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-blog');
    await resetEmulator();
    const prompts = script({});
    stubPrompt('showOpenDialog', () => [dotenvFile('GOOD_KEY=good-value-4\nTZ=UTC\n1BAD=x\nEMPTY=\n', 'bad.env')]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    const [error] = messages(prompts.errors);
    assert.match(error, /^bad\.env has 3 problems, so nothing was sent: line 2: TZ is reserved by Vercel.*; line 3: .*digit.*; line 4: Enter a value\./);
    assert.deepEqual(await requests(), []);
  });

  it('removes keys missing from the file only when ticked, after a modal naming how many, in ONE batch delete', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-blog');
    const file = dotenvFile('DATABASE_URL=postgres://blog:blog-db-pass-1@db.example.com/blog\n');
    // Not ticked: nothing is deleted.
    let prompts = script({ picks: [['Production', 'Preview'], []] });
    stubPrompt('showOpenDialog', () => [file]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    assert.deepEqual(messages(prompts.infos), ['Nothing to upload: every key was unticked or is unchanged.']);
    assert.deepEqual((await requests()).filter((r) => r.method !== 'GET'), []);
    restorePrompts();
    // Ticked: the records within Production/Preview go; NEXT_PUBLIC_SITE_URL (also Development) stays.
    prompts = script({ picks: [['Production', 'Preview'], ['Remove the 3 keys missing from the file']], warnings: ['Remove 2'] });
    stubPrompt('showOpenDialog', () => [file]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual(messages(prompts.warnings), ['Remove 2 variables missing from the file from alice-blog?']);
    assert.deepEqual(statusTexts(prompts.statuses), ['Removed 2 variables from alice-blog; 1 unchanged key skipped.']);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Kept, because they are also set for environments you did not choose: NEXT_PUBLIC_SITE_URL\./);
    const deletes = (await requests()).filter((r) => r.method === 'DELETE');
    assert.deepEqual(deletes.map((r) => r.path), [`/v1/projects/${blog}/env`]);
    assert.equal((deletes[0].body as { ids: string[] }).ids.length, 2);
    const keys = (await envsOf(blog)).map((e) => e.key);
    assert.ok(!keys.includes('STRIPE_SECRET_KEY') && !keys.includes('LEGACY_TOKEN'));
    assert.ok(keys.includes('NEXT_PUBLIC_SITE_URL') && keys.includes('DATABASE_URL') && keys.includes('PREVIEW_API_KEY'));
  });

  it('reports a partial failure per key and keeps what succeeded', async () => {
    const project = await node(api, 'alice', 'Personal', 'alice-blog');
    const prompts = script({ picks: [['Production', 'Preview'], 'Config', async (items: Array<{ label: string }>) => {
      // Someone else adds RACED_KEY for Production after the review was built.
      const res = await fetch(`${emulatorUrl()}${blogPath}`, { method: 'POST', headers: { authorization: `Bearer ${demoTokens.alice}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'RACED_KEY', value: 'theirs-value-5', type: 'encrypted', target: ['production'] }) });
      assert.equal(res.status, 201);
      return keyRows(items);
    }] });
    stubPrompt('showOpenDialog', () => [dotenvFile('FIRST_NEW=first-new-value-6\nRACED_KEY=mine-value-7\nLAST_NEW=last-new-value-8\n')]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    const [warning] = messages(prompts.warnings);
    assert.match(warning, /^Uploaded 2 variables to alice-blog\. 1 key was not saved: RACED_KEY: The variable `RACED_KEY` already exists with other targets/);
    assert.equal((await posts()).length, 2, 'the other client\'s create, then ONE batch');
    assert.equal((await envOf(blog, 'FIRST_NEW'))?.value, 'first-new-value-6');
    assert.equal((await envOf(blog, 'LAST_NEW'))?.value, 'last-new-value-8');
    assert.equal((await envOf(blog, 'RACED_KEY'))?.value, 'theirs-value-5');
    const shown = JSON.stringify([prompts.warnings, prompts.errors, prompts.infos, prompts.statuses, prompts.quickPicks]);
    for (const value of ['first-new-value-6', 'mine-value-7', 'last-new-value-8']) assert.ok(!shown.includes(value), 'no value in a message or a prompt');
  });

  interface FaultCase {
    readonly name: string;
    readonly fault: Record<string, unknown>;
    /** What the user is told and what the emulator ends with. */
    readonly expect: 'saved' | 'notSaved' | 'pending';
    /** Where the write ends up once the emulator answered everything. */
    readonly landed: boolean;
    readonly posts: number;
  }
  const faultCases: readonly FaultCase[] = [
    { name: 'a 429 (Retry-After: 0)', fault: { status: 429, headers: { 'retry-after': '0' } }, expect: 'saved', landed: true, posts: 2 },
    { name: 'a 502 after the write happened', fault: { status: 502, applyFirst: true }, expect: 'saved', landed: true, posts: 1 },
    { name: 'a 502 before the write', fault: { status: 502 }, expect: 'notSaved', landed: false, posts: 1 },
    { name: 'a reset connection after the write happened', fault: { status: 0, applyFirst: true }, expect: 'saved', landed: true, posts: 1 },
    { name: 'a reset connection before the write', fault: { status: 0 }, expect: 'notSaved', landed: false, posts: 1 },
    { name: 'no answer within the 1 s timeout, the write lands later', fault: { delayMs: 1600 }, expect: 'pending', landed: true, posts: 1 },
    { name: 'no answer within the 1 s timeout, never processed', fault: { status: 0, delayMs: 2500 }, expect: 'pending', landed: false, posts: 1 },
  ];

  describe('faults on the batch: nothing lost, never sent twice, an unknown outcome read back', () => {
    before(() => vscode.workspace.getConfiguration('projectSecrets').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global));
    after(() => vscode.workspace.getConfiguration('projectSecrets').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global));

    for (const c of faultCases) {
      it(`${c.name}: ${c.expect === 'saved' ? 'reported saved' : c.expect === 'pending' ? 'reported as maybe, not as failed' : 'every key reported not saved'}`, async () => {
        const project = await node(api, 'alice', 'Personal', 'alice-blog');
        const before = await envsOf(blog);
        await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify([{ method: 'POST', pathPattern: `^${blogPath}$`, ...c.fault }]) });
        const prompts = script({ picks: [['Production'], 'Config', (items: unknown) => keyRows(items)] });
        stubPrompt('showOpenDialog', () => [dotenvFile('FAULT_ONE=fault-value-9\nFAULT_TWO=fault-value-10\n')]);
        const started = Date.now();
        await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
        // A held request: until the emulator let it go (and a late write landed), the end state is not final.
        const heldUntil = started + Number(c.fault.delayMs ?? 0) + 300;
        const landedKeys = async () => (await envsOf(blog)).filter((e) => e.key.startsWith('FAULT_')).length;
        while (Date.now() < heldUntil || (c.landed && await landedKeys() < 2)) {
          assert.ok(Date.now() < heldUntil + 10_000, 'the held write never landed');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const sent = (await requests()).map((r) => `${r.method} ${r.path}`);
        assert.equal(sent.filter((s) => s === `POST ${blogPath}`).length, c.posts, 'never sent again after the request reached the server');
        if (c.posts === 1) assert.ok(sent.indexOf(`GET ${blogPath}`, sent.indexOf(`POST ${blogPath}`)) > 0, 'read back after the batch');
        assert.deepEqual(messages(prompts.errors), []);
        if (c.expect === 'saved') {
          assert.deepEqual(messages(prompts.warnings), []);
          assert.deepEqual(statusTexts(prompts.statuses), ['Uploaded 2 variables to alice-blog.']);
        } else if (c.expect === 'notSaved') {
          assert.match(messages(prompts.warnings)[0], /^Uploaded 0 variables to alice-blog\. 2 keys were not saved: FAULT_ONE: .*; FAULT_TWO: /);
        } else {
          assert.match(messages(prompts.warnings).join('\n'), /^FAULT_ONE, FAULT_TWO may or may not have been saved: .* refresh in a moment to see\./m);
          assert.ok(!messages(prompts.warnings).some((m) => /not saved/.test(m)), 'not reported as failed');
        }
        const after = await envsOf(blog);
        if (c.landed) {
          assert.deepEqual(after.filter((e) => e.key.startsWith('FAULT_')).map((e) => [e.key, e.value, e.target.join('+')]),
            [['FAULT_ONE', 'fault-value-9', 'production'], ['FAULT_TWO', 'fault-value-10', 'production']], 'each once, as sent');
          assert.deepEqual(after.filter((e) => !e.key.startsWith('FAULT_')), before, 'nothing else changed');
        } else {
          assert.deepEqual(after, before, 'state before = state after');
        }
      });
    }

    it('a 500 while reading the values sends nothing and says why', async () => {
      const project = await node(api, 'alice', 'Personal', 'alice-blog');
      await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ method: 'GET', pathPattern: `^/v3/env/pull/${blog}/production$`, status: 500 }]) });
      const before = await envsOf(blog);
      const prompts = script({ picks: [['Production']] });
      stubPrompt('showOpenDialog', () => [dotenvFile('FAULT_ONE=fault-value-9\n')]);
      await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
      assert.match(messages(prompts.errors)[0] ?? '', /500/);
      assert.deepEqual((await requests()).filter((r) => r.method !== 'GET'), []);
      assert.deepEqual(await envsOf(blog), before);
    });
  });
});

describe('Upload .env to a Secrets API project in a real VS Code', function () {
  this.timeout(60_000);
  let api: ProjectSecretsApi;
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));

  before(async () => {
    api = await activateExtension();
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
    await resetEmulator();
    script({ inputs: [emulatorUrl(), secretsApiKeys.main, 'Upload API'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiConnection');
    restorePrompts();
    script({ inputs: ['proj_full'] });
    await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', await node(api, 'Upload API'));
    restorePrompts();
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);
  after(async () => {
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
  });

  it('stops cleanly at the cap of 25: the update is sent, the new keys are not, and the message says which', async () => {
    const project = await node(api, 'Upload API', 'proj_full');
    const prompts = script({ picks: [(items: unknown) => keyRows(items)] });
    stubPrompt('showOpenDialog', () => [dotenvFile('SECRET_02=updated-by-upload-11\nCAP_NEW_ONE=cap-new-value-12\nCAP_NEW_TWO=cap-new-value-13\n')]);
    await vscode.commands.executeCommand('projectSecrets.uploadDotenv', project);
    assert.deepEqual(messages(prompts.errors), []);
    assert.deepEqual(messages(prompts.warnings), ['Uploaded 1 secret to proj_full. Not sent, because proj_full would have more than 25 secrets: CAP_NEW_ONE, CAP_NEW_TWO.']);
    const writes = (await requests()).filter((r) => r.method !== 'GET');
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path}`), ['POST /api/v1/projects/proj_full/secrets']);
    const state = await emulator<{ projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }>('secrets-api/state');
    const secrets = state.projects.find((p) => p.id === 'proj_full')?.secrets ?? [];
    assert.equal(secrets.length, 25);
    assert.equal(secrets.find((s) => s.key === 'SECRET_02')?.value, 'updated-by-upload-11');
    const review = rows(prompts.quickPicks[0][0]);
    assert.deepEqual(review.map((i) => i.label), ['CAP_NEW_ONE', 'CAP_NEW_TWO', 'SECRET_02', 'Remove the 24 keys missing from the file']);
  });
});
