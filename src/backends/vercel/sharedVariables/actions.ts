import * as vscode from 'vscode';
import { InputError } from '../../../core/errors';
import { assertNoProblem } from '../../../core/validation/problems';
import { keyProblem, valueProblem } from '../../../core/vercel/envRules';
import type { EnvTarget, Scope, VercelProject } from '../../../core/vercel/models';
import { describeFailure, maxSharedBatch, newVarsProblem, type SharedEnvFailure, type SharedEnvPatch, type SharedEnvType, type SharedEnvVar } from '../../../core/vercel/sharedEnv';
import { withCancellableProgress } from '../../../platform/progress';
import { ask as askOnce, runSteps, type Prompter } from '../../../platform/steps';
import { confirm } from '../../../platform/prompts';
import { writeVerified } from '../../../platform/verifiedWrite';
import { changed, patched } from '../../../tree/changed';
import { childId } from '../../../tree/node';
import type { Services } from '../../backend';
import { vercelClient, type VercelAccount } from '../account';
import { promptKey, promptTargets, promptValue } from '../envPrompts';
import { pickTeamProjects } from './pickProjects';

/** The "Shared Variables" list of a team as the actions need it; `id` is its node's. */
export interface SharedVariablesRef {
  readonly id: string;
  /** The team's node, whose projects' lists show linked shared variables. */
  readonly scopeNodeId: string;
  readonly account: VercelAccount;
  readonly scope: Scope & { kind: 'team' };
  readonly projectNames: () => ReadonlyMap<string, string>;
}

/** What a write did, from its answer: variables as answered, or ids deleted. */
export type SharedChange = { readonly put: readonly SharedEnvVar[] } | { readonly removed: readonly string[] };

/**
 * After a write: the answer patched into the list (no request), or without one (an unknown
 * outcome read back) the list reloaded. The shown lists of the projects whose links changed
 * are reloaded, since they show linked shared variables as rows.
 */
export function afterSharedWrite(services: Services, at: SharedVariablesRef, message: string, change: SharedChange | undefined, projectIds: readonly string[] = []): void {
  for (const projectId of new Set(projectIds)) services.tree.refreshShown(childId({ id: at.scopeNodeId }, 'project', projectId));
  if (!change) return changed(services.tree, at.id, message);
  patched(services.tree, at.id, (node) => (node as { applyChange?(c: SharedChange): boolean }).applyChange?.(change) ?? false, message);
}

/** Tells which keys or ids a batch refused, and why; what succeeded stays. */
export function reportFailures(failures: readonly SharedEnvFailure[], done: string, names: ReadonlyMap<string, string> = new Map()): void {
  if (failures.length === 0) return;
  const lines = failures.map((f) => describeFailure(f, f.id ? names.get(f.id) : undefined));
  void vscode.window.showWarningMessage(vscode.l10n.t('{0} Not done: {1}', done, lines.join('; ')));
}

interface NewShared {
  keys: string[];
  values: string[];
  more: boolean[];
  type?: SharedEnvType;
  targets?: EnvTarget[];
  projects?: VercelProject[];
}

/**
 * "Add Shared Variables…": key and value, "add another?" (repeat), then type, environments and
 * projects to link; one `POST /v1/env` for all. Each key Vercel refused is reported with its
 * reason; the others are created and shown.
 */
export async function addSharedVariables(services: Services, at: SharedVariablesRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Add Shared Variables to {0}', at.scope.name);
  const another = { label: vscode.l10n.t('Add another variable'), more: true };
  const next = { label: vscode.l10n.t('Continue: type, environments and projects'), more: false };
  const answers = await runSteps<NewShared>(title, { keys: [], values: [], more: [] }, (s) => {
    const steps: Array<(ask: Prompter) => Promise<void>> = [];
    for (let i = 0; ; i++) {
      steps.push(
        async (ask) => {
          s.keys[i] = await promptKey(ask, { value: s.keys[i],
            taken: (key) => (s.keys.slice(0, i).includes(key) ? vscode.l10n.t('{0} is already in this batch.', key) : undefined) });
        },
        async (ask) => { s.values[i] = await promptValue(ask, title, s.keys[i], (v) => services.logger.addSecret(v)); },
      );
      if (i + 1 < maxSharedBatch) {
        steps.push(async (ask) => {
          s.more[i] = (await ask.pick({ items: [next, another], placeHolder: i === 0 ? vscode.l10n.t('1 variable so far') : vscode.l10n.t('{0} variables so far', i + 1),
            active: (item) => item.more === s.more[i] })).more;
        });
      }
      if (!s.more[i] || i + 1 >= maxSharedBatch) break;
    }
    steps.push(
      async (ask) => { s.type = await promptSharedType(ask, s.type); },
      async (ask) => { s.targets = await promptTargets(ask, s.type!, s.targets); },
      async (ask) => { s.projects = await pickTeamProjects(ask, client, at.scope, s.projects?.map((p) => p.id) ?? []); },
    );
    return steps;
  });
  const count = answers.more.findIndex((m) => !m) + 1 || answers.keys.length;
  const vars = answers.keys.slice(0, count).map((key, i) => ({ key, value: answers.values[i] }));
  const projectIds = (answers.projects ?? []).map((p) => p.id);
  const input = { vars, type: answers.type!, targets: answers.targets!, projectIds };
  assertNoProblem(newVarsProblem(input));
  let result: Awaited<ReturnType<typeof client.shared.create>> | undefined;
  const keys = vars.map((v) => v.key).join(', ');
  await writeVerified(services, {
    what: vscode.l10n.t('Adding shared variables {0}', keys), verb: 'create',
    write: () => withCancellableProgress(vscode.l10n.t('Adding {0}…', keys), async (signal) => { result = await client.shared.create(at.scope, input, signal); }),
    happened: async () => {
      const listed = await client.shared.listAll(at.scope);
      return vars.every((v) => listed.some((e) => e.key === v.key));
    },
  });
  const created = result?.created ?? [];
  const message = result
    ? vscode.l10n.t('Added {0} of {1} to {2}: {3}.', created.length, vars.length === 1 ? vscode.l10n.t('1 shared variable') : vscode.l10n.t('{0} shared variables', vars.length),
      at.scope.name, created.map((e) => e.key).join(', ') || '-')
    : vscode.l10n.t('Added shared variables {0} to {1}.', keys, at.scope.name);
  afterSharedWrite(services, at, message, result && { put: created }, projectIds);
  if (result) reportFailures(result.failed, message);
}

async function promptSharedType(ask: Prompter, current?: SharedEnvType): Promise<SharedEnvType> {
  const items: Array<vscode.QuickPickItem & { type: SharedEnvType }> = [
    { type: 'sensitive', label: 'sensitive', description: vscode.l10n.t('Secret'), detail: vscode.l10n.t('Write-only: nobody can read it back. Production and Preview only.') },
    { type: 'encrypted', label: 'encrypted', description: vscode.l10n.t('Config'), detail: vscode.l10n.t('Encrypted at rest; readable by the team and in the dashboard.') },
  ];
  return (await ask.pick({ items, placeHolder: vscode.l10n.t('Type of the shared variables: Secret (write-only) or Config (readable)'), active: (item) => item.type === current })).type;
}

/**
 * "Copy Value": one `GET /v1/env/{id}` (the value, decrypted). A Secret (sensitive) shared
 * variable has no readable value: said before any request.
 * @throws InputError for a Secret; ApiError/NetworkError from the read
 */
export async function readSharedValue(services: Services, at: Pick<SharedVariablesRef, 'account' | 'scope'>, env: SharedEnvVar): Promise<string> {
  if (env.type === 'sensitive') throw sharedWriteOnly(env.key);
  const client = await vercelClient(services.clients, at.account);
  const { value } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', env.key) },
    () => client.shared.readValue(at.scope, env.id));
  if (value === undefined) throw sharedWriteOnly(env.key);
  return value;
}

function sharedWriteOnly(key: string): InputError {
  return new InputError(vscode.l10n.t('{0} is a Secret (sensitive) shared variable: Vercel never returns its value, so there is nothing to copy. Only deployments can read it. Use "Set Shared Variable Value…" to replace it.', key));
}

/** "Set Value…": one `PATCH /v1/env` with the new value. */
export async function setSharedValue(services: Services, at: SharedVariablesRef, env: SharedEnvVar): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Set Value of shared {0}', env.key);
  const value = await askOnce(title, (ask) => promptValue(ask, title, env.key, (v) => services.logger.addSecret(v)));
  assertNoProblem(valueProblem(value));
  await update(services, at, env, { value }, vscode.l10n.t('Saving {0}', env.key), 'save',
    // A sensitive value cannot be read back: a newer `updatedAt` shows the write.
    async () => (await client.shared.listAll(at.scope)).some((e) => e.id === env.id && (e.updatedAt ?? 0) > (env.updatedAt ?? 0)),
    vscode.l10n.t('Saved the new value of shared variable {0}.', env.key));
}

/** "Rename…": one `PATCH /v1/env` with the new key. */
export async function renameSharedVariable(services: Services, at: SharedVariablesRef, env: SharedEnvVar): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const key = await askOnce(vscode.l10n.t('Rename shared {0}', env.key), (ask) => promptKey(ask, { value: env.key,
    taken: (text) => (text === env.key ? vscode.l10n.t('Type a new name.') : undefined) }));
  if (key === env.key) throw new InputError(vscode.l10n.t('Type a new name.'));
  assertNoProblem(keyProblem(key));
  await update(services, at, env, { key }, vscode.l10n.t('Renaming {0} to {1}', env.key, key), 'rename',
    async () => (await client.shared.listAll(at.scope)).some((e) => e.id === env.id && e.key === key),
    vscode.l10n.t('Renamed shared variable {0} to {1}.', env.key, key), env.projectIds);
}

/**
 * One `PATCH /v1/env` for one variable; its refusal (in `failed`) becomes the error, so
 * nothing claims success that did not happen.
 */
export async function update(services: Services, at: SharedVariablesRef, env: SharedEnvVar, patch: SharedEnvPatch,
  what: string, verb: 'save' | 'rename', happened: () => Promise<boolean>, message: string, projectIds: readonly string[] = []): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  let answer: Awaited<ReturnType<typeof client.shared.update>> | undefined;
  await writeVerified(services, {
    what, verb, happened,
    write: () => withCancellableProgress(`${what}…`, async (signal) => { answer = await client.shared.update(at.scope, { [env.id]: patch }, signal); }),
  });
  const failure = answer?.failed[0];
  if (failure) throw new InputError(vscode.l10n.t('Vercel refused the change of {0}: {1} Nothing was changed.', env.key, describeFailure(failure, env.key)));
  afterSharedWrite(services, at, message, answer && { put: answer.updated }, projectIds);
}

/** "Delete…" after a modal confirmation naming the linked projects: one `DELETE /v1/env`. */
export async function deleteSharedVariable(services: Services, at: SharedVariablesRef, env: SharedEnvVar): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const names = at.projectNames();
  const linked = env.projectIds.map((id) => names.get(id) ?? id);
  await confirm(vscode.l10n.t('Delete the shared variable {0}?', env.key),
    linked.length
      ? vscode.l10n.t('It is linked to {0}: new deployments of those projects lose it. This cannot be undone.', linked.join(', '))
      : vscode.l10n.t('It is linked to no project. This cannot be undone.'),
    vscode.l10n.t('Delete'));
  let answer: Awaited<ReturnType<typeof client.shared.delete>> | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Deleting {0}', env.key), verb: 'delete',
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', env.key), async (signal) => { answer = await client.shared.delete(at.scope, [env.id], signal); }),
    happened: async () => !(await client.shared.listAll(at.scope)).some((e) => e.id === env.id),
  });
  const failure = answer?.failed[0];
  if (failure && !answer?.deleted.includes(env.id)) throw new InputError(vscode.l10n.t('Vercel did not delete {0}: {1}', env.key, describeFailure(failure, env.key)));
  afterSharedWrite(services, at, vscode.l10n.t('Deleted shared variable {0}.', env.key), answer && { removed: answer.deleted }, env.projectIds);
}
