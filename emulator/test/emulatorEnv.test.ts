import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '..';
import { call, type CreateResult, type EnvView, type ErrorBody } from '../core/testClient';

const acme = { teamId: 'team_acme' };

describe('emulator: environment variables', () => {
  let emu: Emulator;
  beforeEach(async () => { emu = await startEmulator(); });
  afterEach(async () => { await emu.close(); });

  const envsOf = (project: string) => {
    const p = emu.state.projects.find((x) => x.name === project);
    assert.ok(p, `no project ${project}`);
    return p.envs;
  };
  const envId = (project: string, key: string): string => {
    const env = envsOf(project).find((e) => e.key === key);
    assert.ok(env, `no ${key} in ${project}`);
    return env.id;
  };

  describe('reading', () => {
    it('lists alice-blog exactly, hiding sensitive values and encrypted ones unless decrypted', async () => {
      const res = await call<{ envs: EnvView[]; pagination: unknown }>(emu, 'GET', '/v10/projects/alice-blog/env');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body), ['envs', 'pagination']);
      assert.deepEqual(res.body.pagination, { count: 6, next: null, prev: null }, 'one page holds them all');
      const byKey = new Map(res.body.envs.map((e) => [e.key, e]));
      assert.deepEqual([...byKey.keys()].sort(),
        ['DATABASE_URL', 'LEGACY_TOKEN', 'NEXT_PUBLIC_SITE_URL', 'PREVIEW_API_KEY', 'STRIPE_SECRET_KEY', 'VERCEL_GIT_COMMIT_SHA']);
      assert.equal(byKey.get('NEXT_PUBLIC_SITE_URL')?.value, 'https://alice.example.com');
      assert.equal(byKey.get('STRIPE_SECRET_KEY')?.value, '');
      assert.equal(byKey.get('STRIPE_SECRET_KEY')?.decrypted, false);
      assert.equal(byKey.get('PREVIEW_API_KEY')?.gitBranch, 'feature/login');
      assert.deepEqual(byKey.get('DATABASE_URL')?.target, ['production', 'preview']);
      assert.ok(!res.text.includes('blog-db-pass-1'), 'encrypted value in clear without decrypt');
      assert.ok(!res.text.includes('sk_live_alice_stripe_0001'), 'sensitive value leaked');

      const decrypted = await call<{ envs: EnvView[] }>(emu, 'GET', '/v10/projects/alice-blog/env', { query: { decrypt: 'true' } });
      const clear = new Map(decrypted.body.envs.map((e) => [e.key, e]));
      assert.equal(clear.get('DATABASE_URL')?.value, 'postgres://blog:blog-db-pass-1@db.example.com/blog');
      assert.equal(clear.get('DATABASE_URL')?.decrypted, true);
      assert.ok(!decrypted.text.includes('sk_live_alice_stripe_0001'), 'sensitive value leaked with decrypt=true');
    });

    it('filters by git branch', async () => {
      const main = await call<{ envs: EnvView[] }>(emu, 'GET', '/v10/projects/alice-blog/env', { query: { gitBranch: 'main' } });
      assert.ok(!main.body.envs.some((e) => e.key === 'PREVIEW_API_KEY'));
      assert.ok(main.body.envs.some((e) => e.key === 'DATABASE_URL'));
      const login = await call<{ envs: EnvView[] }>(emu, 'GET', '/v10/projects/alice-blog/env', { query: { gitBranch: 'feature/login' } });
      assert.ok(login.body.envs.some((e) => e.key === 'PREVIEW_API_KEY'));
    });

    it('reads one variable decrypted, but never a sensitive one', async () => {
      const db = await call<EnvView>(emu, 'GET', `/v1/projects/alice-blog/env/${envId('alice-blog', 'DATABASE_URL')}`);
      assert.equal(db.status, 200);
      assert.equal(db.body.value, 'postgres://blog:blog-db-pass-1@db.example.com/blog');
      assert.equal(db.body.decrypted, true);
      const stripe = await call<EnvView>(emu, 'GET', `/v1/projects/prj_aliceblog/env/${envId('alice-blog', 'STRIPE_SECRET_KEY')}`);
      assert.equal(stripe.status, 200);
      assert.equal(stripe.body.value ?? '', '');
      assert.equal(stripe.body.decrypted, false);
      assert.ok(!stripe.text.includes('sk_live_alice_stripe_0001'));
      const missing = await call<ErrorBody>(emu, 'GET', '/v1/projects/alice-blog/env/nope');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
    });
  });

  describe('creating', () => {
    const post = (body: unknown, query: Record<string, string> = {}, project = 'alice-blog') =>
      call<CreateResult & ErrorBody>(emu, 'POST', `/v10/projects/${project}/env`, { body, query });

    it('creates one variable (201 {created, failed}) and stores its value', async () => {
      const res = await post({ key: 'NEW_FLAG', value: 'flag-value-0042', type: 'encrypted', target: ['production', 'preview'], comment: 'why' });
      assert.equal(res.status, 201);
      const created = res.body.created as EnvView;
      assert.equal(created.key, 'NEW_FLAG');
      assert.equal(created.comment, 'why');
      assert.deepEqual(res.body.failed, []);
      assert.ok(!res.text.includes('flag-value-0042'), 'the create answer shows the encrypted value in clear');
      const stored = envsOf('alice-blog').find((e) => e.id === created.id);
      assert.equal(stored?.value, 'flag-value-0042');
    });

    it('counts a comment in characters (code points), as OpenAPI maxLength does: 499 x and an emoji is 500', async () => {
      const ok = await post({ key: 'EMOJI_COMMENT', value: 'v-0100', type: 'plain', target: ['development'], comment: `${'x'.repeat(499)}😀` });
      assert.equal(ok.status, 201, ok.text);
      const over = await post({ key: 'EMOJI_COMMENT_2', value: 'v-0101', type: 'plain', target: ['development'], comment: `${'x'.repeat(500)}😀` });
      assert.equal(over.status, 400);
    });

    it('creates a batch, reporting the failures next to what was created', async () => {
      const res = await post([
        { key: 'BATCH_ONE', value: 'one-0001', type: 'plain', target: ['development'] },
        { key: 'AWS_REGION', value: 'eu-west-1', type: 'plain', target: ['production'] },
        { key: 'BATCH_TWO', value: 'two-0002', type: 'sensitive', target: ['production'] },
      ]);
      assert.equal(res.status, 201);
      assert.deepEqual((res.body.created as EnvView[]).map((e) => e.key), ['BATCH_ONE', 'BATCH_TWO']);
      assert.deepEqual(res.body.failed.map((f) => [f.error.code, f.error.key]), [['KEY_RESERVED', 'AWS_REGION']]);
    });

    it('answers the first failure when a whole batch fails', async () => {
      const res = await post([
        { key: 'DATABASE_URL', value: 'x-0001', type: 'encrypted', target: ['production'] },
        { key: '9LIVES', value: 'x-0002', type: 'plain', target: ['production'] },
      ]);
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'ENV_ALREADY_EXISTS');
    });

    it('refuses a duplicate with 403 ENV_ALREADY_EXISTS and the existing id', async () => {
      const res = await post({ key: 'DATABASE_URL', value: 'other-0003', type: 'encrypted', target: ['preview'] });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'ENV_ALREADY_EXISTS');
      assert.equal(res.body.error.envVarId, envId('alice-blog', 'DATABASE_URL'));
      const otherTarget = await post({ key: 'DATABASE_URL', value: 'dev-db-0004', type: 'encrypted', target: ['development'] });
      assert.equal(otherTarget.status, 201, 'same key on another environment is a separate variable');
    });

    it('upserts: same targets update in place, other targets conflict', async () => {
      const id = envId('alice-blog', 'DATABASE_URL');
      const same = await post({ key: 'DATABASE_URL', value: 'postgres://new-pass-0005', type: 'encrypted', target: ['preview', 'production'] },
        { upsert: 'true' });
      assert.equal(same.status, 201);
      assert.equal((same.body.created as EnvView).id, id);
      assert.equal(envsOf('alice-blog').filter((e) => e.key === 'DATABASE_URL').length, 1);
      assert.equal(envsOf('alice-blog').find((e) => e.id === id)?.value, 'postgres://new-pass-0005');
      const other = await post({ key: 'DATABASE_URL', value: 'x-0006', type: 'encrypted', target: ['production'] }, { upsert: 'true' });
      assert.equal(other.status, 400);
      assert.equal(other.body.error.code, 'ENV_CONFLICT');
    });

    it('applies the key, target and value rules', async () => {
      const cases: [unknown, number, string][] = [
        [{ value: 'v-0001', type: 'plain', target: ['production'] }, 400, 'MISSING_KEY'],
        [{ key: '1ABC', value: 'v-0002', type: 'plain', target: ['production'] }, 400, 'KEY_INVALID_CHARACTERS'],
        [{ key: 'MY-KEY', value: 'v-0003', type: 'plain', target: ['production'] }, 400, 'KEY_INVALID_CHARACTERS'],
        [{ key: 'K'.repeat(257), value: 'v-0004', type: 'plain', target: ['production'] }, 400, 'KEY_INVALID_LENGTH'],
        [{ key: 'AWS_SECRET_ACCESS_KEY', value: 'v-0005', type: 'plain', target: ['production'] }, 400, 'KEY_RESERVED'],
        [{ key: 'TZ', value: 'UTC', type: 'plain', target: ['production'] }, 400, 'KEY_RESERVED'],
        [{ key: 'NO_TARGET', value: 'v-0006', type: 'plain', target: [] }, 400, 'MISSING_TARGET'],
        [{ key: 'NO_TARGET', value: 'v-0007', type: 'plain' }, 400, 'MISSING_TARGET'],
        [{ key: 'NO_VALUE', type: 'plain', target: ['production'] }, 400, 'MISSING_VALUE'],
        [{ key: 'TOO_LONG', value: 'x'.repeat(64 * 1024 + 1), type: 'plain', target: ['production'] }, 400, 'VALUE_INVALID_LENGTH'],
        [{ key: 'SENSITIVE_DEV', value: 'v-0008', type: 'sensitive', target: ['preview', 'development'] }, 400, 'SENSITIVE_DEVELOPMENT_NOT_ALLOWED'],
        [{ key: 'BAD_TYPE', value: 'v-0009', type: 'magic', target: ['production'] }, 400, 'bad_request'],
        [{ key: 'BAD_TARGET', value: 'v-0010', type: 'plain', target: ['staging'] }, 400, 'bad_request'],
      ];
      for (const [body, status, code] of cases) {
        const res = await post(body);
        assert.equal(res.status, status, code);
        assert.equal(res.body.error.code, code);
        assert.equal(typeof res.body.error.message, 'string');
      }
      const edge = await post([
        { key: 'K'.repeat(256), value: 'edge-0011', type: 'plain', target: ['production'] },
        { key: '_UNDERSCORE_1', value: 'y'.repeat(64 * 1024), type: 'plain', target: ['production'] },
      ]);
      assert.equal(edge.status, 201);
      assert.equal((edge.body.created as EnvView[]).length, 2);
    });

    it('answers 400 Invalid JSON for a malformed body, and 404 for an unknown project', async () => {
      const bad = await call<ErrorBody>(emu, 'POST', '/v10/projects/alice-blog/env', { rawBody: '{"key": ' });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body, { error: { code: 'bad_request', message: 'Invalid JSON' } });
      const missing = await post({ key: 'A', value: 'a-0001', type: 'plain', target: ['production'] }, {}, 'nope');
      assert.equal(missing.status, 404);
    });
  });

  describe('editing and deleting', () => {
    const patch = (project: string, key: string, body: unknown, query: Record<string, string> = {}) =>
      call<EnvView & ErrorBody>(emu, 'PATCH', `/v9/projects/${project}/env/${envId(project, key)}`, { body, query });

    it('edits value, target and comment', async () => {
      const res = await patch('alice-blog', 'NEXT_PUBLIC_SITE_URL', { value: 'https://new.example.com/site-0001', target: ['production'], comment: 'moved' });
      assert.equal(res.status, 200);
      assert.equal(res.body.value, 'https://new.example.com/site-0001');
      assert.deepEqual(res.body.target, ['production']);
      const stored = envsOf('alice-blog').find((e) => e.key === 'NEXT_PUBLIC_SITE_URL');
      assert.equal(stored?.value, 'https://new.example.com/site-0001');
      assert.equal(stored?.comment, 'moved');
    });

    it('refuses renaming onto an existing key (403) and bad keys (400)', async () => {
      const clash = await patch('alice-blog', 'LEGACY_TOKEN', { key: 'STRIPE_SECRET_KEY' });
      assert.equal(clash.status, 403);
      assert.equal(clash.body.error.code, 'ENV_ALREADY_EXISTS');
      const bad = await patch('alice-blog', 'LEGACY_TOKEN', { key: 'BAD KEY' });
      assert.equal(bad.body.error.code, 'KEY_INVALID_CHARACTERS');
      const renamed = await patch('alice-blog', 'DATABASE_URL', { key: 'PRIMARY_DATABASE_URL' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.key, 'PRIMARY_DATABASE_URL');
    });

    it('keeps a sensitive variable sensitive and its key fixed, but lets its value change', async () => {
      const rename = await patch('alice-blog', 'STRIPE_SECRET_KEY', { key: 'STRIPE_KEY' });
      assert.equal(rename.status, 400);
      assert.equal(rename.body.error.code, 'ENV_KEY_IMMUTABLE');
      const retype = await patch('alice-blog', 'STRIPE_SECRET_KEY', { type: 'plain' });
      assert.equal(retype.body.error.code, 'ENV_TYPE_IMMUTABLE');
      const dev = await patch('alice-blog', 'STRIPE_SECRET_KEY', { target: ['production', 'development'] });
      assert.equal(dev.body.error.code, 'SENSITIVE_DEVELOPMENT_NOT_ALLOWED');
      const value = await patch('alice-blog', 'STRIPE_SECRET_KEY', { value: 'sk_live_rotated_0002' });
      assert.equal(value.status, 200);
      assert.ok(!value.text.includes('sk_live_rotated_0002'));
      assert.equal(envsOf('alice-blog').find((e) => e.key === 'STRIPE_SECRET_KEY')?.value, 'sk_live_rotated_0002');
    });

    it('refuses system variables, unknown properties and unknown ids', async () => {
      const system = await patch('alice-blog', 'VERCEL_GIT_COMMIT_SHA', { value: 'abc' });
      assert.equal(system.status, 400);
      assert.equal(system.body.error.code, 'SYSTEM_ENV_IMMUTABLE');
      const extra = await patch('alice-blog', 'DATABASE_URL', { value: 'x', color: 'red' });
      assert.equal(extra.status, 400);
      assert.equal(extra.body.error.code, 'bad_request');
      const missing = await call<ErrorBody>(emu, 'PATCH', '/v9/projects/alice-blog/env/nope', { body: { value: 'x' } });
      assert.equal(missing.status, 404);
    });

    it('deletes one variable, then answers 404 for it', async () => {
      const id = envId('alice-blog', 'LEGACY_TOKEN');
      const res = await call<EnvView>(emu, 'DELETE', `/v9/projects/alice-blog/env/${id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, id);
      assert.ok(!envsOf('alice-blog').some((e) => e.id === id));
      assert.equal((await call(emu, 'DELETE', `/v9/projects/alice-blog/env/${id}`)).status, 404);
    });

    it('deletes a batch by ids, within 1..1000', async () => {
      const ids = [envId('acme-web', 'API_URL'), envId('acme-web', 'AUTH_SECRET')];
      const res = await call<{ deleted: number; ids: string[] }>(emu, 'DELETE', '/v1/projects/acme-web/env', { body: { ids }, query: acme });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { deleted: 2, ids });
      assert.deepEqual(envsOf('acme-web').map((e) => e.key), ['DATABASE_PASSWORD', 'ANALYTICS_KEY']);
      for (const body of [{ ids: [] }, { ids: Array.from({ length: 1001 }, (_, i) => `id${i}`) }, {}]) {
        const bad = await call<ErrorBody>(emu, 'DELETE', '/v1/projects/acme-web/env', { body, query: acme });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.code, 'bad_request');
      }
    });
  });
});
