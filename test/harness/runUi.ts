// `npm run test:ui`: mocha in plain Node driving the real workbench (code-server +
// headless Chromium) like a person. One emulator serves every UI test file; each file
// opens its own workbench through openWorkbench() so files can differ (e.g. trust on).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { cleanupAll, onCleanup } from './cleanup';
import { assertBuilt, ensureCodeServer } from './codeServer';
import { repoRoot, since } from './log';

const TIMEOUT_MS = Number(process.env.UI_TIMEOUT_MS ?? 10 * 60_000);
const uiDir = path.join(repoRoot, 'out', 'test', 'ui');

async function main(): Promise<number> {
  const t0 = Date.now();
  assertBuilt();
  ensureCodeServer();
  const files = fs.existsSync(uiDir)
    ? fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(uiDir, f))
    : [];
  if (files.length === 0) throw new Error(`no UI tests in ${path.relative(repoRoot, uiDir)}; run \`npx tsc -p tsconfig.json\``);

  const emulator = await startEmulator({ port: 0, seed: true });
  onCleanup('emulator', () => emulator.close());
  process.env.PROJECT_SECRETS_EMULATOR_URL = emulator.url;
  console.log(`emulator at ${emulator.url}`);

  const grep = process.env.UI_GREP; // e.g. UI_GREP="Load more" npm run test:ui
  const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, slow: 10_000, bail: false, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`UI tests finished with ${failures} failure(s) after ${since(t0)}; screenshots in test-results/screenshots/`);
  return failures === 0 ? 0 : 1;
}

const timer = setTimeout(() => {
  console.error(`\nUI tests timed out after ${TIMEOUT_MS / 1000}s (UI_TIMEOUT_MS); see test-results/ui-*.log`);
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
