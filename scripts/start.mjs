// `npm start`: try Project Secrets in a real VS Code against the local Vercel emulator.
// Builds, starts the emulator (demo data) and code-server with this extension, prints the
// URL and a demo token. `--desktop` uses desktop VS Code (`code` on PATH) instead.
// The extension is symlinked into a dedicated extensions dir, so it loads whichever URL
// the browser opens (even a bare reload), and a rebuild + "Reload Window" picks up changes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};

if (flag('help')) {
  console.log(`npm start [-- options]
  --desktop            open desktop VS Code (\`code\` on PATH) instead of code-server
  --port N             code-server port (default 8080, or the next free one)
  --emulator-port N    emulator port (default 3737, or the next free one)
  --folder PATH        folder to open (default samples/demo, a small sample project)
  --fresh              forget accounts and settings from earlier runs (.vscode-test/start*)
  --no-build           skip npm run build / tsc`);
  process.exit(0);
}

function run(cmd, args, { allowFail = false } = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 && !allowFail) {
    console.error(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return r.status === 0;
}

/** The first port from `start` that 127.0.0.1 can bind (tries 50). */
async function freePort(start) {
  for (let port = start; port < start + 50; port++) {
    const ok = await new Promise((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${start}..${start + 49}`);
}

// 1. Dependencies and build (tsc compiles the emulator and the code-server launcher used below).
if (!existsSync(join(root, 'node_modules'))) run('npm', ['install', '--no-audit', '--no-fund']);
const needed = ['dist/extension.js', 'out/emulator/index.js', 'out/tools/codeServer/codeServer.js'];
if (!flag('no-build')) {
  run('npm', ['run', 'build']);
  // Type errors elsewhere in the repo still emit JavaScript; only missing output is fatal.
  if (!run('npx', ['tsc', '-p', 'tsconfig.json'], { allowFail: true })) console.warn('tsc reported errors; continuing with the emitted JavaScript');
}
for (const f of needed) if (!existsSync(join(root, f))) { console.error(`missing ${f}: the build failed`); process.exit(1); }

const { startEmulator, demoTokens, secretsApiKeys, marketplaceDemo } = require(join(root, 'out/emulator/index.js'));
const harness = require(join(root, 'out/tools/codeServer/codeServer.js'));
const { onCleanup } = require(join(root, 'out/tools/codeServer/cleanup.js'));
// A normal sample project, not the test fixture (whose settings try to redirect the API on purpose).
const folder = resolve(option('folder', join(root, 'samples', 'demo')));

// 2. The emulator, with demo data.
const emulator = await startEmulator({ port: await freePort(Number(option('emulator-port', 3737))), seed: true });
onCleanup('emulator', () => emulator.close());

function banner(where) {
  console.log(`
  Project Secrets is running against the local emulator (Vercel, Marketplace, Secrets API).

    Open:        ${where}
    Then:        click the Project Secrets (lock) icon in the activity bar → "Add Vercel Account"
    Demo token:  ${demoTokens.alice}   (user alice; bob: ${demoTokens.bob})
    Secrets API: "Add Secrets API Connection…" with URL ${emulator.url} and key ${secretsApiKeys.main},
                 then "Add Project…" proj_web (12 secrets) or proj_full (25, the cap)
    Marketplace: "Add Vercel Marketplace Installation…" ${marketplaceDemo.installationId}, token ${marketplaceDemo.token}
    Emulator:    ${emulator.url}   (state: ${emulator.url}/_emulator/state)
    Stop:        Ctrl+C
`);
}

if (flag('desktop')) {
  // 3a. Desktop VS Code with a dedicated profile; machine-scoped settings of a local window live in User settings.
  if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error('`code` is not on PATH: install VS Code (Shell Command: Install \'code\' command in PATH) or drop --desktop');
    process.exit(1);
  }
  const base = join(root, '.vscode-test', 'start-desktop');
  if (flag('fresh')) rmSync(base, { recursive: true, force: true });
  const settingsFile = join(base, 'data', 'User', 'settings.json');
  mkdirSync(join(base, 'data', 'User'), { recursive: true });
  let settings = {};
  try { settings = JSON.parse(readFileSync(settingsFile, 'utf8')); } catch { /* first run */ }
  settings[harness.API_URL_SETTING] = emulator.url;
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n');
  // --wait keeps `code` running until the window closes; childEnv drops VSCODE_IPC_HOOK_CLI,
  // which would otherwise hand the folder to an already-open VS Code with another profile.
  const code = spawn('code', ['--new-window', '--wait', `--user-data-dir=${join(base, 'data')}`,
    `--extensions-dir=${join(base, 'extensions')}`, `--extensionDevelopmentPath=${root}`, folder],
  { stdio: 'inherit', env: harness.childEnv({ PROJECT_SECRETS_EMULATOR_URL: emulator.url }) });
  onCleanup('code', () => { code.kill(); });
  banner('the VS Code window that just opened ([Extension Development Host])');
  code.on('exit', () => { console.log('VS Code window closed; stopping the emulator.'); void emulator.close().then(() => process.exit(0)); });
} else {
  // 3b. code-server with the extension symlinked into its own extensions dir.
  harness.ensureCodeServer();
  const base = join(root, '.vscode-test', 'start');
  if (flag('fresh')) rmSync(base, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const extensionsDir = join(base, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  for (const name of readdirSync(extensionsDir)) {
    if (name.startsWith(`${id}-`) || name === 'extensions.json') rmSync(join(extensionsDir, name), { recursive: true, force: true });
  }
  // extensions.json is removed above so code-server rescans the folder and finds the link.
  symlinkSync(root, join(extensionsDir, `${id}-${pkg.version}`), 'dir');
  const cs = await harness.startCodeServer({
    logName: 'start',
    dataDir: base,
    port: await freePort(Number(option('port', 8080))),
    apiUrl: emulator.url,
    folder,
    env: { PROJECT_SECRETS_EMULATOR_URL: emulator.url },
  });
  banner(`${cs.url}/?folder=${encodeURIComponent(folder)}`);
  console.log(`    code-server log: ${cs.log.file}\n    After a rebuild (npm run watch), reload the page to load the new code.\n`);
  let stopping = false;
  process.once('SIGINT', () => { stopping = true; });
  process.once('SIGTERM', () => { stopping = true; });
  void cs.exited.then(() => {
    if (stopping) return; // Ctrl+C: the cleanup handler is shutting everything down
    console.error(`code-server exited unexpectedly; see ${cs.log.file}`);
    process.exit(1);
  });
}
