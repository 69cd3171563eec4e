// `npm run bench`: what each action costs in round trips and time, the extension against the
// official Vercel CLI, on the emulator behind a proxy that adds a fixed latency to every request
// (default 50 ms, like a far-away API) and counts them. The extension's side runs the code its
// commands run (out/src/core: the clients and the list patching; dist/transport.js: the shipped
// HTTP bundle); the CLI's side runs the CLI cached by scripts/install-vercel-cli.sh, pointed at
// the proxy as scripts/cli-compat.mjs does, when it is there. Times are medians of one run's
// repetitions: compare ratios, not absolute numbers (the machine and its load vary).
// Usage: node scripts/bench.mjs [--latency 50] [--runs 5] [--cli-runs 3] [--no-cli]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { values: flags } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
    'cli-runs': { type: 'string', default: '3' },
    'no-cli': { type: 'boolean', default: false },
  },
});
const latencyMs = Number(flags.latency);
const runs = Number(flags.runs);
const cliRuns = Number(flags['cli-runs']);
for (const [name, value] of [['--latency', latencyMs], ['--runs', runs], ['--cli-runs', cliRuns]]) {
  if (!Number.isInteger(value) || value < 0 || (name !== '--latency' && value < 1)) throw new Error(`${name} must be a whole number${name === '--latency' ? '' : ' ≥ 1'}`);
}
for (const file of ['out/emulator/index.js', 'out/src/core/vercel/client.js', 'dist/transport.js']) {
  if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build && npm run compile-tests\` (npm run bench does)`);
}

const { startEmulator, addBulk, demoTokens } = require(join(root, 'out/emulator/index.js'));
const { JsonApi } = require(join(root, 'out/src/core/http/jsonApi.js'));
const { VercelClient } = require(join(root, 'out/src/core/vercel/client.js'));
const { applyEnvChanges, findClash } = require(join(root, 'out/src/core/vercel/envList.js'));
const { parseDotenv } = require(join(root, 'out/src/core/dotenv/parse.js'));
const { buildReview, isSendable } = require(join(root, 'out/src/core/dotenv/review.js'));
const { planWrites, vercelRemote } = require(join(root, 'out/src/core/vercel/envPushPlan.js'));
const { sendBatch } = require(join(root, 'out/src/core/vercel/envPush.js'));
const { createUndiciTransport } = require(join(root, 'dist/transport.js'));
const { findVariables } = require(join(root, 'out/src/core/find/finder.js'));
const { VariableIndex } = require(join(root, 'out/src/core/find/matches.js'));

const work = mkdtempSync(join(tmpdir(), 'bench-'));

// --- The emulator, with the volume the issue names: 1,000 more personal projects, a 1,000-variable project.
const emu = await startEmulator({ port: 0 });
addBulk(emu.state, { projects: { accountId: 'user_alice', count: 1000, prefix: 'bench', withEnvs: true } });
addBulk(emu.state, { envs: { projectId: 'prj_aliceapi', count: 1000 } });
const projectCount = emu.state.projects.filter((p) => p.accountId === 'user_alice').length;

// --- The latency proxy: every request waits `latencyMs`, then goes to the emulator; it is counted here.
let requestCount = 0;
const upstream = new URL(emu.url);
const agent = new http.Agent({ keepAlive: true });
const proxy = http.createServer((req, res) => {
  requestCount += 1;
  setTimeout(() => {
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => { res.writeHead(502).end(); });
    req.pipe(out);
  }, latencyMs);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
// A port nothing listens on: what "offline" is for both.
const closed = http.createServer();
await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
const offlineUrl = `http://127.0.0.1:${closed.address().port}`;
await new Promise((resolve) => closed.close(resolve));

const transport = createUndiciTransport();
const clientAt = (url) => new VercelClient(new JsonApi({ baseUrl: new URL(url), token: demoTokens.alice, transport, service: 'Vercel' }));
const client = clientAt(proxyUrl);
const personal = { kind: 'personal' };
const blog = { scope: personal, projectId: 'prj_aliceblog' };

/** Times `action` (after `prepare`, which is neither timed nor counted) `n` times: median ms and the requests of one run. */
async function measure(n, action, prepare = async () => undefined) {
  const times = [];
  let requests;
  for (let i = 0; i < n; i++) {
    const input = await prepare(i);
    const before = requestCount;
    const t = performance.now();
    const result = await action(input, i);
    // An action timed from inside (another process) says so with its own `ms`.
    times.push(typeof result?.ms === 'number' ? result.ms : performance.now() - t);
    const sent = requestCount - before;
    if (requests !== undefined && requests !== sent) requests = `${Math.min(requests, sent)}–${Math.max(requests, sent)}`;
    else requests ??= sent;
  }
  return { requests, ms: median(times) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// --- The extension: what its commands send, and the tree's patch from the answer (no re-list).
let loaded = applyEnvChanges(await client.listEnvs(personal, blog.projectId), []);
const newEnv = (key) => ({ key, value: `bench-value-${key}`, type: 'encrypted', targets: ['development'] });
const ext = {};
// As the project node does (issue 15): its variables and its custom environments, read in parallel.
ext.list = await measure(runs, async () => {
  const [envs] = await Promise.all([client.listEnvs(personal, blog.projectId), client.listCustomEnvironments(personal, blog.projectId)]);
  loaded = applyEnvChanges(envs, []);
});
ext.add = await measure(runs, async (env) => {
  // As Add Secret does: the clash check on the loaded list, one POST, the answer patched in.
  const upsert = findClash(loaded, env) !== undefined;
  loaded = applyEnvChanges(loaded, [{ put: await client.envs.create(blog, env, upsert) }]);
}, async (i) => newEnv(`BENCH_ADD_${i}`));
const target = loaded.find((e) => e.key === 'BENCH_ADD_0');
ext.setValue = await measure(runs, async (_, i) => {
  loaded = applyEnvChanges(loaded, [{ put: await client.envs.update(blog, target.id, { value: `bench-changed-${i}` }) }]);
});
ext.rename = await measure(runs, async (_, i) => {
  loaded = applyEnvChanges(loaded, [{ put: await client.envs.update(blog, target.id, { key: `BENCH_RENAMED_${i}` }) }]);
});
ext.delete = await measure(runs, async (id) => {
  await client.envs.delete(blog, id);
  loaded = applyEnvChanges(loaded, [{ removed: id }]);
}, async (i) => {
  const created = await client.envs.create(blog, newEnv(`BENCH_DEL_${i}`), false);
  loaded = applyEnvChanges(loaded, [{ put: created }]);
  return created.id;
});
ext.firstPage = await measure(runs, () => client.listProjects(personal));
ext.allProjects = await measure(runs, async () => {
  // What "Load more…" does, page after page: one request per 100 projects.
  let count = 0;
  let next;
  do {
    const page = await client.listProjects(personal, next);
    count += page.items.length;
    next = page.next;
  } while (next);
  if (count !== projectCount) throw new Error(`listed ${count} of ${projectCount} projects`);
});
ext.find = await measure(runs, async () => {
  // As Find Variable does with nothing loaded in the tree: teams, every page of projects of every
  // scope (their variables come with them), the teams' shared variables; then one keystroke's match.
  const index = new VariableIndex();
  const summary = await findVariables([{ connectionId: 'alice', label: 'alice', client }], { onFound: (found) => index.add(found) });
  if (summary.failures.length > 0) throw new Error(`find failed in ${summary.failures.length} of the scopes`);
  const { total } = index.match('DATABASE_URL');
  if (total < projectCount - 3) throw new Error(`found ${total} DATABASE_URL of ${projectCount}`);
});
ext.bigProject = await measure(runs, async () => { applyEnvChanges(await client.listEnvs(personal, 'prj_aliceapi'), []); });
ext.batch = await measure(runs, async (batch) => {
  const result = await client.envs.createMany(blog, batch, false);
  if (result.created.length !== 50) throw new Error(`created ${result.created.length} of 50`);
  loaded = applyEnvChanges(loaded, result.created.map((put) => ({ put })));
}, async (i) => Array.from({ length: 50 }, (_, k) => newEnv(`BENCH_BATCH_${i}_${k}`)));
ext.push = await measure(runs, async ({ text, pulled }) => {
  // As "Upload .env…" does once the file, environments and values are read: the review on the
  // loaded list, then ONE batch request (new keys the first run, upserts of changed ones after).
  const at = { targets: ['development'], customEnvironmentIds: [] };
  const { entries } = parseDotenv(text);
  const review = buildReview(entries, vercelRemote(loaded, at, pulled));
  const values = new Map(entries.map((e) => [e.name, e.value]));
  const choices = review.items.filter((item) => isSendable(item.kind)).map((item) => ({ key: item.key, value: values.get(item.key), type: 'encrypted', at }));
  const outcome = await sendBatch(client, blog, planWrites(loaded, choices));
  if (outcome.written.length !== 50) throw new Error(`pushed ${outcome.written.length} of 50`);
  loaded = applyEnvChanges(loaded, outcome.changes);
}, async (i) => ({
  text: Array.from({ length: 50 }, (_, k) => `BENCH_PUSH_${k}="bench push ${i} #${k}"`).join('\n'),
  pulled: new Map([['development', await client.push.pullValues(blog, 'development')]]),
}));
ext.warm = await measure(runs, () => client.getUser());
// A fresh extension host, three ways (see freshHostProbe): the first session after installing
// (no code cache yet), a later one whose first request comes before the view was shown (e.g. from
// the palette), and a later one with the Secrets view on screen (the transport preloaded).
const shipped = await buildShippedTransport();
const cacheDir = join(work, 'code-cache');
const probe = async (mode, dir) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', freshHostProbe(mode, dir)], { encoding: 'utf8' });
  return JSON.parse(stdout);
};
let installRun = 0;
ext.freshInstall = await measure(runs, async () => ({ ms: (await probe('request', join(work, `install-${installRun++}`))).firstMs }));
const seeded = await probe('request', cacheDir);
if (seeded.cache !== 'none') throw new Error(`the code cache folder was not empty (${seeded.cache})`);
ext.freshCached = await measure(runs, async () => {
  const result = await probe('request', cacheDir);
  if (result.cache !== 'used') throw new Error(`V8 did not use the code cache (${result.cache})`);
  return { ms: result.firstMs };
});
ext.freshNode = await measure(runs, async () => ({ ms: (await probe('node', cacheDir)).firstMs }));
ext.freshShown = await measure(runs, async () => {
  const result = await probe('shown', cacheDir);
  if (result.cache !== 'used') throw new Error(`V8 did not use the code cache (${result.cache})`);
  return { ms: result.firstMs };
});
const offlineClient = clientAt(offlineUrl);
ext.offline = await measure(runs, async () => {
  const failed = await offlineClient.listEnvs(personal, blog.projectId).then(() => false, () => true);
  if (!failed) throw new Error('a request to a closed port succeeded');
});

/**
 * A fresh node process that has loaded what an extension host has before our first request: the
 * Node modules VS Code's extension host itself uses (net for its connection to the window; http,
 * https and tls, patched at start-up by its proxy support), and our own modules of extension.js.
 * Then, timed: loading the shipped transport bundle through the code cache in `dir` as
 * extension.ts does (mode `request`), or only the request when the transport was preloaded
 * because the view was shown (mode `shown`), and one GET /v2/user; or the same request with
 * Node's built-in http client (mode `node`: the floor of a fresh process). Prints { firstMs, cache }.
 */
function freshHostProbe(mode, dir) {
  return `
for (const builtin of ['net', 'http', 'https', 'tls', 'crypto', 'stream', 'zlib', 'child_process']) require(builtin);
(async () => {
  const { JsonApi } = require(${JSON.stringify(join(root, 'out/src/core/http/jsonApi.js'))});
  const { VercelClient } = require(${JSON.stringify(join(root, 'out/src/core/vercel/client.js'))});
  const { LazyTransport } = require(${JSON.stringify(join(root, 'out/src/core/http/lazyTransport.js'))});
  const { loadWithCodeCache } = require(${JSON.stringify(join(root, 'out/src/core/http/codeCache.js'))});
  let bundle;
  const transport = new LazyTransport(() => {
    bundle = loadWithCodeCache(${JSON.stringify(shipped)}, ${JSON.stringify(dir)});
    return bundle.exports.createUndiciTransport();
  });
  if (${JSON.stringify(mode)} === 'node') {
    // The floor: Node's built-in HTTP client (no bundle to load), same fresh process, same request.
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true });
    const t = performance.now();
    await new Promise((resolve, reject) => http.get(new URL('/v2/user', ${JSON.stringify(proxyUrl)}), { agent, headers: { authorization: 'Bearer ${demoTokens.alice}' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject));
    console.log(JSON.stringify({ firstMs: performance.now() - t, cache: 'off' }));
    agent.destroy();
    return;
  }
  if (${JSON.stringify(mode)} === 'shown') transport.preload();
  const client = new VercelClient(new JsonApi({ baseUrl: new URL(${JSON.stringify(proxyUrl)}), token: ${JSON.stringify(demoTokens.alice)}, transport, service: 'Vercel' }));
  const t = performance.now();
  await client.getUser();
  const firstMs = performance.now() - t;
  bundle.saveCache();
  console.log(JSON.stringify({ firstMs, cache: bundle.cache }));
  await transport.close();
})();`;
}

/** dist/transport.js as `npm run package` ships it (minified), built into the bench's folder. */
async function buildShippedTransport() {
  const esbuild = await import('esbuild');
  const { buildOptions } = await import(pathToFileURL(join(root, 'esbuild.mjs')).href);
  const options = buildOptions({ production: true });
  const outdir = join(work, 'dist');
  await esbuild.build({ ...options, entryPoints: { transport: options.entryPoints.transport }, outdir, logLevel: 'silent' });
  return join(outdir, 'transport.js');
}

// --- The official CLI, same actions, same proxy.
const cliVersion = process.env.VERCEL_CLI_VERSION ?? '64.0.2';
const cliPath = join(root, '.cache', `vercel-cli-${cliVersion}`, 'node_modules', 'vercel', 'dist', 'index.js');
const cli = {};
if (!flags['no-cli'] && existsSync(cliPath)) {
  const home = join(work, 'home');
  const globalConfig = join(work, 'global-config');
  mkdirSync(home);
  mkdirSync(globalConfig);
  // As in cli-compat.mjs: no network but loopback, no telemetry, no update checks.
  const offlineGuard = join(work, 'offline.cjs');
  writeFileSync(offlineGuard, `
const net = require('node:net');
const loopback = (h) => !h || h === 'localhost' || h === '::1' || /^127\\./.test(h) || /^::ffff:127\\./.test(h);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const o = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (o.path === undefined && !loopback(o.host)) { process.nextTick(() => this.destroy(new Error('bench: no network but loopback'))); return this; }
  return connect.apply(this, args);
};`);
  const env = {
    PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'),
    NO_UPDATE_NOTIFIER: '1', VERCEL_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1', NODE_OPTIONS: `--require ${offlineGuard}`,
  };
  const linked = (name, projectId) => {
    const dir = join(work, name);
    mkdirSync(join(dir, '.vercel'), { recursive: true });
    writeFileSync(join(dir, '.vercel', 'project.json'), JSON.stringify({ projectId, orgId: 'user_alice' }));
    return dir;
  };
  const blogDir = linked('alice-blog', 'prj_aliceblog');
  const bigDir = linked('alice-api', 'prj_aliceapi');
  const vercel = (cwd, args, input = '', api = proxyUrl) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args, '--api', api, '--token', demoTokens.alice, '--global-config', globalConfig, '--no-color'],
      { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
    child.stdin.end(input);
  });
  const ok = async (cwd, args, input, api) => {
    const result = await vercel(cwd, args, input, api);
    if (result.code !== 0) throw new Error(`vercel ${args.join(' ')} exited ${result.code}:\n${result.output}`);
    return result.output;
  };
  await ok(blogDir, ['--version']);
  cli.list = await measure(cliRuns, () => ok(blogDir, ['env', 'ls']));
  cli.add = await measure(cliRuns, (key) => ok(blogDir, ['env', 'add', key, 'development'], `cli-value-${key}`), async (i) => `BENCH_CLI_ADD_${i}`);
  cli.setValue = await measure(cliRuns, (_, i) => ok(blogDir, ['env', 'update', 'BENCH_CLI_ADD_0', 'development', '--yes'], `cli-changed-${i}`));
  cli.delete = await measure(cliRuns, (key) => ok(blogDir, ['env', 'rm', key, '--yes']), async (i) => {
    await client.envs.create(blog, newEnv(`BENCH_CLI_DEL_${i}`), false);
    return `BENCH_CLI_DEL_${i}`;
  });
  cli.firstPage = await measure(cliRuns, () => ok(blogDir, ['projects', 'ls']));
  cli.allProjects = await measure(1, async () => {
    // `projects ls` shows 20 and prints the command for the next page: follow it to the end.
    let next;
    let pages = 0;
    do {
      const output = await ok(blogDir, ['projects', 'ls', ...(next ? ['--next', next] : [])]);
      next = /--next (\d+)/.exec(output)?.[1];
      pages += 1;
    } while (next && pages < 200);
  });
  cli.bigProject = await measure(cliRuns, () => ok(bigDir, ['env', 'ls']));
  cli.batch = await measure(1, async () => {
    for (let k = 0; k < 50; k++) await ok(blogDir, ['env', 'add', `BENCH_CLI_BATCH_${k}`, 'development'], `cli-batch-${k}`);
  });
  cli.offline = await measure(1, async () => {
    const { code } = await vercel(blogDir, ['env', 'ls'], '', offlineUrl);
    if (code === 0) throw new Error('the CLI listed from a closed port');
  });
}

// --- The table.
const rows = [
  ['list (variables + custom environments, in parallel)', 'list'],
  ['add', 'add'],
  ['set value', 'setValue'],
  ['rename', 'rename'],
  ['delete', 'delete'],
  [`first page of ${projectCount} projects`, 'firstPage'],
  [`all ${projectCount} projects`, 'allProjects'],
  [`find across 1,000 projects (${projectCount} + 27 of two teams)`, 'find'],
  ['a 1,000-variable project', 'bigProject'],
  ['50 variables added', 'batch'],
  ['50 variables pushed from .env', 'push'],
  ['first request, fresh host, view shown', 'freshShown'],
  ['first request, fresh host, from the palette', 'freshCached'],
  ['first request, first session after install', 'freshInstall'],
  ['offline error', 'offline'],
];
const withCli = Object.keys(cli).length > 0;
const fmt = (ms) => (ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const header = ['action', 'requests', 'median', ...(withCli ? ['CLI requests', 'CLI', 'CLI ÷ extension'] : [])];
const table = rows.map(([name, key]) => {
  const mine = ext[key];
  const theirs = cli[key];
  return [name, String(mine.requests), fmt(mine.ms),
    ...(withCli ? [theirs ? String(theirs.requests) : 'n/a', theirs ? fmt(theirs.ms) : 'n/a', theirs ? `${(theirs.ms / mine.ms).toFixed(1)}×` : ''] : [])];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(`npm run bench: ${latencyMs} ms per request at the proxy; extension: median of ${runs}${withCli ? `, official CLI ${cliVersion}: median of ${cliRuns} (1 for all projects, 50 adds, offline)` : flags['no-cli'] ? ' (--no-cli)' : ' (no official CLI: run scripts/install-vercel-cli.sh)'}`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));
const over = (key) => `+${(ext[key].ms - ext.warm.ms).toFixed(1)} ms`;
console.log(`first request in a fresh host (GET /v2/user) over a warm one (${fmt(ext.warm.ms)}): view shown ${over('freshShown')}, `
  + `from the palette ${over('freshCached')} (loads the transport from the code cache), first session after install ${over('freshInstall')} (no code cache yet); `
  + `the floor, Node's own http client in the same fresh process: ${over('freshNode')}`);
if (withCli) console.log('The CLI has no rename, no .env upload and no find across projects: n/a. Each CLI command is a new process (its start-up is part of its time).');

await transport.close();
agent.destroy();
await new Promise((resolve) => proxy.close(resolve));
await emu.close();
rmSync(work, { recursive: true, force: true });
