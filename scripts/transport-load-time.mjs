// Measures what the first request pays to load the transport bundle: the time to
// require() dist/transport.js (and create its Agent) in a fresh node process, and the
// RSS it adds. Median of N runs (default 10). Usage: node scripts/transport-load-time.mjs [file] [runs]
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

const file = path.resolve(process.argv[2] ?? 'dist/transport.js');
const runs = Number(process.argv[3] ?? 10);
const probe = `
const rss0 = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const m = require(${JSON.stringify(file)});
const t1 = process.hrtime.bigint();
const transport = m.createUndiciTransport();
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, createMs: Number(t2 - t1) / 1e6, rssMb: (process.memoryUsage().rss - rss0) / 2 ** 20 }));
transport.close();
`;
const samples = [];
for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kib = statSync(file).size / 1024;
console.log(`${path.relative(process.cwd(), file)}: ${kib.toFixed(1)} KiB; median of ${runs} fresh processes: `
  + `require ${median(samples.map((s) => s.requireMs)).toFixed(1)} ms, createUndiciTransport ${median(samples.map((s) => s.createMs)).toFixed(2)} ms, `
  + `+${median(samples.map((s) => s.rssMb)).toFixed(1)} MB RSS`);
