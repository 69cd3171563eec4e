// Project Secrets in Restricted Mode: Workspace Trust on, so the fixture folder (with its
// hostile .vscode/settings.json pointing the API URL at https://attacker.invalid) opens
// untrusted. The extension declares untrusted-workspace support, so the view works there:
// add alice through the palette, see her teams; the token is checked against the emulator
// (the machine setting), never the workspace's URL. Screenshots: test-results/screenshots/trust-NN-*.png.
import * as assert from 'assert';
import { demoTokens } from '../../emulator';
import type { RecordedRequest } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { setupWorkbench } from './setup';

describe('Project Secrets in Restricted Mode (Workspace Trust on, the folder untrusted)', function () {
  let wb: Workbench;
  let lastShot = '';

  setupWorkbench('trust', (opened) => { wb = opened; }, { workspaceTrust: true });

  it('opens the folder in Restricted Mode, with the Project Secrets view and its welcome button', async function () {
    const restricted = wb.page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).first();
    await restricted.waitFor({ timeout: 20_000 });
    await wb.openViewContainer('Project Secrets');
    await wb.welcomeButton('Add Vercel Account').waitFor();
    lastShot = await wb.screenshot('restricted-welcome');
    assert.ok(await restricted.isVisible(), `no "Restricted Mode" in the status bar (${lastShot})`);
  });

  it('adds alice from the palette and lists her teams, checking the token against the machine setting\'s API', async function () {
    const before = await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests');
    await wb.runCommand('Project Secrets: Add Vercel Account…');
    const input = await wb.waitForQuickInputStep('Vercel access token');
    assert.strictEqual(await input.getAttribute('type'), 'password', 'the token box is a password box');
    // The prompt names the host the token will be checked against: the machine setting's, not the workspace's.
    const prompt = (await wb.quickInput().locator('.quick-input-message').first().textContent()) ?? '';
    assert.ok(prompt.includes(`checked against ${new URL(wb.emulatorUrl).host}`), `the prompt names another host: "${prompt}"`);
    assert.ok(!prompt.includes('attacker.invalid'), `the prompt names the workspace's host: "${prompt}"`);
    await wb.answerInput(demoTokens.alice, { password: true });
    await wb.waitForRow('alice');
    await wb.expand('alice');
    for (const scope of ['Personal', 'Acme Inc', 'Globex']) await wb.waitForRow(scope);
    lastShot = await wb.screenshot('restricted-alice-teams');
    const content = await wb.pageContent();
    assert.ok(!content.includes(demoTokens.alice), `the token is visible in the page (${lastShot})`);
    assert.ok(content.includes('Restricted Mode'), `no longer in Restricted Mode (${lastShot})`);
    // The emulator (the machine setting) checked the token: the workspace's URL was not used.
    const after = (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests')).slice(before.length);
    const user = after.filter((r) => r.path === '/v2/user');
    assert.ok(user.some((r) => r.status === 200 && r.authorized), `no authorized GET /v2/user at the emulator: ${JSON.stringify(user)}`);
    assert.ok(after.some((r) => r.path === '/v2/teams' && r.status === 200), 'the teams came from the emulator');
  });

  it('removes the account again from the palette', async function () {
    await wb.runCommand('Project Secrets: Remove Account…');
    await wb.waitForQuickInputStep('Which connection should be removed');
    await wb.pickQuickItem('alice');
    await wb.dialog().waitFor();
    await wb.clickDialogButton('Remove');
    await wb.welcomeButton('Add Vercel Account').waitFor();
    lastShot = await wb.screenshot('restricted-removed');
    assert.strictEqual(await wb.row('alice').count(), 0, `alice is still in the tree (${lastShot})`);
  });
});
