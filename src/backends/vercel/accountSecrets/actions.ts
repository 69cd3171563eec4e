import * as vscode from 'vscode';
import { ApiError, InputError } from '../../../core/errors';
import { assertNoProblem } from '../../../core/validation/problems';
import {
  accountSecretNameProblem, accountSecretValueProblem, maxAccountSecretNameLength, type AccountSecret, type CreatedSecret, type RenamedSecret,
} from '../../../core/vercel/accountSecrets';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withCancellableProgress } from '../../../platform/progress';
import { confirm, input } from '../../../platform/prompts';
import { runSteps, type Prompter } from '../../../platform/steps';
import { enterValue } from '../../../platform/valueEntry';
import { writeVerified } from '../../../platform/verifiedWrite';
import { changed, patched } from '../../../tree/changed';
import type { Services } from '../../backend';
import { vercelClient, type VercelAccount } from '../account';
import { pickProject } from './pickProject';

/** The "Account Secrets" list of a scope as the actions need it; `id` is its node's, to refresh it. */
export interface AccountSecretsRef {
  readonly id: string;
  readonly account: VercelAccount;
  readonly scope: Scope;
  /** Whether Vercel already answered 410 Gone for this list. */
  readonly retired?: boolean;
}

/** What a write to account secrets did, from its answer: created, renamed (by uid) or deleted (by uid). */
export type AccountSecretChange =
  | { readonly put: AccountSecret }
  | { readonly renamed: { readonly uid: string; readonly name: string } }
  | { readonly removed: string };

/**
 * After a write: the answer patched into the list the tree shows (no request), or, without
 * one (an unknown outcome that was read back), the list reloaded; then the message.
 */
function afterWrite(services: Services, at: AccountSecretsRef, message: string, change: AccountSecretChange | undefined): void {
  if (!change) return changed(services.tree, at.id, message);
  patched(services.tree, at.id, (node) => {
    const list = node as { applyChange?(change: AccountSecretChange): boolean };
    return list.applyChange?.(change) ?? false;
  }, message);
}

/** The legacy API's 410 means the feature is gone, not that something broke: say what to use instead. */
function explainRetired(err: unknown): never {
  if (err instanceof ApiError && err.status === 410) throw retired();
  throw err;
}

function retired(): InputError {
  return new InputError(vscode.l10n.t('Vercel retired account secrets on 2024-05-01: use sensitive environment variables instead ("Add Environment Variable to Project…").'));
}

/** The answers of "Add Account Secret…" so far (kept across Back). */
interface NewAccountSecret {
  name?: string;
  value?: string;
  decryptable?: boolean;
  associate?: boolean;
  project?: VercelProject;
}

/** "Add Account Secret…": name, value, decryptable?, optional project, one step at a time; one POST /v2/secrets/{name}. */
export async function addAccountSecret(services: Services, at: AccountSecretsRef): Promise<void> {
  // Seen 410 already: say so before asking four questions whose answers could not be used.
  if (at.retired) throw retired();
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Add Account Secret');
  const yes = { label: vscode.l10n.t('Yes, allow decrypting'), decryptable: true };
  const no = { label: vscode.l10n.t('No, write-only'), decryptable: false };
  const none = { label: vscode.l10n.t('No project'), associate: false };
  const pick = { label: vscode.l10n.t('Associate with a project…'), associate: true };
  const answers = await runSteps<NewAccountSecret>(title, {}, (s) => [
    async (ask) => {
      s.name = await ask.inputBox({
        placeHolder: 'my-api-key', value: s.name,
        prompt: vscode.l10n.t('Name of the secret (at most {0} characters), unique in this scope.', maxAccountSecretNameLength),
        validateInput: accountSecretNameProblem,
      });
    },
    async (ask) => { s.value = await promptAccountSecretValue(ask, services, s.name!); },
    async (ask) => {
      s.decryptable = (await ask.pick({ items: [no, yes], placeHolder: vscode.l10n.t('Allow the value to be decrypted later?'),
        active: (item) => item.decryptable === s.decryptable })).decryptable;
    },
    async (ask) => {
      s.associate = (await ask.pick({ items: [none, pick], placeHolder: vscode.l10n.t('Associate the secret with a project? (optional)'),
        active: (item) => item.associate === s.associate })).associate;
    },
    ...(s.associate ? [async (ask: Prompter) => { s.project = await pickProject(ask, client, at.scope, services.describe, s.project); }] : []),
  ]);
  const { name, value, decryptable } = answers as Required<NewAccountSecret>;
  const projectId = answers.associate ? answers.project?.id : undefined;
  assertNoProblem(accountSecretNameProblem(name), accountSecretValueProblem(value));
  let created: CreatedSecret | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Creating {0}', name), verb: 'create',
    write: () => withCancellableProgress(vscode.l10n.t('Creating {0}…', name), async (signal) => {
      created = await client.accountSecrets.create(at.scope, { name, value, decryptable, projectId }, signal)
        .catch((err: unknown) => {
          // The list collapses to its "retired" row, without "+".
          if (err instanceof ApiError && err.status === 410) services.tree.refreshShown(at.id);
          return explainRetired(err);
        });
    }),
    // Vercel keeps names in lower case.
    happened: async () => (await client.accountSecrets.list(at.scope)).items.some((s) => s.name.toLowerCase() === name.toLowerCase()),
  });
  afterWrite(services, at, created
    ? vscode.l10n.t('Created account secret {0} ({1}, {2}).', created.name, created.uid,
      created.decryptable ? vscode.l10n.t('decryptable') : vscode.l10n.t('not decryptable'))
    : vscode.l10n.t('Created account secret {0}.', name), created && { put: created });
}

/** The value step: typed, from an editor or a file; hygiene findings confirmed (platform/valueEntry.ts). */
function promptAccountSecretValue(ask: Prompter, services: Services, name: string): Promise<string> {
  return enterValue(ask, {
    title: vscode.l10n.t('Add Account Secret'), what: vscode.l10n.t('value of {0}', name), problem: accountSecretValueProblem,
    addSecret: (v) => services.logger.addSecret(v),
    prompt: vscode.l10n.t('Value of {0}. It is sent to Vercel only and never shown or logged here.', name),
  });
}

/** "Rename…" on an account secret: PATCH /v2/secrets/{name} with the new name. */
export async function renameAccountSecret(services: Services, at: AccountSecretsRef, secret: AccountSecret): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const newName = await input({
    title: vscode.l10n.t('Rename {0}', secret.name), value: secret.name,
    prompt: vscode.l10n.t('New name, unique among this scope\'s secrets.'),
    validateInput: (text) => accountSecretNameProblem(text) ?? (text === secret.name ? vscode.l10n.t('Type a new name.') : undefined),
  });
  if (newName === secret.name) throw new InputError(vscode.l10n.t('Type a new name.'));
  let renamed: RenamedSecret | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Renaming {0} to {1}', secret.name, newName), verb: 'rename',
    happened: async () => (await client.accountSecrets.list(at.scope)).items.some((s) => s.uid === secret.uid && s.name === newName.toLowerCase()),
    write: () => withCancellableProgress(vscode.l10n.t('Renaming {0}…', secret.name),
      (signal) => client.accountSecrets.rename(at.scope, secret.name, newName, signal)).then((answer) => { renamed = answer; }, (err: unknown) => {
      // Names are unique per scope; Vercel refuses a taken one.
      if (err instanceof ApiError && (err.status === 409 || (err.status === 400 && /exist|taken|unique/i.test(err.apiMessage ?? '')))) {
        throw new InputError(vscode.l10n.t('A secret named {0} already exists in this scope: choose another name. Nothing was changed.', newName));
      }
      return explainRetired(err);
    }),
  });
  afterWrite(services, at, vscode.l10n.t('Renamed account secret {0} to {1}.', secret.name, newName),
    renamed && { renamed: { uid: secret.uid, name: renamed.name } });
}

/** "Delete…" on an account secret, after a modal confirmation. */
export async function deleteAccountSecret(services: Services, at: AccountSecretsRef, secret: AccountSecret): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  await confirm(vscode.l10n.t('Delete the account secret {0}?', secret.name),
    vscode.l10n.t('Environment variables that still reference @{0} stop working in new deployments. This cannot be undone.', secret.name),
    vscode.l10n.t('Delete'));
  let deleted = false;
  await writeVerified(services, {
    what: vscode.l10n.t('Deleting {0}', secret.name), verb: 'delete',
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', secret.name),
      (signal) => client.accountSecrets.delete(at.scope, secret.uid, signal).then(() => { deleted = true; }, explainRetired)),
    happened: async () => !(await client.accountSecrets.list(at.scope)).items.some((s) => s.uid === secret.uid),
  });
  afterWrite(services, at, vscode.l10n.t('Deleted account secret {0}.', secret.name), deleted ? { removed: secret.uid } : undefined);
}
