import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../../accounts/accountStore';
import { CancelledError, InputError } from '../../core/errors';
import type { SecretSummary } from '../../core/secretsApi/models';
import { describe } from '../../describe';
import { assertNoProblem, capProblem, maxSecretsPerProject, secretKeyProblem, secretValueProblem } from '../../core/secretsApi/rules';
import type { Services } from '../command';
import { confirm } from '../envPrompts';
import { withCancellableProgress } from '../../progress';
import { OutcomeUnknownError, writeVerified } from '../verify';
import { afterApiChange, listWithProgress, resolveApiProject, resolveApiSecret, type ApiProjectContext } from './target';

/** The Secrets API versions of the secret commands: write-only values, upsert by key, a cap of 25. */

export async function addApiSecret(services: Services, node: unknown, connection: SecretsApiConnection): Promise<void> {
  const at = await resolveApiProject(services, node, connection);
  const existing = await listWithProgress(at);
  const keys = existing.map((s) => s.key);
  const title = vscode.l10n.t('Set Secret in {0}', at.projectId);
  const key = await promptApiKey(title, (text) => capProblem(keys, text));
  if (keys.includes(key)) {
    await confirm(vscode.l10n.t('{0} already exists in {1}. Overwrite?', key, at.projectId),
      vscode.l10n.t('Its value is replaced; the old value cannot be recovered.'), vscode.l10n.t('Overwrite'));
  }
  const value = await promptApiValue(title, key, services);
  await setVerified(services, at, key, value, existing);
  afterApiChange(services, at, vscode.l10n.t('Saved {0} in {1}.', key, at.projectId));
}

export async function setApiSecretValue(services: Services, node: unknown, connection: SecretsApiConnection): Promise<void> {
  const at = await resolveApiSecret(services, node, connection);
  const value = await promptApiValue(vscode.l10n.t('New value of {0}', at.secret.key), at.secret.key, services);
  // The secret as listed is enough: an update never counts against the cap.
  await setVerified(services, at, at.secret.key, value, [at.secret]);
  afterApiChange(services, at, vscode.l10n.t('Updated the value of {0} in {1}.', at.secret.key, at.projectId));
}

/**
 * No rename in the API and no readable values: ask for the new key and the value,
 * create the new key, and only then delete the old one.
 */
export async function renameApiSecret(services: Services, node: unknown, connection: SecretsApiConnection): Promise<void> {
  const at = await resolveApiSecret(services, node, connection);
  const existing = await listWithProgress(at);
  const keys = existing.map((s) => s.key);
  if (keys.length >= maxSecretsPerProject) {
    throw new InputError(vscode.l10n.t(
      '{0} has {1} of {2} secrets. A rename creates the new key before deleting the old one, so there must be room for one more: delete another secret first. Nothing was changed.',
      at.projectId, keys.length, maxSecretsPerProject));
  }
  const newKey = await promptApiKey(vscode.l10n.t('Rename {0}', at.secret.key), (text) => {
    if (text === at.secret.key) return vscode.l10n.t('Type a new name.');
    return keys.includes(text) ? vscode.l10n.t('{0} already exists in {1}.', text, at.projectId) : undefined;
  }, at.secret.key);
  const value = await promptApiValue(vscode.l10n.t('Value for {0} (values cannot be read back, so type it again)', newKey), newKey, services);
  // Create first; if that fails the old secret is untouched. Delete only after it exists.
  await setVerified(services, at, newKey, value, existing);
  try {
    await deleteVerified(services, at, at.secret.key);
  } catch (err) {
    afterApiChange(services, at, vscode.l10n.t('Created {0}.', newKey));
    // Claim only what is known: with an unknown outcome the old one may be gone already.
    if (err instanceof OutcomeUnknownError) {
      throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} Delete {1} if it is still there.',
        newKey, at.secret.key, describe(err)));
    }
    throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} Both secrets exist now; delete {1} when you can.',
      newKey, at.secret.key, describe(err)));
  }
  afterApiChange(services, at, vscode.l10n.t('Renamed {0} to {1} in {2}.', at.secret.key, newKey, at.projectId));
}

export async function deleteApiSecret(services: Services, node: unknown, connection: SecretsApiConnection): Promise<void> {
  const at = await resolveApiSecret(services, node, connection);
  await confirm(vscode.l10n.t('Delete {0} from {1}?', at.secret.key, at.projectId),
    vscode.l10n.t('Its value is write-only: once deleted it cannot be recovered.'), vscode.l10n.t('Delete'));
  const existed = await deleteVerified(services, at, at.secret.key);
  afterApiChange(services, at, existed
    ? vscode.l10n.t('Deleted {0} from {1}.', at.secret.key, at.projectId)
    : vscode.l10n.t('{0} was already gone from {1}.', at.secret.key, at.projectId));
}

async function promptApiKey(title: string, extra: (key: string) => string | undefined, value?: string): Promise<string> {
  const key = await vscode.window.showInputBox({
    title, value, ignoreFocusOut: true, placeHolder: 'BINANCE_API_KEY',
    prompt: vscode.l10n.t('Key: UPPER_SNAKE_CASE, 1–64 characters, starting with a letter.'),
    validateInput: (text) => secretKeyProblem(text) ?? extra(text),
  });
  if (key === undefined) throw new CancelledError();
  assertNoProblem(secretKeyProblem(key), extra(key));
  return key;
}

async function promptApiValue(title: string, key: string, services: Services): Promise<string> {
  const value = await vscode.window.showInputBox({
    title, password: true, ignoreFocusOut: true,
    prompt: vscode.l10n.t('Value of {0} (1–4096 characters). It is write-only: it cannot be read back.', key),
    validateInput: secretValueProblem,
  });
  if (value === undefined) throw new CancelledError();
  services.logger.addSecret(value);
  assertNoProblem(secretValueProblem(value));
  return value;
}

/** One POST (upsert); on an unknown outcome the list tells whether the new value landed (by its last four). */
async function setVerified(services: Services, at: ApiProjectContext, key: string, value: string, existing: readonly SecretSummary[]): Promise<void> {
  const lastFour = [...value].slice(-4).join('');
  const before = existing.find((s) => s.key === key)?.updatedAt;
  await writeVerified(services, {
    what: vscode.l10n.t('Saving {0}', key),
    write: () => withCancellableProgress(vscode.l10n.t('Saving {0}…', key),
      (signal) => at.client.setChecked(at.projectId, key, value, existing.map((s) => s.key), signal)),
    happened: async () => (await at.client.list(at.projectId)).some((s) => s.key === key && s.lastFour === lastFour && s.updatedAt !== before),
  });
}

/** One DELETE; resolves to whether the secret existed. On an unknown outcome, gone means done. */
async function deleteVerified(services: Services, at: ApiProjectContext, key: string): Promise<boolean> {
  let existed = true;
  await writeVerified(services, {
    what: vscode.l10n.t('Deleting {0}', key),
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', key), async (signal) => {
      existed = (await at.client.delete(at.projectId, key, signal)).existed;
    }),
    happened: async () => !(await at.client.list(at.projectId)).some((s) => s.key === key),
  });
  return existed;
}
