// Takes the README's screenshots from the real workbench (code-server + headless Chromium,
// the UI tests' harness) against the emulator's demo data, opening the sample project:
//   media/screenshot.png             alice's projects, alice-blog's variables and a variable's context menu
//   media/screenshot-secrets-api.png a Secrets API connection with proj_web's secrets
// Needs the compiled harness: `npm run pretest` (or `npm run build && npm run compile-tests`) first.
// Run: node scripts/screenshots.mjs
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { startEmulator, demoTokens, secretsApiKeys } = require(join(root, 'out', 'emulator', 'index.js'));
const { openWorkbench } = require(join(root, 'out', 'test', 'harness', 'workbench.js'));
const { addVercelAccount } = require(join(root, 'out', 'test', 'ui', 'setup.js'));
const { cleanupAll } = require(join(root, "out", "test", "harness", "cleanup.js"));

const media = join(root, 'media');
const emulator = await startEmulator({ port: 0, seed: true });
process.env.PROJECT_SECRETS_EMULATOR_URL = emulator.url;
let wb;
try {
  wb = await openWorkbench({ name: 'screenshots', folder: join(root, 'samples', 'demo') });
  const page = wb.page;
  /** The pictures show the tree, not the "Connected…" toasts of the setup. */
  const clearToasts = async () => {
    await wb.runCommand('Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' }).catch(() => undefined);
  };
  await page.setViewportSize({ width: 1280, height: 760 });

  await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 520, accountLabel: 'alice' });
  await wb.expand('alice');
  await wb.expand('Personal');
  await wb.expand('alice-blog');
  await wb.waitForRow('PREVIEW_API_KEY');
  await wb.waitForTreeSettled();
  await clearToasts();
  await wb.openContextMenu('PREVIEW_API_KEY', { atEnd: true });
  // The side bar and the menu: the empty editor area would only shrink them on the page.
  await page.screenshot({ path: join(media, 'screenshot.png'), clip: { x: 0, y: 0, width: 700, height: 420 } });
  await page.keyboard.press('Escape');

  await wb.runCommand('Project Secrets: Add Secrets API Connection…');
  await wb.waitForQuickInputStep('Base URL of the Secrets API');
  await page.keyboard.type(emulator.url);
  await page.keyboard.press('Enter');
  await wb.waitForQuickInputStep('API key for');
  await page.keyboard.type(secretsApiKeys.main);
  await page.keyboard.press('Enter');
  const name = await wb.waitForQuickInputStep('A name for this connection');
  await name.press('ControlOrMeta+A');
  await page.keyboard.type('Acme Secrets API');
  await page.keyboard.press('Enter');
  await wb.quickInput().waitFor({ state: 'hidden' });
  await wb.clickNotificationButton('Added Acme Secrets API.', 'Add Project…');
  await wb.waitForQuickInputStep('Project id');
  await page.keyboard.type('proj_web');
  await page.keyboard.press('Enter');
  await wb.quickInput().waitFor({ state: 'hidden' });
  // Only the new connection in view: collapse alice.
  await (await wb.waitForRow('alice')).locator('.monaco-tl-twistie').click();
  await wb.expand('Acme Secrets API');
  await wb.expand('proj_web');
  await wb.waitForRow('DATABASE_URL');
  await wb.waitForTreeSettled();
  await clearToasts();
  await page.screenshot({ path: join(media, 'screenshot-secrets-api.png'), clip: { x: 0, y: 0, width: 700, height: 420 } });
  console.log('wrote media/screenshot.png and media/screenshot-secrets-api.png');
} finally {
  await wb?.close();
  await emulator.close();
  await cleanupAll();
}
