// `npm run test:cli`: the official Vercel CLI (installed by scripts/install-vercel-cli.sh into
// .cache/, not a dependency) against the emulator (out/emulator, built by `npm run pretest`).
// Each step runs one CLI command with `--api <emulator> --token <demo token>`, then asserts its
// exit code, its output and the emulator's resulting state. Offline-safe: telemetry and update
// checks are off, HOME and the CLI's config are temporary, and a preload refuses (and records)
// any connection that is not to loopback. Bounded: 60 s per command, 4 minutes in all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const version = process.env.VERCEL_CLI_VERSION ?? '64.0.2';
const cli = join(root, '.cache', `vercel-cli-${version}`, 'node_modules', 'vercel', 'dist', 'index.js');
const commandTimeoutMs = 60_000;
const totalTimeoutMs = 4 * 60_000;

const { startEmulator, demoTokens } = require(join(root, 'out', 'emulator', 'index.js'));

const work = mkdtempSync(join(tmpdir(), 'cli-compat-'));
const offline = join(work, 'offline.cjs');
const attempts = join(work, 'non-loopback.log');
// Preloaded into every node process the CLI starts: only loopback TCP connections (and local sockets) are allowed.
writeFileSync(offline, `
const net = require('node:net'), fs = require('node:fs');
const loopback = (h) => !h || h === 'localhost' || h === '::1' || /^127\\./.test(h) || /^::ffff:127\\./.test(h);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalized arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const o = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (o.path === undefined && !loopback(o.host)) {
    fs.appendFileSync(${JSON.stringify(attempts)}, String(o.host) + ':' + String(o.port) + '\\n');
    process.nextTick(() => this.destroy(new Error('cli-compat: no network but loopback')));
    return this;
  }
  return connect.apply(this, args);
};
`);

const emu = await startEmulator({ validateContract: true });
const home = join(work, 'home');
const globalConfig = join(work, 'global-config');
mkdirSync(home);
mkdirSync(globalConfig);
const env = {
  PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'),
  NO_UPDATE_NOTIFIER: '1', VERCEL_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1',
  NODE_OPTIONS: `--require ${offline}`,
};

/** A folder linked to a project, as `vercel link` leaves it. */
function linkedFolder(name, projectId, orgId) {
  const dir = join(work, name);
  mkdirSync(join(dir, '.vercel'), { recursive: true });
  writeFileSync(join(dir, '.vercel', 'project.json'), JSON.stringify({ projectId, orgId }));
  return dir;
}
const personal = linkedFolder('alice-blog', 'prj_aliceblog', 'user_alice');
const team = linkedFolder('acme-web', 'prj_acmeweb', 'team_acme');

/** Runs `vercel <args>` in `cwd` with `input` on stdin; resolves with its exit code and output (stdout + stderr). */
function vercel(cwd, args, input = '') {
  const argv = [cli, ...args, '--api', emu.url, '--token', demoTokens.alice, '--global-config', globalConfig, '--no-color'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`vercel ${args.join(' ')}: no exit within ${commandTimeoutMs} ms\n${output}`)); }, commandTimeoutMs);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
    child.stdin.end(input);
  });
}

const project = (id) => emu.state.projects.find((p) => p.id === id);
const envsNamed = (projectId, key) => project(projectId).envs.filter((e) => e.key === key);
const requestsSince = (n) => emu.requests.slice(n).map((r) => `${r.method} ${r.path}`);

const steps = [
  ['env ls lists the linked project\'s variables, sensitive ones hidden', async () => {
    const { code, output } = await vercel(personal, ['env', 'ls']);
    assert.equal(code, 0, output);
    for (const key of ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL', 'STRIPE_SECRET_KEY', 'PREVIEW_API_KEY', 'VERCEL_GIT_COMMIT_SHA']) assert.match(output, new RegExp(`\\b${key}\\b`));
    assert.match(output, /STRIPE_SECRET_KEY\s+Hidden\s+Secret/);
    assert.match(output, /Preview \(feature\/login\)/);
    assert.ok(!output.includes('sk_live_alice_stripe_0001') && !output.includes('blog-db-pass-1'), 'a secret value in the output');
  }],
  ['env add (Development) stores a readable variable', async () => {
    const { code, output } = await vercel(personal, ['env', 'add', 'CLI_DEV_VAR', 'development'], 'cli-dev-value-1');
    assert.equal(code, 0, output);
    assert.match(output, /Added\s+CLI_DEV_VAR/);
    const [created, ...more] = envsNamed('prj_aliceblog', 'CLI_DEV_VAR');
    assert.deepEqual(more, []);
    assert.deepEqual([created.value, created.type, created.target, created.visibility], ['cli-dev-value-1', 'encrypted', ['development'], 'config']);
  }],
  ['env add with a git branch stores a Preview secret for that branch', async () => {
    const { code, output } = await vercel(personal, ['env', 'add', 'CLI_BRANCH_VAR', 'preview', 'feature/cli'], 'cli-branch-value-1');
    assert.equal(code, 0, output);
    const [created] = envsNamed('prj_aliceblog', 'CLI_BRANCH_VAR');
    assert.deepEqual([created.value, created.type, created.target, created.gitBranch, created.visibility],
      ['cli-branch-value-1', 'sensitive', ['preview'], 'feature/cli', 'secret']);
  }],
  ['env add --sensitive stores a sensitive Production variable', async () => {
    const { code, output } = await vercel(personal, ['env', 'add', 'CLI_SENSITIVE', 'production', '--sensitive'], 'cli-sensitive-value-1');
    assert.equal(code, 0, output);
    const [created] = envsNamed('prj_aliceblog', 'CLI_SENSITIVE');
    assert.deepEqual([created.value, created.type, created.target], ['cli-sensitive-value-1', 'sensitive', ['production']]);
  }],
  ['env add of an existing name and environment fails (403 ENV_ALREADY_EXISTS) and changes nothing', async () => {
    const before = emu.requests.length;
    const { code, output } = await vercel(personal, ['env', 'add', 'CLI_DEV_VAR', 'development'], 'cli-dev-value-2');
    assert.notEqual(code, 0, output);
    assert.match(output, /already exists/);
    const last = emu.requests.slice(before).filter((r) => r.method === 'POST');
    assert.deepEqual(last.map((r) => r.status), [403]);
    assert.deepEqual(envsNamed('prj_aliceblog', 'CLI_DEV_VAR').map((e) => e.value), ['cli-dev-value-1']);
  }],
  ['env update changes the value in place (same id, PATCH /v10)', async () => {
    const [before] = envsNamed('prj_aliceblog', 'CLI_DEV_VAR');
    const n = emu.requests.length;
    const { code, output } = await vercel(personal, ['env', 'update', 'CLI_DEV_VAR', 'development', '--yes'], 'cli-dev-value-3');
    assert.equal(code, 0, output);
    assert.match(output, /Updated\s+CLI_DEV_VAR/);
    assert.ok(requestsSince(n).includes(`PATCH /v10/projects/prj_aliceblog/env/${before.id}`), requestsSince(n).join('\n'));
    const [after, ...more] = envsNamed('prj_aliceblog', 'CLI_DEV_VAR');
    assert.deepEqual(more, []);
    assert.deepEqual([after.id, after.value, after.target], [before.id, 'cli-dev-value-3', ['development']]);
  }],
  ['env rm from one environment keeps the variable in the others', async () => {
    const [before] = envsNamed('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL');
    const { code, output } = await vercel(personal, ['env', 'rm', 'NEXT_PUBLIC_SITE_URL', 'preview', '--yes'], '');
    assert.equal(code, 0, output);
    const [after, ...more] = envsNamed('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL');
    assert.deepEqual(more, []);
    assert.deepEqual([after.id, after.target], [before.id, ['production', 'development']]);
  }],
  ['env rm without an environment removes the variable everywhere (DELETE /v10)', async () => {
    const [before] = envsNamed('prj_aliceblog', 'DATABASE_URL');
    const n = emu.requests.length;
    const { code, output } = await vercel(personal, ['env', 'rm', 'DATABASE_URL', '--yes'], '');
    assert.equal(code, 0, output);
    assert.ok(requestsSince(n).includes(`DELETE /v10/projects/prj_aliceblog/env/${before.id}`), requestsSince(n).join('\n'));
    assert.deepEqual(envsNamed('prj_aliceblog', 'DATABASE_URL'), []);
  }],
  ['env pull writes the Development variables to the file', async () => {
    const { code, output } = await vercel(personal, ['env', 'pull', '.env.cli', '--environment', 'development', '--yes'], '');
    assert.equal(code, 0, output);
    const lines = readFileSync(join(personal, '.env.cli'), 'utf8').split('\n').filter((l) => l !== '');
    assert.deepEqual(lines, [
      '# Created by Vercel CLI',
      'CLI_DEV_VAR="cli-dev-value-3"',
      'NEXT_PUBLIC_SITE_URL="https://alice.example.com"',
      'VERCEL_GIT_COMMIT_SHA=""',
    ]);
  }],
  ['env pull of a preview branch adds that branch\'s variables', async () => {
    const { code, output } = await vercel(personal, ['env', 'pull', '.env.preview', '--environment', 'preview', '--git-branch', 'feature/login', '--yes'], '');
    assert.equal(code, 0, output);
    const text = readFileSync(join(personal, '.env.preview'), 'utf8');
    assert.match(text, /^PREVIEW_API_KEY="preview-key-0002"$/m);
    assert.ok(!text.includes('CLI_BRANCH_VAR'), 'another branch\'s variable');
  }],
  ['projects ls lists the personal projects (GET /v9/projects)', async () => {
    const { code, output } = await vercel(personal, ['projects', 'ls'], '');
    assert.equal(code, 0, output);
    for (const name of ['alice-blog', 'alice-portfolio', 'alice-api']) assert.match(output, new RegExp(`\\b${name}\\b`));
    assert.ok(!output.includes('acme-web'), 'a team project in the personal list');
  }],
  ['teams ls lists the user\'s teams', async () => {
    const { code, output } = await vercel(personal, ['teams', 'ls'], '');
    assert.equal(code, 0, output);
    assert.match(output, /\bacme\s+Acme Inc\b/);
    assert.match(output, /\bglobex\s+Globex\b/);
  }],
  ['projects ls --scope <team slug> pages the team\'s 25 projects', async () => {
    const n = emu.requests.length;
    const { code, output } = await vercel(personal, ['projects', 'ls', '--scope', 'acme'], '');
    assert.equal(code, 0, output);
    assert.match(output, /\bacme-web\b/);
    assert.ok(!output.includes('alice-blog'), 'a personal project in the team list');
    const next = emu.state.projects.filter((p) => p.accountId === 'team_acme').sort((a, b) => b.updatedAt - a.updatedAt)[19].updatedAt;
    assert.match(output, new RegExp(`--next ${next}\\b`), 'the hint for the second page');
    assert.ok(requestsSince(n).includes('GET /teams/acme'), requestsSince(n).join('\n'));
  }],
  ['env ls in a folder linked to a team project reads it in the team\'s scope', async () => {
    const n = emu.requests.length;
    const { code, output } = await vercel(team, ['env', 'ls'], '');
    assert.equal(code, 0, output);
    assert.match(output, /acme\/acme-web/);
    for (const key of ['API_URL', 'AUTH_SECRET', 'DATABASE_PASSWORD', 'ANALYTICS_KEY']) assert.match(output, new RegExp(`\\b${key}\\b`));
    const list = emu.requests.slice(n).find((r) => r.method === 'GET' && r.path === '/v10/projects/prj_acmeweb/env');
    assert.equal(list?.query.teamId, 'team_acme');
    assert.ok(requestsSince(n).includes('GET /teams/team_acme'), requestsSince(n).join('\n'));
  }],
];

let passed = 0;
let failed = 0;
const deadline = setTimeout(() => { console.error(`cli-compat: over ${totalTimeoutMs / 1000} s, stopping`); process.exit(1); }, totalTimeoutMs);
try {
  const { output } = await vercel(personal, ['--version']);
  console.log(`cli-compat: ${output.trim().split('\n').pop()} against the emulator at ${emu.url}`);
  for (const [name, run] of steps) {
    const t0 = Date.now();
    try {
      await run();
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${name}\n${String(err instanceof Error ? err.stack ?? err.message : err).replace(/^/gm, '      ')}`);
    }
  }
  const extra = [
    ['the CLI reached nothing but loopback', () => assert.equal(readIfExists(attempts), '')],
    ['every exchange conformed to the OpenAPI subset', () => assert.deepEqual(emu.contractViolations, [])],
  ];
  for (const [name, check] of extra) {
    try {
      check();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${name}\n      ${err instanceof Error ? err.message : err}`);
    }
  }
} finally {
  clearTimeout(deadline);
  await emu.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`cli-compat: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

function readIfExists(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
