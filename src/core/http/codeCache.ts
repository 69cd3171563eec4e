import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** A CommonJS bundle loaded through {@link loadWithCodeCache}. */
export interface CachedBundle<T> {
  readonly exports: T;
  /** `used`: V8 took the cached code; `rejected`: it didn't (then it is rewritten); `none`: no cache yet; `off`: plain require(). */
  readonly cache: 'used' | 'rejected' | 'none' | 'off';
  /**
   * Writes V8's code for the bundle as compiled so far (call it after the bundle's first real
   * use, so the functions that use compiled are in it). Only when the cache was missing or
   * rejected; once; never throws (a cache is an optimisation).
   */
  saveCache(): void;
}

/**
 * Loads a CommonJS bundle as `require()` does, but through `vm.Script` with V8's code cache
 * kept in `cacheDir`: the next session (a fresh extension host) skips parsing and compiling
 * the bundle, and the functions its first use compiled. Measured with the HTTP transport
 * (dist/transport.js, 288 KiB) on the CI machine, `npm run bench`: see the "first request in
 * a fresh host" rows.
 *
 * The cache file's name carries the V8 version and the bundle's SHA-256, so a new extension or
 * VS Code version never reads another one's code; V8 itself rejects a cache built with other
 * flags, and a rejected cache is rewritten. Node's own compile cache (`module.enableCompileCache`)
 * needs Node 22.1 and is process-wide, which an extension host shared with other extensions must
 * not switch on.
 *
 * @param file absolute path of the bundle (.js, CommonJS)
 * @param cacheDir a folder of our own (created if missing), or undefined to load with require()
 * @throws whatever loading the bundle throws (a missing file, an error in its top level)
 */
export function loadWithCodeCache<T>(file: string, cacheDir: string | undefined): CachedBundle<T> {
  if (!cacheDir) return plainRequire<T>(file);
  let source: string;
  let script: Script;
  let cacheFile: string;
  let cached: Buffer | undefined;
  try {
    source = readFileSync(file, 'utf8');
    const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
    cacheFile = path.join(cacheDir, `${path.basename(file, '.js')}-v8-${process.versions.v8}-${digest}.cache`);
    cached = readOptional(cacheFile);
    script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  } catch {
    return plainRequire<T>(file);
  }
  const module = { exports: {} as T, id: file, filename: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const cache = cached === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  let saved = cache === 'used';
  return {
    exports: module.exports,
    cache,
    saveCache(): void {
      if (saved) return;
      saved = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(cacheFile, script.createCachedData());
        // Earlier versions' caches are of no further use.
        const prefix = `${path.basename(file, '.js')}-v8-`;
        for (const name of readdirSync(cacheDir)) {
          if (name.startsWith(prefix) && name.endsWith('.cache') && path.join(cacheDir, name) !== cacheFile) rmSync(path.join(cacheDir, name), { force: true });
        }
      } catch {
        // A read-only or full disk only costs the next session its head start.
      }
    },
  };
}

function plainRequire<T>(file: string): CachedBundle<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, loaded on demand
  return { exports: require(file) as T, cache: 'off', saveCache: () => undefined };
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
