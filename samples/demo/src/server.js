// A tiny blog server: reads its configuration from environment variables set by the host.
import { createServer } from 'node:http';

const site = process.env.NEXT_PUBLIC_SITE_URL ?? 'http://localhost:3000';
const database = process.env.DATABASE_URL ? 'configured' : 'missing';

createServer((req, res) => {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(`alice-blog at ${site}\ndatabase: ${database}\n`);
}).listen(3000);
