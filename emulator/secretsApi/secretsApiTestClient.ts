/**
 * Test helpers for the Secrets API emulator: raw HTTP calls (Node's fetch, no client
 * code in between) with a Secrets API key, the admin calls, and the answer shapes.
 */
import { call, type CallResult } from '../core/testClient';
import { secretsApiKeys } from './secretsApiSeed';
import type { SecretsApiState } from './secretsApiState';
import type { RateLimitConfig } from '../core/rateLimit';

export interface SecretsCallOptions {
  /** Default the main demo key; `null` sends no Authorization header. */
  apiKey?: string | null;
  body?: unknown;
  rawBody?: string;
}

export interface SecretsErrorBody {
  error: { code: string; message: string };
}

export interface SecretViewBody {
  key: string;
  lastFour: string;
  createdAt: string;
  updatedAt: string;
}

export interface ListBody { data: { secrets: SecretViewBody[] } }
export interface SetBody { data: { secret: SecretViewBody } }
export interface DeleteBody { data: { success: boolean; existed: boolean } }

export function secretsPath(projectId: string, key?: string): string {
  const base = `/api/v1/projects/${encodeURIComponent(projectId)}/secrets`;
  return key === undefined ? base : `${base}/${encodeURIComponent(key)}`;
}

/** One raw API call to the Secrets API mount. */
export function secretsCall<T = unknown>(emu: { url: string }, method: string, path: string, options: SecretsCallOptions = {}): Promise<CallResult<T>> {
  return call<T>(emu, method, path, {
    token: options.apiKey === undefined ? secretsApiKeys.main : options.apiKey,
    body: options.body,
    rawBody: options.rawBody,
  });
}

export async function secretsAdminState(emu: { url: string }): Promise<SecretsApiState> {
  const res = await call<SecretsApiState>(emu, 'GET', '/_emulator/secrets-api/state', { token: null });
  if (res.status !== 200) throw new Error(`GET /_emulator/secrets-api/state answered ${res.status}`);
  return res.body;
}

export async function setSecretsRateLimit(emu: { url: string }, rateLimit: RateLimitConfig | null): Promise<void> {
  const res = await call(emu, 'POST', '/_emulator/secrets-api/config', { token: null, body: { rateLimit } });
  if (res.status !== 200) throw new Error(`POST /_emulator/secrets-api/config answered ${res.status}: ${res.text}`);
}

/** The stored secrets of a project, with clear values (from the admin state). */
export async function storedSecrets(emu: { url: string }, projectId: string): Promise<SecretsApiState['projects'][number]['secrets']> {
  const project = (await secretsAdminState(emu)).projects.find((p) => p.id === projectId);
  if (!project) throw new Error(`no project ${projectId} in the Secrets API state`);
  return project.secrets;
}
