import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadWithCodeCache } from '../../src/core/http/codeCache';
import { LazyTransport } from '../../src/core/http/lazyTransport';
import type { HttpRequest, HttpResponse, Transport } from '../../src/core/http/types';

interface Probe { add(a: number, b: number): number; dir: string; sep: string }

/**
 * Loads `file` in a fresh node process, as a new extension host does: in this process V8's own
 * compilation cache would hand back the script compiled by the previous test, cache or not.
 */
function loadFresh(file: string, cacheDir: string): { cache: string; sum: number } {
  const codeCache = path.join(__dirname, '../../src/core/http/codeCache.js');
  const script = `const b = require(${JSON.stringify(codeCache)}).loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
b.saveCache(); console.log(JSON.stringify({ cache: b.cache, sum: b.exports.add(2, 3) }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { cache: string; sum: number };
}

describe('loadWithCodeCache (V8 code cache for the transport bundle)', () => {
  let dir: string;
  let file: string;
  let cacheDir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
    file = path.join(dir, 'bundle.js');
    cacheDir = path.join(dir, 'cache');
    writeFileSync(file, "'use strict'; const path = require('node:path'); exports.add = (a, b) => a + b; exports.dir = __dirname; exports.sep = path.sep;");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a CommonJS bundle as require() does (exports, require, __dirname), then from its cache', () => {
    const first = loadWithCodeCache<Probe>(file, cacheDir);
    assert.equal(first.cache, 'none');
    assert.equal(first.exports.add(2, 3), 5);
    assert.equal(first.exports.dir, dir);
    assert.equal(first.exports.sep, path.sep);
    first.saveCache();
    const files = readdirSync(cacheDir);
    assert.equal(files.length, 1);
    assert.match(files[0], new RegExp(`^bundle-v8-${process.versions.v8.replace(/[.]/g, '\\.')}-[0-9a-f]{16}\\.cache$`));

    assert.deepEqual(loadFresh(file, cacheDir), { cache: 'used', sum: 5 });
  });

  it('never reads the cache of other code, and drops it once the new one is written', () => {
    assert.deepEqual(loadFresh(file, cacheDir), { cache: 'none', sum: 5 });
    const [old] = readdirSync(cacheDir);
    // Same length, other code: V8's own check (the source's length) would take the old cache.
    writeFileSync(file, "'use strict'; const path = require('node:path'); exports.add = (a, b) => a * b; exports.dir = __dirname; exports.sep = path.sep;");
    assert.deepEqual(loadFresh(file, cacheDir), { cache: 'none', sum: 6 });
    const now = readdirSync(cacheDir);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], old);
  });

  it('works through a damaged cache (V8 rejects it) and rewrites it', () => {
    loadWithCodeCache<Probe>(file, cacheDir).saveCache();
    const [name] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, name), Buffer.from('not a V8 code cache at all, just some bytes'));
    assert.deepEqual(loadFresh(file, cacheDir), { cache: 'rejected', sum: 5 });
    assert.deepEqual(loadFresh(file, cacheDir), { cache: 'used', sum: 5 });
  });

  it('falls back to require() without a cache folder, and a save that cannot write is harmless', () => {
    const plain = loadWithCodeCache<Probe>(file, undefined);
    assert.equal(plain.cache, 'off');
    assert.equal(plain.exports.add(1, 2), 3);
    // A cache "folder" that is a file: mkdir fails, nothing throws.
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, '');
    const bundle = loadWithCodeCache<Probe>(file, blocked);
    assert.doesNotThrow(() => bundle.saveCache());
  });

  it('throws what the bundle throws at load', () => {
    writeFileSync(file, "throw new Error('top-level failure');");
    assert.throws(() => loadWithCodeCache(file, cacheDir), /top-level failure/);
    assert.throws(() => loadWithCodeCache(path.join(dir, 'missing.js'), cacheDir), /Cannot find module|ENOENT/);
  });
});

describe('LazyTransport', () => {
  function fake(): Transport & { loads: number; sent: number } {
    return {
      loads: 0,
      sent: 0,
      async request(_req: HttpRequest): Promise<HttpResponse> {
        this.sent += 1;
        return { status: 200, headers: {}, body: '{}' };
      },
      async close() { /* nothing held */ },
    };
  }
  const req: HttpRequest = { url: new URL('http://127.0.0.1:1/x'), method: 'GET', headers: {} };

  it('loads on preload() or the first request, once, and reports the first answer once', async () => {
    const inner = fake();
    let loads = 0;
    let answered = 0;
    const lazy = new LazyTransport(() => { loads += 1; return inner; }, () => { answered += 1; });
    assert.equal(lazy.loaded, false);
    lazy.preload();
    assert.equal(lazy.loaded, true);
    assert.equal(inner.sent, 0, 'preloading sends nothing');
    await lazy.request(req);
    await lazy.request(req);
    assert.deepEqual({ loads, answered, sent: inner.sent }, { loads: 1, answered: 1, sent: 2 });
  });
});
