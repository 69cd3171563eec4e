import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, BuildResult, Metafile } from 'esbuild';
import { describeError, NetworkError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { json, startRawServer } from './helpers/rawServer';

const root = path.resolve(__dirname, '../../..');

/**
 * dist/transport.js as shipped: esbuild.mjs's own options (minified, as `npm run build:production`),
 * built into a temporary folder and loaded in this process, then used against a real server.
 */
describe('The transport bundle (esbuild.mjs, production build)', function () {
  this.timeout(20_000);
  let dir: string;
  let metafile: Metafile;
  let bundle: { createUndiciTransport(): Transport };
  let bytes: number;

  before(async () => {
    // A runtime specifier: esbuild.mjs is an ES module that tsc must not resolve.
    const spec = pathToFileURL(path.join(root, 'esbuild.mjs')).href;
    const { buildOptions } = (await import(spec)) as { buildOptions(mode: { production: boolean }): BuildOptions };
    const esbuild = await import('esbuild');
    dir = mkdtempSync(path.join(tmpdir(), 'transport-bundle-'));
    const options = buildOptions({ production: true });
    const result: BuildResult = await esbuild.build({
      ...options, absWorkingDir: root, outdir: dir, logLevel: 'silent',
      entryPoints: { transport: (options.entryPoints as Record<string, string>).transport },
    });
    metafile = result.metafile!;
    const file = path.join(dir, 'transport.js');
    bytes = readFileSync(file).length;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle, as extension.ts does
    bundle = require(file) as typeof bundle;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('contains only the parts of undici the transport uses', () => {
    const inputs = Object.keys(metafile.inputs).map((p) => p.replaceAll('\\', '/'));
    const undici = inputs.filter((p) => p.includes('node_modules/undici/'));
    assert.ok(undici.some((p) => p.endsWith('lib/dispatcher/agent.js')) && undici.some((p) => p.endsWith('lib/llhttp/llhttp-wasm.js')));
    for (const unused of ['undici/index.js', 'lib/web/fetch/index.js', 'lib/web/websocket/', 'lib/mock/', 'lib/cache/', 'lib/dispatcher/proxy-agent.js', 'lib/web/webidl/']) {
      assert.ok(!undici.some((p) => p.includes(unused)), `${unused} is not bundled`);
    }
    // The whole package bundled was 524 KiB; the parts are about 166 KiB.
    assert.ok(bytes < 200 * 1024, `dist/transport.js is ${(bytes / 1024).toFixed(1)} KiB`);
  });

  it('loads through the V8 code cache in a fresh process as extension.ts does, and answers from it', async () => {
    const server = await startRawServer((req, res) => json(res, 200, { path: req.url }));
    const codeCache = path.join(__dirname, '../../src/core/http/codeCache.js');
    const cacheDir = path.join(dir, 'code-cache');
    const script = `(async () => {
  const bundle = require(${JSON.stringify(codeCache)}).loadWithCodeCache(${JSON.stringify(path.join(dir, 'transport.js'))}, ${JSON.stringify(cacheDir)});
  const transport = bundle.exports.createUndiciTransport();
  const res = await transport.request({ url: new URL('/probe', ${JSON.stringify(server.url)}), method: 'GET', headers: {} });
  bundle.saveCache();
  await transport.close();
  console.log(JSON.stringify({ cache: bundle.cache, status: res.status, body: JSON.parse(res.body) }));
})();`;
    try {
      const run = async () => JSON.parse((await promisify(execFile)(process.execPath, ['-e', script], { encoding: 'utf8' })).stdout) as unknown;
      assert.deepEqual(await run(), { cache: 'none', status: 200, body: { path: '/probe' } });
      assert.deepEqual(await run(), { cache: 'used', status: 200, body: { path: '/probe' } });
      assert.equal(server.seen.length, 2);
    } finally {
      await server.close();
    }
  });

  it('sends GET and POST, reuses the connection, and keeps notSent across the bundle boundary', async () => {
    const server = await startRawServer((req, res) => json(res, 200, { method: req.method, body: req.body }));
    const transport = bundle.createUndiciTransport();
    try {
      const api = new JsonApi({ baseUrl: new URL(server.url), token: 'tok_bundle_2f7', transport, service: 'Vercel' });
      assert.deepEqual(await api.get('/a'), { method: 'GET', body: '' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(await api.send('POST', '/b', undefined, { key: 'A' }), { method: 'POST', body: '{"key":"A"}' });
      assert.equal(server.seen.length, 2);
      assert.equal(server.connections, 1, 'the POST went over the kept-alive connection of the GET');

      const url = server.url;
      await server.close();
      const refused = new JsonApi({ baseUrl: new URL(url), token: 'tok_bundle_2f7', transport, service: 'Vercel' });
      const err = await refused.get('/c').then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof NetworkError, String(err));
      assert.equal(err.notSent, true);
      assert.equal(err.code, 'ECONNREFUSED');
      assert.match(describeError(err), /^Can't reach 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)\. Check your connection/);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
