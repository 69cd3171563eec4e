import { parseApiUrl } from '../validation/apiUrl';
import { credentialProblem } from '../validation/credential';
import { firstDisallowed, lengthProblem, showCharacter } from '../values';

/**
 * The Secrets API's rules (seed 002), checked before any request so a user gets a
 * precise message at once and no request goes out for input the API would refuse.
 * The emulator enforces the same rules on its own (emulator/secretsApiState.ts).
 *
 * "Characters" of a value are counted as UTF-16 code units (JavaScript's `length`), as
 * the emulator's Node server does and the stricter reading of "1–4096 characters":
 * whatever passes here passes a server that counts code points too. A message says
 * "UTF-16 units" whenever that count differs from the number of characters. Keys are
 * ASCII, where both readings agree; their length counts characters.
 */
export const maxSecretKeyLength = 64;
export const maxSecretValueLength = 4096;
export const maxSecretsPerProject = 25;
/** What the API shows of a write-only value, at most. */
export const maxLastFourLength = 4;

const validKey = /^[A-Z][A-Z0-9_]*$/;

/** The problem with a secret key, or undefined when the API will accept it. */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'Enter a key name.';
  const tooLong = lengthProblem(key, maxSecretKeyLength, 'characters', 'key');
  if (tooLong) return tooLong;
  if (validKey.test(key)) return undefined;
  const first = [...key][0] ?? '';
  if (!/^[A-Za-z]$/.test(first)) return `The key must start with a letter (A–Z), not ${showCharacter(first, 1)}.`;
  const suggestion = suggestedSecretKey(key);
  if (/[a-z]/.test(key) && /^[A-Za-z0-9_]*$/.test(key)) {
    return `The key must be upper case (UPPER_SNAKE_CASE): use "${suggestion}".`;
  }
  const bad = firstDisallowed(key, /^[A-Za-z0-9_]$/);
  const hint = suggestion !== undefined ? ` Did you mean "${suggestion}"?` : '';
  const shown = bad === undefined ? 'that' : showCharacter(bad.char, bad.position);
  return `The key may contain only upper-case letters A–Z, digits and underscores, not ${shown}.${hint}`;
}

/**
 * The UPPER_SNAKE_CASE form of a near miss (`database-url` → `DATABASE_URL`), or
 * undefined when there is no obvious one or the key is fine already.
 */
export function suggestedSecretKey(key: string): string | undefined {
  const candidate = key.trim().replace(/[-. ]/g, '_').replace(/[a-z]/g, (c) => c.toUpperCase());
  if (candidate === key || candidate.length > maxSecretKeyLength || !validKey.test(candidate)) return undefined;
  return candidate;
}

/** The problem with a secret value, or undefined when the API will accept it. Never quotes the value. */
export function secretValueProblem(value: string): string | undefined {
  if (value.length === 0) return 'Enter a value: it must not be empty.';
  return lengthProblem(value, maxSecretValueLength, 'utf16Units', 'value');
}

/**
 * Whether adding `key` would go over the per-project cap. Updating a key that exists
 * never counts against the cap, so an existing key is always fine.
 */
export function capProblem(existingKeys: readonly string[], key: string): string | undefined {
  if (existingKeys.includes(key)) return undefined;
  if (existingKeys.length < maxSecretsPerProject) return undefined;
  return `This project already has ${existingKeys.length} secrets; the maximum is ${maxSecretsPerProject}. `
    + `Delete a secret before adding ${key}, or update an existing key instead (updates are always allowed).`;
}

/** A project id goes into the path as one segment: it must not be empty. */
export function projectIdProblem(projectId: string): string | undefined {
  if (projectId.trim().length === 0) return 'Choose a project: the project id is empty.';
  return undefined;
}

/**
 * The problem with an API key as typed or pasted, or undefined. It goes into an
 * `Authorization` header, so no spaces or control characters. Never quotes the key.
 */
export function apiKeyProblem(apiKey: string): string | undefined {
  return credentialProblem(apiKey, 'API key');
}

/** The Secrets API base URL, validated like every API URL (https, or http on loopback only). */
export function parseSecretsApiUrl(raw: string, settingName = 'Secrets API URL'): URL {
  return parseApiUrl(raw, settingName);
}
