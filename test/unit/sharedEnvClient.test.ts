/** The shared variables client (src/core/vercel/sharedEnv.ts) against the emulator; step-up errors. */
import * as assert from 'node:assert/strict';
import { ApiError, describeError, InputError, isStepUp } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { rejectedStatus } from '../../src/core/tokenRejected';
import { VercelClient } from '../../src/core/vercel/client';
import type { Scope } from '../../src/core/vercel/models';
import { call, demoTokens, seededSharedValues, sharedEnvsOf, startEmulator, type Emulator } from '../../emulator';

const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };

describe('shared variables client against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;
  const client = () => new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' }));
  const stored = () => sharedEnvsOf(emulator.state).envs;
  const idOf = (key: string): string => {
    const found = stored().find((e) => e.key === key);
    assert.ok(found, key);
    return found.id;
  };
  /** Runs `run` and asserts it sent exactly `count` requests. */
  async function counted<T>(count: number, run: () => Promise<T>): Promise<T> {
    const before = emulator.requests.length;
    try {
      return await run();
    } finally {
      assert.equal(emulator.requests.length - before, count, 'requests sent');
    }
  }

  before(async () => {
    emulator = await startEmulator({ validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('lists every page, with links and without values', async () => {
    // 120 more, so the list takes two pages of 100.
    const vars = Array.from({ length: 40 }, (_, i) => ({ key: `PAGED_${i}`, value: `paged-value-${i}` }));
    for (const target of [['production'], ['preview'], ['development']] as const) {
      await client().shared.create(acme, { vars, type: 'encrypted', targets: target });
    }
    const all = await counted(2, () => client().shared.listAll(acme));
    assert.equal(all.length, 123);
    const sentry = all.find((e) => e.key === 'SENTRY_DSN');
    assert.deepEqual([sentry?.projectIds, sentry?.targets, sentry?.type], [['prj_acmeweb', 'prj_acmeapi'], ['production', 'preview'], 'encrypted']);
    assert.ok(all.every((e) => !('value' in e)));
    const linked = await counted(1, () => client().shared.listAll(acme, { projectId: 'prj_acmeweb' }));
    assert.deepEqual(linked.map((e) => e.key).sort(), ['SENTRY_DSN', 'STRIPE_WEBHOOK_SECRET']);
  });

  it('creates several keys in one request and reports each failed key; the others stay created', async () => {
    const answer = await counted(1, () => client().shared.create(acme, {
      vars: [{ key: 'FIRST_NEW', value: 'first-new-1' }, { key: 'SENTRY_DSN', value: 'dup' }, { key: 'SECOND_NEW', value: 'second-new-2' }],
      type: 'sensitive', targets: ['production', 'preview'], projectIds: ['prj_acmedocs'],
    }));
    assert.deepEqual(answer.created.map((e) => [e.key, e.type, e.projectIds]), [['FIRST_NEW', 'sensitive', ['prj_acmedocs']], ['SECOND_NEW', 'sensitive', ['prj_acmedocs']]]);
    assert.deepEqual(answer.failed.map((f) => [f.key, f.code]), [['SENTRY_DSN', 'ENV_ALREADY_EXISTS']]);
    assert.ok(stored().some((e) => e.key === 'FIRST_NEW' && e.value === 'first-new-1'));
  });

  it('refuses bad input before any request', async () => {
    const bad = [
      { vars: [], type: 'encrypted', targets: ['production'] },
      { vars: [{ key: '1X', value: 'v' }], type: 'encrypted', targets: ['production'] },
      { vars: [{ key: 'A', value: '' }], type: 'encrypted', targets: ['production'] },
      { vars: [{ key: 'A', value: 'v' }, { key: 'A', value: 'w' }], type: 'encrypted', targets: ['production'] },
      { vars: [{ key: 'A', value: 'v' }], type: 'sensitive', targets: ['development'] },
      { vars: Array.from({ length: 51 }, (_, i) => ({ key: `K${i}`, value: 'v' })), type: 'encrypted', targets: ['production'] },
    ] as const;
    for (const input of bad) {
      await counted(0, () => assert.rejects(client().shared.create(acme, input), InputError));
    }
    await counted(0, () => assert.rejects(client().shared.list({ kind: 'personal' }), /belong to teams/));
    await counted(0, () => assert.rejects(client().shared.update(acme, { [idOf('LOG_LEVEL')]: { key: 'bad key' } }), InputError));
    await counted(0, () => assert.rejects(client().shared.delete(acme, []), InputError));
  });

  it('updates value, key and links in one request each; reads a value; unlinks; deletes many', async () => {
    const sentry = idOf('SENTRY_DSN');
    const res = await counted(1, () => client().shared.update(acme, { [sentry]: { value: 'rotated-sentry-1', link: ['prj_acmedocs'], unlink: ['prj_acmeapi'] } }));
    assert.deepEqual(res.updated[0]?.projectIds, ['prj_acmeweb', 'prj_acmedocs']);
    const renamed = await counted(1, () => client().shared.update(acme, { [sentry]: { key: 'SENTRY_URL' } }));
    assert.equal(renamed.updated[0]?.key, 'SENTRY_URL');
    assert.deepEqual(await counted(1, () => client().shared.readValue(acme, sentry)), { value: 'rotated-sentry-1', decrypted: true });
    assert.deepEqual(await counted(1, () => client().shared.readValue(acme, idOf('STRIPE_WEBHOOK_SECRET'))), { value: undefined, decrypted: false });
    await counted(1, () => client().shared.unlink(acme, sentry, 'prj_acmeweb'));
    assert.deepEqual(stored().find((e) => e.id === sentry)?.projectId, ['prj_acmedocs']);
    const refused = await counted(1, () => client().shared.update(acme, { [idOf('STRIPE_WEBHOOK_SECRET')]: { type: 'encrypted' }, env_gone: { value: 'x' } }));
    assert.deepEqual(refused.failed.map((f) => [f.id, f.code]), [[idOf('STRIPE_WEBHOOK_SECRET'), 'ENV_TYPE_IMMUTABLE'], ['env_gone', 'not_found']]);
    const deleted = await counted(1, () => client().shared.delete(acme, [sentry, idOf('LOG_LEVEL'), 'env_gone']));
    assert.equal(deleted.deleted.length, 2);
    assert.deepEqual(deleted.failed.map((f) => f.id), ['env_gone']);
    assert.deepEqual(stored().map((e) => e.key), ['STRIPE_WEBHOOK_SECRET']);
  });

  it('a create where every key fails is one ApiError naming the first', async () => {
    const err = await counted(1, () => client().shared.create(acme, { vars: [{ key: 'SENTRY_DSN', value: 'x' }], type: 'encrypted', targets: ['production'] })
      .then(() => undefined, (e: unknown) => e));
    assert.ok(err instanceof ApiError && err.hasCode('ENV_ALREADY_EXISTS'));
  });

  for (const code of ['challenge_required', 'challenge_required_email_otp', 'user_auth_required']) {
    it(`step-up (${code}) is explained as such, never as a rejected token`, async () => {
      await call(emulator, 'POST', '/_emulator/config', { body: { stepUp: code } });
      const err = await counted(1, () => client().shared.listAll(acme).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 403);
      assert.ok(err.stepUpRequired && isStepUp(err));
      assert.equal(err.tokenRejected, false);
      assert.equal(rejectedStatus(err), undefined, 'a token check would not call it refused');
      const message = describeError(err);
      assert.match(message, /confirm it's you \(step-up authentication\)/);
      assert.match(message, /dashboard/);
      assert.doesNotMatch(message, /token is invalid|rejected the token|expired/);
      // The project list read answers the same.
      const listErr = await client().listEnvs(acme, 'prj_acmeweb').then(() => undefined, (e: unknown) => e);
      assert.ok(isStepUp(listErr));
    });
  }

  it('never puts a seeded shared value in an error message', async () => {
    await call(emulator, 'POST', '/_emulator/config', { body: { stepUp: 'challenge_required' } });
    const err = await client().shared.readValue(acme, idOf('SENTRY_DSN')).then(() => undefined, (e: unknown) => e);
    for (const value of seededSharedValues()) assert.ok(!describeError(err).includes(value));
  });
});
