// Starts a real VS Code (code-server 4.100.3 = VS Code 1.100.3, installed offline by
// scripts/install-code-server.sh) with throw-away user data, the Machine-scoped API URL
// pointing at the emulator, and the workspace fixture; and builds workbench URLs that
// load this repo as a development extension (optionally running a mocha suite).
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { onCleanup } from './cleanup';
import { HarnessLog, repoRoot, resultsDir, since } from './log';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const installDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const entryJs = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const workspaceFixture = path.join(repoRoot, 'test', 'fixtures', 'workspace');
export const API_URL_SETTING = 'projectSecrets.vercel.apiUrl';

export interface CodeServerOptions {
  /** Log file name under test-results/ (without .log). */
  logName: string;
  log?: HarnessLog;
  /** Written to <user-data-dir>/Machine/settings.json, the only place a machine-scoped setting is read from. */
  apiUrl?: string;
  machineSettings?: Record<string, unknown>;
  /** Merged over quiet defaults into <user-data-dir>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** Default false (--disable-workspace-trust). True keeps Workspace Trust on; the folder then opens untrusted. */
  workspaceTrust?: boolean;
  /** Folder the workbench opens; default test/fixtures/workspace. */
  folder?: string;
  /** 0 (default) lets code-server pick a free port, which avoids a probe-then-bind race. */
  port?: number;
  /** Extra environment for code-server and so for the extension host (e.g. PROJECT_SECRETS_EMULATOR_URL). */
  env?: NodeJS.ProcessEnv;
  /** Keep the temp user-data-dir (also kept when KEEP_TEST_DATA=1). */
  keepData?: boolean;
  /** A persistent base dir (data/ and extensions/ inside) instead of a fresh temp dir; never deleted. */
  dataDir?: string;
  /** `.vsix` files installed (`code-server --install-extension`) into this server's extensions dir before it starts. */
  installExtensions?: readonly string[];
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly folder: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly log: HarnessLog;
  readonly startMs: number;
  /** Settles when code-server exits (crash, or after close()). */
  readonly exited: Promise<void>;
  workbenchUrl(opts?: WorkbenchOptions): string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Default: the repo root (this extension). null = no development extension. */
  extensionDevelopmentPath?: string | null;
  /** Absolute path of a compiled mocha entry exporting run(). */
  extensionTestsPath?: string;
  folder?: string;
  skipWelcome?: boolean;
}

/** Fails early, with the fix, when the extension bundle or a compiled suite is missing. */
export function assertBuilt(...files: string[]): void {
  const missing = [path.join(repoRoot, 'dist', 'extension.js'), ...files].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    const list = missing.map((f) => path.relative(repoRoot, f)).join(', ');
    throw new Error(`not built: ${list}; run \`npm run build && npx tsc -p tsconfig.json\` (npm test does it in pretest)`);
  }
}

/** Installs code-server with the repo script when the cached install is missing. */
export function ensureCodeServer(): void {
  if (fs.existsSync(path.join(installDir, '.complete')) && fs.existsSync(entryJs)) return;
  console.log(`code-server ${CODE_SERVER_VERSION} is not installed yet; running scripts/install-code-server.sh (about 4 minutes)…`);
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts', 'install-code-server.sh')], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CODE_SERVER_VERSION },
  });
  if (r.status !== 0) throw new Error(`scripts/install-code-server.sh failed (exit ${r.status ?? r.signal})`);
}

// Environment that would make code-server behave differently from a clean start:
// $PORT overrides --bind-addr, VSCODE_IPC_HOOK_CLI turns it into a CLI for another
// instance, PASSWORD/config switch auth. GITHUB_TOKEN has no business in the editor.
const STRIPPED_ENV = /^(PORT|PASSWORD|HASHED_PASSWORD|CODE_SERVER_CONFIG|GITHUB_TOKEN|ELECTRON_RUN_AS_NODE|VSCODE_.*)$/;

export function childEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!STRIPPED_ENV.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {}; // missing, or JSONC with comments: start from the defaults
  }
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/** Quiet, deterministic workbench: no startup editor, tips, update or gallery chatter. */
export function defaultUserSettings(workspaceTrust: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'window.restoreWindows': 'none',
    'git.openRepositoryInParentFolders': 'never', // the fixture sits inside this repo's git checkout
    // No "Your application running on port N is available" toasts for the emulator's port (code-server 4.100.3 honours it).
    'remote.autoForwardPorts': false,
    // With trust on, skip the modal so the folder opens (untrusted) without a click.
    ...(workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
  };
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: server, extension host, pty host, watchers
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** SIGKILL to the group even after its leader exited (the group lives while any member does). */
function killStragglers(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is empty.
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const t0 = Date.now();
  ensureCodeServer();
  const log = opts.log ?? new HarnessLog(opts.logName);
  const workspaceTrust = opts.workspaceTrust ?? false;
  const folder = path.resolve(opts.folder ?? workspaceFixture);
  const tmp = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ps-code-server-'));
  const userDataDir = path.join(tmp, 'data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const machineFile = path.join(userDataDir, 'Machine', 'settings.json');
  const userFile = path.join(userDataDir, 'User', 'settings.json');
  // Merged over what a persistent dataDir already has, so `npm start` keeps a person's settings.
  writeJson(machineFile, { ...readJson(machineFile), ...(opts.apiUrl ? { [API_URL_SETTING]: opts.apiUrl } : {}), ...opts.machineSettings });
  writeJson(userFile, { ...defaultUserSettings(workspaceTrust), ...readJson(userFile), ...opts.userSettings });
  for (const vsix of opts.installExtensions ?? []) {
    const installed = spawnSync(process.execPath, [entryJs, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--config', path.join(tmp, 'config.yaml'), '--install-extension', vsix], { cwd: repoRoot, env: childEnv(opts.env), encoding: 'utf8' });
    log.write('harness', `install ${vsix}: ${installed.stdout}${installed.stderr}`);
    if (installed.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${installed.status}): ${installed.stderr}`);
  }

  const args = [
    entryJs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(tmp, 'config.yaml'), // never read or write ~/.config/code-server
    folder,
  ];
  log.write('harness', `starting: node ${args.join(' ')}`);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv(opts.env),
    detached: true, // own process group, so close() can kill the extension host too
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const keep = opts.dataDir !== undefined || opts.keepData || process.env.KEEP_TEST_DATA === '1';
  let closed = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = onCleanup(
    'code-server',
    async () => {
      if (closed) return;
      closed = true;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      killStragglers(child); // e.g. a watcher or pty host that outlived the server
      copyVsCodeLogs(userDataDir, opts.logName);
      if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
      else log.write('harness', `kept user data in ${tmp}`);
    },
    () => killStragglers(child),
  );

  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    let found = false;
    const onData = (source: string) => (chunk: Buffer) => {
      const text = chunk.toString();
      log.write(source, text);
      if (found) return;
      buffered += text; // a line can arrive split over two chunks
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
      if (m) {
        found = true;
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData('code-server'));
    child.stderr?.on('data', onData('code-server:err'));
    child.once('exit', (code, signal) => reject(new Error(`code-server exited during startup (code ${code}, signal ${signal})`)));
    setTimeout(() => reject(new Error('code-server did not report its port within 60 s')), 60_000).unref();
  }).catch(async (err: unknown) => {
    log.printTail();
    await close();
    throw err;
  });

  const url = `http://127.0.0.1:${port}`;
  // The port is open before the workbench routes are; wait until it actually serves.
  const deadline = Date.now() + 60_000;
  while ((await httpStatus(`${url}/healthz`)) !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) {
      log.printTail();
      await close();
      throw new Error(`code-server at ${url} did not answer /healthz within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const startMs = Date.now() - t0;
  log.write('harness', `code-server ready at ${url} after ${since(t0)}`);

  return {
    url,
    port,
    folder,
    userDataDir,
    extensionsDir,
    log,
    startMs,
    exited,
    close,
    workbenchUrl: (w: WorkbenchOptions = {}) => workbenchUrl(port, { folder, ...w }),
  };
}

/** `http://127.0.0.1:PORT/?folder=…&payload=…`, the same development options VS Code's own browser tests use. */
export function workbenchUrl(port: number, w: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p).split(path.sep).join('/')}`;
  const payload: [string, string][] = [];
  const dev = w.extensionDevelopmentPath === undefined ? repoRoot : w.extensionDevelopmentPath;
  if (dev) payload.push(['extensionDevelopmentPath', remote(dev)]);
  if (w.extensionTestsPath) payload.push(['extensionTestsPath', remote(w.extensionTestsPath)]);
  if (w.skipWelcome ?? true) payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams();
  query.set('folder', path.resolve(w.folder ?? workspaceFixture));
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

/** VS Code's own logs (extension host, the extension's output channel) are kept next to ours. */
function copyVsCodeLogs(userDataDir: string, name: string): void {
  const src = path.join(userDataDir, 'logs');
  if (!fs.existsSync(src)) return;
  const dest = path.join(resultsDir, `${name}-vscode-logs`);
  try {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(src, dest, { recursive: true });
  } catch {
    // Diagnostics only.
  }
}
