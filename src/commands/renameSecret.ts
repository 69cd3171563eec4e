import * as vscode from 'vscode';
import { ApiError, InputError } from '../core/errors';
import { describe } from '../describe';
import { withCancellableProgress } from '../progress';
import { OutcomeUnknownError, writeVerified } from './verify';
import { assertValid, keyProblem } from '../core/vercel/envRules';
import type { NewEnvVar } from '../core/vercel/envWriter';
import { afterChange } from './afterChange';
import type { VercelAccount } from '../accounts/accountStore';
import type { Command, Services } from './command';
import { dispatch } from './dispatch';
import { renameApiSecret } from './secretsApi/flows';
import { confirm, promptKey, promptValue } from './envPrompts';
import { resolveEnv, type EnvContext } from './pickers';

/**
 * "Rename…": PATCH the key in place. If Vercel refuses (a sensitive variable's name
 * is fixed), offer to create the new key first and delete the old one only after.
 */
export const renameSecret: Command = {
  id: 'projectSecrets.renameSecret',
  run(services, node?: unknown) {
    return dispatch(services, node, {
      vercel: (n, account) => renameVercel(services, n, account),
      secretsApi: (n, connection) => renameApiSecret(services, n, connection),
    });
  },
};

async function renameVercel(services: Services, node: unknown, account?: VercelAccount): Promise<void> {
  const at = await resolveEnv(services, node, (env) => env.type !== 'system', account);
  if (at.env.type === 'system') throw new InputError(vscode.l10n.t('{0} is a system variable managed by Vercel.', at.env.key));
  const newKey = await promptKey(vscode.l10n.t('Rename {0}', at.env.key), {
    value: at.env.key,
    taken: (key) => (key === at.env.key ? vscode.l10n.t('Type a new name.') : undefined),
  });
  assertValid(keyProblem(newKey), newKey === at.env.key ? vscode.l10n.t('Type a new name.') : undefined);
  const where = { scope: at.scope, projectId: at.project.id };
  try {
    await writeVerified(services, {
      what: vscode.l10n.t('Renaming {0} to {1}', at.env.key, newKey),
      write: () => withCancellableProgress(vscode.l10n.t('Renaming {0}…', at.env.key),
        (signal) => at.client.envs.update(where, at.env.id, { key: newKey }, signal)),
      happened: async () => (await at.client.listEnvs(at.scope, at.project.id)).some((e) => e.id === at.env.id && e.key === newKey),
    });
  } catch (err) {
    if (isAlreadyExists(err)) throw new InputError(vscode.l10n.t('{0} already exists in {1}: choose another name.', newKey, at.project.name));
    if (!refusesRenameInPlace(err, at)) throw err;
    await renameByCopy(services, at, newKey);
    return;
  }
  afterChange(services, at, vscode.l10n.t('Renamed {0} to {1} in {2}.', at.env.key, newKey, at.project.name));
}

async function renameByCopy(services: Services, at: EnvContext, newKey: string): Promise<void> {
  const type = at.env.type;
  if (type === 'system' || type === 'secret') {
    throw new InputError(vscode.l10n.t('{0} is of type {1}, which cannot be created any more: rename it in the Vercel dashboard.', at.env.key, type));
  }
  const writeOnly = type === 'sensitive';
  const proceed = vscode.l10n.t('Create {0}, Then Delete {1}', newKey, at.env.key);
  await confirm(
    vscode.l10n.t('Vercel cannot rename {0} in place.', at.env.key),
    writeOnly
      ? vscode.l10n.t('{0} is write-only, so type its value again. {1} is created first with the same type and environments; {0} is deleted only after that succeeded.', at.env.key, newKey)
      : vscode.l10n.t('{0} is created first with the same value, type and environments; {1} is deleted only after that succeeded.', newKey, at.env.key),
    proceed);
  const where = { scope: at.scope, projectId: at.project.id };
  let value: string | undefined;
  if (!writeOnly) value = (await at.client.envs.readValue(where, at.env.id)).value;
  value ??= await promptValue(vscode.l10n.t('Value of {0} (for {1})', at.env.key, newKey), newKey);
  services.logger.addSecret(value);
  const copy: NewEnvVar = { key: newKey, value, type, targets: at.env.targets, gitBranch: at.env.gitBranch, comment: at.env.comment };
  // Step 1: create the copy. If that fails, the original is untouched.
  await writeVerified(services, {
    what: vscode.l10n.t('Creating {0}', newKey),
    write: () => withCancellableProgress(vscode.l10n.t('Creating {0}…', newKey), (signal) => at.client.envs.create(where, copy, false, signal))
      .then(undefined, (err: unknown) => {
        if (isAlreadyExists(err)) throw new InputError(vscode.l10n.t('{0} already exists in {1}: choose another name. Nothing was changed.', newKey, at.project.name));
        throw err;
      }),
    happened: async () => (await at.client.listEnvs(at.scope, at.project.id)).some((e) => e.key === newKey
      && e.targets.length === copy.targets.length && e.targets.every((t) => copy.targets.includes(t))),
  });
  // Step 2: only now delete the original. If that fails, both exist: say so.
  try {
    await writeVerified(services, {
      what: vscode.l10n.t('Deleting {0}', at.env.key),
      write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', at.env.key), (signal) => at.client.envs.delete(where, at.env.id, signal)),
      happened: async () => !(await at.client.listEnvs(at.scope, at.project.id)).some((e) => e.id === at.env.id),
    });
  } catch (err) {
    afterChange(services, at, vscode.l10n.t('Created {0}.', newKey));
    // Claim only what is known: with an unknown outcome the old one may be gone already.
    if (err instanceof OutcomeUnknownError) {
      throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} Delete {1} if it is still there.',
        newKey, at.env.key, describe(err)));
    }
    throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} Both variables exist now; delete {1} when you can.',
      newKey, at.env.key, describe(err)));
  }
  afterChange(services, at, vscode.l10n.t('Renamed {0} to {1} in {2} (created the new variable, then deleted the old one).', at.env.key, newKey, at.project.name));
}

function isAlreadyExists(err: unknown): boolean {
  return err instanceof ApiError && (err.hasCode('ENV_ALREADY_EXISTS') || err.hasCode('EXISTING_KEY_AND_TARGET'));
}

/** Vercel's refusal to change a key in place (our emulator says ENV_KEY_IMMUTABLE; the CLI never tries for sensitive). */
function refusesRenameInPlace(err: unknown, at: EnvContext): boolean {
  if (!(err instanceof ApiError) || err.status !== 400) return false;
  return err.hasCode('ENV_KEY_IMMUTABLE') || at.env.type === 'sensitive';
}
