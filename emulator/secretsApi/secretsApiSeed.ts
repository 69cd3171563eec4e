/**
 * The Secrets API emulator's demo data (exact; other tests and the demo depend on it):
 * two API keys, three projects. Every seeded value contains `-sapi-`, so a test can grep
 * logs, errors and the UI for a leaked value.
 */
import type { SecretsApiState, StoredSecret } from './secretsApiState';

export const secretsApiKeys = {
  /** Scoped to proj_web, proj_full and proj_empty. */
  main: 'demo_secrets_api_key_7c41e2',
  /** Scoped to proj_web only. */
  narrow: 'demo_secrets_api_key_narrow_93ab',
} as const;

export const secretsApiProjects = {
  /** 12 secrets. */
  web: 'proj_web',
  /** Exactly 25 secrets (`SECRET_01`..`SECRET_25`): at the cap. */
  full: 'proj_full',
  /** No secrets. */
  empty: 'proj_empty',
} as const;

/** proj_web's secrets, in the order they were created. */
const webSecrets: ReadonlyArray<readonly [key: string, value: string]> = [
  ['DATABASE_URL', 'postgres://web:db-sapi-pass-4f1c@db.proj-web.internal:5432/web'],
  ['STRIPE_API_KEY', 'stripe-sapi-test-key-51HqR8xK2m'],
  ['BINANCE_API_KEY', 'binance-sapi-key-Qm7vT2aB3x'],
  ['BINANCE_API_SECRET', 'binance-sapi-secret-Lw9pZr4Nc8'],
  ['REDIS_URL', 'redis://default:redis-sapi-pw-77aa@cache.proj-web.internal:6379'],
  ['SENTRY_DSN', 'https://sentry-sapi-dsn-0b9e@o123.ingest.example.invalid/456'],
  ['OPENAI_API_KEY', 'openai-sapi-key-Xr2Jd8Lq5T'],
  ['JWT_SIGNING_SECRET', 'jwt-sapi-signing-9d2f7a1c5e'],
  ['SMTP_PASSWORD', 'smtp-sapi-pass-Hk3Wm'],
  ['GITHUB_TOKEN', 'github-sapi-token-R4nD0mQ'],
  ['S3_SECRET_ACCESS_KEY', 's3-sapi-secret-AbCdEf123456'],
  ['ANALYTICS_WRITE_KEY', 'analytics-sapi-write-UA42'],
];

const fullSecrets: ReadonlyArray<readonly [key: string, value: string]> = Array.from({ length: 25 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return [`SECRET_${n}`, `full-sapi-value-${n}-${(i * 7919).toString(36)}`] as const;
});

/** A fixed timeline, so seeded timestamps are stable across runs. */
const seedEpoch = Date.parse('2026-04-18T09:12:44.000Z');

function seeded(list: ReadonlyArray<readonly [string, string]>, offsetHours: number): StoredSecret[] {
  return list.map(([key, value], i) => {
    const created = seedEpoch + (offsetHours * 60 + i * 17) * 60_000;
    // Every other secret was updated a few days later, the rest never.
    const updated = i % 2 === 1 ? created + (3 * 24 * 60 + i) * 60_000 : created;
    return { key, value, createdAt: new Date(created).toISOString(), updatedAt: new Date(updated).toISOString() };
  });
}

export function buildSecretsApiSeed(): SecretsApiState {
  return {
    projects: [
      { id: secretsApiProjects.web, secrets: seeded(webSecrets, 0) },
      { id: secretsApiProjects.full, secrets: seeded(fullSecrets, 24) },
      { id: secretsApiProjects.empty, secrets: [] },
    ],
    apiKeys: [
      { apiKey: secretsApiKeys.main, projectIds: [secretsApiProjects.web, secretsApiProjects.full, secretsApiProjects.empty] },
      { apiKey: secretsApiKeys.narrow, projectIds: [secretsApiProjects.web] },
    ],
  };
}

/** Every seeded secret value (for "never leaks" checks). */
export function seededSecretsApiValues(): string[] {
  return buildSecretsApiSeed().projects.flatMap((p) => p.secrets.map((s) => s.value));
}
