import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ApiError, describeError, NetworkError, requestNotSent } from '../../src/core/errors';
import { JsonApi, type RetryPolicy, type RetryWait } from '../../src/core/http/jsonApi';
import type { HttpMethod, RequestLogEntry, Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { json, startRawServer, type RawServer } from './helpers/rawServer';

const token = 'tok_failfast_8d1e0c';

/** The policy src/clients.ts gives every backend: before fail-fast, a refused GET cost 1 + 2 + 4 s of waits. */
const productionPolicy = { maxRetries: 3, maxWaitMs: 30_000, maxTotalWaitMs: 60_000, baseDelayMs: 1000 } as const;

/** A loopback port that was just free: connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

interface Outcome {
  readonly err: unknown;
  readonly ms: number;
  readonly attempts: RequestLogEntry[];
  readonly waits: RetryWait[];
}

describe('Fail fast and one deadline per call (JsonApi over undici, real sockets)', function () {
  this.timeout(10_000);
  let transport: Transport;
  let server: RawServer | undefined;

  afterEach(async () => {
    await transport?.close();
    await server?.close();
    server = undefined;
  });

  /** One call through a JsonApi with `policy`; every attempt is logged by JsonApi itself. */
  async function call(url: string, method: HttpMethod, extra: { policy?: RetryPolicy; timeoutMs?: number; deadlineMs?: number } = {}): Promise<Outcome> {
    const attempts: RequestLogEntry[] = [];
    const waits: RetryWait[] = [];
    const api = new JsonApi({
      baseUrl: new URL(url), token, transport, service: 'Vercel', log: (entry) => attempts.push(entry),
      retry: { ...(extra.policy ?? productionPolicy), onWait: (wait) => waits.push(wait) },
      timeoutMs: extra.timeoutMs === undefined ? undefined : () => extra.timeoutMs!,
      deadlineMs: extra.deadlineMs === undefined ? undefined : () => extra.deadlineMs!,
    });
    const started = Date.now();
    const err = await api.send(method, '/v9/projects', undefined, method === 'GET' ? undefined : { key: 'A' }).then(() => undefined, (e: unknown) => e);
    return { err, ms: Date.now() - started, attempts, waits };
  }

  describe('a request that was never sent', () => {
    beforeEach(() => {
      transport = createUndiciTransport();
    });

    for (const method of ['GET', 'POST'] as const) {
      it(`${method} to a closed port: one attempt, no wait, "Can't reach" within 1 s, marked notSent`, async () => {
        const url = await closedPortUrl();
        const { err, ms, attempts, waits } = await call(url, method);
        assert.ok(err instanceof NetworkError, String(err));
        assert.equal(err.failure, 'unreachable');
        assert.equal(err.notSent, true);
        assert.ok(requestNotSent(err));
        assert.equal(err.code, 'ECONNREFUSED');
        assert.equal(err.host, new URL(url).host);
        assert.equal(err.attempts, undefined, 'one attempt: no "gave up after n attempts"');
        assert.equal(err.message, `Can't reach ${new URL(url).host}: connection refused (ECONNREFUSED).`);
        assert.equal(describeError(err), `Can't reach ${new URL(url).host}: connection refused (ECONNREFUSED). Check your connection and the projectSecrets.vercel.apiUrl setting.`);
        assert.ok(!err.message.includes(token));
        assert.equal(attempts.length, 1, 'exactly one attempt');
        assert.deepEqual(waits, [], 'no retry wait');
        assert.ok(ms < 1000, `failed after ${ms} ms`);
      });
    }

    it('a GET to a host that does not resolve (.invalid): one attempt, "Can\'t reach" within 1 s, marked notSent', async () => {
      const { err, ms, attempts, waits } = await call('https://api.project-secrets.invalid', 'GET');
      assert.ok(err instanceof NetworkError, String(err));
      assert.equal(err.notSent, true);
      assert.ok(err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN', `a DNS failure, got ${err.code}`);
      assert.match(err.message, /^Can't reach api\.project-secrets\.invalid: (host not found \(ENOTFOUND\)|DNS lookup failed \(EAI_AGAIN\))\.$/);
      assert.equal(attempts.length, 1);
      assert.deepEqual(waits, []);
      assert.ok(ms < 1000, `failed after ${ms} ms`);
    });

    it('no TLS connection within the connect timeout: one attempt, notSent, and no HTTP byte reached the server', async () => {
      transport = createUndiciTransport({ connectMs: 300 });
      // Accepts TCP and never answers the TLS handshake: the HTTP request can never be written.
      const received: Buffer[] = [];
      const sockets: net.Socket[] = [];
      const silent = net.createServer((socket) => {
        sockets.push(socket);
        socket.on('data', (chunk: Buffer) => received.push(chunk));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const { err, ms, attempts, waits } = await call(`https://127.0.0.1:${port}`, 'POST');
        assert.ok(err instanceof NetworkError, String(err));
        assert.equal(err.notSent, true);
        assert.equal(err.message, `Can't reach 127.0.0.1:${port}: no connection within 1 s.`);
        assert.equal(attempts.length, 1);
        assert.deepEqual(waits, []);
        assert.equal(sockets.length, 1, 'one connection attempt');
        const bytes = Buffer.concat(received).toString('latin1');
        assert.ok(!bytes.includes('/v9/projects') && !bytes.includes(token), 'only the TLS hello, never the request');
        // undici checks its connect timers about every 0.5 s: generous bound.
        assert.ok(ms >= 250 && ms < 2000, `failed after ${ms} ms`);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });

  describe('a request that was sent: the outcome is unknown', () => {
    beforeEach(() => {
      transport = createUndiciTransport();
    });

    it('a POST whose connection is reset after sending: not retried, not marked notSent', async () => {
      // Resets every connection as soon as a request arrived.
      const resetServer = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
      await new Promise<void>((resolve) => resetServer.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = resetServer.address() as AddressInfo;
        const { err, attempts, waits } = await call(`http://127.0.0.1:${port}`, 'POST');
        assert.ok(err instanceof NetworkError, String(err));
        assert.equal(err.notSent, false);
        assert.ok(!requestNotSent(err));
        assert.equal(err.failure, 'unreachable');
        assert.match(err.message, /^The connection to 127\.0\.0\.1:\d+ broke off before the answer was complete \((ECONNRESET|UND_ERR_SOCKET)\)\.$/);
        assert.equal(attempts.length, 1, 'a write with an unknown outcome is never sent again');
        assert.deepEqual(waits, []);
      } finally {
        await new Promise<void>((resolve) => resetServer.close(() => resolve()));
      }
    });

    it('a GET whose connection breaks off twice is retried, and the wait is not called "busy"', async () => {
      let seen = 0;
      const flaky = net.createServer((socket) => socket.once('data', () => {
        seen++;
        if (seen <= 2) socket.resetAndDestroy();
        else socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
      }));
      await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = flaky.address() as AddressInfo;
        const { err, attempts, waits } = await call(`http://127.0.0.1:${port}`, 'GET', { policy: { ...productionPolicy, baseDelayMs: 20 } });
        assert.equal(err, undefined, String(err));
        assert.equal(seen, 3, 'three requests reached the server');
        assert.deepEqual(attempts.map((a) => a.status), ['failed', 'failed', 200]);
        assert.deepEqual(waits.map((w) => [w.kind, w.waitMs]), [['connection', 20], ['connection', 40]]);
      } finally {
        await new Promise<void>((resolve) => flaky.close(() => resolve()));
      }
    });

    it('says which waits are the server being busy: 429 rate limited, 503 busy, 502 a server error', async () => {
      const statuses = [429, 503, 502];
      server = await startRawServer((_req, res) => {
        const status = statuses.shift();
        if (status) json(res, status, {});
        else json(res, 200, { ok: true });
      });
      const { err, waits } = await call(server.url, 'GET', { policy: { ...productionPolicy, baseDelayMs: 10 } });
      assert.equal(err, undefined, String(err));
      assert.deepEqual(waits.map((w) => [w.kind, w.reason]), [['rate-limited', 'HTTP 429'], ['busy', 'HTTP 503'], ['server-error', 'HTTP 502']]);
      assert.equal(server.seen.length, 4);
    });
  });

  describe('one deadline for the whole call', () => {
    beforeEach(() => {
      // undici's own header timeout far away: the limits under test are JsonApi's.
      transport = createUndiciTransport({ headersMs: 60_000, bodyMs: 60_000 });
    });

    it('a server that never answers: attempts and waits together end by the deadline', async () => {
      server = await startRawServer(() => { /* never answers */ });
      const timeoutMs = 400;
      const deadlineMs = 1000;
      const { err, ms, attempts, waits } = await call(server.url, 'GET', { policy: { ...productionPolicy, baseDelayMs: 50 }, timeoutMs, deadlineMs });
      assert.ok(err instanceof NetworkError && err.failure === 'timeout', String(err));
      assert.equal(err.notSent, false, 'the request was sent: the outcome is unknown');
      // 400 ms, wait 50, 400 ms, wait 100 would leave 50 ms: less than an attempt needs, so it stops.
      assert.equal(server.seen.length, 2, 'two requests reached the server');
      assert.equal(attempts.length, 2);
      assert.equal(err.attempts, 2);
      assert.deepEqual(waits.map((w) => w.waitMs), [50]);
      assert.ok(ms >= 2 * timeoutMs && ms < deadlineMs + 500, `gave up after ${ms} ms for a deadline of ${deadlineMs} ms`);
    });

    it('the last attempt gets only what is left of the deadline', async () => {
      server = await startRawServer(() => { /* never answers */ });
      const timeoutMs = 1500;
      const deadlineMs = 2600;
      const { err, ms, attempts } = await call(server.url, 'GET', { policy: { ...productionPolicy, baseDelayMs: 50 }, timeoutMs, deadlineMs });
      assert.ok(err instanceof NetworkError && err.failure === 'timeout', String(err));
      assert.equal(attempts.length, 2);
      assert.equal(server.seen.length, 2);
      // The second attempt had about 1050 ms, not 1500.
      assert.ok(attempts[1].durationMs < timeoutMs - 150, `the second attempt lasted ${attempts[1].durationMs} ms`);
      assert.match(err.message, /did not answer within 2 s\.$/);
      assert.ok(ms >= deadlineMs - 100 && ms < deadlineMs + 500, `gave up after ${ms} ms for a deadline of ${deadlineMs} ms`);
    });

    it('a Retry-After that would end past the deadline is not waited for', async () => {
      server = await startRawServer((_req, res) => json(res, 429, {}, { 'retry-after': '2' }));
      const { err, ms, waits } = await call(server.url, 'POST', { timeoutMs: 500, deadlineMs: 1500 });
      assert.ok(err instanceof ApiError && err.status === 429, String(err));
      assert.equal(server.seen.length, 1);
      assert.deepEqual(waits, []);
      assert.ok(ms < 500, `gave up after ${ms} ms`);
    });

    it('is never shorter than one attempt: the per-attempt timeout keeps its meaning', async () => {
      server = await startRawServer(() => { /* never answers */ });
      const { err, ms, attempts } = await call(server.url, 'POST', { timeoutMs: 700, deadlineMs: 200 });
      assert.ok(err instanceof NetworkError && err.failure === 'timeout', String(err));
      assert.equal(attempts.length, 1);
      assert.ok(ms >= 650 && ms < 1500, `the attempt lasted ${ms} ms`);
    });
  });
});
