// What the first request pays for the transport bundle, in a fresh node process each run:
// require() of dist/transport.js, then the first request to a local server (undici compiles
// its HTTP parser then) against a warm one, and the RSS added. Median of N runs (default 10).
// Usage: node scripts/transport-load-time.mjs [bundle] [runs]
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

const file = path.resolve(process.argv[2] ?? 'dist/transport.js');
const runs = Number(process.argv[3] ?? 10);
const probe = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{}'); });
server.listen(0, '127.0.0.1', async () => {
  const url = new URL('http://127.0.0.1:' + server.address().port + '/');
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
  server.close();
});
`;
const samples = [];
for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
const median = (key) => {
  const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`${path.relative(process.cwd(), file) || file}: ${(statSync(file).size / 1024).toFixed(1)} KiB; median of ${runs} fresh processes: `
  + `require ${median('requireMs').toFixed(1)} ms, first request ${median('firstMs').toFixed(1)} ms, warm request ${median('warmMs').toFixed(1)} ms, `
  + `+${median('rssMb').toFixed(1)} MB RSS`);
