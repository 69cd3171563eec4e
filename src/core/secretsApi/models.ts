import { InvalidResponseError } from '../errors';
import { asObject, type Json } from '../json';
import { maxLastFourLength } from './rules';

/** A secret as the API lists it: never its value, only the last few characters of it. */
export interface SecretSummary {
  readonly key: string;
  /** At most four characters (code points) of the end of the value; the parser refuses more. */
  readonly lastFour: string;
  /** ISO 8601 timestamps as the API sends them. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DeleteResult {
  /** Whether a secret was actually removed (false: there was none by that key). */
  readonly existed: boolean;
}

// --- Parsing: answers are checked, so a wrong shape is an error and never an empty list.

/** The `data` member every Secrets API answer wraps its content in. */
function unwrap(body: unknown, what: string): Json {
  return asObject(asObject(body, what).data, `the "data" of ${what}`);
}

function timestamp(obj: Json, field: string, what: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || value === '' || Number.isNaN(Date.parse(value))) {
    throw new InvalidResponseError(`${what} has no valid ${field} timestamp.`);
  }
  return value;
}

/**
 * One listed secret. `lastFour` longer than four characters is refused: an API that
 * sends more of a write-only value must not get it shown. The error never quotes it.
 */
export function parseSecretSummary(value: unknown, what = 'a secret'): SecretSummary {
  const obj = asObject(value, what);
  const key = obj.key;
  if (typeof key !== 'string' || key === '') throw new InvalidResponseError(`${what} has no key.`);
  const named = `the secret ${key}`;
  const lastFour = obj.lastFour;
  if (typeof lastFour !== 'string') throw new InvalidResponseError(`${named} has no lastFour.`);
  const length = [...lastFour].length;
  if (length > maxLastFourLength) {
    throw new InvalidResponseError(`${named} came with ${length} characters of its value instead of at most ${maxLastFourLength}; not shown.`);
  }
  return { key, lastFour, createdAt: timestamp(obj, 'createdAt', named), updatedAt: timestamp(obj, 'updatedAt', named) };
}

/** `GET …/secrets` → `{"data":{"secrets":[…]}}`. */
export function parseSecretList(body: unknown): SecretSummary[] {
  const data = unwrap(body, 'the list of secrets');
  const secrets = data.secrets;
  if (!Array.isArray(secrets)) throw new InvalidResponseError('expected the list of secrets to have a "secrets" list.');
  return secrets.map((item, i) => parseSecretSummary(item, `secret #${i + 1}`));
}

/** `POST …/secrets` → `{"data":{"secret":{…}}}`. */
export function parseSecretAnswer(body: unknown): SecretSummary {
  const data = unwrap(body, 'the answer to saving a secret');
  return parseSecretSummary(data.secret, 'the saved secret');
}

/** `DELETE …/secrets/{key}` → `{"data":{"success":true,"existed":bool}}`. */
export function parseDeleteAnswer(body: unknown): DeleteResult {
  const data = unwrap(body, 'the answer to deleting a secret');
  if (data.success !== true) throw new InvalidResponseError('the answer to deleting a secret does not confirm success.');
  if (typeof data.existed !== 'boolean') throw new InvalidResponseError('the answer to deleting a secret has no "existed" flag.');
  return { existed: data.existed };
}
