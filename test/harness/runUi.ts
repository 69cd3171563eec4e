// `npm run test:ui`: mocha in plain Node driving the real workbench (code-server +
// headless Chromium) like a person. One emulator serves every UI test file; each file
// opens its own workbench through setupWorkbench() so files can differ (e.g. trust on).
//
// The flake finder: `npm run test:ui -- --repeat 5 [--load]` runs the whole suite 5 times
// and prints each test's pass count; `--load` keeps every core busy with a CPU hog (one
// spinning process per core) for the whole run, as a loaded CI machine would be.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import Mocha from 'mocha';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { cleanupAll, onCleanup } from './cleanup';
import { assertBuilt, ensureCodeServer } from './codeServer';
import { repoRoot, since } from './log';
import { loadFactor } from './timeouts';

const uiDir = path.join(repoRoot, 'out', 'test', 'ui');

interface Args {
  repeat: number;
  load: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { repeat: 1, load: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--load') args.load = true;
    else if (arg === '--repeat' || arg.startsWith('--repeat=')) {
      const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`--repeat takes a whole number from 1 to 100, not "${raw ?? ''}"`);
      args.repeat = n;
    } else throw new Error(`unknown option "${arg}"; usage: npm run test:ui -- [--repeat N] [--load]`);
  }
  return args;
}

/** Spins until its parent is gone, checking every ~16M iterations (a busy loop never runs timers). */
const HOG = 'const p = process.ppid; for (let i = 1; ; i++) if ((i & 0xffffff) === 0) { try { process.kill(p, 0); } catch { process.exit(0); } }';

/** One spinning Node process per core, stopped at cleanup; returns them. */
function startCpuHog(): ChildProcess[] {
  const hogs = os.cpus().map(() => spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' }));
  onCleanup('cpu hog', async () => { for (const hog of hogs) hog.kill('SIGKILL'); });
  return hogs;
}

/** Runs every UI file once in a fresh Mocha (files reloaded); records each test's outcome. */
async function runOnce(files: readonly string[], outcomes: Map<string, boolean[]>): Promise<number> {
  const grep = process.env.UI_GREP; // e.g. UI_GREP="Load more" npm run test:ui
  const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, slow: 10_000, bail: false, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  const record = (title: string, passed: boolean) => outcomes.set(title, [...(outcomes.get(title) ?? []), passed]);
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => record(test.fullTitle(), true));
    runner.on('fail', (test) => record(test.fullTitle(), false)); // hooks fail as "…" hook titles
  });
  mocha.unloadFiles(); // so the next round loads the test files afresh
  return failures;
}

function printPassCounts(outcomes: Map<string, boolean[]>, rounds: number): void {
  console.log(`\nPass counts over ${rounds} rounds:`);
  for (const [title, runs] of outcomes) {
    const passed = runs.filter(Boolean).length;
    console.log(`  ${passed}/${rounds}${passed === rounds ? '  ' : ' ✗'} ${title}`);
  }
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const args = parseArgs(process.argv.slice(2));
  assertBuilt();
  ensureCodeServer();
  const files = fs.existsSync(uiDir)
    ? fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(uiDir, f))
    : [];
  if (files.length === 0) throw new Error(`no UI tests in ${path.relative(repoRoot, uiDir)}; run \`npx tsc -p tsconfig.json\``);

  if (args.load) console.log(`CPU hog: ${startCpuHog().length} spinning processes (one per core)`);
  const emulator = await startEmulator({ port: 0, seed: true });
  onCleanup('emulator', () => emulator.close());
  process.env.PROJECT_SECRETS_EMULATOR_URL = emulator.url;
  console.log(`emulator at ${emulator.url}`);

  const outcomes = new Map<string, boolean[]>();
  let failedRounds = 0;
  for (let round = 1; round <= args.repeat; round++) {
    if (args.repeat > 1) console.log(`\n=== round ${round} of ${args.repeat} (load factor ${loadFactor().toFixed(2)}) ===`);
    if ((await runOnce(files, outcomes)) > 0) failedRounds += 1;
  }
  if (args.repeat > 1) printPassCounts(outcomes, args.repeat);
  console.log(`UI tests finished with ${failedRounds} failing ${failedRounds === 1 ? 'round' : 'rounds'} of ${args.repeat} after ${since(t0)}; screenshots in test-results/screenshots/`);
  return failedRounds === 0 ? 0 : 1;
}

// A hang must not outlive CI: 10 minutes per round unless UI_TIMEOUT_MS says otherwise.
const rounds = (() => { try { return parseArgs(process.argv.slice(2)).repeat; } catch { return 1; } })();
const TIMEOUT_MS = Number(process.env.UI_TIMEOUT_MS ?? rounds * 10 * 60_000);
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
