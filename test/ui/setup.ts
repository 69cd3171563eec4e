// What every UI test file does first: a clean emulator, VS Code with the extension in
// headless Chromium, a screenshot when a test fails, and closing it all afterwards; and
// the person's first steps: open the view, add a Vercel account with a demo token.
import type { Context } from 'mocha';
import { openWorkbench, type OpenWorkbenchOptions, type Workbench } from '../harness/workbench';
import { scaled } from '../harness/timeouts';

/**
 * Registers the suite's hooks: before (reset the emulator, start the workbench, hand it
 * to `opened`), beforeEach (stretch the test's and Playwright's timeouts by the load),
 * afterEach (screenshot of a failure), after (close). Call it inside `describe`.
 * `baseTestTimeoutMs` is a test's timeout on a quiet machine (default 90 s).
 */
export function setupWorkbench(
  name: string,
  opened: (wb: Workbench) => void,
  options: Omit<OpenWorkbenchOptions, 'name'> & { baseTestTimeoutMs?: number } = {},
): void {
  const { baseTestTimeoutMs = 90_000, ...openOptions } = options;
  let wb: Workbench | undefined;

  before(async function (this: Context) {
    this.timeout(scaled(180_000)); // code-server + Chromium + first workbench load on 2 cores
    // A clean emulator: earlier files may have changed its data or its config.
    const url = process.env.PROJECT_SECRETS_EMULATOR_URL;
    const reset = () => fetch(`${url}/_emulator/reset`, { method: 'POST' });
    // Once more on a network error: a pooled keep-alive connection the emulator closed meanwhile (e.g. after a long build) fails once.
    if (url) await reset().catch(reset);
    wb = await openWorkbench({ name, ...openOptions });
    opened(wb);
  });

  beforeEach(function (this: Context) {
    this.currentTest?.timeout(scaled(baseTestTimeoutMs));
    wb?.page.setDefaultTimeout(scaled(20_000));
  });

  afterEach(async function (this: Context) {
    if (this.currentTest?.state === 'failed' && wb) {
      const file = await wb.screenshot(`FAILED-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`);
      console.log(`    screenshot of the failure: ${file}; log: ${wb.codeServer.log.file}`);
    }
  });

  after(async function () {
    await wb?.close();
  });
}

/**
 * Opens the Project Secrets view, widens the side bar to `sidebarWidth` px (so rows show
 * their descriptions whole) and adds a Vercel account from the palette with `token` in
 * the password box; resolves once the account's row is drawn with `accountLabel`.
 */
export async function addVercelAccount(wb: Workbench, token: string, opts: { sidebarWidth?: number; accountLabel?: string } = {}): Promise<void> {
  await wb.openViewContainer('Project Secrets');
  if (opts.sidebarWidth) await wb.widenSidebar(opts.sidebarWidth);
  await wb.runCommand('Project Secrets: Add Vercel Account…');
  await wb.answerInput(token, { password: true });
  if (opts.accountLabel) await wb.waitForRow(opts.accountLabel);
}
