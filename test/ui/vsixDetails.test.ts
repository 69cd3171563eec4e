// The packaged extension as a user gets it (issue 11, "a store-ready package"): `npm run
// package` writes the .vsix, code-server installs it (`--install-extension`, no development
// extension), and its details page in the Extensions view shows the icon and the README's
// screenshots: every image of the page is loaded (naturalWidth > 0), offline, from the .vsix.
// Screenshot: test-results/screenshots/vsixDetails-NN-details-page.png.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { setupWorkbench } from './setup';

const repoRoot = path.resolve(__dirname, '../../..');
const vsix = path.join(repoRoot, 'dist', 'project-secrets.vsix');
/** The README's images (alt texts start like this) and how many there are. */
/** What the tests read of an <img> in the page (no DOM types in this project). */
interface Img { complete: boolean; naturalWidth: number; naturalHeight: number; alt: string; src: string }

const readmeImages = (fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').match(/!\[[^\]]*\]\(media\/[^)]+\.png\)/g) ?? []).length;

describe('The .vsix in the Extensions view: README images and icon', function () {
  let wb: Workbench;
  let lastShot = '';

  // Before the workbench starts (hooks run in order): the .vsix it installs must exist.
  before(function () {
    this.timeout(120_000);
    const packed = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
    assert.strictEqual(packed.status, 0, `npm run package failed:\n${packed.stdout}\n${packed.stderr}`);
    assert.ok(fs.existsSync(vsix), `${vsix} was not written`);
    assert.ok(readmeImages >= 2, `the README shows ${readmeImages} images from media/`);
  });

  setupWorkbench('vsixDetails', (opened) => { wb = opened; }, { installExtensions: [vsix], developmentExtension: false });

  it('shows the icon and every README image on the details page', async function () {
    await wb.runCommand('Extensions: Show Enabled Extensions');
    const item = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Project Secrets' }).first();
    await item.waitFor();
    await item.click();

    const editor = wb.page.locator('.extension-editor');
    await editor.waitFor();
    const icon = editor.locator('.header img.icon').first();
    await icon.waitFor();
    await wb.page.waitForFunction((img) => (img as unknown as Img).complete && (img as unknown as Img).naturalWidth > 0, await icon.elementHandle());
    const iconSize = await icon.evaluate((img) => ({ width: (img as unknown as Img).naturalWidth, height: (img as unknown as Img).naturalHeight }));
    assert.deepStrictEqual(iconSize, { width: 128, height: 128 }, 'the icon as loaded');

    // The README is drawn in a webview: an iframe holding the content frame.
    const firstImage = wb.page.frameLocator('iframe.webview').frameLocator('iframe').locator('img').first();
    await firstImage.waitFor();
    const frame = await (await firstImage.elementHandle())?.ownerFrame() as Frame;
    const all = frame.locator('img');
    await all.nth(readmeImages - 1).waitFor();
    for (const handle of await all.elementHandles()) {
      await frame.waitForFunction((img) => (img as unknown as Img).complete && (img as unknown as Img).naturalWidth > 0, handle);
    }
    const images = await all.evaluateAll((els) => els.map((el) => {
      const img = el as unknown as Img;
      return { alt: img.alt, width: img.naturalWidth, src: img.src };
    }));
    lastShot = await wb.screenshot('details-page');
    assert.strictEqual(images.length, readmeImages, `images on the page: ${JSON.stringify(images)} (${lastShot})`);
    for (const image of images) assert.ok(image.width > 0, `${image.alt} did not load from ${image.src} (${lastShot})`);
    const text = await frame.locator('body').innerText();
    assert.match(text, /npm start/, `the README starts with how to try it (${lastShot})`);
  });
});
