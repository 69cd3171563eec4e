/**
 * "Faults: keep working, lose nothing" (1/2): every multi-step write of every backend, with a
 * fault injected at each of its steps, each fault kind where it makes sense. For every
 * scenario the emulator's final state is compared with exactly what the user asked for
 * (nothing else gone, nothing else changed), the writes sent are counted (a write whose
 * outcome is unknown is read back, never sent again), and the message shown must say
 * exactly what state things are in. The file ends by printing the scenario count and the
 * secrets lost.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UndeployedChanges } from '../../src/backends/vercel/deploy/undeployed';
import type { ProjectNode } from '../../src/backends/vercel/projectNode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { FaultSpec } from '../../emulator';
import { marketplaceDemo } from '../../emulator';
import { secretsApiKeys } from '../../emulator';
import { activateExtension, children, connectAliceOnly, emulator, emulatorUrl, node, requests, resetEmulator, restorePrompts, script, statusTexts } from './helpers';

/** The Vercel backend's changes-not-deployed store of this session (Backend.start). */
const undeployed = (api: ProjectSecretsApi) => api.sessions.get('vercel') as UndeployedChanges;

// ---------------------------------------------------------------------------------------------
// The emulator's state, all three backends, as one map: what a fault may have cost.

/** One secret as stored: its value and what else the user could lose (type, environments…). */
export type Entry = Readonly<Record<string, unknown>>;
/** `vercel <projectId> <KEY>`, `secrets-api <projectId> <KEY>`, `marketplace <resourceId> <NAME>` → the stored entries. */
export type Snapshot = Record<string, Entry[]>;

interface VercelDump { projects: Array<{ id: string; envs: Array<{ key: string; value: string; type: string; target: string[]; customEnvironmentIds?: string[]; gitBranch?: string; comment?: string }> }> }
interface ApiDump { projects: Array<{ id: string; secrets: Array<{ key: string; value: string }> }> }
interface MarketDump { installations: Array<{ resources: Array<{ partnerId: string; secrets: Array<{ name: string; value: string; prefix?: string; environmentOverrides?: Record<string, string> }> }> }> }

export async function everySecret(): Promise<Snapshot> {
  const out: Snapshot = {};
  const add = (key: string, entry: Entry) => (out[key] ??= []).push(entry);
  for (const p of (await emulator<VercelDump>('state')).projects) {
    for (const e of p.envs) add(`vercel ${p.id} ${e.key}`, vercelEntry(e));
  }
  for (const p of (await emulator<ApiDump>('secrets-api/state')).projects) {
    for (const s of p.secrets) add(`secrets-api ${p.id} ${s.key}`, { value: s.value });
  }
  for (const r of (await emulator<MarketDump>('marketplace/state')).installations.flatMap((i) => i.resources)) {
    for (const s of r.secrets) add(`marketplace ${r.partnerId} ${s.name}`, defined({ value: s.value, prefix: s.prefix, environmentOverrides: s.environmentOverrides }));
  }
  return out;
}

function vercelEntry(e: { value: string; type: string; target: readonly string[]; customEnvironmentIds?: readonly string[]; gitBranch?: string; comment?: string }): Entry {
  // Custom environments are environments too: losing one is losing the variable there.
  const custom = e.customEnvironmentIds?.length ? [...e.customEnvironmentIds] : undefined;
  return defined({ value: e.value, type: e.type, target: [...e.target], customEnvironmentIds: custom, gitBranch: e.gitBranch, comment: e.comment });
}

/** Without the fields that are absent, so that entries compare the same however they were built. */
function defined(entry: Record<string, unknown>): Entry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
}

/**
 * The secrets a fault cost: gone although the user did not ask to remove them, or changed
 * although the user did not ask to change them. `mayGo` / `mayChange` say what the user asked.
 */
export function secretsLost(before: Snapshot, after: Snapshot, asked: Asked = {}): string[] {
  return Object.keys(before).filter((key) => {
    if (!(key in after)) return !(asked.mayGo?.(key, after) ?? false);
    if (asked.mayChange?.(key) ?? false) return false;
    return JSON.stringify(after[key]) !== JSON.stringify(before[key]);
  });
}

export interface Asked {
  /** The user asked for this key to go (a rename: only once the new key exists). */
  mayGo?(key: string, after: Snapshot): boolean;
  mayChange?(key: string): boolean;
}

// ---------------------------------------------------------------------------------------------
// Faults and messages.

export type Fault = FaultSpec & { method: string; pathPattern: string };

export async function armFaults(faults: readonly Fault[]): Promise<void> {
  await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
}

export const clearFaults = () => emulator('faults', { method: 'DELETE' });

/** A regular expression from literal text and patterns, matching the whole message. */
export function rx(...parts: Array<string | RegExp>): RegExp {
  return new RegExp(`^${inner(...parts)}$`);
}

/** The pattern of `rx` without its anchors, to build a longer one from. */
function inner(...parts: Array<string | RegExp>): string {
  return parts.map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p.source.replace(/^\^|\$$/g, ''))).join('');
}

export const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the server does with the write the fault hits. */
type Effect = 'none' | 'applied' | 'late';

interface Kind {
  readonly name: string;
  readonly fault: Omit<FaultSpec, 'method' | 'pathPattern'>;
  readonly effect: Effect;
  /**
   * A timeout: the client cannot tell "never processed" from "still being processed", so
   * "may or may not have happened" is true either way; "did not happen" only when it did not.
   */
  readonly uncertain?: boolean;
  /** How the extension describes the failure the client saw, for a backend. */
  reason(service: string): RegExp;
}

const serverError = (status: number) => (service: string) => rx(`${service} had a server error (HTTP ${status}). Try again later.`);
const timedOut = () => /\S+ did not answer within 1 s\. Check your connection and try again\./;

const kinds: readonly Kind[] = [
  { name: 'HTTP 500', fault: { status: 500 }, effect: 'none', reason: serverError(500) },
  { name: 'HTTP 503', fault: { status: 503 }, effect: 'none', reason: serverError(503) },
  { name: 'a dropped connection', fault: { status: 0 }, effect: 'none', reason: (service) => new RegExp(`The connection to \\S+ broke off before the answer was complete \\(\\w+\\)\\. Check your connection and ${
    service === 'Secrets API' ? "the connection's base URL" : 'the projectSecrets\\.vercel\\.apiUrl setting'}\\.`) },
  { name: 'no answer within the 1 s timeout (never processed)', fault: { status: 0, delayMs: 2500 }, effect: 'none', uncertain: true, reason: timedOut },
  { name: 'HTTP 500 although the write happened', fault: { status: 500, applyFirst: true }, effect: 'applied', reason: serverError(500) },
  { name: 'no answer within the 1 s timeout, the write lands later', fault: { delayMs: 1600 }, effect: 'late', uncertain: true, reason: timedOut },
];

// ---------------------------------------------------------------------------------------------
// The operations and their steps.

type Backend = 'Vercel' | 'Secrets API' | 'Vercel Marketplace';

interface Answers { inputs?: Array<string | undefined>; picks?: Array<string | string[] | undefined>; warnings?: Array<string | undefined> }

/** What must be true after a scenario. */
interface Expected {
  /** Every write request, in order, by method. */
  writes: string[];
  error?: RegExp;
  info?: RegExp;
  /** Things the message must not claim. */
  notClaimed?: RegExp;
  /** The whole emulator state (every backend) expected afterwards. */
  state(before: Snapshot): Snapshot;
}

interface Step {
  readonly name: string;
  readonly method: string;
  readonly pathPattern: string;
  /** The server refuses this request even when it processes it (the PATCH of a sensitive key). */
  readonly refusedAnyway?: boolean;
  /** The start of its "may or may not have happened" message. */
  readonly what: string;
  expected(effect: Effect, reason: RegExp, value: string): Expected;
}

interface Operation {
  readonly title: string;
  readonly backend: Backend;
  readonly command: string;
  readonly on: readonly string[];
  answers(value: string): Answers;
  readonly asked: Asked;
  readonly steps: readonly Step[];
  /** No read-back exists (Marketplace): afterwards the same request is sent again and must give what was asked. */
  readonly resend?: { info: RegExp; state(before: Snapshot, value: string): Snapshot };
}

const blog = 'prj_aliceblog';
const web = 'proj_web';
const apiLabel = 'Fault API';
const installation = marketplaceDemo.installationId;
/**
 * The one notification a successful change brings per resource per session; the change itself is said in the status bar.
 * A Vercel project brings none: its row and the status bar item count the changes production lacks (checked below).
 */
function reminderOf(op: Operation): string | undefined {
  if (op.backend === 'Vercel Marketplace') return `Projects connected to ${op.on.at(-1)} keep the old values until they are redeployed.`;
  return undefined;
}

/** The Vercel variables that target Production, as one comparable text. */
function productionOf(snapshot: Snapshot): string {
  return JSON.stringify(Object.entries(snapshot).filter(([key]) => key.startsWith('vercel '))
    .map(([key, entries]) => [key, entries.filter((e) => (e.target as string[] | undefined)?.includes('production'))] as const)
    .filter(([, entries]) => entries.length > 0).sort(([a], [b]) => a.localeCompare(b)));
}

/** A copy of `before` with some keys set (an entry list) or removed (undefined). */
function edited(before: Snapshot, changes: Record<string, Entry[] | undefined>): Snapshot {
  const out: Snapshot = JSON.parse(JSON.stringify(before)) as Snapshot;
  for (const [key, entries] of Object.entries(changes)) {
    if (entries === undefined) delete out[key];
    else out[key] = entries;
  }
  return out;
}

const vKey = (key: string) => `vercel ${blog} ${key}`;
const aKey = (key: string) => `secrets-api ${web} ${key}`;
const mKey = (resource: string, name: string) => `marketplace ${resource} ${name}`;
const only = (before: Snapshot, key: string): Entry => {
  const entries = before[key];
  assert.equal(entries?.length, 1, `exactly one ${key} before the scenario`);
  return entries[0];
};

/** The message of a write that failed and was read back as not done. */
const didNotHappen = (what: string, reason: RegExp) => rx(`${what} did not happen: `, reason, ' Nothing was changed by it.');
/** The message a write needs when the read-back cannot tell yet (the request may still be processed). */
const mayOrMayNot = (what: string) => new RegExp(`^${inner(what)} may or may not have happened`);
/** Either message. */
const either = (a: RegExp, b: RegExp) => new RegExp(`(?:${a.source})|(?:${b.source})`);
const vercelRenameDeleteWhat = 'Created STRIPE_API_KEY, but could not delete STRIPE_SECRET_KEY: Deleting STRIPE_SECRET_KEY';
const claimsNothing = /did not happen|Nothing was changed|Both (variables|secrets) exist now/;

const vercelRename: Operation = {
  title: 'Vercel: rename the sensitive STRIPE_SECRET_KEY by create-then-delete',
  backend: 'Vercel',
  command: 'projectSecrets.renameSecret',
  on: ['alice', 'Personal', 'alice-blog', 'STRIPE_SECRET_KEY'],
  answers: (value) => ({ inputs: ['STRIPE_API_KEY', value], warnings: ['Create STRIPE_API_KEY, Then Delete STRIPE_SECRET_KEY'] }),
  asked: { mayGo: (key, after) => key === vKey('STRIPE_SECRET_KEY') && vKey('STRIPE_API_KEY') in after },
  steps: (() => {
    const both = (before: Snapshot, value: string) =>
      edited(before, { [vKey('STRIPE_API_KEY')]: [{ ...only(before, vKey('STRIPE_SECRET_KEY')), value }] });
    const renamed = (before: Snapshot, value: string) => edited(both(before, value), { [vKey('STRIPE_SECRET_KEY')]: undefined });
    const success = (value: string, writes: string[]): Expected => ({
      writes,
      info: rx('Renamed STRIPE_SECRET_KEY to STRIPE_API_KEY in alice-blog (created the new variable, then deleted the old one).'),
      state: (before) => renamed(before, value),
    });
    return [
      {
        name: 'PATCH (refused: a sensitive name is fixed)', method: 'PATCH', pathPattern: `^/v9/projects/${blog}/env/[^/]+$`, refusedAnyway: true,
        what: 'Renaming STRIPE_SECRET_KEY to STRIPE_API_KEY',
        expected: (_effect, reason) => ({
          writes: ['PATCH'], error: didNotHappen('Renaming STRIPE_SECRET_KEY to STRIPE_API_KEY', reason), state: (before) => before,
        }),
      },
      {
        name: 'POST (create STRIPE_API_KEY)', method: 'POST', pathPattern: `^/v10/projects/${blog}/env$`, what: 'Creating STRIPE_API_KEY',
        expected: (effect, reason, value) => effect === 'applied' ? success(value, ['PATCH', 'POST', 'DELETE'])
          : effect === 'late'
            ? { writes: ['PATCH', 'POST'], error: mayOrMayNot('Creating STRIPE_API_KEY'), notClaimed: claimsNothing, state: (before) => both(before, value) }
            : { writes: ['PATCH', 'POST'], error: didNotHappen('Creating STRIPE_API_KEY', reason), state: (before) => before },
      },
      {
        name: 'DELETE (remove STRIPE_SECRET_KEY)', method: 'DELETE', pathPattern: `^/v9/projects/${blog}/env/[^/]+$`,
        what: vercelRenameDeleteWhat,
        expected: (effect, reason, value) => effect === 'applied' ? success(value, ['PATCH', 'POST', 'DELETE'])
          : effect === 'late'
            ? {
              writes: ['PATCH', 'POST', 'DELETE'], error: mayOrMayNot(vercelRenameDeleteWhat),
              info: rx('Created STRIPE_API_KEY.'), notClaimed: claimsNothing, state: (before) => renamed(before, value),
            }
            : {
              writes: ['PATCH', 'POST', 'DELETE'],
              error: rx('Created STRIPE_API_KEY, but could not delete STRIPE_SECRET_KEY: ', didNotHappen('Deleting STRIPE_SECRET_KEY', reason),
                ' Both variables exist now; delete STRIPE_SECRET_KEY when you can.'),
              info: rx('Created STRIPE_API_KEY.'),
              state: (before) => both(before, value),
            },
      },
    ];
  })(),
};

/** One write, read back on an unknown outcome: the three answers a single-step command can give. */
function singleStep(name: string, method: string, pathPattern: string, what: string, info: RegExp,
  applied: (before: Snapshot, value: string) => Snapshot, writes: string[] = [method]): Step {
  return {
    name, method, pathPattern, what,
    expected: (effect, reason, value) => effect === 'applied' ? { writes, info, state: (before) => applied(before, value) }
      : effect === 'late' ? { writes, error: mayOrMayNot(what), notClaimed: claimsNothing, state: (before) => applied(before, value) }
        : { writes, error: didNotHappen(what, reason), state: (before) => before },
  };
}

const vercelDeleteOne: Operation = {
  title: 'Vercel: delete DATABASE_URL from Preview only (PATCH of its targets)',
  backend: 'Vercel',
  command: 'projectSecrets.deleteSecret',
  on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
  answers: () => ({ picks: ['Delete from Preview only'], warnings: ['Delete from Preview'] }),
  asked: { mayChange: (key) => key === vKey('DATABASE_URL') },
  steps: [singleStep('PATCH (targets: Production)', 'PATCH', `^/v9/projects/${blog}/env/[^/]+$`, 'Removing DATABASE_URL from Preview',
    rx('Removed DATABASE_URL from Preview in alice-blog.'),
    (before) => edited(before, { [vKey('DATABASE_URL')]: [{ ...only(before, vKey('DATABASE_URL')), target: ['production'] }] }))],
};

const vercelDeleteAll: Operation = {
  title: 'Vercel: delete DATABASE_URL from all environments',
  backend: 'Vercel',
  command: 'projectSecrets.deleteSecret',
  on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
  answers: () => ({ picks: ['Delete from all environments'], warnings: ['Delete'] }),
  asked: { mayGo: (key) => key === vKey('DATABASE_URL') },
  steps: [singleStep('DELETE', 'DELETE', `^/v9/projects/${blog}/env/[^/]+$`, 'Deleting DATABASE_URL',
    rx('Deleted DATABASE_URL from alice-blog.'), (before) => edited(before, { [vKey('DATABASE_URL')]: undefined }))],
};

const stagingKey = 'vercel prj_aliceapi STAGING_DB_URL';
const vercelDeleteFromCustom: Operation = {
  title: 'Vercel: delete STAGING_DB_URL from the custom environment staging only (PATCH keeps Preview)',
  backend: 'Vercel',
  command: 'projectSecrets.deleteSecret',
  on: ['alice', 'Personal', 'alice-api', 'STAGING_DB_URL'],
  answers: () => ({ picks: ['Delete from staging only'], warnings: ['Delete from staging'] }),
  asked: { mayChange: (key) => key === stagingKey },
  steps: [singleStep('PATCH (targets: Preview, no custom environment)', 'PATCH', '^/v9/projects/prj_aliceapi/env/[^/]+$', 'Removing STAGING_DB_URL from staging',
    rx('Removed STAGING_DB_URL from staging in alice-api.'),
    (before) => edited(before, { [stagingKey]: [defined({ ...only(before, stagingKey), customEnvironmentIds: undefined })] }))],
};

const vercelSetValue: Operation = {
  title: 'Vercel: Set Value of DATABASE_URL',
  backend: 'Vercel',
  command: 'projectSecrets.setSecretValue',
  on: ['alice', 'Personal', 'alice-blog', 'DATABASE_URL'],
  answers: (value) => ({ inputs: [value] }),
  asked: { mayChange: (key) => key === vKey('DATABASE_URL') },
  steps: [singleStep('PATCH (value)', 'PATCH', `^/v9/projects/${blog}/env/[^/]+$`, 'Saving the value of DATABASE_URL',
    rx('Updated the value of DATABASE_URL in alice-blog.'),
    (before, value) => edited(before, { [vKey('DATABASE_URL')]: [{ ...only(before, vKey('DATABASE_URL')), value }] }))],
};

const vercelAdd: Operation = {
  title: 'Vercel: Add Secret FAULT_NEW_KEY',
  backend: 'Vercel',
  command: 'projectSecrets.setSecret',
  on: ['alice', 'Personal', 'alice-blog'],
  answers: (value) => ({ inputs: ['FAULT_NEW_KEY', value, ''], picks: ['encrypted', ['Production']] }),
  asked: {},
  steps: [singleStep('POST', 'POST', `^/v10/projects/${blog}/env$`, 'Saving FAULT_NEW_KEY', rx('Saved FAULT_NEW_KEY in alice-blog.'),
    (before, value) => edited(before, { [vKey('FAULT_NEW_KEY')]: [vercelEntry({ value, type: 'encrypted', target: ['production'] })] }))],
};

const apiRename: Operation = {
  title: 'Secrets API: rename REDIS_URL to CACHE_URL (POST new, then DELETE old)',
  backend: 'Secrets API',
  command: 'projectSecrets.renameSecret',
  on: [apiLabel, web, 'REDIS_URL'],
  answers: (value) => ({ inputs: ['CACHE_URL', value] }),
  asked: { mayGo: (key, after) => key === aKey('REDIS_URL') && aKey('CACHE_URL') in after },
  steps: (() => {
    const both = (before: Snapshot, value: string) => edited(before, { [aKey('CACHE_URL')]: [{ value }] });
    const renamed = (before: Snapshot, value: string) => edited(both(before, value), { [aKey('REDIS_URL')]: undefined });
    const success = (value: string): Expected => ({ writes: ['POST', 'DELETE'], info: rx('Renamed REDIS_URL to CACHE_URL in proj_web.'), state: (before) => renamed(before, value) });
    return [
      {
        name: 'POST (create CACHE_URL)', method: 'POST', pathPattern: `^/api/v1/projects/${web}/secrets$`, what: 'Saving CACHE_URL',
        expected: (effect, reason, value) => effect === 'applied' ? success(value)
          : effect === 'late'
            ? { writes: ['POST'], error: mayOrMayNot('Saving CACHE_URL'), notClaimed: claimsNothing, state: (before) => both(before, value) }
            : { writes: ['POST'], error: didNotHappen('Saving CACHE_URL', reason), state: (before) => before },
      },
      {
        name: 'DELETE (remove REDIS_URL)', method: 'DELETE', pathPattern: `^/api/v1/projects/${web}/secrets/REDIS_URL$`,
        what: 'Created CACHE_URL, but could not delete REDIS_URL: Deleting REDIS_URL',
        expected: (effect, reason, value) => effect === 'applied' ? success(value)
          : effect === 'late'
            ? {
              writes: ['POST', 'DELETE'], error: mayOrMayNot('Created CACHE_URL, but could not delete REDIS_URL: Deleting REDIS_URL'),
              info: rx('Created CACHE_URL.'), notClaimed: claimsNothing, state: (before) => renamed(before, value),
            }
            : {
              writes: ['POST', 'DELETE'],
              error: rx('Created CACHE_URL, but could not delete REDIS_URL: ', didNotHappen('Deleting REDIS_URL', reason),
                ' Both secrets exist now; delete REDIS_URL when you can.'),
              info: rx('Created CACHE_URL.'),
              state: (before) => both(before, value),
            },
      },
    ];
  })(),
};

const apiSetValue: Operation = {
  title: 'Secrets API: Set Value of STRIPE_API_KEY',
  backend: 'Secrets API',
  command: 'projectSecrets.setSecretValue',
  on: [apiLabel, web, 'STRIPE_API_KEY'],
  answers: (value) => ({ inputs: [value] }),
  asked: { mayChange: (key) => key === aKey('STRIPE_API_KEY') },
  steps: [singleStep('POST', 'POST', `^/api/v1/projects/${web}/secrets$`, 'Saving STRIPE_API_KEY', rx('Updated the value of STRIPE_API_KEY in proj_web.'),
    (before, value) => edited(before, { [aKey('STRIPE_API_KEY')]: [{ value }] }))],
};

const apiSetSecret: Operation = {
  title: 'Secrets API: Set Secret FAULT_NEW_KEY (a new key)',
  backend: 'Secrets API',
  command: 'projectSecrets.setSecret',
  on: [apiLabel, web],
  answers: (value) => ({ inputs: ['FAULT_NEW_KEY', value] }),
  asked: {},
  steps: [singleStep('POST', 'POST', `^/api/v1/projects/${web}/secrets$`, 'Saving FAULT_NEW_KEY', rx('Saved FAULT_NEW_KEY in proj_web.'),
    (before, value) => edited(before, { [aKey('FAULT_NEW_KEY')]: [{ value }] }))],
};

/** The Marketplace cannot read secrets back: every unknown outcome says so, and that sending again is safe. */
function marketplaceStep(resource: string, applied: (before: Snapshot, value: string) => Snapshot): Step {
  return {
    name: 'PUT', method: 'PUT', what: `Vercel did not confirm the update of ${resource}`, pathPattern: `^/v1/installations/${installation}/resources/[^/]+/secrets$`,
    expected: (effect, reason, value) => ({
      writes: ['PUT'],
      error: rx(`Vercel did not confirm the update of ${resource}: `, reason,
        ' It may or may not have been applied. Sending the same secrets again is safe: it sets the same values.'),
      state: (before) => (effect === 'none' ? before : applied(before, value)),
    }),
  };
}

const marketNew = (value: string, name: string) => ({ value, name });
const replaceAll = (before: Snapshot, value: string) => {
  const out = edited(before, {});
  for (const key of Object.keys(out)) if (key.startsWith('marketplace res_primary_db ')) delete out[key];
  const { name, ...entry } = marketNew(value, 'ONLY_ONE');
  out[mKey('res_primary_db', name)] = [entry];
  return out;
};
const updateCache = (before: Snapshot, value: string) => {
  const { name, ...entry } = marketNew(value, 'NAME_X');
  return edited(before, { [mKey('res_cache', name)]: [entry] });
};

const marketReplaceAll: Operation = {
  title: 'Marketplace: Replace All secrets of primary-db with ONLY_ONE',
  backend: 'Vercel Marketplace',
  command: 'projectSecrets.replaceAllResourceSecrets',
  on: [installation, 'primary-db'],
  answers: (value) => ({ inputs: ['ONLY_ONE', value, ''], picks: [[], 'Review and send'], warnings: ['Replace All'] }),
  // Replace-all asks for every other secret of the resource to go, but only together with the new one.
  asked: { mayGo: (key, after) => key.startsWith('marketplace res_primary_db ') && mKey('res_primary_db', 'ONLY_ONE') in after },
  steps: [marketplaceStep('primary-db', replaceAll)],
  resend: { info: rx('Updated 1 secret of primary-db.'), state: replaceAll },
};

const marketUpdate: Operation = {
  title: 'Marketplace: Update secrets of cache with NAME_X (partial)',
  backend: 'Vercel Marketplace',
  command: 'projectSecrets.updateResourceSecrets',
  on: [installation, 'cache'],
  answers: (value) => ({ inputs: ['NAME_X', value, ''], picks: [[], 'Review and send'], warnings: ['Update'] }),
  asked: {},
  steps: [marketplaceStep('cache', updateCache)],
  resend: { info: rx('Updated 1 secret of cache.'), state: updateCache },
};

const operations: readonly Operation[] = [
  vercelRename, vercelDeleteOne, vercelDeleteAll, vercelDeleteFromCustom, vercelSetValue, vercelAdd, apiRename, apiSetValue, apiSetSecret, marketReplaceAll, marketUpdate,
];

// ---------------------------------------------------------------------------------------------

/** Connects alice, a Secrets API connection with proj_web, and the Marketplace demo installation. */
export async function connectAllBackends(api: ProjectSecretsApi): Promise<void> {
  await connectAliceOnly(api);
  const steps: Array<[string, Array<string | undefined>, unknown?]> = [
    ['projectSecrets.addSecretsApiConnection', [emulatorUrl(), secretsApiKeys.main, apiLabel]],
    ['projectSecrets.addSecretsApiProject', [web], apiLabel],
    ['projectSecrets.addMarketplaceInstallation', [installation, marketplaceDemo.token, '']],
  ];
  for (const [command, inputs, on] of steps) {
    const prompts = script({ inputs });
    await vscode.commands.executeCommand(command, ...(on ? [await node(api, on as string)] : []));
    restorePrompts();
    assert.deepEqual(messages(prompts.errors), [], `${command} failed`);
  }
  assert.deepEqual(api.accounts.list().map((a) => a.label), ['alice', apiLabel, installation]);
}

/**
 * Removes every connection with the command a user would use, so that nothing outlives these
 * tests: a Marketplace connection's push log (globalState) goes only with "Remove Account".
 */
export async function disconnectAll(api: ProjectSecretsApi): Promise<void> {
  for (const account of api.accounts.list()) {
    const prompts = script({ warnings: ['Remove'] });
    await vscode.commands.executeCommand('projectSecrets.removeAccount', await node(api, account.label));
    restorePrompts();
    assert.deepEqual(messages(prompts.errors), [], `removing ${account.label}`);
    assert.match(messages(prompts.warnings)[0] ?? '', new RegExp(`^Remove the .+ ${account.label}\\?$`), 'asked first');
  }
  assert.deepEqual(api.accounts.list(), []);
}

/** Waits until the emulator has answered every request it received (a delayed write has landed). */
export async function settled(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await requests()).some((r) => r.status === 0)) {
    assert.ok(Date.now() < deadline, 'the emulator is still holding a request');
    await sleep(100);
  }
}

const setTimeoutSeconds = (seconds: number | undefined) =>
  vscode.workspace.getConfiguration('projectSecrets').update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);

describe('Faults: keep working, lose nothing — every step of every multi-step write', function () {
  this.timeout(30_000);
  let api: ProjectSecretsApi;
  const tally = { scenarios: 0, lost: 0 };
  let serial = 0;
  const writes = async () => (await requests()).filter((r) => r.method !== 'GET');

  before(async () => {
    api = await activateExtension();
    await connectAllBackends(api);
    await setTimeoutSeconds(1);
  });
  beforeEach(async () => {
    await resetEmulator();
    // Nothing expanded in the view: its own reloads of a list would use up a one-time fault meant for a command's request.
    await vscode.commands.executeCommand('workbench.actions.treeView.projectSecrets.explorer.collapseAll');
    api.tree.refresh(); // the emulator went back to its seed: forget what the tree had loaded
    api.reminders.clear(); // each scenario starts as a new session would: no reminder shown yet
    undeployed(api).clear();
  });
  afterEach(async () => {
    restorePrompts();
    await clearFaults();
  });
  after(async () => {
    await setTimeoutSeconds(undefined);
    await disconnectAll(api);
    console.log(`      fault scenarios: ${tally.scenarios}, secrets lost: ${tally.lost}`);
  });

  for (const op of operations) {
    describe(op.title, () => {
      for (const step of op.steps) {
        for (const kind of kinds) {
          it(`${step.name} answered with ${kind.name}`, async () => {
            const value = `fault-value-${++serial}-${kind.effect}-${Date.now().toString(36)}`;
            const target = await node(api, ...op.on);
            const before = await everySecret();
            const effect: Effect = step.refusedAnyway ? 'none' : kind.effect;
            const expected = step.expected(effect, kind.reason(op.backend), value);
            if (kind.uncertain && effect === 'none' && expected.error) expected.error = either(expected.error, mayOrMayNot(step.what));

            await armFaults([{ method: step.method, pathPattern: step.pathPattern, ...kind.fault }]);
            const prompts = script(op.answers(value));
            const started = Date.now();
            await vscode.commands.executeCommand(op.command, target);
            const took = Date.now() - started;
            if (kind.effect === 'late') await settled();
            const after = await everySecret();

            // Nothing the user did not ask for is gone or changed: counted before any other check can stop the test.
            const lost = secretsLost(before, after, op.asked);
            tally.scenarios += 1;
            tally.lost += lost.length;
            assert.deepEqual(lost, [], 'secrets lost');

            const sent = await writes();
            assert.deepEqual(sent.map((r) => r.method), expected.writes, `the writes sent: ${sent.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
            const faulted = sent.filter((r) => r.method === step.method && new RegExp(step.pathPattern).test(r.path));
            assert.equal(faulted.length, 1, `the faulted ${step.method} was sent exactly once`);

            const errors = messages(prompts.errors);
            const infos = messages(prompts.infos);
            const said = statusTexts(prompts.statuses);
            const reminder = reminderOf(op);
            if (expected.error) {
              assert.equal(errors.length, 1, `one error message; saw ${JSON.stringify(errors)}`);
              assert.match(errors[0], expected.error);
              if (expected.notClaimed) assert.doesNotMatch(errors[0], expected.notClaimed, 'the message claims what the state contradicts');
            } else {
              assert.deepEqual(errors, [], 'no error message');
            }
            if (expected.info) {
              assert.equal(said.length, 1, `one status bar message; saw ${JSON.stringify(said)}`);
              assert.match(said[0], expected.info);
              assert.deepEqual(infos, reminder ? [reminder] : [], 'the only notification: the once-per-session redeploy reminder');
            } else {
              assert.deepEqual(said, [], 'no success message');
              assert.deepEqual(infos, [], 'no information message');
            }
            assert.deepEqual(after, expected.state(before), 'the emulator holds exactly what the message says');
            if (op.backend === 'Vercel') {
              // Listed as a person expanding it would see it (after an answer read back, the project reloads).
              const project = await node(api, ...op.on.slice(0, 3));
              // A write that landed after the command looked is seen on the refresh its message asks for.
              if (kind.effect === 'late') api.tree.refresh(project);
              await children(api, project);
              const pending = undeployed(api).keysOf(project as ProjectNode);
              // Production lacks a change only when a variable targeting Production changed (not one of Preview or staging only).
              if (productionOf(after) !== productionOf(before)) assert.ok(pending.length > 0, 'the project says it has changes not deployed');
              else assert.deepEqual(pending, [], 'nothing of Production changed, nothing pending');
            }
            assert.ok(took < 8_000, `the command ended in ${took} ms`);

            if (op.resend) {
              // "Sending the same secrets again is safe": it is, and it gives exactly what was asked.
              restorePrompts();
              const again = script(op.answers(value));
              await vscode.commands.executeCommand(op.command, await node(api, ...op.on));
              assert.deepEqual(messages(again.errors), []);
              assert.deepEqual(statusTexts(again.statuses).length, 1, 'one status bar message');
              assert.match(statusTexts(again.statuses)[0], op.resend.info);
              // Once per resource per session: only when the first run did not remind already.
              assert.deepEqual(messages(again.infos), expected.info || !reminder ? [] : [reminder], 'the redeploy reminder, at most once');
              const final = await everySecret();
              assert.deepEqual(final, op.resend.state(before, value));
              assert.deepEqual(secretsLost(before, final, op.asked), []);
            }
          });
        }
      }
    });
  }

  describe('the read-back fails too', () => {
    const listPath = `^/v10/projects/${blog}/env$`;
    const readBackFails = { method: 'GET', pathPattern: listPath, status: 500, times: 1 };

    for (const applied of [false, true]) {
      it(`Vercel create-then-delete: the DELETE ${applied ? 'happened' : 'did not happen'}, its 500 is checked and the list answers 500`, async () => {
        const target = await node(api, ...vercelRename.on);
        const before = await everySecret();
        const value = `fault-value-${++serial}-readback`;
        await armFaults([{ method: 'DELETE', pathPattern: `^/v9/projects/${blog}/env/[^/]+$`, status: 500, applyFirst: applied }, readBackFails]);
        const prompts = script(vercelRename.answers(value));
        await vscode.commands.executeCommand(vercelRename.command, target);
        const after = await everySecret();
        const lost = secretsLost(before, after, vercelRename.asked);
        tally.scenarios += 1;
        tally.lost += lost.length;
        assert.deepEqual(lost, []);
        assert.equal(after[vKey('STRIPE_API_KEY')]?.[0]?.value, value, 'the new variable exists');
        assert.equal(vKey('STRIPE_SECRET_KEY') in after, !applied, 'the old one exists unless the DELETE happened');
        assert.deepEqual((await writes()).map((r) => r.method), ['PATCH', 'POST', 'DELETE']);
        const [error] = messages(prompts.errors);
        assert.match(error, rx('Created STRIPE_API_KEY, but could not delete STRIPE_SECRET_KEY: Deleting STRIPE_SECRET_KEY may or may not have happened: ',
          serverError(500)('Vercel'), ' Checking failed the same way. Refresh to see the current state.', /.*/));
        // Whatever else it says, a claim about the state must be true of the state.
        if (/Both variables exist now/.test(error)) {
          assert.ok(vKey('STRIPE_SECRET_KEY') in after, `the message says both variables exist, but the emulator has only ${
            Object.keys(after).filter((k) => k.startsWith(`vercel ${blog} STRIPE`)).join(', ')}`);
        }
      });
    }

    it('Vercel create-then-delete: the create happened, its 500 is checked and the list answers 500 — nothing is deleted', async () => {
      const target = await node(api, ...vercelRename.on);
      const before = await everySecret();
      const value = `fault-value-${++serial}-readback`;
      await armFaults([{ method: 'POST', pathPattern: listPath, status: 500, applyFirst: true }, readBackFails]);
      const prompts = script(vercelRename.answers(value));
      await vscode.commands.executeCommand(vercelRename.command, target);
      const after = await everySecret();
      const lost = secretsLost(before, after, vercelRename.asked);
      tally.scenarios += 1;
      tally.lost += lost.length;
      assert.deepEqual(lost, []);
      assert.deepEqual((await writes()).map((r) => r.method), ['PATCH', 'POST'], 'no DELETE while the create is unconfirmed');
      assert.equal(prompts.errors.length, 1);
      assert.match(messages(prompts.errors)[0], rx('Creating STRIPE_API_KEY may or may not have happened: ', serverError(500)('Vercel'),
        ' Checking failed the same way. Refresh to see the current state.'));
      assert.deepEqual(after, edited(before, { [vKey('STRIPE_API_KEY')]: [{ ...only(before, vKey('STRIPE_SECRET_KEY')), value }] }));
    });

    it('Secrets API rename: the DELETE happened, its 500 is checked and the list answers 500', async () => {
      const target = await node(api, ...apiRename.on);
      const before = await everySecret();
      const value = `fault-value-${++serial}-readback`;
      await armFaults([
        { method: 'DELETE', pathPattern: `^/api/v1/projects/${web}/secrets/REDIS_URL$`, status: 500, applyFirst: true },
        // No list before the prompts (the project's secrets are loaded): the first GET is the read-back.
        { method: 'GET', pathPattern: `^/api/v1/projects/${web}/secrets$`, status: 500, times: 1 },
      ]);
      const prompts = script(apiRename.answers(value));
      await vscode.commands.executeCommand(apiRename.command, target);
      const after = await everySecret();
      const lost = secretsLost(before, after, apiRename.asked);
      tally.scenarios += 1;
      tally.lost += lost.length;
      assert.deepEqual(lost, []);
      assert.deepEqual(after, edited(before, { [aKey('CACHE_URL')]: [{ value }], [aKey('REDIS_URL')]: undefined }));
      const [error] = messages(prompts.errors);
      assert.match(error, rx('Created CACHE_URL, but could not delete REDIS_URL: Deleting REDIS_URL may or may not have happened: ',
        serverError(500)('Secrets API'), ' Checking failed the same way. Refresh to see the current state.', /.*/));
      assert.doesNotMatch(error, /Both secrets exist now/, 'the message says both secrets exist, but REDIS_URL is gone');
    });
  });
});
