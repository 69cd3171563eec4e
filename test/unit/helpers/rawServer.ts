import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The client's port: equal across requests means one reused connection. */
  readonly remotePort: number | undefined;
}

export interface RawServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** TCP connections accepted so far: a request that leaves it unchanged went over a kept-alive connection. */
  readonly connections: number;
  close(): Promise<void>;
}

export interface RawServerOptions {
  /**
   * The server's idle keep-alive in ms, announced as `Keep-Alive: timeout=N` (Node's default: 5000).
   * 0: no hint is sent and idle connections are never closed by the server.
   */
  readonly keepAliveTimeoutMs?: number;
}

/** A real HTTP server on a free loopback port, answering with `handler`. */
export async function startRawServer(handler: (req: SeenRequest, res: http.ServerResponse) => void, options: RawServerOptions = {}): Promise<RawServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort };
      seen.push(request);
      handler(request, res);
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
