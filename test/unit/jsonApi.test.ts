import * as assert from 'node:assert/strict';
import { ApiError, describeError, InvalidResponseError, NetworkError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import { LazyTransport } from '../../src/core/http/lazyTransport';
import type { RequestLogEntry, Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { json, startRawServer, type RawServer } from './helpers/rawServer';

const token = 'tok_unit_5e2b9c7d1a';

describe('JsonApi over undici, against a real HTTP server', () => {
  let server: RawServer;
  let transport: Transport;
  let logged: RequestLogEntry[];
  let api: JsonApi;

  async function serve(handler: Parameters<typeof startRawServer>[0]): Promise<void> {
    server = await startRawServer(handler);
    logged = [];
    api = new JsonApi({ baseUrl: new URL(server.url), token, transport, service: 'Vercel', log: (entry) => logged.push(entry) });
  }

  beforeEach(() => {
    transport = createUndiciTransport({ connectMs: 2000, headersMs: 300, bodyMs: 300 });
  });
  afterEach(async () => {
    await transport.close();
    await server?.close();
  });

  it('sends the Bearer token, JSON headers and query, and parses the answer', async () => {
    await serve((_req, res) => json(res, 200, { ok: true }));
    const body = await api.send<{ ok: boolean }>('POST', '/v1/things', { teamId: 'team_1', skip: undefined }, { a: 1 });
    assert.deepEqual(body, { ok: true });
    const [req] = server.seen;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/things?teamId=team_1');
    assert.equal(req.headers.authorization, `Bearer ${token}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.body, '{"a":1}');
  });

  it('logs method, path with query keys only, and status — never the token or values', async () => {
    await serve((_req, res) => json(res, 200, {}));
    await api.get('/v10/projects', { teamId: 'team_hidden', from: 'cursor_hidden' });
    assert.equal(logged.length, 1);
    assert.equal(logged[0].path, '/v10/projects?teamId=…&from=…');
    assert.equal(logged[0].status, 200);
    const text = JSON.stringify(logged);
    assert.ok(!text.includes(token) && !text.includes('team_hidden') && !text.includes('cursor_hidden'));
  });

  it('turns an error body into an ApiError with status, code and message, scrubbed of the token', async () => {
    await serve((_req, res) => json(res, 403, { error: { code: 'forbidden', message: `Token ${token} is not authorized` } }));
    const err = await api.get('/v2/user').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 403);
    assert.equal(err.code, 'forbidden');
    assert.equal(err.service, 'Vercel');
    assert.ok(!err.message.includes(token) && !err.apiMessage?.includes(token));
    assert.match(err.apiMessage ?? '', /Token \*\*\* is not authorized/);
  });

  it('reads Retry-After on 429', async () => {
    await serve((_req, res) => json(res, 429, { error: { code: 'rate_limited', message: 'Rate limit exceeded' } }, { 'retry-after': '3' }));
    const err = await api.get('/v2/teams').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.retryAfterMs, 3000);
  });

  it('copes with a non-JSON error page', async () => {
    await serve((_req, res) => { res.writeHead(502, { 'content-type': 'text/html' }); res.end('<html>Bad gateway</html>'); });
    const err = await api.get('/v2/user').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 502);
    assert.equal(err.code, undefined);
  });

  it('rejects a 2xx answer that is not JSON', async () => {
    await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('{"truncated": '); });
    await assert.rejects(api.get('/v2/user'), InvalidResponseError);
  });

  it('does not follow a redirect (the token must not travel to another origin)', async () => {
    const other = await startRawServer((_req, res) => json(res, 200, { stolen: true }));
    try {
      await serve((_req, res) => { res.writeHead(307, { location: `${other.url}/v2/user` }); res.end(); });
      const err = await api.get('/v2/user').then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 307);
      assert.equal(other.seen.length, 0);
    } finally {
      await other.close();
    }
  });

  it('times out a server that never answers, as a NetworkError', async () => {
    await serve(() => { /* never answers */ });
    const err = await api.get('/v2/user').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetworkError, String(err));
    assert.equal(err.failure, 'timeout');
    assert.equal(logged[0].status, 'failed');
  });

  it('aborts on the signal, as a cancellation', async () => {
    await serve(() => { /* never answers */ });
    const controller = new AbortController();
    const pending = api.get('/v2/user', undefined, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const err = await pending.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.failure, 'cancelled');
  });

  it('reports a refused connection as "can\'t reach", never sent, without the token', async () => {
    await serve((_req, res) => json(res, 200, {}));
    await server.close();
    const err = await api.get('/v2/user').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.failure, 'unreachable');
    assert.equal(err.notSent, true);
    assert.match(err.message, /^Can't reach 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)\.$/);
    assert.ok(!err.message.includes(token));
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    await serve((req, res) => json(res, 200, { n: req.url }));
    for (let i = 0; i < 6; i++) await api.get(`/r${i}`);
    const ports = new Set(server.seen.map((req) => req.remotePort));
    assert.equal(server.seen.length, 6);
    // undici may open a second socket while the first is being released; it never opens one per request.
    assert.ok(ports.size <= 2, `6 sequential requests used ${ports.size} connections`);
  });
});

describe('LazyTransport', () => {
  it('loads the real transport on the first request only', async () => {
    let loads = 0;
    const lazy = new LazyTransport(() => {
      loads++;
      return { request: async () => ({ status: 200, headers: {}, body: '{}' }), close: async () => undefined };
    });
    assert.equal(lazy.loaded, false);
    assert.equal(loads, 0);
    const request = { method: 'GET' as const, url: new URL('http://127.0.0.1/'), headers: {} };
    await lazy.request(request);
    await lazy.request(request);
    assert.equal(loads, 1);
    assert.equal(lazy.loaded, true);
    await lazy.close();
    assert.equal(lazy.loaded, false);
  });
});

describe('JsonApi retries', () => {
  let server: RawServer;
  let transport: Transport;
  const waits: Array<{ waitMs: number; attempt: number }> = [];
  const policy = { maxRetries: 3, maxWaitMs: 2000, maxTotalWaitMs: 3000, baseDelayMs: 20, onWait: (w: { waitMs: number; attempt: number }) => waits.push(w) };

  function apiFor(url: string): JsonApi {
    return new JsonApi({ baseUrl: new URL(url), token, transport, service: 'Vercel', retry: policy });
  }

  beforeEach(() => {
    waits.length = 0;
    transport = createUndiciTransport({ connectMs: 2000, headersMs: 300, bodyMs: 300 });
  });
  afterEach(async () => {
    await transport.close();
    await server?.close();
  });

  it('waits out a 429 on a write for Retry-After seconds, then succeeds', async () => {
    let calls = 0;
    server = await startRawServer((_req, res) => {
      calls++;
      if (calls === 1) json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '1' });
      else json(res, 201, { ok: true });
    });
    const started = Date.now();
    assert.deepEqual(await apiFor(server.url).send('POST', '/x', undefined, { a: 1 }), { ok: true });
    assert.ok(Date.now() - started >= 950, 'waited about a second');
    assert.equal(server.seen.length, 2);
    assert.deepEqual(waits.map((w) => w.waitMs), [1000]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    let calls = 0;
    server = await startRawServer((_req, res) => {
      calls++;
      if (calls === 1) json(res, 429, {}, { 'retry-after': new Date(Date.now() + 1500).toUTCString() });
      else json(res, 200, { ok: true });
    });
    await apiFor(server.url).get('/x');
    assert.equal(server.seen.length, 2);
    assert.ok(waits[0].waitMs > 0 && waits[0].waitMs <= 1500);
  });

  it('gives up after the bounded number of retries and says so', async () => {
    server = await startRawServer((_req, res) => json(res, 429, { error: { code: 'rate_limited', message: 'no' } }, { 'retry-after': '0' }));
    const err = await apiFor(server.url).get('/x').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.attempts, 4);
    assert.equal(server.seen.length, 4);
    assert.match(describeError(err), /rate limiting.*\(gave up after 4 attempts\)\.$/);
  });

  it('does not wait longer than the policy allows', async () => {
    server = await startRawServer((_req, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    const started = Date.now();
    const err = await apiFor(server.url).get('/x').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError && err.status === 429);
    assert.ok(Date.now() - started < 1000);
    assert.equal(server.seen.length, 1);
  });

  it('retries a read after a 503 but never a write whose outcome is unknown', async () => {
    server = await startRawServer((req, res) => {
      if (req.method === 'GET' && server.seen.length > 1) json(res, 200, { ok: true });
      else json(res, 503, {});
    });
    assert.deepEqual(await apiFor(server.url).get('/x'), { ok: true });
    const before = server.seen.length;
    await assert.rejects(apiFor(server.url).send('POST', '/x', undefined, {}), (e: unknown) => e instanceof ApiError && e.status === 503);
    assert.equal(server.seen.length, before + 1);
  });

  it('is cancelled while waiting', async () => {
    server = await startRawServer((_req, res) => json(res, 429, {}, { 'retry-after': '2' }));
    const controller = new AbortController();
    const pending = apiFor(server.url).get('/x', undefined, controller.signal);
    setTimeout(() => controller.abort(), 100);
    const err = await pending.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetworkError && err.failure === 'cancelled');
    assert.equal(server.seen.length, 1);
  });
});

describe('JsonApi per-request timeout', () => {
  it('gives up after timeoutMs as a timeout, not a cancellation', async () => {
    const server = await startRawServer(() => { /* never answers */ });
    const transport = createUndiciTransport();
    try {
      const api = new JsonApi({ baseUrl: new URL(server.url), token, transport, timeoutMs: () => 200 });
      const started = Date.now();
      const err = await api.get('/slow').then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof NetworkError);
      assert.equal(err.failure, 'timeout');
      assert.match(err.message, /did not answer within 1 s\./);
      assert.ok(Date.now() - started < 2000);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
