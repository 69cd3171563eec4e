/**
 * The Secrets API emulator's state and rules, written from seed 002 on their own (not
 * shared with src/core/secretsApi/rules.ts, so the client's checks are tested against an
 * independent server). Value length counts UTF-16 code units, as a Node server's
 * validator would; `lastFour` is the last four code points, so no character is split.
 */
import { HttpError, isObject } from '../core/http';

export interface StoredSecret {
  key: string;
  /** The clear value: never sent by the API, only by the admin state dump. */
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface SecretsProject {
  id: string;
  /** In order of creation; the list endpoint returns them in this order. */
  secrets: StoredSecret[];
}

export interface ApiKeyRecord {
  apiKey: string;
  /** The projects this key may touch; any other project is answered 404. */
  projectIds: string[];
}

export interface SecretsApiState {
  projects: SecretsProject[];
  apiKeys: ApiKeyRecord[];
}

/** What the API returns for a secret. */
export interface SecretView {
  key: string;
  lastFour: string;
  createdAt: string;
  updatedAt: string;
}

export const secretKeyMaxLength = 64;
export const secretValueMaxLength = 4096;
export const secretsCap = 25;

export const validationError = (message: string): HttpError => new HttpError(400, 'VALIDATION_ERROR', message);

/** Seed 002's errors: one message for "missing" and "not yours", so a key cannot probe for projects. */
export const projectNotFound = (): HttpError =>
  new HttpError(404, 'NOT_FOUND', 'The project does not exist or this API key is not scoped to it.');

export function view(secret: StoredSecret): SecretView {
  return { key: secret.key, lastFour: [...secret.value].slice(-4).join(''), createdAt: secret.createdAt, updatedAt: secret.updatedAt };
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw validationError('`key` must be a string.');
  if (key.length < 1 || key.length > secretKeyMaxLength) {
    throw validationError(`\`key\` must be 1–${secretKeyMaxLength} characters long (got ${key.length}).`);
  }
  if (!/^[A-Z][A-Z0-9_]*$/.test(key)) {
    throw validationError('`key` must be UPPER_SNAKE_CASE: A–Z, 0–9 and _, starting with a letter.');
  }
  return key;
}

export function checkValue(value: unknown): string {
  if (typeof value !== 'string') throw validationError('`value` must be a string.');
  if (value.length < 1) throw validationError('`value` must not be empty.');
  if (value.length > secretValueMaxLength) {
    throw validationError(`\`value\` must be at most ${secretValueMaxLength} characters long (got ${value.length}).`);
  }
  return value;
}

/** The POST body: exactly `{key, value}` as JSON; anything else is 400 VALIDATION_ERROR. */
export function parseSetBody(text: string): { key: string; value: string } {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw validationError('The request body must be JSON: {"key": "...", "value": "..."}.');
  }
  if (!isObject(body)) throw validationError('The request body must be a JSON object: {"key": "...", "value": "..."}.');
  const unknown = Object.keys(body).filter((k) => k !== 'key' && k !== 'value');
  if (unknown.length > 0) throw validationError(`Unknown field(s) in the request body: ${unknown.join(', ')}.`);
  return { key: checkKey(body.key), value: checkValue(body.value) };
}

/** ISO timestamps that strictly increase, so an update always changes `updatedAt`. */
export class Clock {
  private last = 0;

  now(after?: string): string {
    const floor = Math.max(this.last, after === undefined ? 0 : Date.parse(after));
    this.last = Math.max(Date.now(), floor + 1);
    return new Date(this.last).toISOString();
  }
}

/** Upsert by key: an update keeps `createdAt` and never counts against the cap; a new key does. */
export function upsertSecret(project: SecretsProject, key: string, value: string, clock: Clock): { secret: StoredSecret; created: boolean } {
  const existing = project.secrets.find((s) => s.key === key);
  if (existing) {
    existing.value = value;
    existing.updatedAt = clock.now(existing.updatedAt);
    return { secret: existing, created: false };
  }
  if (project.secrets.length >= secretsCap) {
    throw new HttpError(409, 'SECRET_LIMIT_EXCEEDED',
      `The project already has ${secretsCap} secrets. Delete one or update an existing key instead of adding a new one.`);
  }
  const now = clock.now();
  const secret = { key, value, createdAt: now, updatedAt: now };
  project.secrets.push(secret);
  return { secret, created: true };
}

export function deleteSecret(project: SecretsProject, key: string): boolean {
  const index = project.secrets.findIndex((s) => s.key === key);
  if (index < 0) return false;
  project.secrets.splice(index, 1);
  return true;
}
