import * as assert from 'node:assert/strict';
import type { HttpResponse, Transport } from '../../src/core/http/types';
import { createUndiciTransport, defaultTimeouts, type TransportTimeouts } from '../../src/core/http/undiciTransport';
import { json, startRawServer, type RawServer } from './helpers/rawServer';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the transport reuses an idle connection after a pause, seen from the server:
 * a request that opens no new TCP connection went over a kept-alive one (no new handshake).
 */
describe('Keep-alive of the undici transport (real server, its accepted connections as evidence)', function () {
  this.timeout(15_000);
  let server: RawServer;
  let transport: Transport;

  async function setUp(serverKeepAliveMs: number, timeouts: Partial<TransportTimeouts> = {}): Promise<void> {
    server = await startRawServer((_req, res) => json(res, 200, {}), { keepAliveTimeoutMs: serverKeepAliveMs });
    transport = createUndiciTransport(timeouts);
  }
  const get = (): Promise<HttpResponse> => transport.request({ method: 'GET', url: new URL(`${server.url}/v2/user`), headers: {} });
  /** A request, then `ms` of idle time: did the next request go over a kept-alive connection? */
  async function reusedAfter(ms: number): Promise<boolean> {
    await get();
    await pause(ms);
    const before = server.connections;
    await get();
    return server.connections === before;
  }

  afterEach(async () => {
    await transport.close();
    await server.close();
  });

  // undici checks timers of a second or more only every 0.5 s: the pauses keep clear of that.
  it('keeps an idle connection across a pause when the server sends no hint (undici alone would close it after 4 s)', async () => {
    assert.ok(defaultTimeouts.keepAliveMs >= 60_000, `the default survives a pause of a minute: ${defaultTimeouts.keepAliveMs} ms`);
    await setUp(0);
    const res = await get();
    assert.equal(res.headers['keep-alive'], undefined, 'the server sends no Keep-Alive hint');
    assert.equal(await reusedAfter(5500), true, 'the same connection after 5.5 s');
  });

  it("follows the server's shorter hint: closes before the server would (hint 3 s, minus undici's 2 s margin)", async () => {
    await setUp(3000);
    assert.equal((await get()).headers['keep-alive'], 'timeout=3');
    assert.equal(await reusedAfter(300), true, 'reused within the hinted time');
    assert.equal(await reusedAfter(2200), false, 'a new connection after the hinted time, while the server would still have kept it');
  });

  it("follows the server's longer hint beyond the no-hint default, up to keepAliveMaxMs", async () => {
    await setUp(20_000, { keepAliveMs: 300 });
    assert.equal(await reusedAfter(800), true, 'the hint (20 s) wins over the no-hint 300 ms');
    await transport.close();
    transport = createUndiciTransport({ keepAliveMs: 300, keepAliveMaxMs: 500 });
    assert.equal(await reusedAfter(1200), false, 'capped at keepAliveMaxMs (500 ms)');
  });
});
