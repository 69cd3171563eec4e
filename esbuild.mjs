// Bundles the extension into dist/. Three entries: the extension itself, the
// HTTP transport (undici) that extension.js loads on the first request only, so
// activation never pays for parsing undici, and the Unicode character names
// (unicode-name, about 1.7 MB) that src/core/values/characterNames.ts loads only
// when a message must name a character outside its small built-in table.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
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
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  const result = await esbuild.build(options);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KiB`);
  }
}
