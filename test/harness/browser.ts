// Headless Debian Chromium driven by playwright-core (no browser download needed),
// with the page's console mirrored into the harness log for post-mortems.
import * as fs from 'fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import type { HarnessLog } from './log';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags from shared/notes/real-vscode-testing.md: no sandbox (root in CI), no GPU,
// and nothing that phones home (there is no internet, and it would only add noise).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(log: HarnessLog): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const close = onCleanup('chromium', () => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('console', (msg) => log.write(`browser:${msg.type()}`, msg.text()));
  page.on('pageerror', (err) => log.write('browser:pageerror', err.stack ?? err.message));
  page.on('crash', () => log.write('browser', 'page crashed'));
  return { browser, context, page, close };
}
