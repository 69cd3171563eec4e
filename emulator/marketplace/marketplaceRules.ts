/**
 * The server side of a secrets push: the body against the spec's requestBody schema
 * (`additionalProperties: false`, required `secrets`, `name`, `value`), then what the spec
 * cannot say. Our choices where Vercel documents only the status: a bad name, prefix, empty
 * value or unknown override environment is 400; the same name twice in one push is 422
 * (the body is well-formed but cannot be applied unambiguously).
 */
import type { Contract } from '../core/contract';
import { badRequest, HttpError, isObject } from '../core/http';
import type { MarketplaceSecret } from './marketplaceState';

const environments = ['production', 'preview', 'development'] as const;
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const maxNameLength = 256;

export interface SecretsPush {
  secrets: MarketplaceSecret[];
  partial: boolean;
}

/**
 * A valid push, or an HttpError. `onViolation` hears every schema problem: a client that
 * sends such a body breaks the contract, which the mount records besides answering 400.
 */
export function checkPush(contract: Contract, template: string, body: unknown, onViolation: (problems: string[]) => void): SecretsPush {
  const problems = contract.checkRequest('PUT', template, body);
  if (problems.length > 0) {
    onViolation(problems);
    throw badRequest(`Invalid request: ${problems[0]?.replace(/^.*? request body: /, '') ?? 'the body is off the schema'}.`);
  }
  if (!isObject(body) || !Array.isArray(body.secrets)) throw badRequest('Invalid request: the body should be an object with `secrets`.');
  const secrets = body.secrets.map((item) => checkSecret(item as Record<string, unknown>));
  const seen = new Set<string>();
  for (const secret of secrets) {
    if (seen.has(secret.name)) {
      throw new HttpError(422, 'duplicate_secret_names', `The secret "${secret.name}" appears more than once in the request.`);
    }
    seen.add(secret.name);
  }
  return { secrets, partial: body.partial === true };
}

function checkSecret(item: Record<string, unknown>): MarketplaceSecret {
  // The schema check above guarantees the types; only the meaning is left to check.
  const name = item.name as string;
  if (!envName.test(name) || name.length > maxNameLength) {
    throw new HttpError(400, 'invalid_secret_name',
      `The secret name "${name.slice(0, 64)}" is invalid: use letters, digits and underscores, not starting with a digit (at most ${maxNameLength}).`);
  }
  const prefix = item.prefix as string | undefined;
  if (prefix !== undefined && (!envName.test(prefix) || prefix.length + name.length > maxNameLength)) {
    throw new HttpError(400, 'invalid_secret_prefix', `The prefix of ${name} is invalid: use letters, digits and underscores, not starting with a digit.`);
  }
  const value = item.value as string;
  if (value === '') throw new HttpError(400, 'missing_value', `The secret ${name} has an empty value.`);
  const secret: MarketplaceSecret = { name, value, ...(prefix !== undefined ? { prefix } : {}) };
  const overrides = item.environmentOverrides as Record<string, unknown> | undefined;
  if (overrides !== undefined) {
    const unknown = Object.keys(overrides).find((env) => !(environments as readonly string[]).includes(env));
    if (unknown !== undefined) {
      throw new HttpError(400, 'invalid_environment', `The secret ${name} overrides "${unknown.slice(0, 32)}", which is not production, preview or development.`);
    }
    const checked: NonNullable<MarketplaceSecret['environmentOverrides']> = {};
    for (const env of environments) {
      const override = overrides[env];
      if (override === undefined) continue;
      if (override === '') throw new HttpError(400, 'missing_value', `The ${env} override of ${name} is empty.`);
      checked[env] = override as string;
    }
    secret.environmentOverrides = checked;
  }
  return secret;
}
