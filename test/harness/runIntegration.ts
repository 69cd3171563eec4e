// `npm run test:integration`: runs the mocha suite in out/test/integration inside the
// Node extension host of a real VS Code (code-server), against the Vercel emulator.
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { exposeAutomation } from './automation';
import { launchBrowser } from './browser';
import { cleanupAll, onCleanup } from './cleanup';
import { assertBuilt, startCodeServer, type CodeServer } from './codeServer';
import { repoRoot, since } from './log';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
const suite = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

async function main(): Promise<number> {
  const t0 = Date.now();
  assertBuilt(suite);
  const emulator = await startEmulator({ port: 0, seed: true });
  onCleanup('emulator', () => emulator.close());
  console.log(`emulator at ${emulator.url}`);

  const cs: CodeServer = await startCodeServer({
    logName: 'integration',
    apiUrl: emulator.url,
    env: { PROJECT_SECRETS_EMULATOR_URL: emulator.url },
  });
  console.log(`code-server ${cs.url} ready in ${(cs.startMs / 1000).toFixed(1)}s (log: ${path.relative(process.cwd(), cs.log.file)})`);
  try {
    const { page } = await launchBrowser(cs.log);
    const automation = await exposeAutomation(page, cs.log);
    const url = cs.workbenchUrl({ extensionTestsPath: suite });
    cs.log.write('harness', `opening ${url}`);
    await page.goto(url);
    // A workbench that fails to load never calls codeAutomationExit: the page closing
    // or crashing must end the run too, instead of waiting for the global timeout.
    const pageGone = new Promise<number>((resolve) => {
      page.once('crash', () => resolve(98));
      page.once('close', () => resolve(99));
    });
    const code = await Promise.race([automation.exitCode, pageGone]);
    console.log(`\nintegration suite exited with ${code} after ${since(t0)}`);
    if (code !== 0) cs.log.printTail();
    return code;
  } catch (err) {
    cs.log.printTail();
    throw err;
  }
}

const timer = setTimeout(() => {
  console.error(`\nintegration tests timed out after ${TIMEOUT_MS / 1000}s (INTEGRATION_TIMEOUT_MS); see test-results/integration.log`);
  void cleanupAll().finally(() => process.exit(1));
}, TIMEOUT_MS);

main()
  .then(async (code) => {
    clearTimeout(timer);
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    clearTimeout(timer);
    console.error(err instanceof Error ? err.stack : err);
    await cleanupAll();
    process.exit(1);
  });
