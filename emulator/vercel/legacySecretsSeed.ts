/**
 * Demo data and storage of the legacy account secrets (seed 000), plus carol: a third
 * user whose account is soft-blocked, so every legacy create of hers answers 402.
 *
 * The secrets live beside the core state, not in it (EmulatorState has no field for them):
 * a store per state object, rebuilt from this seed whenever the core swaps its users list,
 * which it does on every reset. Only owners present in the state get seeded secrets, so an
 * emulator started without seed data has none.
 */
import { createHash } from 'node:crypto';
import type { EmulatorState, EnvRecord, EnvType, ProjectRecord, UserRecord } from './state';

export const carol = {
  token: 'demo_carol_token_5a9e0d3c17',
  userId: 'user_carol',
  username: 'carol',
  projectId: 'prj_carolnotes',
} as const;

export interface LegacySecretRecord {
  uid: string;
  /** Lower case, unique per owner (Vercel lower-cased names). */
  name: string;
  /** Stored in clear; only the create answer echoes it (as a Buffer), once. */
  value: string;
  /** The user id (personal) or team id the secret belongs to. */
  ownerId: string;
  /** Who created it. */
  userId: string;
  /** Milliseconds; unique within a store, so the `until` cursor is exact. */
  created: number;
  projectId?: string;
  decryptable: boolean;
}

export interface LegacySecretsStore {
  secrets: LegacySecretRecord[];
  /** Users whose account is soft-blocked (missing payment): creates answer 402. */
  softBlocked: Set<string>;
}

const day = 24 * 60 * 60 * 1000;
/** Before the 2024-05-01 sunset, on a fixed clock so paging is deterministic. */
const t0 = Date.UTC(2024, 0, 15, 9, 0, 0);

interface SecretSpec {
  name: string;
  value: string;
  ownerId: string;
  userId: string;
  ageDays: number;
  projectId?: string;
  decryptable?: boolean;
}

const seedSecrets: readonly SecretSpec[] = [
  { name: 'legacy-db-password', value: 'legacy-db-pass-7101', ownerId: 'user_alice', userId: 'user_alice', ageDays: 300 },
  { name: 'stripe-live-key', value: 'sk_live_legacy_secret_7102', ownerId: 'user_alice', userId: 'user_alice', ageDays: 200 },
  { name: 'blog-api-token', value: 'blog-api-token-key-7103', ownerId: 'user_alice', userId: 'user_alice', ageDays: 100,
    projectId: 'prj_aliceblog', decryptable: true },
  { name: 'acme-deploy-key', value: 'acme-deploy-key-7201', ownerId: 'team_acme', userId: 'user_alice', ageDays: 250 },
  { name: 'acme-sentry-token', value: 'acme-sentry-token-key-7202', ownerId: 'team_acme', userId: 'user_alice', ageDays: 150,
    decryptable: true },
  { name: 'carol-notes-token', value: 'carol-notes-token-key-7301', ownerId: carol.userId, userId: carol.userId, ageDays: 120,
    projectId: carol.projectId },
];

/**
 * Adds carol (no teams, one personal project) to a seed state; alice's and bob's data stay
 * as they are. Called by seed.ts's buildSeedState.
 */
export function withLegacySecretsSeed(state: EmulatorState): EmulatorState {
  const user: UserRecord = {
    id: carol.userId, username: carol.username, email: 'carol@example.com', name: 'Carol Soft-Blocked',
    token: carol.token, createdAt: t0 - 700 * day, defaultTeamId: null,
  };
  const updatedAt = Date.UTC(2025, 4, 20, 8, 0, 0);
  const project: ProjectRecord = {
    id: carol.projectId, name: 'carol-notes', accountId: carol.userId, framework: 'nextjs', nodeVersion: '22.x',
    createdAt: updatedAt - 60 * day, updatedAt, customEnvironments: [],
    envs: [
      carolEnv('NOTES_API_KEY', 'carol-notes-key-7302', 'encrypted', updatedAt - 2 * day),
      carolEnv('NOTES_DB_PASSWORD', 'carol-notes-db-pass-7303', 'sensitive', updatedAt - day),
    ],
  };
  return { ...state, users: [...state.users, user], projects: [...state.projects, project] };
}

function carolEnv(key: string, value: string, type: EnvType, at: number): EnvRecord {
  return {
    id: stableId(`${carol.projectId}/${key}`, 16), key, value, type, target: ['production', 'preview'],
    customEnvironmentIds: [], createdAt: at, updatedAt: at, createdBy: carol.userId, updatedBy: null,
  };
}

const stores = new WeakMap<EmulatorState, { users: UserRecord[]; store: LegacySecretsStore }>();

/** The legacy secrets of an emulator state (created on first use, fresh after every reset). */
export function legacySecretsOf(state: EmulatorState): LegacySecretsStore {
  const known = stores.get(state);
  if (known && known.users === state.users) return known.store;
  const store = buildStore(state);
  stores.set(state, { users: state.users, store });
  return store;
}

function buildStore(state: EmulatorState): LegacySecretsStore {
  const owners = new Set<string>([...state.users.map((u) => u.id), ...state.teams.map((t) => t.id)]);
  const secrets = seedSecrets.filter((s) => owners.has(s.ownerId)).map((s): LegacySecretRecord => ({
    uid: legacySecretUid(`${s.ownerId}/${s.name}`),
    name: s.name,
    value: s.value,
    ownerId: s.ownerId,
    userId: s.userId,
    created: t0 - s.ageDays * day,
    ...(s.projectId !== undefined ? { projectId: s.projectId } : {}),
    decryptable: s.decryptable ?? false,
  }));
  const softBlocked = new Set(state.users.some((u) => u.id === carol.userId) ? [carol.userId] : []);
  return { secrets, softBlocked };
}

/** Every seeded legacy secret value (carol's env values are in seed.ts's seededValues). */
export function seededLegacySecretValues(): string[] {
  return seedSecrets.map((s) => s.value);
}

/** `sec_` and 24 letters and digits, like Vercel's secret ids, but stable for a seed. */
export function legacySecretUid(seed: string): string {
  return `sec_${stableId(seed, 24)}`;
}

function stableId(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, length);
}
