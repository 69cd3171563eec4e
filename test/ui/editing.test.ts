// Editing alice-blog's variables in a real VS Code, as a person would: rename one from
// its context menu, delete a single-environment one, remove another from one of its
// three environments, and add one from the project's inline "+" button. Every step is
// checked in the tree and in the emulator, and the page never shows a secret value.
// Screenshots: test-results/screenshots/editing-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { demoTokens, seededSecretValues, type EmulatorState, type RecordedRequest } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { assertNoNotification, notificationsWith } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';
/** What the test types as a new secret's value: unique per run, so a leak cannot be a coincidence. */
const typedValue = `ui-typed-value-${randomBytes(6).toString('hex')}`;
const addedKey = 'UI_ADDED_SECRET';
/** What alice-blog's row says after the edits of this file: production does not have them yet (no notification). */
const undeployed = /^\d+ changes? not deployed$/;

describe('Editing Vercel variables in a real workbench', function () {
  let wb: Workbench;
  /** Screenshot of the current step, named in assertion messages so a failure shows where to look. */
  let lastShot = '';

  const blogEnvs = async () => {
    const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    const project = state.projects.find((p) => p.id === blogId);
    assert.ok(project, `${blogId} is missing from the emulator state`);
    return project.envs;
  };
  const envWrites = async () => (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests'))
    .filter((r) => r.method !== 'GET' && r.path.includes(`/projects/${blogId}/env`));

  /** Neither a seeded secret value nor what the test typed is anywhere in the page. */
  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const leaked = [...seededSecretValues(), typedValue].filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `secret values visible in the page (${lastShot})`);
  }

  setupWorkbench('editing', (opened) => { wb = opened; });

  it('adds alice from the palette and opens alice-blog', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' }); // room for "•••••• · type · targets" next to each key
    await wb.expand('alice');
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    for (const key of ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL', 'PREVIEW_API_KEY']) await wb.waitForRow(key);
    lastShot = await wb.screenshot('alice-blog-variables');
    assert.ok(!(await wb.pageContent()).includes(demoTokens.alice), `the token is visible in the page (${lastShot})`);
    await assertNoValueInPage();
  });

  it('renames DATABASE_URL in place from its context menu', async function () {
    const before = (await envWrites()).length;
    await wb.openContextMenu('DATABASE_URL', { atEnd: true });
    lastShot = await wb.screenshot('context-menu');
    await wb.clickMenuItem('Rename Environment Variable…');
    const input = await wb.waitForQuickInputStep('Name of the variable');
    assert.strictEqual(await input.inputValue(), 'DATABASE_URL', `the rename box is not prefilled with the key (${lastShot})`);
    await input.press('ControlOrMeta+A');
    await input.press('Backspace');
    await wb.page.keyboard.type('PRIMARY_DATABASE_URL');
    lastShot = await wb.screenshot('rename-typed');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.waitForRow('PRIMARY_DATABASE_URL');
    // The project's row says production does not have the change yet (no notification); the rename itself is said in the status bar.
    await wb.waitForDescription('alice-blog', undeployed);
    await assertNoNotification(wb, 'Renamed DATABASE_URL', lastShot);
    await wb.row('DATABASE_URL').waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('renamed');
    assert.strictEqual(await wb.row('DATABASE_URL').count(), 0, `DATABASE_URL is still in the tree (${lastShot})`);

    const keys = (await blogEnvs()).map((e) => e.key);
    assert.ok(keys.includes('PRIMARY_DATABASE_URL') && !keys.includes('DATABASE_URL'), `emulator keys after the rename: ${keys.join(', ')}`);
    const writes = (await envWrites()).slice(before);
    assert.deepStrictEqual(writes.map((r) => r.method), ['PATCH'], `the rename sent ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    await assertNoValueInPage();
  });

  it('deletes PREVIEW_API_KEY (one environment) after a modal confirmation', async function () {
    await wb.contextMenu('PREVIEW_API_KEY', 'Delete Environment Variable…');
    // One environment: no quick pick, straight to the modal.
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('delete-confirm');
    assert.ok(!(await wb.quickInput().isVisible()), `a quick pick was shown for a single-environment variable (${lastShot})`);
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Delete PREVIEW_API_KEY from alice-blog\?/, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Delete');

    await wb.row('PREVIEW_API_KEY').waitFor({ state: 'detached' });
    await wb.waitForRow('NEXT_PUBLIC_SITE_URL'); // the project's other rows are still there
    lastShot = await wb.screenshot('deleted');
    const keys = (await blogEnvs()).map((e) => e.key);
    assert.ok(!keys.includes('PREVIEW_API_KEY'), `the emulator still has PREVIEW_API_KEY (${keys.join(', ')})`);
    await assertNoValueInPage();
  });

  it('removes NEXT_PUBLIC_SITE_URL from Development only and keeps the other two', async function () {
    await wb.contextMenu('NEXT_PUBLIC_SITE_URL', 'Delete Environment Variable…');
    await wb.waitForQuickInputStep('NEXT_PUBLIC_SITE_URL is set for');
    const items = await wb.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    lastShot = await wb.screenshot('delete-which-environment');
    assert.deepStrictEqual(items, ['Delete from all environments', 'Delete from Production only', 'Delete from Preview only',
      'Delete from Development only'], `quick pick items (${lastShot})`);
    await wb.pickQuickItem('Delete from Development only');

    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('delete-development-confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Delete NEXT_PUBLIC_SITE_URL from alice-blog\?/, `dialog says "${text}" (${lastShot})`);
    assert.match(text, /Environments: Development\./, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Delete from Development');

    const row = await wb.waitForDescription('NEXT_PUBLIC_SITE_URL', /^Production, Preview$/);
    lastShot = await wb.screenshot('removed-from-development');
    const description = await wb.description(row);
    assert.strictEqual(description, 'Production, Preview', `description is "${description}" (${lastShot})`);
    const env = (await blogEnvs()).find((e) => e.key === 'NEXT_PUBLIC_SITE_URL');
    assert.deepStrictEqual(env?.target, ['production', 'preview'], 'emulator targets of NEXT_PUBLIC_SITE_URL');
    await assertNoValueInPage();
  });

  it('adds a secret from the project row\'s inline "+" button', async function () {
    await wb.clickInlineAction('alice-blog', 'Add Environment Variable to Project');
    await wb.waitForQuickInputStep('Name of the variable');
    lastShot = await wb.screenshot('add-key');
    await wb.page.keyboard.type(addedKey);
    await wb.page.keyboard.press('Enter');

    const value = await wb.waitForQuickInputStep(`Value of ${addedKey}`);
    assert.strictEqual(await value.getAttribute('type'), 'password', 'the value box is not a password box');
    await wb.page.keyboard.type(typedValue);
    lastShot = await wb.screenshot('add-value');
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInputStep('Type of variable');
    lastShot = await wb.screenshot('add-type');
    await wb.pickQuickItem(/^encrypted/);

    await wb.waitForQuickInputStep('Environments that get this variable');
    const checked = await wb.quickInput().locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count();
    lastShot = await wb.screenshot('add-environments');
    assert.strictEqual(checked, 3, `the three environments are not all picked by default (${lastShot})`);
    await wb.page.keyboard.press('Enter'); // accept the defaults

    // Three environments, so no branch step; the comment is optional: leave it empty.
    const comment = await wb.waitForQuickInputStep('Comment (optional)');
    assert.strictEqual(await comment.inputValue(), '');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    const row = await wb.waitForDescription(addedKey, /^All environments$/);
    lastShot = await wb.screenshot('secret-added');
    assert.strictEqual(await wb.description(row), 'All environments', `the new row's description (${lastShot})`);
    const env = (await blogEnvs()).find((e) => e.key === addedKey);
    assert.deepStrictEqual({ value: env?.value === typedValue, type: env?.type, target: env?.target },
      { value: true, type: 'encrypted', target: ['production', 'preview', 'development'] }, 'the emulator has the new variable');
    // Four changes to alice-blog in this session: no notification at all; the project's row counts the keys production lacks.
    assert.deepStrictEqual(await notificationsWith(wb, 'alice-blog'), [], `notifications about alice-blog (${lastShot})`);
    await wb.waitForDescription('alice-blog', '4 changes not deployed');
    await assertNoValueInPage();
  });
});
