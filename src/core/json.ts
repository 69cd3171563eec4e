import { InvalidResponseError } from './errors';

/**
 * Checked access to parsed JSON answers, shared by every API client: a wrong shape is an
 * InvalidResponseError naming what was expected, and never an empty list or a silent default.
 */
export type Json = Record<string, unknown>;

/** `value` as an object (not null, not an array); `what` names it in the error. */
export function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidResponseError(`expected ${what} to be an object.`);
  }
  return value as Json;
}

export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidResponseError(`expected ${what} to be a list.`);
  return value;
}

/** A non-empty string member, else an InvalidResponseError "`what` has no `key`". */
export function str(obj: Json, key: string, what: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new InvalidResponseError(`${what} has no ${key}.`);
  return value;
}

export function optStr(obj: Json, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function optNum(obj: Json, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
