import * as vscode from 'vscode';
import { buildReview } from '../../core/dotenv/review';
import { pushSecrets, secretsApiRemote, type ApiPushOutcome } from '../../core/secretsApi/push';
import { maxSecretsPerProject, secretKeyProblem, secretValueProblem } from '../../core/secretsApi/rules';
import { pickDotenvFile, readDotenvUpload } from '../../platform/dotenvFile';
import { withCancellableProgress } from '../../platform/progress';
import { confirm, withLoading } from '../../platform/prompts';
import { reviewPick } from '../../platform/reviewPick';
import { outcomeUnknown } from '../../platform/verifiedWrite';
import { changed, patched } from '../../tree/changed';
import type { Services } from '../backend';
import type { ApiProjectRef, ApiSecretChange } from './actions';
import { secretsApiClient } from './connection';

/**
 * "Upload .env…" on a Secrets API project: the file (its problems and the API's rules at
 * their lines: nothing sent), the project's secrets (as loaded, or one list request), the
 * per-key review (values are write-only: a differing last four means changed, else unknown),
 * then one request per secret: the API has no batch. It fits the cap of 25 (removals first,
 * then updates, then new keys while there is room) and stops cleanly, saying what was and
 * wasn't sent.
 */
export async function uploadDotenvToApiProject(services: Services, at: ApiProjectRef): Promise<void> {
  const client = await secretsApiClient(services.clients, at.connection);
  const title = vscode.l10n.t('Upload .env to {0}', at.projectId);
  const file = await pickDotenvFile(title);
  const { fileName, entries } = await readDotenvUpload(file, (v) => services.logger.addSecret(v),
    (name, value) => secretKeyProblem(name) ?? secretValueProblem(value));
  const shown = services.tree.shownNode(at.id) as ApiProjectRef | undefined;
  const existing = shown?.loadedSecrets?.() ?? at.loadedSecrets?.()
    ?? await withLoading(vscode.l10n.t('Loading secrets…'), () => client.list(at.projectId));
  const review = buildReview(entries, secretsApiRemote(existing));
  const answer = await reviewPick({
    title: vscode.l10n.t('{0} → {1}: review', fileName, at.projectId), remoteName: at.projectId, offerRemoval: true,
    rows: review.items.map((item) => ({
      ...item,
      describe: () => {
        switch (item.kind) {
          case 'new': return vscode.l10n.t('will be created');
          case 'changed': return vscode.l10n.t('value differs (its last characters do): will be overwritten');
          case 'writeOnly': return vscode.l10n.t('write-only: value unknown, will be overwritten');
          case 'unchanged': return vscode.l10n.t('skipped');
          case 'onlyRemote': return '';
        }
      },
    })),
  });
  const values = new Map(entries.map((e) => [e.name, e.value]));
  const writes = answer.send.map((key) => ({ key, value: values.get(key)! }));
  const removals = answer.remove ? review.items.filter((i) => i.kind === 'onlyRemote').map((i) => i.key) : [];
  if (removals.length > 0) {
    await confirm(removals.length === 1 ? vscode.l10n.t('Remove 1 secret missing from the file from {0}?', at.projectId)
      : vscode.l10n.t('Remove {0} secrets missing from the file from {1}?', removals.length, at.projectId),
    vscode.l10n.t('Their values are write-only: once deleted they cannot be recovered.'), vscode.l10n.t('Remove {0}', removals.length));
  }
  if (writes.length === 0 && removals.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to upload: every key was unticked or is unchanged.'));
    return;
  }
  const outcome = await withCancellableProgress(vscode.l10n.t('Uploading to {0}…', at.projectId), (signal) =>
    pushSecrets(client, at.projectId, existing, writes, removals, signal));
  const message = report(services, at.projectId, outcome);
  const changes: ApiSecretChange[] = [...outcome.removed.map((key) => ({ removed: key })), ...outcome.saved.map((s) => ({ put: s }))];
  // A failed request may have happened (its outcome is unknown): the list is read again then.
  if (outcome.notSent.some((n) => n.reason.kind === 'failed')) changed(services.tree, at.id, message);
  else {
    patched(services.tree, at.id, (node) => {
      const project = node as { applyChange?(change: ApiSecretChange): boolean };
      return changes.every((change) => project.applyChange?.(change) ?? false);
    }, message);
  }
}

/** The summary for the status bar; a warning naming what was not sent and why. */
function report(services: Services, projectId: string, outcome: ApiPushOutcome): string {
  const summary = outcome.saved.length === 1 ? vscode.l10n.t('Uploaded 1 secret to {0}', projectId) : vscode.l10n.t('Uploaded {0} secrets to {1}', outcome.saved.length, projectId);
  const removed = outcome.removed.length ? `; ${vscode.l10n.t('{0} removed', outcome.removed.length)}` : '';
  if (outcome.notSent.length === 0) return `${summary}${removed}.`;
  const capped = outcome.notSent.filter((n) => n.reason.kind === 'cap').map((n) => n.key);
  const failed = outcome.notSent.find((n) => n.reason.kind === 'failed');
  const stopped = outcome.notSent.filter((n) => n.reason.kind === 'stopped').map((n) => n.key);
  const parts: string[] = [`${summary}${removed}.`];
  if (capped.length) {
    parts.push(vscode.l10n.t('Not sent, because {0} would have more than {1} secrets: {2}.', projectId, maxSecretsPerProject, capped.join(', ')));
  }
  if (failed && failed.reason.kind === 'failed') {
    const why = services.describe(failed.reason.error);
    parts.push(outcomeUnknown(failed.reason.error)
      ? vscode.l10n.t('{0} may or may not have been saved: {1} Uploading again is safe.', failed.key, why)
      : vscode.l10n.t('{0} was not saved: {1}', failed.key, why));
  }
  if (stopped.length) parts.push(vscode.l10n.t('Stopped there; not sent: {0}.', stopped.join(', ')));
  const text = parts.join(' ');
  services.logger.warn(`Upload .env to ${projectId}: ${text}`);
  void vscode.window.showWarningMessage(text);
  return `${summary}${removed}.`;
}
