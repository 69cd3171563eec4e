/**
 * What a push of resource secrets must satisfy, checked before any request. Connected
 * projects receive each secret as an environment variable named prefix + name, so names
 * follow the portable environment-variable rule and Vercel's env limits (envRules.ts).
 * The emulator enforces the same rules on its own (emulator/marketplaceRules.ts).
 */
import { firstDisallowed, lengthIn, lengthProblem, showCharacter, showInvisibles } from '../values';
import { maxKeyLength, maxValueBytes } from '../vercel/envRules';
import { resourceEnvironments, type ResourceSecret } from './models';

/** A variable name (prefix + name) may be as long as a Vercel env key. */
export const maxResourceSecretNameLength = maxKeyLength;
/** A prefix is a short namespace such as `NEXT_PUBLIC_`; 64 leaves room for any sensible one. */
export const maxPrefixLength = 64;
export const maxResourceSecretValueBytes = maxValueBytes;
/** One push is one request; Vercel's env batch maximum (1000) bounds it the same way. */
export const maxSecretsPerPush = 1000;

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function resourceSecretNameProblem(name: string): string | undefined {
  return identifierProblem(name, 'name', maxResourceSecretNameLength);
}

export function prefixProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return 'The prefix is empty: leave it out instead.';
  return identifierProblem(prefix, 'prefix', maxPrefixLength);
}

/** `what` names the value in the message ("The production value …"). */
export function valueProblem(value: string, what = 'value'): string | undefined {
  if (value.length === 0) return `The ${what} is empty: a secret needs a value.`;
  return lengthProblem(value, maxResourceSecretValueBytes, 'bytes', what);
}

/** Overrides exist for the three standard environments only (the spec's properties). */
export function environmentProblem(name: string): string | undefined {
  if ((resourceEnvironments as readonly string[]).includes(name)) return undefined;
  return `"${showInvisibles(name)}" is not an environment with overrides: use ${resourceEnvironments.join(', ')}.`;
}

/** Integration configuration (installation) ids look like `icfg_` followed by letters and digits. */
export function configIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'Enter the installation id (icfg_…).';
  if (!/^icfg_[A-Za-z0-9]+$/.test(id)) return 'An installation id is "icfg_" followed by letters and digits, e.g. icfg_1a2b3c.';
  return undefined;
}

export function resourceIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'Choose a resource.';
  return /\s/.test(id) ? 'A resource id has no spaces.' : undefined;
}

/** The first problem of one secret, prefixed with its name so a list of many stays readable. */
export function resourceSecretProblem(secret: ResourceSecret): string | undefined {
  const problem = resourceSecretNameProblem(secret.name)
    ?? (secret.prefix !== undefined ? prefixProblem(secret.prefix) : undefined)
    ?? combinedLengthProblem(secret)
    ?? valueProblem(secret.value)
    ?? overridesProblem(secret);
  return problem === undefined ? undefined : `${secret.name === '' ? '(no name)' : showInvisibles(secret.name)}: ${problem}`;
}

/**
 * The first problem of a whole push. An empty list is refused in both modes: with
 * `partial` it does nothing, and without it Vercel would delete every secret of the resource.
 */
export function secretsProblem(secrets: readonly ResourceSecret[]): string | undefined {
  if (secrets.length === 0) return 'There are no secrets to send.';
  if (secrets.length > maxSecretsPerPush) return `${secrets.length} secrets are too many for one push; the maximum is ${maxSecretsPerPush}.`;
  const seen = new Set<string>();
  for (const secret of secrets) {
    const problem = resourceSecretProblem(secret);
    if (problem) return problem;
    if (seen.has(secret.name)) return `${showInvisibles(secret.name)} is listed twice: each secret may appear once per push.`;
    seen.add(secret.name);
  }
  return undefined;
}

function identifierProblem(text: string, what: 'name' | 'prefix', max: number): string | undefined {
  if (text.length === 0) return 'Enter a name.';
  const tooLong = lengthProblem(text, max, 'characters', what);
  if (tooLong) return tooLong;
  if (/^[0-9]/.test(text)) return `The ${what} must not start with a digit.`;
  if (!envName.test(text)) {
    const bad = firstDisallowed(text, /^[A-Za-z0-9_]$/);
    const shown = bad === undefined ? 'that' : showCharacter(bad.char, bad.position, '"a space"');
    return `The ${what} may contain only ASCII letters, digits and underscores, not ${shown}.`;
  }
  return undefined;
}

function combinedLengthProblem(secret: ResourceSecret): string | undefined {
  const length = lengthIn(secret.prefix ?? '', 'characters') + lengthIn(secret.name, 'characters');
  return length > maxResourceSecretNameLength
    ? `Prefix and name together are ${length} characters long; the maximum is ${maxResourceSecretNameLength}.`
    : undefined;
}

function overridesProblem(secret: ResourceSecret): string | undefined {
  for (const [env, value] of Object.entries(secret.environmentOverrides ?? {})) {
    const problem = environmentProblem(env) ?? (typeof value === 'string' ? valueProblem(value, `${env} value`) : `The ${env} value must be text.`);
    if (problem) return problem;
  }
  return undefined;
}
