// The native feel in a real workbench, driven with the keyboard as a person would: the step
// counter and Back of a multi-step input, a palette command acting on the selected row, and
// F2 / Delete / Ctrl+C on a focused row. Every change is checked in the emulator and the tree.
// Screenshots: test-results/screenshots/keyboard-NN-*.png.
import * as assert from 'assert';
import { demoTokens, seededSecretValues, type EmulatorState, type RecordedRequest } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { retype } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';
/** The page's clipboard, as the functions passed to page.evaluate see it (this file compiles without the DOM library). */
declare const navigator: { readonly clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };

describe('Keyboard and palette in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';

  const blogEnvs = async () => {
    const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    const project = state.projects.find((p) => p.id === blogId);
    assert.ok(project, `${blogId} is missing from the emulator state`);
    return project.envs;
  };
  const envWrites = async () => (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests'))
    .filter((r) => r.method !== 'GET' && r.path.includes(`/projects/${blogId}/env`));
  const title = () => wb.quickInput().locator('.quick-input-title').innerText();
  const backButton = () => wb.quickInput().locator('.quick-input-left-action-bar .action-label:visible');

  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const leaked = seededSecretValues().filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `secret values visible in the page (${lastShot})`);
  }

  /** Clicks a row (selected and focused, as a person's click), and waits until it shows selected. */
  async function focusRow(label: string): Promise<void> {
    const row = await wb.waitForRow(label);
    await row.click();
    await wb.row(label).and(wb.page.locator('.monaco-list-row.selected.focused')).first().waitFor();
  }

  setupWorkbench('keyboard', (opened) => { wb = opened; });

  it('adds alice from the palette: her row is revealed and expanded', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' });
    // Nothing expanded by hand: "Personal" shows because the new account was expanded.
    await wb.waitForRow('Personal');
    await wb.row('alice').and(wb.page.locator('[aria-expanded="true"]')).first().waitFor();
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    for (const key of ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL', 'PREVIEW_API_KEY']) await wb.waitForRow(key);
    lastShot = await wb.screenshot('alice-expanded');
  });

  it('shows the step in the title, and Back (button or Escape) returns to step 1 with the key kept', async function () {
    const writesBefore = (await envWrites()).length;
    await wb.clickInlineAction('alice-blog', 'Add Environment Variable to Project');
    const key = await wb.waitForQuickInputStep('Name of the variable');
    assert.strictEqual(await title(), 'Add Secret to alice-blog (1/5)');
    assert.strictEqual(await backButton().count(), 0, 'step 1 has a Back button');
    await wb.page.keyboard.type('KEYBOARD_KEY');
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInputStep('Value of KEYBOARD_KEY');
    lastShot = await wb.screenshot('step-2');
    assert.strictEqual(await title(), 'Add Secret to alice-blog (2/5)', `title of step 2 (${lastShot})`);
    await backButton().click();

    await wb.waitForQuickInputStep('Name of the variable');
    lastShot = await wb.screenshot('back-to-step-1');
    assert.strictEqual(await title(), 'Add Secret to alice-blog (1/5)', `title after Back (${lastShot})`);
    assert.strictEqual(await key.inputValue(), 'KEYBOARD_KEY', `the key is kept after Back (${lastShot})`);

    // Escape on step 2 goes back too; Escape on step 1 leaves.
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInputStep('Value of KEYBOARD_KEY');
    await wb.page.keyboard.press('Escape');
    await wb.waitForQuickInputStep('Name of the variable');
    assert.strictEqual(await title(), 'Add Secret to alice-blog (1/5)');
    assert.strictEqual(await key.inputValue(), 'KEYBOARD_KEY', 'the key is kept after Escape');
    await wb.page.keyboard.press('Escape');
    await wb.quickInput().waitFor({ state: 'hidden' });
    assert.strictEqual((await envWrites()).length, writesBefore, 'something was written');
    assert.ok(!(await blogEnvs()).some((e) => e.key === 'KEYBOARD_KEY'), 'KEYBOARD_KEY was created');
  });

  it('"Delete Environment Variable…" from the palette deletes the selected row after a confirmation', async function () {
    await focusRow('PREVIEW_API_KEY');
    await wb.runCommand('Project Secrets: Delete Environment Variable…');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('palette-delete-confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Delete PREVIEW_API_KEY from alice-blog\?/, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Delete');
    await wb.row('PREVIEW_API_KEY').waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('palette-deleted');
    assert.ok(!(await blogEnvs()).some((e) => e.key === 'PREVIEW_API_KEY'), 'the emulator still has PREVIEW_API_KEY');
    assert.strictEqual(await wb.row('PREVIEW_API_KEY').count(), 0, `PREVIEW_API_KEY is still in the tree (${lastShot})`);
  });

  it('F2 renames the focused row', async function () {
    await focusRow('DATABASE_URL');
    await wb.page.keyboard.press('F2');
    const input = await wb.waitForQuickInputStep('Name of the variable');
    assert.strictEqual(await input.inputValue(), 'DATABASE_URL', 'the rename box starts with the key');
    await retype(wb, input, 'RENAMED_BY_F2');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.waitForRow('RENAMED_BY_F2');
    lastShot = await wb.screenshot('f2-renamed');
    const keys = (await blogEnvs()).map((e) => e.key);
    assert.ok(keys.includes('RENAMED_BY_F2') && !keys.includes('DATABASE_URL'), `emulator keys after F2: ${keys.join(', ')}`);
  });

  it('Ctrl+C copies the focused row\'s name', async function () {
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await wb.page.evaluate(() => navigator.clipboard.writeText('before'));
    await focusRow('NEXT_PUBLIC_SITE_URL');
    await wb.page.keyboard.press('ControlOrMeta+C');
    // The copy goes through the extension host: wait until the clipboard holds the name.
    await wb.page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'NEXT_PUBLIC_SITE_URL')
      .catch(async (err: unknown) => {
        throw new Error(`the clipboard holds "${await wb.page.evaluate(() => navigator.clipboard.readText())}" after Ctrl+C: ${String(err)}`);
      });
  });

  it('Delete deletes the focused row after the confirmation', async function () {
    await focusRow('RENAMED_BY_F2');
    await wb.page.keyboard.press('Delete');
    // Two environments: first which, then the modal.
    await wb.waitForQuickInputStep('RENAMED_BY_F2 is set for');
    await wb.pickQuickItem('Delete from all environments');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('delete-key-confirm');
    assert.match((await wb.dialog().innerText()).replace(/\s+/g, ' '), /Delete RENAMED_BY_F2 from alice-blog\?/);
    await wb.clickDialogButton('Delete');
    await wb.row('RENAMED_BY_F2').waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('delete-key-deleted');
    assert.ok(!(await blogEnvs()).some((e) => e.key === 'RENAMED_BY_F2'), 'the emulator still has RENAMED_BY_F2');
    await assertNoValueInPage();
  });
});
