/** The emulator's team shared variables (`/v1/env`) and its step-up switch, over raw HTTP. */
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { seededSharedValues, sharedEnvsOf } from '../vercel/sharedEnvStore';
import { demoTokens } from '../vercel/seed';
import { call, type ErrorBody, type PageInfo } from '../core/testClient';

interface SharedView {
  id: string;
  key: string;
  type: string;
  target: string[];
  projectId: string[];
  value?: string;
  decrypted: boolean;
  comment?: string;
}

describe('emulator: team shared variables', () => {
  let emu: Emulator;
  const acme = { teamId: 'team_acme' };

  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, []));
  after(async () => { await emu.close(); });

  const list = (query: Record<string, string> = {}, token?: string) =>
    call<{ data: SharedView[]; pagination: PageInfo } & ErrorBody>(emu, 'GET', '/v1/env', { query: { ...acme, ...query }, token });
  const shared = () => sharedEnvsOf(emu.state).envs;
  const idOf = (key: string): string => {
    const found = shared().find((e) => e.key === key);
    assert.ok(found, key);
    return found.id;
  };

  it('lists the team\'s variables newest first, never a value, and filters', async () => {
    const all = await list();
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.data.map((e) => e.key), ['LOG_LEVEL', 'STRIPE_WEBHOOK_SECRET', 'SENTRY_DSN']);
    for (const values of seededSharedValues()) assert.ok(!all.text.includes(values), 'no value in the list');
    assert.ok(all.body.data.every((e) => e.value === undefined && e.decrypted === false));
    assert.deepEqual((await list({ projectId: 'prj_acmeapi' })).body.data.map((e) => e.key), ['SENTRY_DSN']);
    assert.deepEqual((await list({ search: 'stripe' })).body.data.map((e) => e.key), ['STRIPE_WEBHOOK_SECRET']);
    assert.deepEqual((await list({ ids: `${idOf('LOG_LEVEL')},${idOf('SENTRY_DSN')}` })).body.data.map((e) => e.key), ['LOG_LEVEL', 'SENTRY_DSN']);
    assert.deepEqual((await list({ exclude_ids: idOf('LOG_LEVEL') })).body.data.map((e) => e.key), ['STRIPE_WEBHOOK_SECRET', 'SENTRY_DSN']);
    assert.deepEqual((await list({ exclude_projectId: 'prj_acmeweb' })).body.data.map((e) => e.key), ['LOG_LEVEL']);
    // Another scope sees none of them; a team the user is not in is refused.
    assert.deepEqual((await call<{ data: unknown[] }>(emu, 'GET', '/v1/env')).body.data, []);
    assert.equal((await list({ teamId: 'team_globex' }, demoTokens.alice)).body.data.length, 0);
    assert.equal((await call(emu, 'GET', '/v1/env', { query: acme, token: demoTokens.bob })).status, 403);
  });

  it('pages with limit and until', async () => {
    const first = await list({ limit: '2' });
    assert.deepEqual(first.body.data.map((e) => e.key), ['LOG_LEVEL', 'STRIPE_WEBHOOK_SECRET']);
    assert.equal(typeof first.body.pagination.next, 'number');
    const second = await list({ limit: '2', until: String(first.body.pagination.next) });
    assert.deepEqual(second.body.data.map((e) => e.key), ['SENTRY_DSN']);
    assert.equal(second.body.pagination.next, null);
  });

  it('creates several in one request and reports each failed key', async () => {
    const res = await call<{ created: SharedView[]; failed: ErrorBody[] }>(emu, 'POST', '/v1/env', {
      query: acme,
      body: {
        evs: [{ key: 'NEW_ONE', value: 'new-one-value-1' }, { key: 'SENTRY_DSN', value: 'x' }, { key: '1BAD', value: 'y' },
          { key: 'NEW_TWO', value: 'new-two-value-2', comment: 'two' }],
        type: 'encrypted', target: ['production', 'preview'], projectId: ['prj_acmedocs'],
      },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.created.map((e) => e.key), ['NEW_ONE', 'NEW_TWO']);
    assert.ok(!res.text.includes('new-one-value-1'), 'the answer does not echo the value');
    assert.deepEqual(res.body.failed.map((f) => [f.error.key, f.error.code]), [['SENTRY_DSN', 'ENV_ALREADY_EXISTS'], ['1BAD', 'KEY_INVALID_CHARACTERS']]);
    const stored = shared().find((e) => e.key === 'NEW_TWO');
    assert.deepEqual([stored?.value, stored?.projectId, stored?.comment], ['new-two-value-2', ['prj_acmedocs'], 'two']);
  });

  it('refuses a whole request of the wrong shape, and a create where every key failed', async () => {
    const post = (body: unknown) => call<ErrorBody>(emu, 'POST', '/v1/env', { query: acme, body });
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ key: `K${i}`, value: 'v' }));
    assert.equal((await post({ evs: tooMany, target: ['production'] })).status, 400);
    assert.equal((await post({ evs: [{ key: 'A', value: 'v' }], target: ['production'], projectId: ['prj_globexshop'] })).body.error.code, 'project_not_found');
    assert.equal((await post({ evs: [{ key: 'A', value: 'v' }], type: 'sensitive', target: ['development'] })).body.error.code, 'SENSITIVE_DEVELOPMENT_NOT_ALLOWED');
    assert.equal((await post({ evs: [{ key: 'A', value: 'v' }], target: [] })).body.error.code, 'MISSING_TARGET');
    const dup = await post({ evs: [{ key: 'SENTRY_DSN', value: 'v' }], target: ['production'] });
    assert.deepEqual([dup.status, dup.body.error.code, dup.body.error.key], [400, 'ENV_ALREADY_EXISTS', 'SENTRY_DSN']);
    assert.equal(shared().length, 3, 'nothing was created');
  });

  it('updates value, key, links and unlinks in one request, each id on its own', async () => {
    const sentry = idOf('SENTRY_DSN');
    const log = idOf('LOG_LEVEL');
    const res = await call<{ updated: SharedView[]; failed: ErrorBody[] }>(emu, 'PATCH', '/v1/env', {
      query: acme,
      body: { updates: {
        [sentry]: { value: 'new-sentry-value', projectIdUpdates: { link: ['prj_acmedocs'], unlink: ['prj_acmeapi'] } },
        [log]: { key: 'LOG_LEVEL_RENAMED' },
        env_missing: { value: 'x' },
      } },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.updated.map((e) => [e.key, e.projectId]), [['SENTRY_DSN', ['prj_acmeweb', 'prj_acmedocs']], ['LOG_LEVEL_RENAMED', []]]);
    assert.deepEqual(res.body.failed.map((f) => [f.error.envVarId, f.error.code]), [['env_missing', 'not_found']]);
    assert.equal(shared().find((e) => e.id === sentry)?.value, 'new-sentry-value');
    const refused = await call<{ updated: unknown[]; failed: ErrorBody[] }>(emu, 'PATCH', '/v1/env', {
      query: acme, body: { updates: { [idOf('STRIPE_WEBHOOK_SECRET')]: { type: 'encrypted' } } } });
    assert.deepEqual(refused.body.failed.map((f) => f.error.code), ['ENV_TYPE_IMMUTABLE']);
  });

  it('reads one value (never a sensitive one), unlinks one project, deletes many', async () => {
    const one = await call<SharedView>(emu, 'GET', `/v1/env/${idOf('SENTRY_DSN')}`, { query: acme });
    assert.deepEqual([one.body.value, one.body.decrypted], ['https://acme-sentry-key-8101@sentry.example.com/1', true]);
    const sensitive = await call<SharedView>(emu, 'GET', `/v1/env/${idOf('STRIPE_WEBHOOK_SECRET')}`, { query: acme });
    assert.deepEqual([sensitive.body.value, sensitive.body.decrypted], [undefined, false]);
    assert.equal((await call(emu, 'GET', '/v1/env/env_nope', { query: acme })).status, 404);

    const unlink = await call<{ id: string }>(emu, 'PATCH', `/v1/env/${idOf('SENTRY_DSN')}/unlink/prj_acmeapi`, { query: acme });
    assert.deepEqual([unlink.status, unlink.body.id], [200, idOf('SENTRY_DSN')]);
    assert.deepEqual(shared().find((e) => e.key === 'SENTRY_DSN')?.projectId, ['prj_acmeweb']);
    assert.equal((await call(emu, 'PATCH', `/v1/env/${idOf('SENTRY_DSN')}/unlink/prj_acmeapi`, { query: acme })).status, 404);

    const del = await call<{ deleted: string[]; failed: ErrorBody[] }>(emu, 'DELETE', '/v1/env', {
      query: acme, body: { ids: [idOf('SENTRY_DSN'), idOf('LOG_LEVEL'), 'env_nope'] } });
    assert.equal(del.status, 200);
    assert.equal(del.body.deleted.length, 2);
    assert.deepEqual(del.body.failed.map((f) => f.error.envVarId), ['env_nope']);
    assert.deepEqual(shared().map((e) => e.key), ['STRIPE_WEBHOOK_SECRET']);
  });

  it('step-up switch: every env read answers 403 with the code, writes and other reads do not', async () => {
    const config = await call(emu, 'POST', '/_emulator/config', { body: { stepUp: 'challenge_required' } });
    assert.equal(config.status, 200);
    for (const path of ['/v1/env', `/v1/env/${idOf('SENTRY_DSN')}`, '/v10/projects/acme-web/env']) {
      const res = await call<ErrorBody>(emu, 'GET', path, { query: acme });
      assert.deepEqual([res.status, res.body.error.code], [403, 'challenge_required'], path);
      assert.equal(res.body.error.invalidToken, undefined, 'not a token refusal');
    }
    assert.equal((await call(emu, 'GET', '/v10/projects', { query: acme })).status, 200);
    assert.equal((await call(emu, 'POST', '/_emulator/config', { body: { stepUp: 'nope' } })).status, 400);
    await call(emu, 'POST', '/_emulator/config', { body: { stepUp: null } });
    assert.equal((await list()).status, 200);
  });
});
