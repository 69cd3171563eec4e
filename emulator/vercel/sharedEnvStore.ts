/**
 * Storage and demo data of team shared environment variables (one value linked to many
 * projects). Like the legacy secrets, they live beside the core state, not in it: a store per
 * state object, rebuilt from the seed whenever the core swaps its users list (every reset).
 * Only owners and projects present in the state get seeded variables.
 */
import { createHash } from 'node:crypto';
import type { EmulatorState, EnvTarget } from './state';

export interface SharedEnvRecord {
  /** `env_` and 20 letters and digits. */
  id: string;
  key: string;
  /** In clear; only `GET /v1/env/{id}` shows it, and never for `sensitive`. */
  value: string;
  type: 'encrypted' | 'sensitive';
  target: EnvTarget[];
  /** Linked projects (ids), in the order they were linked. */
  projectId: string[];
  /** The team (or user) that owns it. */
  ownerId: string;
  comment?: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface SharedEnvStore {
  envs: SharedEnvRecord[];
}

const t0 = Date.UTC(2025, 4, 1, 9, 0, 0);
const hour = 3_600_000;

interface SharedSpec {
  key: string;
  value: string;
  type: SharedEnvRecord['type'];
  target: EnvTarget[];
  projectId: string[];
  ownerId: string;
  comment?: string;
  ageHours: number;
}

/** Acme's shared variables; tests name these keys, values and links. */
const seedShared: readonly SharedSpec[] = [
  { key: 'SENTRY_DSN', value: 'https://acme-sentry-key-8101@sentry.example.com/1', type: 'encrypted', target: ['production', 'preview'],
    projectId: ['prj_acmeweb', 'prj_acmeapi'], ownerId: 'team_acme', comment: 'Error reporting', ageHours: 30 },
  { key: 'STRIPE_WEBHOOK_SECRET', value: 'whsec_acme_shared_secret_8102', type: 'sensitive', target: ['production'],
    projectId: ['prj_acmeweb'], ownerId: 'team_acme', ageHours: 20 },
  { key: 'LOG_LEVEL', value: 'acme-log-level-8103', type: 'encrypted', target: ['production', 'preview', 'development'],
    projectId: [], ownerId: 'team_acme', ageHours: 10 },
];

const stores = new WeakMap<EmulatorState, { users: EmulatorState['users']; store: SharedEnvStore }>();

/** The shared variables of an emulator state (created on first use, fresh after every reset). */
export function sharedEnvsOf(state: EmulatorState): SharedEnvStore {
  const known = stores.get(state);
  if (known && known.users === state.users) return known.store;
  const owners = new Set(state.teams.map((t) => t.id));
  const projects = new Set(state.projects.map((p) => p.id));
  const envs = seedShared.filter((s) => owners.has(s.ownerId)).map((s): SharedEnvRecord => ({
    id: sharedEnvId(`${s.ownerId}/${s.key}`), key: s.key, value: s.value, type: s.type, target: [...s.target],
    projectId: s.projectId.filter((id) => projects.has(id)), ownerId: s.ownerId,
    ...(s.comment !== undefined ? { comment: s.comment } : {}),
    createdAt: t0 - s.ageHours * hour, updatedAt: t0 - s.ageHours * hour, createdBy: 'user_alice', updatedBy: null,
  }));
  const store = { envs };
  stores.set(state, { users: state.users, store });
  return store;
}

/** Every seeded shared value (what leak tests grep for). */
export function seededSharedValues(): string[] {
  return seedShared.map((s) => s.value);
}

/** `env_` and 20 letters and digits, stable for a seed. */
export function sharedEnvId(seed: string): string {
  return `env_${createHash('sha256').update(seed).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}`;
}
