// "Enter in Editor…" in a real VS Code, as a person would (issue 14): Add Secret on
// alice-blog, the value box's editor button, three lines typed into the editor (an
// in-memory document, never saved to disk),
// "Send Value" in its title bar; the emulator has the three lines exactly, the editor is
// gone without a save prompt, and no file holds the value: not in the workspace, not in
// the user data (where VS Code keeps hot-exit backups of unsaved untitled editors).
// Screenshots: test-results/screenshots/value-editor-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { demoTokens, type EmulatorState } from '../../emulator';
import { filesHolding, pollUntil } from '../harness/disk';
import type { Workbench } from '../harness/workbench';
import { assertNoneInPage } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';
const key = 'UI_MULTILINE_KEY';
/** Unique per run, so a copy found on disk cannot be a coincidence. */
const lines = [`first-line-${randomBytes(6).toString('hex')}`, 'second line of the key', 'third line, the end'];

describe('A multi-line value through "Enter in Editor…" in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';

  setupWorkbench('value-editor', (opened) => { wb = opened; });

  /** Files under the workspace and the user data whose bytes hold the value's first line. */
  const filesHoldingValue = () => filesHolding(lines[0], [wb.codeServer.folder, wb.codeServer.userDataDir]);

  it('types three lines in the editor, sends them, and the emulator has exactly those lines', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 600, accountLabel: 'alice' });
    await wb.expand('alice');
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    await wb.clickInlineAction('alice-blog', 'Add Environment Variable to Project');
    await wb.waitForQuickInputStep('Name of the variable');
    await wb.page.keyboard.type(key);
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInputStep(`Value of ${key}`);
    const button = wb.quickInput().locator('.action-label[aria-label="Enter in Editor…"]').first();
    await button.waitFor({ state: 'visible' });
    lastShot = await wb.screenshot('value-box-buttons');
    await button.click();

    // The untitled editor opens focused, with Send Value and Cancel in its title bar.
    const send = wb.page.locator('.editor-actions .action-label[aria-label^="Send Value"]').first();
    await send.waitFor({ state: 'visible' });
    const editorText = wb.page.locator('.editor-instance .monaco-editor textarea').first();
    await editorText.waitFor({ state: 'attached' });
    await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await wb.page.keyboard.type(lines[0]);
    for (const line of lines.slice(1)) {
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type(line);
    }
    await wb.notifications.waitFor(/Type or paste the value of UI_MULTILINE_KEY in the editor, then click "Send Value"/);
    lastShot = await wb.screenshot('editor-typed');
    // The tab and the window title name the variable, never the value (an untitled tab would show its first line).
    const tab = wb.page.locator('.tabs-container .tab.active');
    assert.match((await tab.innerText()).trim(), new RegExp(`^Value of ${key}`), `the tab's label (${lastShot})`);
    assert.ok(!(await tab.innerText()).includes(lines[0]) && !(await tab.getAttribute('aria-label') ?? '').includes(lines[0]), `the tab shows the value (${lastShot})`);
    assert.ok(!(await wb.page.title()).includes(lines[0]), `the window title shows the value (${lastShot})`);
    assert.ok(await wb.page.locator('.editor-actions .action-label[aria-label^="Cancel Value Entry"]').first().isVisible(), `no Cancel action (${lastShot})`);
    const writes = async () => (await wb.emulatorGet<Array<{ method: string; path: string }>>('/_emulator/requests'))
      .filter((r) => r.method !== 'GET' && r.path.includes(`/projects/${blogId}/env`));
    assert.deepStrictEqual(await writes(), [], 'nothing is sent while the editor is open');
    await send.click();
    // The rest of Add Secret: type, environments, comment.
    await wb.waitForQuickInputStep('Type of variable');
    await wb.pickQuickItem(/^encrypted/);
    await wb.waitForQuickInputStep('Environments that get this variable');
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInputStep('Comment (optional)');
    await wb.page.keyboard.press('Enter');
    // Routine success is said in the status bar only: wait for the new row and the emulator.
    await wb.waitForRow(key);
    lastShot = await wb.screenshot('sent');
    const env = await pollUntil(async () => (await wb.emulatorGet<EmulatorState>('/_emulator/state'))
      .projects.find((p) => p.id === blogId)?.envs.find((e) => e.key === key), `${key} in the emulator`);
    assert.strictEqual(env?.value, lines.join('\n'), `the emulator has the three lines exactly (${lastShot})`);
    assert.deepStrictEqual((await writes()).map((r) => r.method), ['POST'], 'one write');
  });

  it('leaves no editor, asked nothing about saving, and no copy of the value on disk', async function () {
    assert.strictEqual(await wb.page.locator('.tabs-container .tab', { hasText: `Value of ${key}` }).count(), 0, `the value editor's tab is still open (${lastShot})`);
    assert.strictEqual(await wb.page.locator('.editor-actions .action-label[aria-label^="Send Value"]').count(), 0, `Send Value is still shown (${lastShot})`);
    assert.ok(!(await wb.dialog().isVisible()), `a dialog (a save prompt?) is open (${lastShot})`);
    // The search looks where a copy would be: it finds the machine settings, which hold the emulator's URL.
    assert.ok(filesHolding(wb.emulatorUrl, [wb.codeServer.userDataDir]).some((f) => f.endsWith(path.join('Machine', 'settings.json'))), 'the search reaches the user data');
    assert.deepStrictEqual(filesHoldingValue(), [], 'no file in the workspace or the user data (hot-exit backups among it) holds the value');
    await assertNoneInPage(wb, lines, lastShot);
  });

  it('a value typed with a trailing space is shown in a modal naming the character; "Remove it" saves it without', async function () {
    const typed = `typed-with-space-${randomBytes(4).toString('hex')} `;
    await wb.contextMenu('DATABASE_URL', 'Set Environment Variable Value…');
    await wb.waitForQuickInputStep('Value of DATABASE_URL');
    await wb.page.keyboard.type(typed);
    await wb.page.keyboard.press('Enter');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('hygiene-modal');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /The value of DATABASE_URL ends with U\+0020 SPACE at position 26\./, `dialog says "${text}" (${lastShot})`);
    assert.ok(!text.includes(typed.trim()), `the dialog shows the value (${lastShot})`);
    const before = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    const env = () => before.projects.find((p) => p.id === blogId)?.envs.find((e) => e.key === 'DATABASE_URL');
    assert.notStrictEqual(env()?.value, typed.trim(), 'nothing was sent before the choice');
    await wb.clickDialogButton('Remove it');
    const saved = await pollUntil(async () => {
      const value = (await wb.emulatorGet<EmulatorState>('/_emulator/state')).projects.find((p) => p.id === blogId)?.envs.find((e) => e.key === 'DATABASE_URL')?.value;
      return value === env()?.value ? undefined : value;
    }, 'the new value of DATABASE_URL in the emulator');
    assert.strictEqual(saved, typed.trim());
    await assertNoneInPage(wb, [typed.trim()], lastShot);
  });
});
