// "Download as .env…" in a real workbench, as a person would: from alice-blog's context menu
// into a new .env.local of the folder linked to the project (.vercel/project.json), then over
// an existing .env through the diff editor, accepted from its title bar. The files on disk are
// checked with dotenv; messages are read from the Notifications center.
// Screenshots: test-results/screenshots/pull-NN-*.png.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'dotenv';
import { demoTokens } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';
const dbUrl = 'postgres://blog:blog-db-pass-1@db.example.com/blog';
/** The workspace: a git repository linked to alice-blog, outside this repository. */
const folder = path.join(os.tmpdir(), `ps-ui-pull-${process.pid}`);

describe('Download as .env… in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';

  before(() => {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(path.join(folder, '.vercel'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vercel', 'project.json'), JSON.stringify({ projectId: blogId, orgId: 'user_alice' }));
    execFileSync('git', ['init', '-q', folder]);
  });
  setupWorkbench('pull', (opened) => { wb = opened; }, { folder });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function download(environment: string, file: string): Promise<void> {
    await wb.openContextMenu('alice-blog', { atEnd: true });
    await wb.clickMenuItem('Download as .env…');
    await wb.waitForQuickInputStep('Environment to download');
    await wb.pickQuickItem(new RegExp(`^${environment}`));
    await wb.waitForQuickInputStep('File to write');
    lastShot = await wb.screenshot(`file-step-${environment}`);
    // ".env" is also the start of the other names (".env.local"): not followed by one of their endings.
    await wb.pickQuickItem(new RegExp(`^\\s*${file.replace(/\./g, '\\.')}(?!\\.(local|development))`));
  }

  it('downloads Development into a new .env.local of the linked folder, then adds it to .gitignore', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 600, accountLabel: 'alice' });
    await wb.expand('Personal');
    await wb.waitForRow('alice-blog');
    await download('Development', '.env.local');
    const file = path.join(folder, '.env.local');
    const wrote = await wb.waitForNotification(`Wrote ${file} (Development of alice-blog)`);
    assert.match(wrote, /1 added/, wrote);
    lastShot = await wb.screenshot('written');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepStrictEqual(parse(text), { NEXT_PUBLIC_SITE_URL: 'https://alice.example.com' }, `the file (${lastShot})`);
    assert.match(text, /^# VERCEL_GIT_COMMIT_SHA= {2}\(system variable/m);
    await wb.clickNotificationButton('.env.local is not ignored by git', 'Add to .gitignore');
    await wb.waitForNotification('Added /.env.local to');
    assert.strictEqual(fs.readFileSync(path.join(folder, '.gitignore'), 'utf8'), '/.env.local\n');
    assert.strictEqual(execFileSync('git', ['-C', folder, 'check-ignore', '.env.local']).toString().trim(), '.env.local');
  });

  it('downloads Production over an existing .env through the diff editor: Accept in its title bar writes it, local-only keys kept', async function () {
    const file = path.join(folder, '.env');
    const before = '# mine\nLOCAL_ONLY=keep-me\nDATABASE_URL=postgres://localhost/dev\n';
    fs.writeFileSync(file, before);
    await download('Production', '.env');
    await wb.waitForNotification('Review the changes to .env');
    const diff = wb.page.locator('.monaco-diff-editor').first();
    await diff.waitFor();
    const accept = wb.page.locator('.editor-actions .action-label[aria-label^="Accept and Write the File"]').first();
    await accept.waitFor();
    lastShot = await wb.screenshot('diff');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, `written before Accept (${lastShot})`);
    await accept.click();
    await wb.waitForNotification(`Wrote ${file} (Production of alice-blog)`);
    await diff.waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('accepted');
    const read = parse(fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(read, {
      LOCAL_ONLY: 'keep-me', DATABASE_URL: dbUrl, NEXT_PUBLIC_SITE_URL: 'https://alice.example.com', LEGACY_TOKEN: 'legacy-secret-0003',
    }, `the file after Accept (${lastShot})`);
    assert.ok(fs.readFileSync(file, 'utf8').startsWith('# mine\nLOCAL_ONLY=keep-me\n'), 'comments and order kept');
    assert.match(fs.readFileSync(file, 'utf8'), /^# STRIPE_SECRET_KEY= {2}\(write-only on Vercel: set it locally\)$/m);
    // The tree is as it was: the download changed nothing on Vercel.
    await wb.waitForRow('alice-blog');
  });
});
