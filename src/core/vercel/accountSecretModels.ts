/**
 * Vercel's legacy account secrets (seed 000): the `@name` values of a user or team that
 * environment variables once referenced. Vercel sunset them on 2024-05-01 and the live API
 * now answers 410 Gone; compatible servers and older accounts still answer the calls.
 * Values never leave the client's input: they are sent once and never parsed back.
 */
import { InvalidResponseError } from '../errors';
import { firstDisallowed, lengthProblem, showCharacter } from '../values';
import { asObject, optNum, optStr, str } from '../json';

/** A secret as listed. There is no value: the legacy API never lists one. */
export interface AccountSecret {
  /** `sec_…`. */
  readonly uid: string;
  readonly name: string;
  readonly teamId?: string;
  readonly userId?: string;
  /** ISO date of creation, when the server gave one. */
  readonly created?: string;
  /** Milliseconds since the epoch, when the server gave them. */
  readonly createdAt?: number;
  /** The project the secret is associated with, if any. */
  readonly projectId?: string;
  /** Whether the value can still be decrypted (read back) on the server. */
  readonly decryptable: boolean;
}

/** The create answer minus its `value` (a Buffer echo of the secret, dropped on purpose). */
export type CreatedSecret = AccountSecret;

export interface RenamedSecret {
  readonly uid: string;
  readonly name: string;
  readonly oldName: string;
  readonly created?: string;
}

export interface NewAccountSecret {
  readonly name: string;
  readonly value: string;
  /** Sent only when given; Vercel's default was `false`. */
  readonly decryptable?: boolean;
  readonly projectId?: string;
}

export function parseAccountSecret(value: unknown): AccountSecret {
  const secret = asObject(value, 'secret');
  const name = str(secret, 'name', 'secret');
  // Only the fields we know are copied: in particular `value` of the create answer is not.
  return {
    uid: str(secret, 'uid', `secret ${name}`),
    name,
    teamId: optStr(secret, 'teamId'),
    userId: optStr(secret, 'userId'),
    created: createdText(secret.created),
    createdAt: optNum(secret, 'createdAt'),
    projectId: optStr(secret, 'projectId'),
    decryptable: secret.decryptable === true,
  };
}

export function parseRenamedSecret(value: unknown): RenamedSecret {
  const body = asObject(value, 'the rename answer');
  return {
    uid: str(body, 'uid', 'the rename answer'),
    name: str(body, 'name', 'the rename answer'),
    oldName: str(body, 'oldName', 'the rename answer'),
    created: createdText(body.created),
  };
}

/** Old answers gave `created` as an ISO string, some as a number of ms: keep either as ISO text. */
function createdText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (value === undefined || value === null) return undefined;
  throw new InvalidResponseError('a secret has an invalid creation date.');
}

// --- Rules, checked before any request so the user gets a precise message at once.

/** Vercel's documented maximum (seed 000: "max 100 characters"). */
export const maxAccountSecretNameLength = 100;

/**
 * The problem with a secret name, or undefined when it is acceptable.
 *
 * Allowed: lower-case ASCII letters, digits, `-` and `_`. Why so narrow: the name was used
 * as `@name` inside env values and vercel.json, Vercel lower-cased names on create (the
 * CLI warned "Your secret name was converted to lower-case"), and every documented example
 * is of this form. Upper case is refused rather than silently lower-cased, so that the name
 * the user typed is the name that exists afterwards; dots and other punctuation are refused
 * because nothing documents them and a refusal here beats a 400 later.
 */
export function accountSecretNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Enter a name.';
  if (name.trim().length === 0) return 'The name must not be only spaces.';
  const tooLong = lengthProblem(name, maxAccountSecretNameLength, 'characters', 'name');
  if (tooLong) return tooLong;
  if (name.startsWith('@')) return 'Leave out the "@": it marks a reference to the secret, it is not part of its name.';
  // A character no name may have comes first, so a suggestion never carries it along.
  const bad = firstDisallowed(name, /^[A-Za-z0-9_-]$/);
  if (!bad && /[A-Z]/.test(name)) return `Vercel stores secret names in lower case: use "${name.toLowerCase()}".`;
  if (bad) return `The name may contain only lower-case letters, digits, "-" and "_", not ${showCharacter(bad.char, bad.position, '"a space"')}.`;
  return undefined;
}

/** Only an empty value is refused (seed 000 gives no limit); hygiene is `valueFindings`'. */
export function accountSecretValueProblem(value: string): string | undefined {
  return value.length === 0 ? 'Enter a value: a secret cannot be empty.' : undefined;
}
