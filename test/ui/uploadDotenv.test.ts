// "Upload .env…" in a real workbench, as a person would: a workspace with a .env.local
// holding new, changed, unchanged and write-only keys, and a bad.env with a bad key. The
// project's context menu, the file pick, the environments, the type, the per-key review,
// then the emulator's state and the tree. The page never shows a value.
// Screenshots: test-results/screenshots/upload-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { demoTokens, seededSecretValues, type EmulatorState, type RecordedRequest } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';
const newValue = `ui-upload-new-${randomBytes(6).toString('hex')}`;
const stripeValue = `ui-upload-stripe-${randomBytes(6).toString('hex')}`;
const changedValue = `https://ui-upload-${randomBytes(4).toString('hex')}.example.com`;

/** The workspace the workbench opens: made before the workbench starts. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-ui-upload-'));
  fs.writeFileSync(path.join(dir, '.env.local'), [
    'DATABASE_URL=postgres://blog:blog-db-pass-1@db.example.com/blog', // unchanged
    `STRIPE_SECRET_KEY=${stripeValue}`, // write-only on Vercel
    `NEXT_PUBLIC_SITE_URL=${changedValue}`, // changed, also set for Development: unticked
    `UI_UPLOADED_KEY=${newValue}`, // new
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'bad.env'), `GOOD_KEY=${newValue}\nTZ=UTC\n`);
  return dir;
}

describe('Upload .env to a Vercel project in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';
  const folder = workspace();

  const blogEnvs = async () => {
    const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    const project = state.projects.find((p) => p.id === blogId);
    assert.ok(project, `${blogId} is missing from the emulator state`);
    return project.envs;
  };
  const envWrites = async () => (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests'))
    .filter((r) => r.method !== 'GET' && r.path.includes(`/projects/${blogId}/env`));
  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const leaked = [...seededSecretValues(), newValue, stripeValue, changedValue].filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `values visible in the page (${lastShot})`);
  }

  setupWorkbench('upload', (opened) => { wb = opened; }, { folder });

  it('opens alice-blog', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' });
    await wb.expand('alice');
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    await wb.waitForRow('STRIPE_SECRET_KEY');
  });

  it('refuses bad.env with its line, sending nothing', async function () {
    const before = (await envWrites()).length;
    await wb.contextMenu('alice-blog', 'Upload .env…');
    await wb.waitForQuickInputStep('The .env file to upload');
    await wb.pickQuickItem('bad.env');
    const message = await wb.waitForNotification(/bad\.env has 1 problem, so nothing was sent/);
    lastShot = await wb.screenshot('bad-file');
    assert.match(message, /line 2: TZ is reserved by Vercel/);
    assert.strictEqual((await envWrites()).length, before, 'nothing was written');
    await assertNoValueInPage();
  });

  it('uploads .env.local through the review: new and write-only sent in one request, the rest left alone', async function () {
    const before = (await envWrites()).length;
    await wb.contextMenu('alice-blog', 'Upload .env…');
    await wb.waitForQuickInputStep('The .env file to upload');
    await wb.pickQuickItem('.env.local');

    await wb.waitForQuickInputStep('Environments that get');
    await wb.pickQuickItem('Development'); // untick it: Production and Preview stay ticked
    lastShot = await wb.screenshot('environments');
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInputStep('Type of the 1 new key');
    await wb.pickQuickItem(/^Secret/);

    await wb.waitForQuickInputStep('review');
    const list = wb.quickInput().locator('.quick-input-list');
    const text = (await list.innerText()).replace(/\s+/g, ' ');
    lastShot = await wb.screenshot('review');
    for (const expected of ['New (1)', 'UI_UPLOADED_KEY', 'will be created as Secret in Production, Preview', 'Changed: value differs (1)',
      'also set for Development', 'Write-only on Vercel', 'Unchanged: skipped (1)', 'Only on Vercel', 'LEGACY_TOKEN']) {
      assert.ok(text.includes(expected), `the review lacks "${expected}": ${text} (${lastShot})`);
    }
    await assertNoValueInPage();
    const ticked = await list.locator('.monaco-list-row[aria-checked="true"] .label-name').allInnerTexts();
    assert.deepStrictEqual(ticked, ['UI_UPLOADED_KEY', 'STRIPE_SECRET_KEY'], `ticked by default (${lastShot})`);
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.waitForRow('UI_UPLOADED_KEY');
    lastShot = await wb.screenshot('uploaded');
    const writes = (await envWrites()).slice(before);
    assert.deepStrictEqual(writes.map((r) => `${r.method} ${r.path}`), [`POST /v10/projects/${blogId}/env`], 'ONE request');
    const envs = await blogEnvs();
    const added = envs.find((e) => e.key === 'UI_UPLOADED_KEY');
    assert.deepStrictEqual([added?.value === newValue, added?.type, added?.target], [true, 'sensitive', ['production', 'preview']]);
    assert.ok(envs.filter((e) => e.key === 'STRIPE_SECRET_KEY').every((e) => e.value === stripeValue), 'STRIPE_SECRET_KEY overwritten');
    assert.notStrictEqual(envs.find((e) => e.key === 'NEXT_PUBLIC_SITE_URL')?.value, changedValue, 'the unticked key is untouched');
    assert.ok(envs.some((e) => e.key === 'LEGACY_TOKEN'), 'only on Vercel: left alone');
    await assertNoValueInPage();
  });
});
