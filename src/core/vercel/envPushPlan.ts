/**
 * Uploading a .env file to a Vercel project: how the file's keys compare with the project's
 * variables in the chosen environments (for the review, core/dotenv/review.ts), and the one
 * batch of creates/upserts and the one batch delete that carry it out. Pure: requests are in
 * envPush.ts.
 *
 * Vercel keeps one record per key and set of environments (and git branch); an upsert
 * overwrites a record only when it names exactly the record's environments (else
 * ENV_CONFLICT). So a key is written record by record: each existing record that reaches a
 * chosen environment is upserted with its own environments, type and branch, and the chosen
 * environments no record reaches get a new record. A record that also reaches environments
 * that were NOT chosen is never narrowed or split: upserting it changes those too, so such a
 * key is reported (`alsoSetFor`) and left unticked by default in the review.
 */
import type { Comparison, RemoteSide } from '../dotenv/review';
import type { EnvTarget, EnvType, EnvVar } from './models';

/** Where an upload goes: standard environments, custom environments (ids), and for Preview alone an optional branch. */
export interface PushEnvironments {
  readonly targets: readonly EnvTarget[];
  readonly customEnvironmentIds: readonly string[];
  /** Only with `targets` = [preview] and no custom environment. */
  readonly gitBranch?: string;
}

/** One environment: a standard target or a custom environment's id (`env_…`), as `GET /v3/env/pull/{id}/{slot}` takes it. */
export type EnvironmentSlot = string;

/** Readable values per slot, from `GET /v3/env/pull` (write-only ones come back as ""). */
export type PulledValues = ReadonlyMap<EnvironmentSlot, Readonly<Record<string, string>>>;

/** A type a new variable can have ("Secret" = sensitive, "Config" = encrypted). */
export type NewType = 'sensitive' | 'encrypted';

/** One item of the batch body, with what it stands for. */
export interface PushItem {
  readonly key: string;
  readonly value: string;
  readonly type: Exclude<EnvType, 'system' | 'secret'>;
  readonly targets: readonly EnvTarget[];
  readonly customEnvironmentIds: readonly string[];
  readonly gitBranch?: string;
  /** The record it overwrites (undefined: a new record). */
  readonly replaces?: EnvVar;
}

export function slotsOf(at: PushEnvironments): EnvironmentSlot[] {
  return [...at.targets, ...at.customEnvironmentIds];
}

function slotsOfRecord(env: EnvVar): EnvironmentSlot[] {
  return [...env.targets, ...env.customEnvironmentIds];
}

/** The records of `key` that reach a chosen environment on the chosen branch (system ones excluded: Vercel owns them). */
export function recordsIn(envs: readonly EnvVar[], at: PushEnvironments, key?: string): EnvVar[] {
  const chosen = new Set(slotsOf(at));
  return envs.filter((e) => (key === undefined || e.key === key) && e.type !== 'system'
    && (e.gitBranch ?? '') === (at.gitBranch ?? '') && slotsOfRecord(e).some((s) => chosen.has(s)));
}

/** Whether Vercel never returns the record's value. */
function writeOnly(env: EnvVar): boolean {
  return env.type === 'sensitive';
}

/**
 * What the project has in the chosen environments, for `buildReview`: a key compares `same`
 * when every chosen environment has a record of it whose readable value equals the file's;
 * `unknown` when any of those records is write-only (or its value was not returned);
 * `different` otherwise (a value differs, or some chosen environment lacks the key).
 */
export function vercelRemote(envs: readonly EnvVar[], at: PushEnvironments, pulled: PulledValues): RemoteSide {
  const records = recordsIn(envs, at);
  const slots = slotsOf(at);
  return {
    keys: new Set(records.map((e) => e.key)),
    compare(key: string, value: string): Comparison {
      const mine = records.filter((e) => e.key === key);
      let missing = false;
      let differs = false;
      for (const slot of slots) {
        const record = mine.find((e) => slotsOfRecord(e).includes(slot));
        if (!record) {
          missing = true;
          continue;
        }
        const read = pulled.get(slot)?.[key];
        if (writeOnly(record) || read === undefined || read === '') return 'unknown';
        if (read !== value) differs = true;
      }
      return missing || differs ? 'different' : 'same';
    },
  };
}

/** The environments outside the chosen ones that the key's records also reach (overwriting them changes those too). */
export function alsoSetFor(envs: readonly EnvVar[], at: PushEnvironments, key: string): EnvironmentSlot[] {
  const chosen = new Set(slotsOf(at));
  const outside = new Set(recordsIn(envs, at, key).flatMap(slotsOfRecord).filter((s) => !chosen.has(s)));
  return [...outside];
}

/** Why a key cannot be written by an upload (a legacy `secret` record), or undefined. */
export function unwritableReason(envs: readonly EnvVar[], at: PushEnvironments, key: string): string | undefined {
  const legacy = recordsIn(envs, at, key).find((e) => e.type === 'secret');
  return legacy ? `${key} is a legacy secret variable, which cannot be written any more: change it in the Vercel dashboard.` : undefined;
}

/** Per key, what the user chose for it in the review (defaults: the upload's). */
export interface KeyChoice {
  readonly key: string;
  readonly value: string;
  /** Type of the records it creates. */
  readonly type: NewType;
  /** Where it goes; a subset of the upload's environments (a per-key override). */
  readonly at: PushEnvironments;
}

/**
 * The batch body for the ticked keys: per key, an upsert of each record it has in the chosen
 * environments (same environments, type and branch), and new records for the chosen
 * environments none of them reaches. Sensitive cannot target Development: a sensitive key
 * there gets an encrypted record for Development and a sensitive one for the rest.
 */
export function planWrites(envs: readonly EnvVar[], choices: readonly KeyChoice[]): PushItem[] {
  return choices.flatMap((choice) => {
    const records = recordsIn(envs, choice.at, choice.key);
    const items: PushItem[] = records.filter((r) => r.type !== 'secret').map((r) => ({
      key: choice.key, value: choice.value, type: r.type as PushItem['type'], targets: r.targets,
      customEnvironmentIds: r.customEnvironmentIds, gitBranch: r.gitBranch, replaces: r,
    }));
    const covered = new Set(records.flatMap(slotsOfRecord));
    const targets = choice.at.targets.filter((t) => !covered.has(t));
    const customEnvironmentIds = choice.at.customEnvironmentIds.filter((c) => !covered.has(c));
    const base = { key: choice.key, value: choice.value, gitBranch: choice.at.gitBranch };
    if (choice.type === 'sensitive' && targets.includes('development')) {
      items.push({ ...base, type: 'encrypted', targets: ['development'], customEnvironmentIds: [] });
      const rest = targets.filter((t) => t !== 'development');
      if (rest.length > 0 || customEnvironmentIds.length > 0) items.push({ ...base, type: 'sensitive', targets: rest, customEnvironmentIds });
    } else if (targets.length > 0 || customEnvironmentIds.length > 0) {
      items.push({ ...base, type: choice.type, targets, customEnvironmentIds });
    }
    return items;
  });
}

/**
 * The records to delete for keys only on Vercel: those whose environments all lie within the
 * chosen ones. `kept` names the keys left alone because a record of theirs also reaches an
 * environment that was not chosen (deleting it would remove it there too).
 */
export function planRemovals(envs: readonly EnvVar[], at: PushEnvironments, keys: readonly string[]): { ids: string[]; kept: string[] } {
  const chosen = new Set(slotsOf(at));
  const ids: string[] = [];
  const kept = new Set<string>();
  for (const key of keys) {
    for (const record of recordsIn(envs, at, key)) {
      if (slotsOfRecord(record).every((s) => chosen.has(s))) ids.push(record.id);
      else kept.add(key);
    }
  }
  return { ids, kept: [...kept] };
}

/** Whether `env` (as listed after a write) is what `item` asked for: same key, environments and branch; for an overwrite, updated since. */
export function fulfils(env: EnvVar, item: PushItem): boolean {
  const slots = slotsOfRecord(env);
  const wanted = [...item.targets, ...item.customEnvironmentIds];
  return env.key === item.key && (env.gitBranch ?? '') === (item.gitBranch ?? '')
    && slots.length === wanted.length && wanted.every((s) => slots.includes(s))
    && (item.replaces === undefined || env.id !== item.replaces.id || env.updatedAt !== item.replaces.updatedAt);
}
