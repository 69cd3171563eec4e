// Renders media/icon.svg (the source, kept in the repository) to media/icon.png, the 128×128
// icon of the extension's Marketplace and Extensions view entry, with headless Chromium
// (playwright-core, already a dev dependency; CHROMIUM_PATH or /usr/bin/chromium).
// Run: node scripts/make-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const media = fileURLToPath(new URL('../media/', import.meta.url));
const svg = readFileSync(`${media}icon.svg`, 'utf8');
const size = 128;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(`${media}icon.png`, png);
  console.log(`wrote media/icon.png (${png.length} bytes)`);
} finally {
  await browser.close();
}
