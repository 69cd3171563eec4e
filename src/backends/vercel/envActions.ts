import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../../core/errors';
import { assertNoProblem } from '../../core/validation/problems';
import { keyProblem, valueProblem } from '../../core/vercel/envRules';
import type { NewEnvVar } from '../../core/vercel/envWriter';
import type { EnvChange } from '../../core/vercel/envList';
import { isWriteOnly, type EnvVar } from '../../core/vercel/models';
import type { VercelClient } from '../../core/vercel/client';
import { createThenDelete } from '../../platform/createThenDelete';
import { withCancellableProgress } from '../../platform/progress';
import { confirm } from '../../platform/prompts';
import { ask } from '../../platform/steps';
import { writeVerified } from '../../platform/verifiedWrite';
import type { Services } from '../backend';
import { vercelClient } from './account';
import { environmentName, environmentsOf, whereText, without, type Environment } from './envLabels';
import { promptKey, promptValue } from './envPrompts';
import { afterChange, type EnvRef } from './target';

/** What a variable row can do: set its value, rename, delete, read its value. Each is one flow. */

function writable(at: EnvRef): void {
  if (at.env.type === 'system') throw new InputError(vscode.l10n.t('{0} is a system variable managed by Vercel.', at.env.key));
}

/** "Set Value…": a new value, same key, type and environments (one PATCH). */
export async function setVariableValue(services: Services, at: EnvRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  writable(at);
  // Where it applies, so two rows of one key (e.g. a branch's Preview value) cannot be confused.
  const title = vscode.l10n.t('New value of {0} ({1})', at.env.key, whereText(at.env, at.customs));
  const value = await ask(title, (prompter) => promptValue(prompter, title, at.env.key, (v) => services.logger.addSecret(v)));
  assertNoProblem(valueProblem(value));
  let saved: EnvVar | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Saving the value of {0}', at.env.key), verb: 'save',
    write: () => withCancellableProgress(vscode.l10n.t('Saving {0}…', at.env.key), async (signal) => {
      saved = await client.envs.update({ scope: at.scope, projectId: at.project.id }, at.env.id, { value }, signal);
    }),
    happened: async () => (await client.listEnvs(at.scope, at.project.id))
      .some((e) => e.id === at.env.id && e.updatedAt !== at.env.updatedAt),
  });
  afterChange(services, at, vscode.l10n.t('Updated the value of {0} in {1}.', at.env.key, at.project.name), saved && [{ put: saved }]);
}

/** "Copy Value": one decrypted read. Sensitive and system variables have no value to read. */
export async function readVariable(services: Services, at: EnvRef): Promise<string> {
  const client = await vercelClient(services.clients, at.account);
  if (at.env.type === 'system') {
    throw new InputError(vscode.l10n.t('{0} is a system variable: Vercel computes it for each deployment, so there is no stored value to copy.', at.env.key));
  }
  if (isWriteOnly(at.env)) throw writeOnly(at.env.key);
  const { value } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', at.env.key) },
    () => client.envs.readValue({ scope: at.scope, projectId: at.project.id }, at.env.id));
  if (value === undefined) throw writeOnly(at.env.key);
  return value;
}

/** Why a Secret cannot be copied: Vercel keeps write-only values from everyone, this extension included. */
function writeOnly(key: string): InputError {
  return new InputError(vscode.l10n.t('{0} is sensitive: Vercel never returns its value, so there is nothing to copy. It is a Secret (write-only): only deployments can read it, not the dashboard, the CLI or this extension. Use "Set Environment Variable Value…" to replace it.', key));
}

/**
 * "Delete…": a variable in several environments (standard and custom) first asks which: all
 * of them, named, or one only (one PATCH of `target` and `customEnvironmentIds` keeps the
 * others); then a modal confirmation names what goes and what stays. Nothing is removed from
 * an environment the user did not name.
 */
export async function deleteVariable(services: Services, at: EnvRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  writable(at);
  const where = { scope: at.scope, projectId: at.project.id };
  const environments = environmentsOf(at.env, at.customs);
  const names = environments.map(environmentName);
  let only: Environment | undefined;
  if (environments.length > 1) {
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('Delete from all environments'), description: vscode.l10n.t('all {0}: {1}', environments.length, names.join(', ')), environment: undefined },
      ...environments.map((environment) => ({
        label: vscode.l10n.t('Delete from {0} only', environmentName(environment)),
        description: vscode.l10n.t('keeps {0}', environments.filter((e) => e !== environment).map(environmentName).join(', ')),
        environment,
      })),
    ], {
      title: vscode.l10n.t('Delete {0}', at.env.key),
      placeHolder: vscode.l10n.t('{0} is set for {1} environments: {2}', at.env.key, environments.length, whereText(at.env, at.customs)),
    });
    if (!picked) throw new CancelledError();
    only = picked.environment;
  }
  const onlyName = only && environmentName(only);
  const keep = only ? without(at.env, only) : undefined;
  // The branch too: a Preview variable for one branch is a different row from the general one.
  const from = onlyName ?? whereText(at.env, at.customs);
  const action = onlyName ? vscode.l10n.t('Delete from {0}', onlyName) : vscode.l10n.t('Delete');
  await confirm(
    vscode.l10n.t('Delete {0} from {1}?', at.env.key, at.project.name),
    only
      ? vscode.l10n.t('Environments: {0}. It stays in {1}. New deployments there will not have it; this cannot be undone.', from,
        names.filter((n) => n !== onlyName).join(', '))
      : vscode.l10n.t('Environments: {0}. New deployments will not have it; this cannot be undone.', from),
    action);
  let change: EnvChange | undefined;
  await writeVerified(services, {
    what: onlyName ? vscode.l10n.t('Removing {0} from {1}', at.env.key, onlyName) : vscode.l10n.t('Deleting {0}', at.env.key),
    verb: only ? 'remove' : 'delete',
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', at.env.key), async (signal) => {
      if (keep) change = { put: await client.envs.update(where, at.env.id, keep, signal) };
      else {
        await client.envs.delete(where, at.env.id, signal);
        change = { removed: at.env.id };
      }
    }),
    happened: async () => {
      const now = (await client.listEnvs(at.scope, at.project.id)).find((e) => e.id === at.env.id);
      return keep ? now !== undefined && sameEnvironments(now, keep) : now === undefined;
    },
  });
  afterChange(services, at, onlyName
    ? vscode.l10n.t('Removed {0} from {1} in {2}.', at.env.key, onlyName, at.project.name)
    : vscode.l10n.t('Deleted {0} from {1}.', at.env.key, at.project.name), change && [change]);
}

function sameEnvironments(a: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>, b: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>): boolean {
  return a.targets.length === b.targets.length && a.targets.every((t) => b.targets.includes(t))
    && a.customEnvironmentIds.length === b.customEnvironmentIds.length && a.customEnvironmentIds.every((c) => b.customEnvironmentIds.includes(c));
}

/**
 * "Rename…": PATCH the key in place. If Vercel refuses (a sensitive variable's name
 * is fixed), offer to create the new key first and delete the old one only after.
 */
export async function renameVariable(services: Services, at: EnvRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  writable(at);
  const newKey = await ask(vscode.l10n.t('Rename {0}', at.env.key), (prompter) => promptKey(prompter, {
    value: at.env.key,
    taken: (key) => (key === at.env.key ? vscode.l10n.t('Type a new name.') : undefined),
  }));
  assertNoProblem(keyProblem(newKey), newKey === at.env.key ? vscode.l10n.t('Type a new name.') : undefined);
  const where = { scope: at.scope, projectId: at.project.id };
  let renamed: EnvVar | undefined;
  try {
    await writeVerified(services, {
      what: vscode.l10n.t('Renaming {0} to {1}', at.env.key, newKey), verb: 'rename',
      write: () => withCancellableProgress(vscode.l10n.t('Renaming {0}…', at.env.key), async (signal) => {
        renamed = await client.envs.update(where, at.env.id, { key: newKey }, signal);
      }),
      happened: async () => (await client.listEnvs(at.scope, at.project.id)).some((e) => e.id === at.env.id && e.key === newKey),
    });
  } catch (err) {
    if (isAlreadyExists(err)) throw new InputError(vscode.l10n.t('{0} already exists in {1}: choose another name.', newKey, at.project.name));
    if (!refusesRenameInPlace(err, at)) throw err;
    await renameByCopy(services, client, at, newKey);
    return;
  }
  afterChange(services, at, vscode.l10n.t('Renamed {0} to {1} in {2}.', at.env.key, newKey, at.project.name), renamed && [{ put: renamed }]);
}

async function renameByCopy(services: Services, client: VercelClient, at: EnvRef, newKey: string): Promise<void> {
  const type = at.env.type;
  if (type === 'system' || type === 'secret') {
    throw new InputError(vscode.l10n.t('{0} is of type {1}, which cannot be created any more: rename it in the Vercel dashboard.', at.env.key, type));
  }
  const writeOnly = isWriteOnly(at.env);
  await confirm(
    vscode.l10n.t('Vercel cannot rename {0} in place.', at.env.key),
    writeOnly
      ? vscode.l10n.t('{0} is write-only, so type its value again. {1} is created first with the same type and environments; {0} is deleted only after that succeeded.', at.env.key, newKey)
      : vscode.l10n.t('{0} is created first with the same value, type and environments; {1} is deleted only after that succeeded.', newKey, at.env.key),
    vscode.l10n.t('Create {0}, Then Delete {1}', newKey, at.env.key));
  const where = { scope: at.scope, projectId: at.project.id };
  let value: string | undefined;
  if (!writeOnly) value = (await client.envs.readValue(where, at.env.id)).value;
  const valueTitle = vscode.l10n.t('Value of {0} (for {1})', at.env.key, newKey);
  value ??= await ask(valueTitle, (prompter) => promptValue(prompter, valueTitle, newKey, (v) => services.logger.addSecret(v)));
  services.logger.addSecret(value);
  // Every environment it is in, custom ones too: a rename must not drop the variable from staging.
  const copy: NewEnvVar = {
    key: newKey, value, type, targets: at.env.targets, customEnvironmentIds: at.env.customEnvironmentIds,
    gitBranch: at.env.gitBranch, comment: at.env.comment,
  };
  // What each answered step did, to patch the list; undefined once a step was only read back.
  let changes: EnvChange[] | undefined = [];
  const answered = (change: EnvChange | undefined) => { changes = change && changes ? [...changes, change] : undefined; };
  await createThenDelete(services, {
    oldName: at.env.key, newName: newKey,
    create: () => writeVerified(services, {
      what: vscode.l10n.t('Creating {0}', newKey), verb: 'create',
      write: () => withCancellableProgress(vscode.l10n.t('Creating {0}…', newKey), (signal) => client.envs.create(where, copy, false, signal))
        .then((created) => { answered({ put: created }); }, (err: unknown) => {
          if (isAlreadyExists(err)) throw new InputError(vscode.l10n.t('{0} already exists in {1}: choose another name. Nothing was changed.', newKey, at.project.name));
          throw err;
        }),
      happened: async () => (await client.listEnvs(at.scope, at.project.id)).some((e) => e.key === newKey && sameEnvironments(e, at.env)),
    }),
    remove: () => writeVerified(services, {
      what: vscode.l10n.t('Deleting {0}', at.env.key), verb: 'delete',
      write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', at.env.key), (signal) => client.envs.delete(where, at.env.id, signal))
        .then(() => { answered({ removed: at.env.id }); }),
      happened: async () => !(await client.listEnvs(at.scope, at.project.id)).some((e) => e.id === at.env.id),
    }),
    // The delete failed: what is left is not known from answers, so the list is read again.
    created: (message) => afterChange(services, at, message),
    bothExist: (oldName) => vscode.l10n.t('Both variables exist now; delete {0} when you can.', oldName),
  });
  afterChange(services, at, vscode.l10n.t('Renamed {0} to {1} in {2} (created the new variable, then deleted the old one).', at.env.key, newKey, at.project.name), changes);
}

function isAlreadyExists(err: unknown): boolean {
  return err instanceof ApiError && (err.hasCode('ENV_ALREADY_EXISTS') || err.hasCode('EXISTING_KEY_AND_TARGET'));
}

/** Vercel's refusal to change a key in place (our emulator says ENV_KEY_IMMUTABLE; the CLI never tries for sensitive). */
function refusesRenameInPlace(err: unknown, at: EnvRef): boolean {
  if (!(err instanceof ApiError) || err.status !== 400) return false;
  return err.hasCode('ENV_KEY_IMMUTABLE') || at.env.type === 'sensitive';
}
