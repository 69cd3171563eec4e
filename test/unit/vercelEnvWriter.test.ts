import * as assert from 'node:assert/strict';
import { ApiError, InputError, describeError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import type { EnvMutationTarget, NewEnvVar } from '../../src/core/vercel/envWriter';
import type { Scope } from '../../src/core/vercel/models';
import { startEmulator, type Emulator, type EnvRecord, type ProjectRecord } from '../../emulator';
import { demoTokens } from '../../emulator';
import { json, startRawServer } from './helpers/rawServer';

const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };
const personal: Scope = { kind: 'personal' };
const blog: EnvMutationTarget = { scope: personal, projectId: 'prj_aliceblog' };
const acmeWeb: EnvMutationTarget = { scope: acme, projectId: 'prj_acmeweb' };
const allTokens: readonly string[] = Object.values(demoTokens);

describe('VercelEnvWriter against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;

  function client(token: string = demoTokens.alice, service: string | undefined = 'Vercel'): VercelClient {
    return new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token, transport, service }));
  }

  function project(id: string): ProjectRecord {
    const found = emulator.state.projects.find((p) => p.id === id);
    assert.ok(found, `project ${id} in the emulator state`);
    return found;
  }

  function envsNamed(projectId: string, key: string): EnvRecord[] {
    return project(projectId).envs.filter((e) => e.key === key);
  }

  /** The one variable of that name (fails when there are none or several). */
  function env(projectId: string, key: string): EnvRecord {
    const found = envsNamed(projectId, key);
    assert.equal(found.length, 1, `exactly one ${key} in ${projectId}`);
    return found[0]!;
  }

  /** A deep copy of a project's variables, to prove a refused call changed nothing. */
  function snapshot(projectId: string): EnvRecord[] {
    return structuredClone(project(projectId).envs);
  }

  /** The ApiError a call fails with; checks what every error must satisfy. */
  async function apiFailure(call: Promise<unknown>, service: string | undefined = 'Vercel'): Promise<ApiError> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    for (const token of allTokens) {
      for (const text of [err.message, err.apiMessage ?? '', err.stack ?? '', describeError(err)]) {
        assert.ok(!text.includes(token), `the error text carries a token: ${text}`);
      }
    }
    assert.equal(err.service, service);
    return err;
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  describe('create', () => {
    it('creates one variable and sends key, value, type and target, nothing else', async () => {
      const created = await client().envs.create(blog, { key: 'NEW_VAR', value: 'new-value-1', type: 'encrypted', targets: ['production', 'preview'] }, false);

      const stored = env('prj_aliceblog', 'NEW_VAR');
      assert.equal(stored.value, 'new-value-1');
      assert.equal(stored.type, 'encrypted');
      assert.deepEqual(stored.target, ['production', 'preview']);
      assert.equal(stored.gitBranch, undefined);
      assert.equal(stored.comment, undefined);
      assert.equal(created.id, stored.id);
      assert.equal(created.key, 'NEW_VAR');
      assert.equal(created.type, 'encrypted');
      assert.deepEqual(created.targets, ['production', 'preview']);
      assert.ok(!('value' in created), 'the returned variable carries no value');

      assert.equal(emulator.requests.length, 1);
      const [request] = emulator.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/v10/projects/prj_aliceblog/env');
      assert.deepEqual(request?.query, {}, 'personal scope: no teamId, and no upsert unless asked');
      assert.deepEqual(request?.body, { key: 'NEW_VAR', value: 'new-value-1', type: 'encrypted', target: ['production', 'preview'] });
    });

    it('passes gitBranch and comment through', async () => {
      const created = await client().envs.create(blog,
        { key: 'BRANCH_VAR', value: 'branch-value', type: 'plain', targets: ['preview'], gitBranch: 'feature/pay', comment: 'for the pay flow' }, false);

      const stored = env('prj_aliceblog', 'BRANCH_VAR');
      assert.equal(stored.gitBranch, 'feature/pay');
      assert.equal(stored.comment, 'for the pay flow');
      assert.deepEqual(stored.target, ['preview']);
      assert.equal(created.gitBranch, 'feature/pay');
      assert.equal(created.comment, 'for the pay flow');
      assert.deepEqual(emulator.requests.at(-1)?.body, {
        key: 'BRANCH_VAR', value: 'branch-value', type: 'plain', target: ['preview'], gitBranch: 'feature/pay', comment: 'for the pay flow',
      });
    });

    it('carries the teamId in the query for a team project, and creates there only', async () => {
      const before = snapshot('prj_aliceblog');
      await client().envs.create(acmeWeb, { key: 'TEAM_VAR', value: 'team-value', type: 'sensitive', targets: ['production'] }, false);

      const stored = env('prj_acmeweb', 'TEAM_VAR');
      assert.equal(stored.value, 'team-value');
      assert.equal(stored.type, 'sensitive');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
      const request = emulator.requests.at(-1);
      assert.equal(request?.path, '/v10/projects/prj_acmeweb/env');
      assert.deepEqual(request?.query, { teamId: 'team_acme' });
    });

    it('refuses an existing key with an overlapping target without upsert: 403 ENV_ALREADY_EXISTS, nothing changed', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.create(blog,
        { key: 'DATABASE_URL', value: 'postgres://other', type: 'encrypted', targets: ['production'] }, false));
      assert.equal(err.status, 403);
      assert.equal(err.code, 'ENV_ALREADY_EXISTS');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('with upsert and the same targets replaces the value of the one variable', async () => {
      const old = env('prj_aliceblog', 'DATABASE_URL');
      const oldId = old.id;
      const created = await client().envs.create(blog,
        { key: 'DATABASE_URL', value: 'postgres://blog:rotated-pass-2@db.example.com/blog', type: 'encrypted', targets: ['production', 'preview'] }, true);

      const stored = env('prj_aliceblog', 'DATABASE_URL');
      assert.equal(stored.id, oldId, 'the same variable, not a new one');
      assert.equal(stored.value, 'postgres://blog:rotated-pass-2@db.example.com/blog');
      assert.deepEqual(stored.target, ['production', 'preview']);
      assert.equal(created.id, oldId);
      assert.equal(emulator.requests.at(-1)?.query.upsert, 'true');
    });

    it('with upsert and other targets is refused with ENV_CONFLICT, nothing changed', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.create(blog,
        { key: 'DATABASE_URL', value: 'postgres://other', type: 'encrypted', targets: ['production'] }, true));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'ENV_CONFLICT');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('refuses a sensitive variable for Development before any request', async () => {
      const err = await client().envs.create(blog,
        { key: 'SENSITIVE_DEV', value: 'write-only', type: 'sensitive', targets: ['production', 'development'] }, false).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof InputError, String(err));
      assert.match(err.message, /Sensitive variables cannot target Development/);
      assert.deepEqual(emulator.requests, []);
    });

    it('and the server refuses it on its own too, nothing created', async () => {
      const before = snapshot('prj_aliceblog');
      const raw = new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' });
      const err = await apiFailure(raw.send('POST', '/v10/projects/prj_aliceblog/env', undefined,
        { key: 'SENSITIVE_DEV', value: 'write-only', type: 'sensitive', target: ['production', 'development'] }));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'SENSITIVE_DEVELOPMENT_NOT_ALLOWED');
      assert.deepEqual(envsNamed('prj_aliceblog', 'SENSITIVE_DEV'), []);
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });
  });

  describe('readValue', () => {
    it('returns the decrypted value of an encrypted variable', async () => {
      const stored = env('prj_aliceblog', 'DATABASE_URL');
      assert.deepEqual(await client().envs.readValue(blog, stored.id), { value: stored.value, decrypted: true });
      const request = emulator.requests.at(-1);
      assert.equal(request?.method, 'GET');
      assert.equal(request?.path, `/v1/projects/prj_aliceblog/env/${stored.id}`);
    });

    it('returns the value of a plain variable', async () => {
      const stored = env('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL');
      const read = await client().envs.readValue(blog, stored.id);
      assert.equal(read.value, stored.value, 'a plain value is readable: Vercel shows it in clear');
      // EnvValue pairs `decrypted` with a readable value (false means "no value to show").
      assert.equal(read.decrypted, true);
    });

    it('returns the value of a legacy secret variable', async () => {
      const stored = env('prj_aliceblog', 'LEGACY_TOKEN');
      assert.deepEqual(await client().envs.readValue(blog, stored.id), { value: stored.value, decrypted: true });
    });

    it('returns no value at all for a sensitive variable, never an empty string', async () => {
      const stored = env('prj_aliceblog', 'STRIPE_SECRET_KEY');
      const read = await client().envs.readValue(blog, stored.id);
      assert.deepEqual(read, { value: undefined, decrypted: false });
      assert.notEqual(read.value, '');
    });

    it('returns no value for a system variable', async () => {
      const stored = env('prj_aliceblog', 'VERCEL_GIT_COMMIT_SHA');
      assert.deepEqual(await client().envs.readValue(blog, stored.id), { value: undefined, decrypted: false });
    });

    it('reads in the team scope with the teamId', async () => {
      const stored = project('prj_acmeweb').envs.find((e) => e.type === 'encrypted');
      assert.ok(stored, 'an encrypted variable in acme-web');
      assert.deepEqual(await client().envs.readValue(acmeWeb, stored.id), { value: stored.value, decrypted: true });
      assert.deepEqual(emulator.requests.at(-1)?.query, { teamId: 'team_acme' });
    });
  });

  describe('update', () => {
    it('changes the value and keeps key, type and targets; sends only the value', async () => {
      const old = structuredClone(env('prj_aliceblog', 'DATABASE_URL'));
      const updated = await client().envs.update(blog, old.id, { value: 'postgres://blog:new-pass-3@db.example.com/blog' });

      const stored = env('prj_aliceblog', 'DATABASE_URL');
      assert.equal(stored.id, old.id);
      assert.equal(stored.value, 'postgres://blog:new-pass-3@db.example.com/blog');
      assert.equal(stored.type, old.type);
      assert.deepEqual(stored.target, old.target);
      assert.equal(updated.key, old.key);
      assert.equal(updated.type, old.type);
      assert.deepEqual(updated.targets, old.target);
      const request = emulator.requests.at(-1);
      assert.equal(request?.method, 'PATCH');
      assert.equal(request?.path, `/v9/projects/prj_aliceblog/env/${old.id}`);
      assert.deepEqual(request?.body, { value: 'postgres://blog:new-pass-3@db.example.com/blog' });
    });

    it('renames a variable in place, keeping its id, value and targets', async () => {
      const old = structuredClone(env('prj_aliceblog', 'DATABASE_URL'));
      const updated = await client().envs.update(blog, old.id, { key: 'BLOG_DATABASE_URL' });

      assert.deepEqual(envsNamed('prj_aliceblog', 'DATABASE_URL'), []);
      const stored = env('prj_aliceblog', 'BLOG_DATABASE_URL');
      assert.equal(stored.id, old.id);
      assert.equal(stored.value, old.value);
      assert.deepEqual(stored.target, old.target);
      assert.equal(updated.key, 'BLOG_DATABASE_URL');
      assert.deepEqual(emulator.requests.at(-1)?.body, { key: 'BLOG_DATABASE_URL' });
    });

    it('refuses to rename a sensitive variable with ENV_KEY_IMMUTABLE, nothing changed', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.update(blog, env('prj_aliceblog', 'STRIPE_SECRET_KEY').id, { key: 'STRIPE_KEY' }));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'ENV_KEY_IMMUTABLE');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('refuses to turn a sensitive variable into a readable one with ENV_TYPE_IMMUTABLE, nothing changed', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.update(blog, env('prj_aliceblog', 'STRIPE_SECRET_KEY').id, { type: 'encrypted' }));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'ENV_TYPE_IMMUTABLE');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('refuses a rename onto an existing name with ENV_ALREADY_EXISTS, nothing changed', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.update(blog, env('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL').id, { key: 'DATABASE_URL' }));
      assert.equal(err.status, 403);
      assert.equal(err.code, 'ENV_ALREADY_EXISTS');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('removes one environment and keeps the others, the value and the type', async () => {
      const old = structuredClone(env('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL'));
      assert.deepEqual(old.target, ['production', 'preview', 'development'], 'seed: all three environments');
      const updated = await client().envs.update(blog, old.id, { targets: ['production', 'development'] });

      const stored = env('prj_aliceblog', 'NEXT_PUBLIC_SITE_URL');
      assert.deepEqual(stored.target, ['production', 'development']);
      assert.equal(stored.value, old.value);
      assert.equal(stored.type, old.type);
      assert.deepEqual(updated.targets, ['production', 'development']);
      assert.deepEqual(emulator.requests.at(-1)?.body, { target: ['production', 'development'] });
    });

    it('clears a git branch with gitBranch: null', async () => {
      const old = env('prj_aliceblog', 'PREVIEW_API_KEY');
      assert.equal(old.gitBranch, 'feature/login', 'seed: a branch variable');
      const updated = await client().envs.update(blog, old.id, { gitBranch: null });

      assert.equal(env('prj_aliceblog', 'PREVIEW_API_KEY').gitBranch, undefined);
      assert.equal(updated.gitBranch, undefined);
      assert.deepEqual(emulator.requests.at(-1)?.body, { gitBranch: null });
    });

    it('cannot change a system variable: SYSTEM_ENV_IMMUTABLE', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.update(blog, env('prj_aliceblog', 'VERCEL_GIT_COMMIT_SHA').id, { value: 'abc' }));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'SYSTEM_ENV_IMMUTABLE');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });
  });

  describe('delete and deleteMany', () => {
    it('delete removes only that variable', async () => {
      const before = snapshot('prj_aliceblog');
      const doomed = env('prj_aliceblog', 'PREVIEW_API_KEY');
      await client().envs.delete(blog, doomed.id);

      assert.deepEqual(snapshot('prj_aliceblog'), before.filter((e) => e.id !== doomed.id));
      const request = emulator.requests.at(-1);
      assert.equal(request?.method, 'DELETE');
      assert.equal(request?.path, `/v9/projects/prj_aliceblog/env/${doomed.id}`);
    });

    it('delete in a team scope carries the teamId', async () => {
      const doomed = project('prj_acmeweb').envs[0];
      assert.ok(doomed, 'acme-web has variables');
      await client().envs.delete(acmeWeb, doomed.id);
      assert.ok(!project('prj_acmeweb').envs.some((e) => e.id === doomed.id));
      assert.deepEqual(emulator.requests.at(-1)?.query, { teamId: 'team_acme' });
    });

    it('deleteMany removes several variables in one request and answers how many', async () => {
      const before = snapshot('prj_aliceblog');
      const ids = ['DATABASE_URL', 'NEXT_PUBLIC_SITE_URL', 'PREVIEW_API_KEY'].map((key) => env('prj_aliceblog', key).id);
      const deleted = await client().envs.deleteMany(blog, ids);

      assert.equal(deleted, ids.length);
      assert.deepEqual(snapshot('prj_aliceblog'), before.filter((e) => !ids.includes(e.id)));
      assert.equal(emulator.requests.length, 1, 'one request for all of them');
      const [request] = emulator.requests;
      assert.equal(request?.method, 'DELETE');
      assert.equal(request?.path, '/v1/projects/prj_aliceblog/env');
      assert.deepEqual(request?.body, { ids });
    });

    it('deleteMany counts only what the server deleted', async () => {
      const before = snapshot('prj_aliceblog');
      const known = env('prj_aliceblog', 'DATABASE_URL').id;
      assert.equal(await client().envs.deleteMany(blog, [known, 'env_does_not_exist']), 1);
      assert.deepEqual(snapshot('prj_aliceblog'), before.filter((e) => e.id !== known));
    });

    it('cannot delete a system variable: SYSTEM_ENV_IMMUTABLE', async () => {
      const before = snapshot('prj_aliceblog');
      const err = await apiFailure(client().envs.delete(blog, env('prj_aliceblog', 'VERCEL_GIT_COMMIT_SHA').id));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'SYSTEM_ENV_IMMUTABLE');
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });
  });

  describe('refusals', () => {
    it('a user outside the team gets 403 on every call, and nothing changes', async () => {
      const before = snapshot('prj_acmeweb');
      const target = project('prj_acmeweb').envs[0];
      assert.ok(target, 'acme-web has variables');
      const bob = client(demoTokens.bob).envs;
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['create', () => bob.create(acmeWeb, { key: 'BOB_WAS_HERE', value: 'x', type: 'encrypted', targets: ['production'] }, false)],
        ['readValue', () => bob.readValue(acmeWeb, target.id)],
        ['update', () => bob.update(acmeWeb, target.id, { value: 'bob-value' })],
        ['delete', () => bob.delete(acmeWeb, target.id)],
        ['deleteMany', () => bob.deleteMany(acmeWeb, [target.id])],
      ];
      for (const [name, call] of calls) {
        const err = await apiFailure(call());
        assert.equal(err.status, 403, name);
      }
      assert.equal(emulator.requests.length, calls.length);
      assert.deepEqual(snapshot('prj_acmeweb'), before);
      assert.ok(emulator.requests.every((r) => r.query.teamId === 'team_acme'));
    });

    it('an unknown variable id is 404 for read, update and delete', async () => {
      const before = snapshot('prj_aliceblog');
      const envs = client().envs;
      for (const call of [
        () => envs.readValue(blog, 'env_does_not_exist'),
        () => envs.update(blog, 'env_does_not_exist', { value: 'x' }),
        () => envs.delete(blog, 'env_does_not_exist'),
      ]) {
        assert.equal((await apiFailure(call())).status, 404);
      }
      assert.deepEqual(emulator.requests.map((r) => r.status), [404, 404, 404]);
      assert.deepEqual(snapshot('prj_aliceblog'), before);
    });

    it('an unknown project is 404', async () => {
      const err = await apiFailure(client().envs.create({ scope: personal, projectId: 'prj_nope' },
        { key: 'X', value: 'x', type: 'plain', targets: ['production'] }, false));
      assert.equal(err.status, 404);
    });

    it('errors carry the service name the JsonApi was built with, and none without one', async () => {
      const id = env('prj_aliceblog', 'STRIPE_SECRET_KEY').id;
      assert.equal((await apiFailure(client().envs.update(blog, id, { key: 'RENAMED' }), 'Vercel')).service, 'Vercel');
      await apiFailure(client(demoTokens.alice, undefined).envs.update(blog, id, { key: 'RENAMED' }), undefined);
    });
  });
});

describe('VercelEnvWriter against a raw server', () => {
  const token = 'raw_token_5e1d9c7b3a';
  let transport: Transport;

  before(() => {
    transport = createUndiciTransport();
  });
  after(async () => {
    await transport.close();
  });

  function writer(url: string): VercelClient['envs'] {
    return new VercelClient(new JsonApi({ baseUrl: new URL(url), token, transport, service: 'Vercel' })).envs;
  }

  const newVar: NewEnvVar = { key: 'A_KEY', value: 'a-value', type: 'encrypted', targets: ['production'] };

  it('turns a 201 with a failed entry into an ApiError with its code, service, and no token', async () => {
    const server = await startRawServer((_req, res) => json(res, 201, {
      created: [],
      failed: [{ error: { code: 'ENV_ALREADY_EXISTS', message: `A variable with the name A_KEY already exists (request by ${token})`, key: 'A_KEY' } }],
    }));
    try {
      const err = await writer(server.url).create(blog, newVar, false).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'ENV_ALREADY_EXISTS');
      assert.equal(err.service, 'Vercel');
      assert.ok(err.message.includes('already exists'), err.message);
      assert.ok(!err.message.includes(token), `the token leaked into the message: ${err.message}`);
      assert.ok(!(err.apiMessage ?? '').includes(token), `the token leaked into apiMessage: ${err.apiMessage ?? ''}`);
      assert.ok(!describeError(err).includes(token), 'the token leaked into the user-facing text');
    } finally {
      await server.close();
    }
  });

  it('scrubs the token from an echoed error message of a non-2xx answer', async () => {
    const server = await startRawServer((_req, res) => json(res, 400, { error: { code: 'bad_request', message: `Invalid token ${token} in request` } }));
    try {
      const err = await writer(server.url).update(blog, 'env_1', { value: 'v' }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 400);
      assert.ok(!err.message.includes(token), err.message);
      assert.ok(err.message.includes('Invalid token'), 'the rest of the message is kept');
    } finally {
      await server.close();
    }
  });

  it('reads a sensitive variable answered with an empty string as "no value", not as ""', async () => {
    const answers = [
      { id: 'env_1', key: 'S', type: 'sensitive', target: ['production'], value: '', decrypted: false },
      { id: 'env_1', key: 'S', type: 'sensitive', target: ['production'], value: '' },
      { id: 'env_1', key: 'S', type: 'sensitive', target: ['production'], value: '', decrypted: true },
    ];
    let next = 0;
    const server = await startRawServer((_req, res) => json(res, 200, answers[next++]));
    try {
      for (const answer of answers) {
        assert.deepEqual(await writer(server.url).readValue(blog, 'env_1'), { value: undefined, decrypted: false }, JSON.stringify(answer));
      }
    } finally {
      await server.close();
    }
  });

  it('returns the value of an encrypted variable even when it is an empty string', async () => {
    const server = await startRawServer((_req, res) => json(res, 200,
      { id: 'env_1', key: 'E', type: 'encrypted', target: ['production'], value: '', decrypted: true }));
    try {
      assert.deepEqual(await writer(server.url).readValue(blog, 'env_1'), { value: '', decrypted: true });
    } finally {
      await server.close();
    }
  });
});
