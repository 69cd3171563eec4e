// What the first request pays for the transport bundle, in a fresh node process each run:
// require() of dist/transport.js, then the first request to a local server (undici compiles
// its HTTP parser then) against a warm one, and the RSS added. The server runs in this
// process, warmed up, so only the client's costs are timed. Median of N runs (default 10).
// Usage: node scripts/transport-load-time.mjs [bundle] [runs]
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { promisify } from 'node:util';

const file = path.resolve(process.argv[2] ?? 'dist/transport.js');
const runs = Number(process.argv[3] ?? 10);
const server = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
for (let i = 0; i < 20; i++) await new Promise((resolve) => http.get(origin, (res) => res.resume().on('end', resolve)));

const probe = `
(async () => {
  const url = new URL(${JSON.stringify(origin)});
  const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
  const rss0 = process.memoryUsage().rss;
  let t = process.hrtime.bigint();
  const transport = require(${JSON.stringify(file)}).createUndiciTransport();
  const requireMs = ms(t);
  t = process.hrtime.bigint();
  await transport.request({ method: 'GET', url, headers: {} });
  const firstMs = ms(t);
  t = process.hrtime.bigint();
  await transport.request({ method: 'GET', url, headers: {} });
  const warmMs = ms(t);
  console.log(JSON.stringify({ requireMs, firstMs, warmMs, rssMb: (process.memoryUsage().rss - rss0) / 2 ** 20 }));
  await transport.close();
})();
`;
const samples = [];
for (let i = 0; i < runs; i++) samples.push(JSON.parse((await promisify(execFile)(process.execPath, ['-e', probe], { encoding: 'utf8' })).stdout));
server.close();
const median = (key) => {
  const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`${path.relative(process.cwd(), file) || file}: ${(statSync(file).size / 1024).toFixed(1)} KiB; median of ${runs} fresh processes: `
  + `require ${median('requireMs').toFixed(1)} ms, first request ${median('firstMs').toFixed(1)} ms, warm request ${median('warmMs').toFixed(1)} ms, `
  + `+${median('rssMb').toFixed(1)} MB RSS`);
