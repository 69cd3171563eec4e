import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { SecretsApiClient } from '../../core/secretsApi/client';
import type { SecretSummary } from '../../core/secretsApi/models';
import { capProblem, maxSecretsPerProject, secretKeyProblem, secretValueProblem } from '../../core/secretsApi/rules';
import { assertNoProblem } from '../../core/validation/problems';
import { createThenDelete } from '../../platform/createThenDelete';
import { withCancellableProgress } from '../../platform/progress';
import { confirm, withLoading } from '../../platform/prompts';
import { ask, runSteps, type Prompter } from '../../platform/steps';
import { enterValue } from '../../platform/valueEntry';
import { writeVerified } from '../../platform/verifiedWrite';
import { changed, patched } from '../../tree/changed';
import type { Services } from '../backend';
import { secretsApiClient, type SecretsApiConnection } from './connection';

/** A project of a Secrets API connection as the actions need it; `id` is its node's, to refresh it. */
export interface ApiProjectRef {
  readonly id: string;
  readonly connection: SecretsApiConnection;
  readonly projectId: string;
  /** Its secrets, when loaded (the connection loads every project's with it). */
  loadedSecrets?(): readonly SecretSummary[] | undefined;
}

/** What a write did, from its answer: the secret as saved, or the key deleted. */
export type ApiSecretChange = { readonly put: SecretSummary } | { readonly removed: string };

/**
 * After writes: the answers patched into the project the tree shows (no request), or, when
 * one was only read back (`changes` undefined), the project reloaded; then the message.
 */
function afterWrite(services: Services, at: ApiProjectRef, message: string, changes: readonly ApiSecretChange[] | undefined): void {
  if (!changes) return changed(services.tree, at.id, message);
  patched(services.tree, at.id, (node) => {
    const project = node as { applyChange?(change: ApiSecretChange): boolean };
    return changes.every((change) => project.applyChange?.(change) ?? false);
  }, message);
}

/**
 * The project's secrets without a request when they are loaded: the tree's node first, then
 * the node the command came with (a palette walk loaded it); else one list request (the cap
 * and the overwrite question need them: values are write-only, an overwrite cannot be undone).
 */
async function knownSecrets(services: Services, at: ApiProjectContext, project: ApiProjectRef): Promise<readonly SecretSummary[]> {
  const shown = services.tree.shownNode(at.id) as ApiProjectRef | undefined;
  return shown?.loadedSecrets?.() ?? project.loadedSecrets?.() ?? listWithProgress(at);
}

interface ApiProjectContext extends ApiProjectRef {
  readonly client: SecretsApiClient;
}

async function withClient(services: Services, at: ApiProjectRef): Promise<ApiProjectContext> {
  return { id: at.id, connection: at.connection, projectId: at.projectId, client: await secretsApiClient(services.clients, at.connection) };
}

function listWithProgress(at: ApiProjectContext): Thenable<SecretSummary[]> {
  return withLoading(vscode.l10n.t('Loading secrets…'), () => at.client.list(at.projectId));
}

/** The Secrets API versions of the secret commands: write-only values, upsert by key, a cap of 25. */

/** "Add Secret…" (key, then value; Back keeps the answers): one upsert. Resolves to the key saved. */
export async function addApiSecret(services: Services, project: ApiProjectRef): Promise<string> {
  const at = await withClient(services, project);
  const existing = await knownSecrets(services, at, project);
  const keys = existing.map((s) => s.key);
  const title = vscode.l10n.t('Set Secret in {0}', at.projectId);
  const answers = await runSteps<{ key?: string; value?: string }>(title, {}, (s) => [
    async (ask) => {
      const key = await promptApiKey(ask, (text) => capProblem(keys, text), s.key);
      if (keys.includes(key)) {
        await confirm(vscode.l10n.t('{0} already exists in {1}. Overwrite?', key, at.projectId),
          vscode.l10n.t('Its value is replaced; the old value cannot be recovered.'), vscode.l10n.t('Overwrite'));
      }
      s.key = key;
    },
    async (ask) => { s.value = await promptApiValue(ask, s.key!, services); },
  ]);
  const { key, value } = answers as { key: string; value: string };
  const saved = await setVerified(services, at, key, value, existing);
  afterWrite(services, at, vscode.l10n.t('Saved {0} in {1}.', key, at.projectId), saved && [{ put: saved }]);
  return key;
}

export async function setApiSecretValue(services: Services, project: ApiProjectRef, secret: SecretSummary): Promise<void> {
  const at = await withClient(services, project);
  const value = await ask(vscode.l10n.t('New value of {0}', secret.key), (prompter) => promptApiValue(prompter, secret.key, services));
  // The secret as listed is enough: an update never counts against the cap.
  const saved = await setVerified(services, at, secret.key, value, [secret]);
  afterWrite(services, at, vscode.l10n.t('Updated the value of {0} in {1}.', secret.key, at.projectId), saved && [{ put: saved }]);
}

/**
 * No rename in the API and no readable values: ask for the new key and the value,
 * create the new key, and only then delete the old one.
 */
export async function renameApiSecret(services: Services, project: ApiProjectRef, secret: SecretSummary): Promise<void> {
  const at = await withClient(services, project);
  const existing = await knownSecrets(services, at, project);
  const keys = existing.map((s) => s.key);
  if (keys.length >= maxSecretsPerProject) {
    throw new InputError(vscode.l10n.t(
      '{0} has {1} of {2} secrets. A rename creates the new key before deleting the old one, so there must be room for one more: delete another secret first. Nothing was changed.',
      at.projectId, keys.length, maxSecretsPerProject));
  }
  const renamed = await runSteps<{ key?: string; value?: string }>(vscode.l10n.t('Rename {0}', secret.key), {}, (s) => [
    async (prompter) => {
      s.key = await promptApiKey(prompter, (text) => {
        if (text === secret.key) return vscode.l10n.t('Type a new name.');
        return keys.includes(text) ? vscode.l10n.t('{0} already exists in {1}.', text, at.projectId) : undefined;
      }, s.key ?? secret.key);
    },
    // Values cannot be read back, so the value is typed again.
    async (prompter) => { s.value = await promptApiValue(prompter, s.key!, services, true); },
  ]);
  const { key: newKey, value } = renamed as { key: string; value: string };
  let saved: SecretSummary | undefined;
  let removed = false;
  await createThenDelete(services, {
    oldName: secret.key, newName: newKey,
    create: async () => { saved = await setVerified(services, at, newKey, value, existing); },
    remove: async () => { removed = (await deleteVerified(services, at, secret.key)).answered; },
    // The delete failed: what is left is not known from answers, so the project is read again.
    created: (message) => changed(services.tree, at.id, message),
    bothExist: (oldName) => vscode.l10n.t('Both secrets exist now; delete {0} when you can.', oldName),
  });
  afterWrite(services, at, vscode.l10n.t('Renamed {0} to {1} in {2}.', secret.key, newKey, at.projectId),
    saved && removed ? [{ put: saved }, { removed: secret.key }] : undefined);
}

export async function deleteApiSecret(services: Services, project: ApiProjectRef, secret: SecretSummary): Promise<void> {
  const at = await withClient(services, project);
  await confirm(vscode.l10n.t('Delete {0} from {1}?', secret.key, at.projectId),
    vscode.l10n.t('Its value is write-only: once deleted it cannot be recovered.'), vscode.l10n.t('Delete'));
  const { existed, answered } = await deleteVerified(services, at, secret.key);
  afterWrite(services, at, existed
    ? vscode.l10n.t('Deleted {0} from {1}.', secret.key, at.projectId)
    : vscode.l10n.t('{0} was already gone from {1}.', secret.key, at.projectId), answered ? [{ removed: secret.key }] : undefined);
}

async function promptApiKey(ask: Prompter, extra: (key: string) => string | undefined, value?: string): Promise<string> {
  const key = await ask.inputBox({
    value, placeHolder: 'BINANCE_API_KEY',
    prompt: vscode.l10n.t('Key: UPPER_SNAKE_CASE, 1–64 characters, starting with a letter.'),
    validateInput: (text) => secretKeyProblem(text) ?? extra(text),
  });
  assertNoProblem(secretKeyProblem(key), extra(key));
  return key;
}

/** The value step: typed (never prefilled), from an editor or a file; hygiene findings confirmed. `again`: a rename, whose old value cannot be read. */
async function promptApiValue(ask: Prompter, key: string, services: Services, again = false): Promise<string> {
  const value = await enterValue(ask, {
    title: vscode.l10n.t('Value of {0}', key), what: vscode.l10n.t('value of {0}', key), problem: secretValueProblem,
    addSecret: (v) => services.logger.addSecret(v),
    prompt: again
      ? vscode.l10n.t('Value for {0} (1–4096 characters). Values cannot be read back, so type it again.', key)
      : vscode.l10n.t('Value of {0} (1–4096 characters). It is write-only: it cannot be read back.', key),
  });
  assertNoProblem(secretValueProblem(value));
  return value;
}

/**
 * One POST (upsert); on an unknown outcome the list tells whether the new value landed (by its
 * last four). Resolves to the secret as the server answered it; undefined when only read back.
 */
async function setVerified(services: Services, at: ApiProjectContext, key: string, value: string,
  existing: readonly SecretSummary[]): Promise<SecretSummary | undefined> {
  const lastFour = [...value].slice(-4).join('');
  const before = existing.find((s) => s.key === key)?.updatedAt;
  let saved: SecretSummary | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Saving {0}', key), verb: 'save',
    write: () => withCancellableProgress(vscode.l10n.t('Saving {0}…', key), async (signal) => {
      saved = await at.client.setChecked(at.projectId, key, value, existing.map((s) => s.key), signal);
    }),
    happened: async () => (await at.client.list(at.projectId)).some((s) => s.key === key && s.lastFour === lastFour && s.updatedAt !== before),
  });
  return saved;
}

/**
 * One DELETE; resolves to whether the secret existed, and whether the server answered (false:
 * an unknown outcome read back, gone meaning done).
 */
async function deleteVerified(services: Services, at: ApiProjectContext, key: string): Promise<{ existed: boolean; answered: boolean }> {
  let existed = true;
  let answered = false;
  await writeVerified(services, {
    what: vscode.l10n.t('Deleting {0}', key), verb: 'delete',
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', key), async (signal) => {
      existed = (await at.client.delete(at.projectId, key, signal)).existed;
      answered = true;
    }),
    happened: async () => !(await at.client.list(at.projectId)).some((s) => s.key === key),
  });
  return { existed, answered };
}
