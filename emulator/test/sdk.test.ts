/**
 * Contract with the official TypeScript SDK (`@vercel/sdk`, a devDependency): the SDK itself
 * calls the emulator (serverURL = the emulator, bearerToken = a demo token) for every operation
 * the extension and the official CLI use, and parses each answer with its own zod schemas. A
 * ResponseValidationError (an answer off the SDK's models) fails the test; so does any other
 * error on a call that should succeed. Request counts are asserted: one call, one request.
 */
import * as assert from 'node:assert/strict';
import { demoTokens, startEmulator, type Emulator } from '..';
import { marketplaceDemo } from '../marketplace/marketplaceState';
import { sharedEnvsOf } from '../vercel/sharedEnvStore';
import { call } from '../core/testClient';

// The SDK is ESM-only; this suite compiles to CommonJS, so it loads it with a real import().
type SdkModule = typeof import('@vercel/sdk', { with: { 'resolution-mode': 'import' } });
type Vercel = InstanceType<SdkModule['Vercel']>;
interface Sdk {
  Vercel: SdkModule['Vercel'];
  ResponseValidationError: typeof import('@vercel/sdk/models/responsevalidationerror.js', { with: { 'resolution-mode': 'import' } })['ResponseValidationError'];
  VercelError: typeof import('@vercel/sdk/models/vercelerror.js', { with: { 'resolution-mode': 'import' } })['VercelError'];
}
async function loadSdk(): Promise<Sdk> {
  const [{ Vercel }, { ResponseValidationError }, { VercelError }] = await Promise.all([
    import('@vercel/sdk'), import('@vercel/sdk/models/responsevalidationerror.js'), import('@vercel/sdk/models/vercelerror.js'),
  ]);
  return { Vercel, ResponseValidationError, VercelError };
}

describe('contract: @vercel/sdk against the emulator', function () {
  // The first import() of the SDK loads a few MB of generated code.
  this.timeout(30_000);
  let emu: Emulator;
  let sdk: Sdk;
  let alice: Vercel;

  before(async () => {
    sdk = await loadSdk();
    emu = await startEmulator({ validateContract: true });
    alice = new sdk.Vercel({ serverURL: emu.url, bearerToken: demoTokens.alice });
  });
  beforeEach(() => emu.reset());
  afterEach(() => assert.deepEqual(emu.contractViolations, [], 'the emulator\'s own OpenAPI check'));
  after(async () => { await emu.close(); });

  /** Runs one SDK call that must succeed and send exactly `requests` requests; a validation error is shown readably. */
  async function valid<T>(run: () => Promise<T>, requests = 1): Promise<T> {
    const before = emu.requests.length;
    try {
      return await run();
    } catch (err) {
      if (err instanceof sdk.ResponseValidationError) assert.fail(`ResponseValidationError: ${err.pretty()}`);
      throw err;
    } finally {
      assert.equal(emu.requests.length - before, requests, 'requests sent');
    }
  }

  const project = (name: string) => {
    const found = emu.state.projects.find((p) => p.name === name);
    assert.ok(found, name);
    return found;
  };
  const envId = (projectName: string, key: string): string => {
    const env = project(projectName).envs.find((e) => e.key === key);
    assert.ok(env, key);
    return env.id;
  };

  describe('account', () => {
    it('user.getAuthUser', async () => {
      const res = await valid(() => alice.user.getAuthUser());
      assert.equal(res?.user.username, 'alice');
    });

    it('teams.getTeams, paged one by one with `until`', async () => {
      const first = await valid(() => alice.teams.getTeams({ limit: 1 }));
      assert.deepEqual(first.teams.map((t) => t.slug), ['globex']);
      assert.equal(typeof first.pagination.next, 'number');
      const second = await valid(() => alice.teams.getTeams({ limit: 1, until: first.pagination.next ?? undefined }));
      assert.deepEqual(second.teams.map((t) => t.slug), ['acme']);
      assert.equal(second.pagination.next, null);
    });

    it('teams.getTeam', async () => {
      const team = await valid(() => alice.teams.getTeam({ teamId: 'team_acme' }));
      assert.equal(team.slug, 'acme');
    });
  });

  describe('projects', () => {
    it('projects.getProjects, paged with the continuation token', async () => {
      const first = await valid(() => alice.projects.getProjects({ teamId: 'team_acme', limit: '20' }));
      assert.ok(!Array.isArray(first) && 'projects' in first, 'the paged form');
      assert.equal(first.projects.length, 20);
      const next = first.pagination.next;
      assert.equal(typeof next, 'string');
      const rest = await valid(() => alice.projects.getProjects({ teamId: 'team_acme', limit: '20', from: String(next) }));
      assert.ok(!Array.isArray(rest) && 'projects' in rest);
      assert.equal(rest.projects.length, 5);
      assert.equal(rest.pagination.next, null);
      assert.equal(new Set([...first.projects, ...rest.projects].map((p) => p.id)).size, 25);
    });

    it('projects.getProject', async () => {
      const found = await valid(() => alice.projects.getProject({ idOrName: 'acme-web', slug: 'acme' }));
      assert.equal(found.id, 'prj_acmeweb');
      assert.deepEqual(found.alias, []);
    });

    it('environment.getProjectsByIdOrNameCustomEnvironments', async () => {
      project('alice-blog').customEnvironments.push({ id: 'env_staging0001', slug: 'staging', type: 'preview', createdAt: 1, updatedAt: 2 });
      const res = await valid(() => alice.environment.getProjectsByIdOrNameCustomEnvironments({ idOrName: 'alice-blog' }));
      assert.deepEqual(res.environments?.map((e) => e.slug), ['staging']);
    });

    it('environment.createCustomEnvironment (copyEnvVarsFrom), getCustomEnvironment, updateCustomEnvironment, removeCustomEnvironment', async () => {
      const created = await valid(() => alice.environment.createCustomEnvironment({
        idOrName: 'alice-api', requestBody: { slug: 'qa', description: 'QA', branchMatcher: { type: 'startsWith', pattern: 'qa/' }, copyEnvVarsFrom: 'staging' },
      }));
      assert.equal(created.slug, 'qa');
      assert.ok(project('alice-api').envs.find((e) => e.key === 'STAGING_DB_URL')?.customEnvironmentIds.includes(created.id));
      const read = await valid(() => alice.environment.getCustomEnvironment({ idOrName: 'alice-api', environmentSlugOrId: 'qa' }));
      assert.equal(read.id, created.id);
      const updated = await valid(() => alice.environment.updateCustomEnvironment({
        idOrName: 'alice-api', environmentSlugOrId: created.id, requestBody: { slug: 'qa-2', branchMatcher: null },
      }));
      assert.deepEqual([updated.slug, updated.branchMatcher], ['qa-2', undefined]);
      const removed = await valid(() => alice.environment.removeCustomEnvironment({
        idOrName: 'alice-api', environmentSlugOrId: 'qa-2', requestBody: { deleteUnassignedEnvironmentVariables: false },
      }));
      assert.equal(removed.id, created.id);
      assert.deepEqual(project('alice-api').customEnvironments.map((c) => c.slug), ['staging']);
    });
  });

  describe('environment variables', () => {
    it('projects.filterProjectEnvs, plain and decrypted, with a git branch', async () => {
      const listed = await valid(() => alice.projects.filterProjectEnvs({ idOrName: 'alice-blog' }));
      assert.ok('envs' in listed);
      assert.equal(listed.envs.length, 6);
      const decrypted = await valid(() => alice.projects.filterProjectEnvs({ idOrName: 'alice-blog', decrypt: 'true', gitBranch: 'feature/login' }));
      assert.ok('envs' in decrypted);
      assert.equal(decrypted.envs.find((e) => e.key === 'PREVIEW_API_KEY')?.value, 'preview-key-0002');
      const team = await valid(() => alice.projects.filterProjectEnvs({ idOrName: 'acme-web', teamId: 'team_acme' }));
      assert.ok('envs' in team);
      assert.equal(team.envs.length, 4);
    });

    it('projects.createProjectEnv: one, an array partly failing, an upsert', async () => {
      const one = await valid(() => alice.projects.createProjectEnv({
        idOrName: 'alice-blog', requestBody: { key: 'SDK_ONE', value: 'sdk-value-0001', type: 'encrypted', target: ['production'] },
      }));
      assert.ok(one.created && !Array.isArray(one.created) && one.created.key === 'SDK_ONE');
      const batch = await valid(() => alice.projects.createProjectEnv({
        idOrName: 'alice-blog',
        requestBody: [
          { key: 'SDK_TWO', value: 'sdk-value-0002', type: 'plain', target: ['preview'], gitBranch: 'feat' },
          { key: 'AWS_REGION', value: 'reserved', type: 'plain', target: ['preview'] },
        ],
      }));
      assert.ok(Array.isArray(batch.created));
      assert.deepEqual(batch.created.map((e) => e.key), ['SDK_TWO']);
      assert.equal(batch.failed.length, 1);
      const upsert = await valid(() => alice.projects.createProjectEnv({
        idOrName: 'alice-blog', upsert: 'true',
        requestBody: { key: 'SDK_ONE', value: 'sdk-value-0003', type: 'encrypted', target: ['production'] },
      }));
      assert.ok(!Array.isArray(upsert.created));
      assert.equal(project('alice-blog').envs.find((e) => e.key === 'SDK_ONE')?.value, 'sdk-value-0003');
    });

    it('a duplicate is the SDK\'s API error with status 403 and Vercel\'s code, not a validation error', async () => {
      const before = emu.requests.length;
      await assert.rejects(
        alice.projects.createProjectEnv({
          idOrName: 'alice-blog', requestBody: { key: 'DATABASE_URL', value: 'x', type: 'encrypted', target: ['production'] },
        }),
        (err: unknown) => err instanceof sdk.VercelError && !(err instanceof sdk.ResponseValidationError)
          && err.statusCode === 403 && err.body.includes('ENV_ALREADY_EXISTS'),
      );
      assert.equal(emu.requests.length - before, 1);
    });

    it('projects.getProjectEnv (decrypted), and a sensitive one without its value', async () => {
      const read = await valid(() => alice.projects.getProjectEnv({ idOrName: 'alice-blog', id: envId('alice-blog', 'DATABASE_URL') }));
      assert.ok('value' in read && read.value === 'postgres://blog:blog-db-pass-1@db.example.com/blog');
      const sensitive = await valid(() => alice.projects.getProjectEnv({ idOrName: 'alice-blog', id: envId('alice-blog', 'STRIPE_SECRET_KEY') }));
      assert.ok(!('value' in sensitive) || !sensitive.value);
    });

    it('projects.editProjectEnv: value, then a key rename', async () => {
      const id = envId('alice-blog', 'DATABASE_URL');
      const edited = await valid(() => alice.projects.editProjectEnv({ idOrName: 'alice-blog', id, requestBody: { value: 'db-pass-0020', comment: 'rotated' } }));
      assert.equal(edited.key, 'DATABASE_URL');
      const renamed = await valid(() => alice.projects.editProjectEnv({ idOrName: 'alice-blog', id, requestBody: { key: 'PRIMARY_DATABASE_URL' } }));
      assert.equal(renamed.key, 'PRIMARY_DATABASE_URL');
      assert.equal(project('alice-blog').envs.find((e) => e.id === id)?.key, 'PRIMARY_DATABASE_URL');
    });

    it('projects.removeProjectEnv and projects.batchRemoveProjectEnv', async () => {
      const one = envId('alice-blog', 'LEGACY_TOKEN');
      await valid(() => alice.projects.removeProjectEnv({ idOrName: 'alice-blog', id: one }));
      const ids = [envId('alice-blog', 'DATABASE_URL'), envId('alice-blog', 'PREVIEW_API_KEY')];
      const res = await valid(() => alice.projects.batchRemoveProjectEnv({ idOrName: 'alice-blog', requestBody: { ids } }));
      assert.equal(res.deleted, 2);
      assert.deepEqual(project('alice-blog').envs.map((e) => e.key).sort(), ['NEXT_PUBLIC_SITE_URL', 'STRIPE_SECRET_KEY', 'VERCEL_GIT_COMMIT_SHA']);
    });
  });

  describe('deployments (the SDK\'s models are their contract)', () => {
    const setBuild = (build: { ms: number | null; outcome: 'READY' | 'ERROR' }) =>
      call(emu, 'POST', '/_emulator/config', { body: { deploymentBuild: build } });

    it('deployments.getDeployments: the latest production deployment, then paged with `until`', async () => {
      const latest = await valid(() => alice.deployments.getDeployments({ projectId: 'prj_aliceapi', target: 'production', limit: 1 }));
      assert.equal(latest.deployments.length, 1);
      assert.equal(latest.deployments[0].readyState, 'READY');
      assert.equal(latest.deployments[0].target, 'production');
      const acme = await valid(() => alice.deployments.getDeployments({ teamId: 'team_acme', limit: 20 }));
      assert.equal(acme.deployments.length, 20);
      assert.equal(typeof acme.pagination.next, 'number');
      const rest = await valid(() => alice.deployments.getDeployments({ teamId: 'team_acme', limit: 20, until: acme.pagination.next ?? undefined }));
      assert.equal(rest.deployments.length, 5);
      assert.equal(new Set([...acme.deployments, ...rest.deployments].map((d) => d.uid)).size, 25);
    });

    it('deployments.createDeployment as the CLI\'s redeploy sends it, then getDeployment by id and by URL until READY', async () => {
      await setBuild({ ms: null, outcome: 'READY' });
      const [from] = (await valid(() => alice.deployments.getDeployments({ projectId: 'prj_aliceapi', target: 'production', limit: 1 }))).deployments;
      const created = await valid(() => alice.deployments.createDeployment({
        forceNew: '1', requestBody: { name: from.name, deploymentId: from.uid, target: 'production', meta: { action: 'redeploy' } },
      }));
      assert.ok('url' in created, 'the full deployment variant');
      assert.equal(created.readyState, 'QUEUED');
      assert.equal(created.target, 'production');
      assert.equal(created.meta.action, 'redeploy');
      const building = await valid(() => alice.deployments.getDeployment({ idOrUrl: created.id }));
      assert.ok('url' in building);
      assert.equal(building.readyState, 'BUILDING');
      await call(emu, 'POST', '/_emulator/deployments/settle', { body: {} });
      const ready = await valid(() => alice.deployments.getDeployment({ idOrUrl: created.url }));
      assert.ok('url' in ready);
      assert.equal(ready.readyState, 'READY');
      assert.equal(ready.id, created.id);
    });

    it('a failed build reads ERROR with its error code', async () => {
      await setBuild({ ms: 0, outcome: 'ERROR' });
      const [from] = (await valid(() => alice.deployments.getDeployments({ projectId: 'prj_aliceblog', target: 'production', limit: 1 }))).deployments;
      const created = await valid(() => alice.deployments.createDeployment({ forceNew: '1', requestBody: { name: from.name, deploymentId: from.uid, target: 'production' } }));
      const failed = await valid(() => alice.deployments.getDeployment({ idOrUrl: created.id }));
      assert.equal(failed.readyState, 'ERROR');
      assert.ok('errorCode' in failed && failed.errorCode === 'BUILD_FAILED');
    });

    it('projects.getProject carries targets.production and latestDeployments', async () => {
      const found = await valid(() => alice.projects.getProject({ idOrName: 'alice-api' }));
      const production = found.targets?.production;
      assert.ok(production);
      assert.equal(production.readyState, 'READY');
      assert.equal(found.latestDeployments?.[0]?.id, production.id);
    });
  });

  describe('team shared variables (the SDK\'s models are their contract)', () => {
    const sharedId = (key: string): string => {
      const found = sharedEnvsOf(emu.state).envs.find((e) => e.key === key);
      assert.ok(found, key);
      return found.id;
    };

    it('environment.listSharedEnvVariable with each filter', async () => {
      const all = await valid(() => alice.environment.listSharedEnvVariable({ teamId: 'team_acme' }));
      assert.deepEqual(all.data.map((e) => e.key), ['LOG_LEVEL', 'STRIPE_WEBHOOK_SECRET', 'SENTRY_DSN']);
      assert.ok(all.data.every((e) => e.value === undefined));
      const linked = await valid(() => alice.environment.listSharedEnvVariable({ slug: 'acme', projectId: 'prj_acmeapi' }));
      assert.deepEqual(linked.data.map((e) => e.key), ['SENTRY_DSN']);
      const excluded = await valid(() => alice.environment.listSharedEnvVariable({
        teamId: 'team_acme', excludeIdsQueryParameter: sharedId('LOG_LEVEL'), excludeProjectIdQueryParameter: 'prj_acmeapi' }));
      assert.deepEqual(excluded.data.map((e) => e.key), ['STRIPE_WEBHOOK_SECRET']);
    });

    it('environment.createSharedEnvVariable: created and per-key failed', async () => {
      const res = await valid(() => alice.environment.createSharedEnvVariable({ teamId: 'team_acme', requestBody: {
        evs: [{ key: 'SDK_SHARED', value: 'sdk-shared-9301' }, { key: 'SENTRY_DSN', value: 'x' }], type: 'sensitive', target: ['production'],
        projectId: ['prj_acmeweb'] } }));
      assert.deepEqual(res.created.map((e) => e.key), ['SDK_SHARED']);
      assert.deepEqual(res.failed.map((f) => [f.error.key, f.error.code]), [['SENTRY_DSN', 'ENV_ALREADY_EXISTS']]);
    });

    it('environment.updateSharedEnvVariable, getSharedEnvVar, unlinkSharedEnvVariable, deleteSharedEnvVariable', async () => {
      const id = sharedId('SENTRY_DSN');
      const updated = await valid(() => alice.environment.updateSharedEnvVariable({ teamId: 'team_acme', requestBody: { updates: {
        [id]: { value: 'sdk-sentry-9302', projectIdUpdates: { link: ['prj_acmedocs'] } } } } }));
      assert.deepEqual(updated.updated.map((e) => e.projectId), [['prj_acmeweb', 'prj_acmeapi', 'prj_acmedocs']]);
      const read = await valid(() => alice.environment.getSharedEnvVar({ id, teamId: 'team_acme' }));
      assert.equal(read.value, 'sdk-sentry-9302');
      const unlinked = await valid(() => alice.environment.unlinkSharedEnvVariable({ id, projectId: 'prj_acmeapi', teamId: 'team_acme' }));
      assert.equal(unlinked.id, id);
      const ids = [id, sharedId('LOG_LEVEL')];
      const deleted = await valid(() => alice.environment.deleteSharedEnvVariable({ teamId: 'team_acme', requestBody: { ids } }));
      assert.deepEqual([...deleted.deleted].sort(), [...ids].sort());
      assert.deepEqual(deleted.failed, []);
    });
  });

  describe('Marketplace resource secrets', () => {
    let partner: Vercel;
    before(() => { partner = new sdk.Vercel({ serverURL: emu.url, bearerToken: marketplaceDemo.token }); });
    const secrets = [{ name: 'REDIS_URL', value: 'redis://sdk-pass-9201@c', prefix: 'KV_', environmentOverrides: { preview: 'p-9202' } }];

    it('marketplace.getIntegrationResources', async () => {
      const res = await valid(() => partner.marketplace.getIntegrationResources({ integrationConfigurationId: marketplaceDemo.installationId }));
      assert.deepEqual(res.resources.map((r) => r.partnerId).sort(), ['res_cache', 'res_primary_db', 'res_provisioning'].sort());
    });

    it('marketplace.updateResourceSecretsById and the deprecated updateResourceSecrets (by product slug)', async () => {
      await valid(() => partner.marketplace.updateResourceSecretsById({
        integrationConfigurationId: marketplaceDemo.installationId, resourceId: 'res_cache', requestBody: { secrets, partial: true },
      }));
      await valid(() => partner.marketplace.updateResourceSecrets({
        integrationConfigurationId: marketplaceDemo.installationId, integrationProductIdOrSlug: marketplaceDemo.productSlug,
        resourceId: 'res_cache', requestBody: { secrets },
      }));
      const state = await (await fetch(`${emu.url}/_emulator/marketplace/state`)).json() as { contractViolations: string[] };
      assert.deepEqual(state.contractViolations, []);
    });
  });
});
