// Bundles the extension into dist/. Three entries: the extension itself, the
// HTTP transport (undici) that extension.js loads on the first request only, so
// activation never pays for parsing undici, and the Unicode character names
// (unicode-name, about 1.7 MB) that src/core/values/characterNames.ts loads only
// when a message must name a character outside its small built-in table.
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * undiciTransport.ts imports undici's Agent, request() and errors one by one; these modules
 * come along with them but are only reached on paths the transport never takes, so the
 * bundle gets a stub that throws if that ever changes (test/unit/transportBundle.test.ts
 * runs the built bundle against a real server):
 * - client-h2.js: HTTP/2, used only with `allowH2`, which the Agent does not set;
 * - web/fetch/body.js (and with it fetch's utils, WebIDL, FormData): FormData bodies; ours are strings;
 * - llhttp_simd-wasm.js: the SIMD build of the HTTP parser. undici tries it first and falls back
 *   to llhttp-wasm.js (kept), which runs everywhere, when it does not load.
 */
const unusedUndiciParts = /undici[\\/]lib[\\/](dispatcher[\\/]client-h2|web[\\/]fetch[\\/]body|llhttp[\\/]llhttp_simd-wasm)\.js$/;
const leaveOutUnusedUndici = {
  name: 'leave-out-unused-undici',
  setup(build) {
    build.onLoad({ filter: unusedUndiciParts }, (args) => {
      const name = args.path.replace(/.*undici[\\/]/, 'undici/').replaceAll('\\', '/');
      const fail = `throw new Error(${JSON.stringify(`project-secrets: ${name} is not bundled (see esbuild.mjs)`)})`;
      // client.js requires client-h2 when it loads, and client-h1 reads extractBody from body.js: export
      // what they take, failing only when called. The SIMD parser is required inside undici's try/catch.
      const contents = name.endsWith('client-h2.js') ? `module.exports = function connectH2() { ${fail}; };`
        : name.endsWith('body.js') ? `module.exports = { extractBody() { ${fail}; } };`
          : `${fail};`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * The build of dist/ (the CLI below). Exported so test/unit/transportBundle.test.ts can build
 * the transport exactly as shipped and run it.
 * @param {{ production?: boolean }} [mode]
 * @returns {import('esbuild').BuildOptions}
 */
export function buildOptions({ production = false } = {}) {
  return {
    entryPoints: {
      extension: 'src/extension.ts',
      transport: 'src/core/http/undiciTransport.ts',
      unicodeNames: 'node_modules/unicode-name/src/index.js',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'info',
    metafile: true,
    plugins: [leaveOutUnusedUndici],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = buildOptions({ production: process.argv.includes('--production') });
  if (process.argv.includes('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    const result = await esbuild.build(options);
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KiB`);
    }
  }
}
