/** The emulator's legacy secrets routes over raw HTTP: what the client never sends is checked here. */
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { outsideTheSubset } from '../core/contract';
import { carol, legacySecretsOf } from '../vercel/legacySecretsSeed';
import { demoTokens } from '../vercel/seed';
import { implementedOperations } from '../core/server';
import { call, type ErrorBody, type PageInfo } from '../core/testClient';

interface SecretView {
  uid: string;
  name: string;
  teamId: string | null;
  userId: string;
  created: string;
  createdAt: number;
  projectId?: string;
  decryptable: boolean;
  value?: unknown;
}

describe('emulator: legacy account secrets', () => {
  let emu: Emulator;

  before(async () => { emu = await startEmulator({ validateContract: true }); });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, []));
  after(async () => { await emu.close(); });

  const list = (query: Record<string, string> = {}, token?: string | null) =>
    call<{ secrets: SecretView[]; pagination: PageInfo }>(emu, 'GET', '/v3/secrets', { query, token });
  const create = (name: string, body: unknown, query: Record<string, string> = {}, token?: string) =>
    call<SecretView & ErrorBody>(emu, 'POST', `/v2/secrets/${encodeURIComponent(name)}`, { body, query, token });

  it('lists the legacy shape, never a value, and pages with limit/until both ways', async () => {
    const one = await list({ limit: '2' });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.secrets.map((s) => s.name), ['blog-api-token', 'stripe-live-key']);
    assert.deepEqual(Object.keys(one.body.secrets[0]!).sort(), ['created', 'createdAt', 'decryptable', 'name', 'projectId', 'teamId', 'uid', 'userId']);
    assert.equal(one.body.secrets[1]?.projectId, undefined);
    assert.equal(one.body.pagination.count, 2);
    assert.equal(one.body.pagination.next, one.body.secrets[1]?.createdAt);
    assert.equal(one.body.pagination.prev, null);
    const two = await list({ limit: '2', until: String(one.body.pagination.next) });
    assert.deepEqual(two.body.secrets.map((s) => s.name), ['legacy-db-password']);
    assert.equal(two.body.pagination.next, null);
    assert.equal(two.body.pagination.prev, two.body.secrets[0]?.createdAt);
    assert.ok(!one.text.includes('legacy-db-pass-7101') && !two.text.includes('value'));
  });

  it('refuses a bad limit or cursor (400)', async () => {
    assert.equal((await list({ limit: '0' })).status, 400);
    assert.equal((await list({ limit: '101' })).status, 400);
    assert.equal((await list({ until: 'yesterday' })).status, 400);
  });

  it('scopes by teamId or slug; a non-member or unknown team is 403; no token is 403', async () => {
    const bySlug = await list({ slug: 'acme' });
    assert.deepEqual(bySlug.body.secrets.map((s) => [s.name, s.teamId]), [['acme-sentry-token', 'team_acme'], ['acme-deploy-key', 'team_acme']]);
    assert.equal((await list({ teamId: 'team_acme' }, demoTokens.bob)).status, 403);
    assert.equal((await list({ teamId: 'team_nope' })).status, 403);
    assert.equal((await list({}, null)).status, 403);
    assert.deepEqual((await list({ teamId: 'team_globex' })).body.secrets, [], 'a team with none');
  });

  it('creates: 200, the value echoed once as a Buffer, stored in clear, the name in lower case', async () => {
    const res = await create('My-Token_1', { name: 'My-Token_1', value: 'échappé-value-1' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.value, { type: 'Buffer', data: [...Buffer.from('échappé-value-1', 'utf8')] });
    assert.equal(res.body.name, 'my-token_1');
    assert.equal(res.body.teamId, null);
    assert.equal(res.body.userId, 'user_alice');
    assert.equal(res.body.decryptable, false);
    const record = legacySecretsOf(emu.state).secrets.find((s) => s.uid === res.body.uid);
    assert.equal(record?.value, 'échappé-value-1');
    assert.ok(!(await list()).text.includes('échappé'), 'never listed');
  });

  it('refuses bad creates with 400', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['n'.repeat(101), { name: 'n'.repeat(101), value: 'v' }, 'invalid_name'],
      ['has.dot', { name: 'has.dot', value: 'v' }, 'invalid_name'],
      ['fine', { name: 'fine', value: '' }, 'missing_value'],
      ['fine', { name: 'fine' }, 'missing_value'],
      ['fine', { name: 'other', value: 'v' }, 'bad_request'],
      ['fine', { name: 'fine', value: 'v', color: 'red' }, 'bad_request'],
      ['fine', { name: 'fine', value: 'v', decryptable: 'yes' }, 'bad_request'],
      ['fine', { name: 'fine', value: 'v', projectId: 'prj_nope' }, 'invalid_project'],
      ['fine', ['not', 'an', 'object'], 'bad_request'],
      ['stripe-live-key', { name: 'stripe-live-key', value: 'v' }, 'secret_already_exists'],
      ['STRIPE-LIVE-KEY', { name: 'STRIPE-LIVE-KEY', value: 'v' }, 'secret_already_exists'],
    ];
    for (const [name, body, code] of cases) {
      const res = await create(name, body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 60)}: ${res.text}`);
      assert.equal(res.body.error.code, code);
    }
    assert.equal((await create('n'.repeat(101), { name: 'n'.repeat(101), value: 'v' })).body.error.message,
      'The secret name is 101 characters long; the maximum is 100.');
    assert.equal(legacySecretsOf(emu.state).secrets.length, 6, 'nothing was stored');
  });

  it('answers 402 payment_required to every create of a soft-blocked user (carol)', async () => {
    const res = await create('carol-new', { name: 'carol-new', value: 'carol-value-2' }, {}, carol.token);
    assert.equal(res.status, 402);
    assert.equal(res.body.error.code, 'payment_required');
    assert.equal((await create('fine', { name: 'fine', value: 'v' })).status, 200, 'alice is not blocked');
  });

  it('renames (lower case, taken names refused, own name accepted) and deletes by uid or name', async () => {
    const renamed = await call<{ uid: string; name: string; oldName: string; created: string }>(emu, 'PATCH', '/v2/secrets/STRIPE-LIVE-KEY',
      { body: { name: 'Stripe-2024' } });
    assert.equal(renamed.status, 200);
    assert.deepEqual([renamed.body.oldName, renamed.body.name], ['stripe-live-key', 'stripe-2024']);
    assert.equal((await call(emu, 'PATCH', '/v2/secrets/stripe-2024', { body: { name: 'stripe-2024' } })).status, 200);
    assert.equal((await call(emu, 'PATCH', '/v2/secrets/stripe-2024', { body: { name: 'blog-api-token' } })).status, 400);
    assert.equal((await call(emu, 'PATCH', '/v2/secrets/stripe-2024', { body: { name: 'x', extra: 1 } })).status, 400);
    assert.equal((await call(emu, 'PATCH', '/v2/secrets/stripe-2024', { body: { name: 'n'.repeat(101) } })).status, 400);
    const deleted = await call<{ uid: string; name: string }>(emu, 'DELETE', `/v2/secrets/${renamed.body.uid}`);
    assert.deepEqual([deleted.status, deleted.body.name], [200, 'stripe-2024']);
    assert.equal((await call(emu, 'DELETE', '/v2/secrets/stripe-2024')).status, 404);
  });

  it('answers 410 gone on all four routes while legacySecretsGone is set, and forgets it on reset', async () => {
    await call(emu, 'POST', '/_emulator/config', { body: { legacySecretsGone: true } });
    const answers = await Promise.all([
      list(),
      create('x', { name: 'x', value: 'v' }),
      call<ErrorBody>(emu, 'PATCH', '/v2/secrets/stripe-live-key', { body: { name: 'y' } }),
      call<ErrorBody>(emu, 'DELETE', '/v2/secrets/stripe-live-key'),
    ]);
    for (const res of answers) {
      assert.equal(res.status, 410);
      assert.equal((res.body as unknown as ErrorBody).error.code, 'gone');
      assert.match((res.body as unknown as ErrorBody).error.message, /Environment Variables/);
    }
    emu.reset();
    assert.equal((await list()).status, 200);
  });

  it('seeds carol without teams and with one project, and forgets changes on reset', async () => {
    await create('temp', { name: 'temp', value: 'v' });
    emu.reset();
    assert.ok(!legacySecretsOf(emu.state).secrets.some((s) => s.name === 'temp'));
    const teams = await call<{ teams: unknown[] }>(emu, 'GET', '/v2/teams', { token: carol.token });
    assert.deepEqual(teams.body.teams, []);
    const projects = await call<{ projects: Array<{ id: string }> }>(emu, 'GET', '/v10/projects', { token: carol.token });
    assert.deepEqual(projects.body.projects.map((p) => p.id), [carol.projectId]);
  });

  it('keeps the legacy routes out of the contract coverage, by name', () => {
    const legacy = ['DELETE /v2/secrets/{idOrName}', 'GET /v3/secrets', 'PATCH /v2/secrets/{name}', 'POST /v2/secrets/{name}'];
    assert.deepEqual(outsideTheSubset.filter((o) => o.includes('/secrets')).sort(), legacy);
    for (const operation of outsideTheSubset) assert.ok(!implementedOperations.includes(operation), operation);
  });

  it('has no legacy secrets without seed data', async () => {
    const bare = await startEmulator({ seed: false });
    try {
      assert.deepEqual(legacySecretsOf(bare.state).secrets, []);
    } finally {
      await bare.close();
    }
  });
});
