import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the emulator that can stop listening, so the next connection is
 * refused (ECONNREFUSED) as with a server that is down. Every answer goes out with
 * `Connection: close`, so each request opens a new connection and meets the gate as it is.
 * Used by the fault tests of both the integration and the UI suites.
 */
export class Gate {
  private server: http.Server | undefined;
  port = 0;
  /** Checked after each upstream answer: true stops listening before the answer is sent on. */
  closeAfter: ((req: http.IncomingMessage) => boolean) | undefined;

  /** `upstream`: the emulator's base URL (read at each request, so it may change). */
  constructor(private readonly upstream: () => string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again on the same port once it has one). */
  async open(): Promise<void> {
    // The emulator dropping a connection (fault status 0) drops the client's too.
    const server = http.createServer((req, res) => void this.forward(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
    this.server = undefined;
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
    }
    const upstream = await fetch(new URL(req.url ?? '/', this.upstream()), {
      method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (this.closeAfter?.(req)) {
      this.closeAfter = undefined;
      this.server?.close();
      this.server = undefined;
    }
    const out: Record<string, string> = { connection: 'close', 'content-length': String(body.length) };
    upstream.headers.forEach((value, name) => {
      if (!['connection', 'content-length', 'content-encoding', 'transfer-encoding', 'keep-alive'].includes(name)) out[name] = value;
    });
    res.writeHead(upstream.status, out);
    res.end(body);
  }
}
