// Redeploy what changed, as a person would: two deletions of alice-blog's production
// variables make its row say "2 changes not deployed" and the status bar item say so too;
// Redeploy… from the row's context menu asks once in a modal, the build is followed to
// READY in a notification that offers "Open Deployment", the row clears, and the emulator
// holds the new READY deployment made from exactly one POST.
// Screenshots: test-results/screenshots/redeploy-NN-*.png.
import * as assert from 'assert';
import { demoTokens, type EmulatorState, type RecordedRequest } from '../../emulator';
import { pollUntil } from '../harness/disk';
import type { Workbench } from '../harness/workbench';
import { emulatorPost } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const blogId = 'prj_aliceblog';

describe('Redeploy what changed, in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';

  const deployments = async () => {
    const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    return state.projects.find((p) => p.id === blogId)?.deployments ?? [];
  };
  const statusItem = () => wb.page.locator('.part.statusbar .statusbar-item', { hasText: 'changes not deployed' });

  setupWorkbench('redeploy', (opened) => { wb = opened; });

  it('two deletions: the row and the status bar item say "2 changes not deployed"', async function () {
    // A build that takes a moment, so the notification shows it going on.
    await emulatorPost(wb, '/_emulator/config', { deploymentBuild: { ms: 1500, outcome: 'READY' } });
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' });
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    await wb.waitForDescription('alice-blog', /^nextjs$/);
    for (const key of ['STRIPE_SECRET_KEY', 'LEGACY_TOKEN']) {
      await wb.contextMenu(key, 'Delete Environment Variable…');
      await wb.dialog().waitFor();
      await wb.clickDialogButton('Delete');
      await wb.row(key).waitFor({ state: 'detached' });
    }
    await wb.waitForDescription('alice-blog', /^2 changes not deployed$/);
    await statusItem().filter({ hasText: 'alice-blog: 2 changes not deployed' }).first().waitFor();
    lastShot = await wb.screenshot('two-changes');
    assert.strictEqual(await statusItem().count(), 1, `one status bar item (${lastShot})`);
  });

  it('Redeploy… from the row\'s context menu: one modal, one POST, followed to READY with "Open Deployment"; the row clears', async function () {
    const [seeded] = await deployments();
    const requestsBefore = (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests')).length;
    await wb.contextMenu('alice-blog', 'Redeploy…');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Redeploy alice-blog to Production\?/, `dialog says "${text}" (${lastShot})`);
    assert.ok(text.includes(seeded.url), `the dialog names the deployment ${seeded.url}: "${text}" (${lastShot})`);
    assert.match(text, /Not deployed yet: LEGACY_TOKEN, STRIPE_SECRET_KEY\./, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Redeploy');

    const created = await pollUntil(async () => (await deployments()).find((d) => d.id !== seeded.id && d.readyState === 'READY'), 'the new READY deployment');
    const message = await wb.waitForNotification(`alice-blog is redeployed: ${created.url} is ready`);
    // "Open Deployment" opens https://<its url>: the workbench asks before opening an external site, and names it.
    // (Clicked here rather than with clickNotificationButton, which closes the center while that question is still up.)
    await wb.notifications.open();
    const entry = wb.page.locator('.notifications-center .monaco-list-row', { has: wb.page.locator('.notification-list-item-message', { hasText: message }) }).first();
    const action = entry.locator('.notification-list-item-buttons-container .monaco-button', { hasText: 'Open Deployment' }).first();
    if (!(await action.isVisible())) await entry.locator('.action-label[aria-label^="Expand Notification"]').first().click();
    await action.click();
    await wb.dialog().waitFor();
    const opening = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    lastShot = await wb.screenshot('open-deployment');
    assert.ok(opening.includes(`https://${created.url}`), `the link opened is not the deployment's: "${opening}" (${lastShot})`);
    await wb.clickDialogButton('Cancel');
    await wb.notifications.close();

    await wb.waitForDescription('alice-blog', /^nextjs$/);
    await statusItem().first().waitFor({ state: 'hidden' });
    lastShot = await wb.screenshot('cleared');
    const sent = (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests')).slice(requestsBefore);
    const posts = sent.filter((r) => r.method === 'POST');
    assert.deepStrictEqual(posts.map((r) => r.path), ['/v13/deployments'], `writes: ${posts.map((r) => r.path).join(', ')}`);
    assert.deepStrictEqual(posts[0].body, { name: 'alice-blog', deploymentId: seeded.id, target: 'production', meta: { action: 'redeploy' } });
    assert.strictEqual(created.target, 'production');
  });
});
