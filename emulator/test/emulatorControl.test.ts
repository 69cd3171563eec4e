import * as assert from 'node:assert/strict';
import { startEmulator, demoTokens, type Emulator, type EmulatorState, type RecordedRequest } from '..';
import { call, type ErrorBody } from '../core/testClient';

interface RateLimitedBody {
  error: { code: string; message: string; limit: { remaining: number; reset: number; resetMs: number; total: number } };
}

describe('emulator: control (rate limit, faults, reset, admin)', () => {
  let running: Emulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  /** Starts the test's emulator; afterEach closes it. */
  const start = async (options?: Parameters<typeof startEmulator>[0]): Promise<Emulator> => (running = await startEmulator(options));

  describe('rate limit', () => {
    it('answers 429 rate_limited with the limit object and Retry-After once the window is used up', async () => {
      const emu = await start({ rateLimit: { limit: 2, windowMs: 30_000 } });
      const first = await call(emu, 'GET', '/v2/user');
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('x-ratelimit-remaining'), '1');
      assert.equal((await call(emu, 'GET', '/v10/projects')).status, 200);
      const before = Date.now();
      const limited = await call<RateLimitedBody>(emu, 'GET', '/v2/user');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.equal(limited.body.error.message, 'Rate limit exceeded');
      const { limit } = limited.body.error;
      assert.equal(limit.remaining, 0);
      assert.equal(limit.total, 2);
      assert.ok(limit.resetMs > before && limit.resetMs <= before + 30_000, 'resetMs is within the window');
      assert.equal(limit.reset, Math.ceil(limit.resetMs / 1000));
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
      // Per user: bob still has his own window.
      assert.equal((await call(emu, 'GET', '/v2/user', { token: demoTokens.bob })).status, 200);
    });

    it('opens a new window when the old one ends', async () => {
      const emu = await start({ rateLimit: { limit: 1, windowMs: 150 } });
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200);
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 429);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200);
    });

    it('is switched on and off through /_emulator/config', async () => {
      const emu = await start();
      const on = await call<{ rateLimit: unknown }>(emu, 'POST', '/_emulator/config', { body: { rateLimit: { limit: 0, windowMs: 60_000 } } });
      assert.equal(on.status, 200);
      assert.deepEqual(on.body.rateLimit, { limit: 0, windowMs: 60_000 });
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 429);
      await call(emu, 'POST', '/_emulator/config', { body: { rateLimit: null, legacySecretsGone: true } });
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200);
      const config = await call<{ legacySecretsGone: boolean; rateLimit: unknown }>(emu, 'GET', '/_emulator/config');
      assert.deepEqual(config.body, { rateLimit: null, legacySecretsGone: true, stepUp: null, deploymentBuild: { ms: 2000, outcome: 'READY' } });
      const bad = await call<ErrorBody>(emu, 'POST', '/_emulator/config', { body: { rateLimit: { limit: 'x' } } });
      assert.equal(bad.status, 400);
    });
  });

  describe('faults', () => {
    it('answers the next `times` matching requests with the injected status and body', async () => {
      const emu = await start();
      const armed = await call(emu, 'POST', '/_emulator/faults', {
        token: null,
        body: [{ method: 'GET', pathPattern: '^/v10/projects$', status: 503, body: { error: { code: 'unavailable', message: 'Try later' } }, times: 2 }],
      });
      assert.equal(armed.status, 200);
      for (let i = 0; i < 2; i++) {
        const res = await call<ErrorBody>(emu, 'GET', '/v10/projects');
        assert.equal(res.status, 503);
        assert.deepEqual(res.body, { error: { code: 'unavailable', message: 'Try later' } });
      }
      assert.equal((await call(emu, 'GET', '/v10/projects')).status, 200);
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200, 'other paths are not affected');
      assert.deepEqual(emu.requests.map((r) => r.status), [503, 503, 200, 200]);
    });

    it('defaults to one time and an error body, delays, drops connections, and is cleared by DELETE', async () => {
      const emu = await start();
      await call(emu, 'POST', '/_emulator/faults', { body: [
        { method: 'post', pathPattern: '/env$', status: 429 },
        { method: '*', pathPattern: '^/v2/user$', delayMs: 150 },
        { method: 'GET', pathPattern: '^/v2/teams$', status: 0 },
      ] });
      const limited = await call<ErrorBody>(emu, 'POST', '/v10/projects/alice-blog/env',
        { body: { key: 'A', value: 'a-0001', type: 'plain', target: ['production'] } });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.equal(limited.headers.get('retry-after'), '1');
      const started = Date.now();
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200);
      assert.ok(Date.now() - started >= 140, 'the answer was delayed');
      await assert.rejects(call(emu, 'GET', '/v2/teams'), 'a dropped connection is a network error');
      await call(emu, 'POST', '/_emulator/faults', { body: [{ method: 'GET', pathPattern: '.*', status: 500, times: 5 }] });
      const listed = await call<unknown[]>(emu, 'GET', '/_emulator/faults');
      assert.equal(listed.body.length, 1);
      assert.equal((await call(emu, 'DELETE', '/_emulator/faults')).status, 200);
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200);
    });

    it('refuses a malformed fault', async () => {
      const emu = await start();
      for (const body of [[{ method: 'GET', pathPattern: '(' , status: 500 }], [{ pathPattern: '.*' }], [{ method: 'GET', pathPattern: '.*', status: 99 }]]) {
        const res = await call<ErrorBody>(emu, 'POST', '/_emulator/faults', { body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'bad_request');
      }
    });
  });

  describe('reset and admin state', () => {
    it('reset() restores the seed and clears requests, violations and faults', async () => {
      const emu = await start();
      await call(emu, 'POST', '/v10/projects/alice-blog/env', { body: { key: 'TEMP', value: 'temp-0001', type: 'plain', target: ['production'] } });
      await call(emu, 'POST', '/_emulator/faults', { body: [{ method: 'GET', pathPattern: '.*', status: 500 }] });
      const state = emu.state;
      assert.ok(state.projects[0]?.envs.some((e) => e.key === 'TEMP'));
      emu.reset();
      assert.equal(emu.requests.length, 0);
      assert.equal(emu.contractViolations.length, 0);
      assert.ok(!state.projects[0]?.envs.some((e) => e.key === 'TEMP'), 'the state object held before reset is reset too');
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 200, 'faults are cleared');
    });

    it('exposes state (with values) and requests (never admin calls), and resets over HTTP', async () => {
      const emu = await start();
      const id = emu.state.projects.find((p) => p.name === 'alice-blog')?.envs.find((e) => e.key === 'DATABASE_URL')?.id;
      assert.ok(id);
      await call(emu, 'DELETE', `/v9/projects/alice-blog/env/${id}`);
      await call(emu, 'GET', '/nowhere');
      const state = await call<EmulatorState>(emu, 'GET', '/_emulator/state', { token: null });
      assert.equal(state.status, 200);
      assert.ok(state.text.includes('sk_live_alice_stripe_0001'));
      assert.ok(!state.text.includes('blog-db-pass-1'), 'the deleted variable is gone');
      const requests = await call<RecordedRequest[]>(emu, 'GET', '/_emulator/requests', { token: null });
      assert.deepEqual(requests.body.map((r) => [r.method, r.path, r.status]),
        [['DELETE', `/v9/projects/alice-blog/env/${id}`, 200], ['GET', '/nowhere', 404]]);
      assert.equal((await call(emu, 'POST', '/_emulator/reset', { token: null })).status, 200);
      const after = await call(emu, 'GET', '/_emulator/state', { token: null });
      assert.ok(after.text.includes('blog-db-pass-1'));
      assert.equal(emu.requests.length, 0);
      assert.equal((await call(emu, 'GET', '/_emulator/nope')).status, 404);
    });

    it('answers unknown routes 404 and can start without seed data', async () => {
      const emu = await start({ seed: false });
      const unknown = await call<ErrorBody>(emu, 'GET', '/v99/whatever');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body, { error: { code: 'not_found', message: 'The requested path was not found' } });
      assert.deepEqual(emu.state, { users: [], teams: [], projects: [] });
      assert.equal((await call(emu, 'GET', '/v2/user')).status, 403, 'no users, so no known token');
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });
});
