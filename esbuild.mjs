// Bundles the extension into dist/. Two entries: the extension itself, and the
// HTTP transport (undici) that extension.js loads on the first request only, so
// activation never pays for parsing undici.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    transport: 'src/core/http/undiciTransport.ts',
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
