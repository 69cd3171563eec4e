/**
 * Uploading a .env file to a Secrets API project. The API has no batch call and a cap of 25
 * secrets per project, so secrets go one request at a time in an order that fits the cap:
 * removals first (they make room), then updates (always allowed), then new keys while there
 * is room. It stops at the first failure, and says per key what was sent and what was not.
 */
import type { Comparison, RemoteSide } from '../dotenv/review';
import { ApiError } from '../errors';
import type { SecretsApiClient } from './client';
import type { SecretSummary } from './models';
import { maxSecretsPerProject } from './rules';

/**
 * The project's secrets for the review: values are write-only, but the API shows each one's
 * last four characters (code points), so a value whose end differs is surely `different`;
 * one whose end matches may or may not be the same (`unknown`: sending overwrites it).
 */
export function secretsApiRemote(secrets: readonly SecretSummary[]): RemoteSide {
  const byKey = new Map(secrets.map((s) => [s.key, s]));
  return {
    keys: byKey.keys(),
    compare(key: string, value: string): Comparison {
      const lastFour = [...value].slice(-4).join('');
      return byKey.get(key)?.lastFour === lastFour ? 'unknown' : 'different';
    },
  };
}

/** Why a key was not sent. */
export type NotSentReason =
  | { readonly kind: 'cap' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface ApiPushOutcome {
  /** Saved, as the API answered each. */
  readonly saved: readonly SecretSummary[];
  readonly removed: readonly string[];
  /** Keys (writes and removals) not done, in the order they would have gone, with why. */
  readonly notSent: ReadonlyArray<{ readonly key: string; readonly removal: boolean; readonly reason: NotSentReason }>;
}

/**
 * Removes `removals`, then sets `writes` (updates of existing keys first, then new keys until
 * the project holds `maxSecretsPerProject`); one request each, in that order. The first
 * failure stops it: that key is reported with its error, the rest as stopped. A new key the
 * cap leaves no room for is never sent (`cap`); the server's own 409 SECRET_LIMIT_EXCEEDED
 * stops it the same way. `onStep` is called before each request (for progress).
 */
export async function pushSecrets(client: Pick<SecretsApiClient, 'set' | 'delete'>, projectId: string, existing: readonly SecretSummary[],
  writes: ReadonlyArray<{ readonly key: string; readonly value: string }>, removals: readonly string[],
  signal?: AbortSignal, onStep?: (done: number, total: number) => void): Promise<ApiPushOutcome> {
  const keys = new Set(existing.map((s) => s.key));
  const updates = writes.filter((w) => keys.has(w.key));
  const creates = writes.filter((w) => !keys.has(w.key));
  const saved: SecretSummary[] = [];
  const removed: string[] = [];
  const notSent: Array<ApiPushOutcome['notSent'][number]> = [];
  const steps: Array<{ key: string; removal: boolean; value?: string }> = [
    ...removals.map((key) => ({ key, removal: true })),
    ...updates.map((w) => ({ key: w.key, removal: false, value: w.value })),
    ...creates.map((w) => ({ key: w.key, removal: false, value: w.value })),
  ];
  let stop: NotSentReason | undefined;
  for (const [i, step] of steps.entries()) {
    if (stop) {
      notSent.push({ key: step.key, removal: step.removal, reason: stop.kind === 'cap' ? stop : { kind: 'stopped' } });
      continue;
    }
    if (!step.removal && !keys.has(step.key) && keys.size >= maxSecretsPerProject) {
      stop = { kind: 'cap' };
      notSent.push({ key: step.key, removal: false, reason: stop });
      continue;
    }
    onStep?.(i, steps.length);
    try {
      if (step.removal) {
        await client.delete(projectId, step.key, signal);
        keys.delete(step.key);
        removed.push(step.key);
      } else {
        saved.push(await client.set(projectId, step.key, step.value!, signal));
        keys.add(step.key);
      }
    } catch (err) {
      const capped = err instanceof ApiError && err.status === 409 && err.hasCode('SECRET_LIMIT_EXCEEDED');
      stop = capped ? { kind: 'cap' } : { kind: 'failed', error: err };
      notSent.push({ key: step.key, removal: step.removal, reason: stop });
    }
  }
  return { saved, removed, notSent };
}
