/**
 * The demo data. Other tests depend on these exact names, ids, tokens and values:
 * change them only together with those tests.
 */
import { createHash } from 'node:crypto';
import { seedDeployment } from './deploymentRecords';
import { withLegacySecretsSeed } from './legacySecretsSeed';
import type { EmulatorState, EnvRecord, EnvTarget, EnvType, ProjectRecord, TeamRecord, UserRecord } from './state';

export const demoTokens = {
  alice: 'demo_alice_token_4f1c2e9a7b',
  bob: 'demo_bob_token_8d3a6f0c21',
} as const;

const day = 24 * 60 * 60 * 1000;
/** Fixed clock for seed timestamps, so paging and ordering are deterministic. */
const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const all: EnvTarget[] = ['production', 'preview', 'development'];

export function emptyState(): EmulatorState {
  return { users: [], teams: [], projects: [] };
}

export function buildSeedState(): EmulatorState {
  const users: UserRecord[] = [
    { id: 'user_alice', username: 'alice', email: 'alice@example.com', name: 'Alice Example',
      token: demoTokens.alice, createdAt: t0 - 400 * day, defaultTeamId: null },
    { id: 'user_bob', username: 'bob', email: 'bob@example.com', name: 'Bob Builder',
      token: demoTokens.bob, createdAt: t0 - 300 * day, defaultTeamId: null },
  ];
  const teams: TeamRecord[] = [
    { id: 'team_acme', slug: 'acme', name: 'Acme Inc', creatorId: 'user_alice',
      createdAt: t0 - 200 * day, updatedAt: t0 - 10 * day, sensitiveEnvironmentVariablePolicy: 'on',
      members: [{ userId: 'user_alice', role: 'OWNER', createdAt: t0 - 200 * day }] },
    { id: 'team_globex', slug: 'globex', name: 'Globex', creatorId: 'user_bob',
      createdAt: t0 - 100 * day, updatedAt: t0 - 5 * day,
      members: [
        { userId: 'user_bob', role: 'OWNER', createdAt: t0 - 100 * day },
        { userId: 'user_alice', role: 'MEMBER', createdAt: t0 - 90 * day },
      ] },
  ];

  const values = new ValueMaker();
  const projects: ProjectRecord[] = [];
  const add = (id: string, name: string, accountId: string, ageHours: number, framework: string | null,
    envs: EnvSpec[]): void => {
    const updatedAt = t0 - ageHours * 60 * 60 * 1000;
    projects.push({
      id, name, accountId, framework, nodeVersion: '22.x', createdAt: updatedAt - 30 * day, updatedAt,
      envs: envs.map((spec, i) => envRecord(id, spec, updatedAt - (envs.length - i) * 60_000, accountId)),
      customEnvironments: [],
    });
  };

  add('prj_aliceblog', 'alice-blog', 'user_alice', 1, 'nextjs', [
    { key: 'DATABASE_URL', type: 'encrypted', target: ['production', 'preview'],
      value: 'postgres://blog:blog-db-pass-1@db.example.com/blog' },
    { key: 'NEXT_PUBLIC_SITE_URL', type: 'plain', target: all, value: 'https://alice.example.com' },
    { key: 'STRIPE_SECRET_KEY', type: 'sensitive', target: ['production'], value: 'sk_live_alice_stripe_0001' },
    { key: 'PREVIEW_API_KEY', type: 'encrypted', target: ['preview'], gitBranch: 'feature/login',
      value: 'preview-key-0002' },
    { key: 'LEGACY_TOKEN', type: 'secret', target: ['production'], value: 'legacy-secret-0003' },
    { key: 'VERCEL_GIT_COMMIT_SHA', type: 'system', target: all, value: '' },
  ]);
  add('prj_aliceportfolio', 'alice-portfolio', 'user_alice', 2, 'astro', values.typical('alice-portfolio', 2));
  add('prj_aliceapi', 'alice-api', 'user_alice', 3, null, values.typical('alice-api', 4));
  withStaging(projects.find((p) => p.id === 'prj_aliceapi')!);

  // Acme: 25 projects so that a first page of 20 is not all; the named three are the newest.
  add('prj_acmeweb', 'acme-web', 'team_acme', 1, 'nextjs', values.typical('acme-web', 4));
  add('prj_acmeapi', 'acme-api', 'team_acme', 2, null, values.typical('acme-api', 3));
  add('prj_acmedocs', 'acme-docs', 'team_acme', 3, 'docusaurus-2', values.typical('acme-docs', 2));
  for (let n = 1; n <= 22; n++) {
    const num = String(n).padStart(2, '0');
    add(`prj_acmeservice${num}`, `acme-service-${num}`, 'team_acme', 24 + n, null,
      values.typical(`acme-service-${num}`, 2 + (n % 3)));
  }

  add('prj_globexshop', 'globex-shop', 'team_globex', 4, 'sveltekit', values.typical('globex-shop', 3));
  add('prj_globexadmin', 'globex-admin', 'team_globex', 5, 'vite', values.typical('globex-admin', 2));

  // carol (soft-blocked, for the legacy secrets' 402) is added by the legacy secrets seed.
  const state = withLegacySecretsSeed({ users, teams, projects });
  // Each project is live: a READY production deployment newer than all its variables (nothing pending).
  for (const project of state.projects) {
    const creator = project.accountId.startsWith('user_') ? project.accountId : state.teams.find((t) => t.id === project.accountId)!.creatorId;
    project.deployments = [seedDeployment(project, project.updatedAt + 60_000, creator)];
  }
  return state;
}

/**
 * alice-api has a custom environment, "staging" (branches starting with release/), and a
 * variable set for Preview and staging: the case where deleting from one environment must keep
 * the other.
 */
export const stagingEnvironmentId = 'env_aliceapistaging01';

function withStaging(project: ProjectRecord): void {
  const at = project.updatedAt - 90_000;
  project.customEnvironments.push({
    id: stagingEnvironmentId, slug: 'staging', type: 'preview', description: 'Release candidates',
    branchMatcher: { type: 'startsWith', pattern: 'release/' }, createdAt: at - day, updatedAt: at - day,
  });
  const env = envRecord(project.id, { key: 'STAGING_DB_URL', type: 'encrypted', target: ['preview'],
    value: 'postgres://api:staging-db-pass-7001@staging-db.example.com/api' }, at, project.accountId);
  env.customEnvironmentIds = [stagingEnvironmentId];
  project.envs.push(env);
}

/** Every non-empty env value of a state (plain ones too): what a leak test greps logs and UI for. */
export function seededValues(state: EmulatorState = buildSeedState()): string[] {
  return state.projects.flatMap((p) => p.envs.map((e) => e.value)).filter((v) => v !== '');
}

/**
 * The secret values of a state (every type but plain and system): what a leak test greps
 * logs, output and UI for. Plain values are shown by Vercel itself, so they are left out.
 */
export function seededSecretValues(state: EmulatorState = buildSeedState()): string[] {
  return state.projects.flatMap((p) => p.envs).filter((e) => e.type !== 'plain' && e.type !== 'system').map((e) => e.value);
}

interface EnvSpec {
  key: string;
  type: EnvType;
  target: EnvTarget[];
  value: string;
  gitBranch?: string;
}

/** Plausible, distinct and greppable values: each has `-pass-`, `_secret_`, `-key-` or a numeric suffix. */
class ValueMaker {
  private serial = 1000;

  typical(project: string, count: number): EnvSpec[] {
    const n = (): number => ++this.serial;
    const slug = project.replace(/-/g, '_');
    const specs: EnvSpec[] = [
      { key: 'API_URL', type: 'plain', target: all, value: `https://${project}.example.com/api-${n()}` },
      { key: 'AUTH_SECRET', type: 'encrypted', target: ['production', 'preview'], value: `${slug}_secret_${n()}` },
      { key: 'DATABASE_PASSWORD', type: 'sensitive', target: ['production', 'preview'], value: `${project}-db-pass-${n()}` },
      { key: 'ANALYTICS_KEY', type: 'encrypted', target: ['production'], value: `${project}-analytics-key-${n()}` },
    ];
    return specs.slice(0, count);
  }
}

function envRecord(projectId: string, spec: EnvSpec, at: number, accountId: string): EnvRecord {
  const creator = accountId.startsWith('user_') ? accountId : accountId === 'team_globex' ? 'user_bob' : 'user_alice';
  return {
    id: stableEnvId(`${projectId}/${spec.key}/${spec.gitBranch ?? ''}`),
    key: spec.key,
    value: spec.value,
    type: spec.type,
    target: [...spec.target],
    ...(spec.gitBranch !== undefined ? { gitBranch: spec.gitBranch } : {}),
    customEnvironmentIds: [],
    createdAt: at,
    updatedAt: at,
    createdBy: spec.type === 'system' ? null : creator,
    updatedBy: null,
  };
}

/** 16 letters and digits, like Vercel's env ids, but the same on every run. */
export function stableEnvId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}
