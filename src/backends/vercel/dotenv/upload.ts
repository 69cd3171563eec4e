import * as vscode from 'vscode';
import { buildReview, type Review } from '../../../core/dotenv/review';
import { asNetworkError, InputError, requestNotSent } from '../../../core/errors';
import type { EnvChange } from '../../../core/vercel/envList';
import type { EnvVar } from '../../../core/vercel/models';
import { ReadBackError, sendBatch, sendRemovals, type BatchOutcome, type RemovalOutcome } from '../../../core/vercel/envPush';
import { planRemovals, planWrites, slotsOf, unwritableReason, vercelRemote, type KeyChoice, type NewType, type PushEnvironments } from '../../../core/vercel/envPushPlan';
import { keyProblem, valueProblem } from '../../../core/vercel/envRules';
import { pickDotenvFile, readDotenvUpload } from '../../../platform/dotenvFile';
import { withCancellableProgress } from '../../../platform/progress';
import { confirm, withLoading } from '../../../platform/prompts';
import { reviewPick } from '../../../platform/reviewPick';
import { runSteps, type Prompter } from '../../../platform/steps';
import { notSentMessage, NotSentError, OutcomeUnknownError } from '../../../platform/verifiedWrite';
import type { Services } from '../../backend';
import { vercelClient } from '../account';
import { afterChange, customEnvironmentsOf, shownEnvs, type ProjectRef } from '../target';
import { askBranch, asksBranch, asksNewType, pickEnvironments, pickNewType, reviewRows, type KeyOverride } from './uploadPrompts';
import { reportUpload } from './uploadReport';

/**
 * "Upload .env…" on a Vercel project: the file (problems at their lines: nothing sent), the
 * environments, the project's state (its variables: the tree's list or one request; readable
 * values: one request per environment), the per-key review, then every write in ONE batch
 * request and the removals the user asked for in ONE batch delete. Reports per key.
 */
export async function uploadDotenv(services: Services, at: ProjectRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Upload .env to {0}', at.project.name);
  const where = { scope: at.scope, projectId: at.project.id };
  const file = await pickDotenvFile(title);
  // The system variables are Vercel's: a file key that names one is refused with its line.
  const { fileName, entries } = await readDotenvUpload(file, (v) => services.logger.addSecret(v),
    (name, value) => keyProblem(name) ?? valueProblem(value));
  const customs = await withLoading(vscode.l10n.t('Loading environments…'), () => customEnvironmentsOf(services, client, at));
  // Steps with a counter and Back: environments, a branch (Preview alone), the type of new keys
  // (only when there are some: the project is read once the environments are known).
  const read = async (environments: PushEnvironments): Promise<ProjectState> => withLoading(vscode.l10n.t('Reading {0}…', at.project.name), async () => {
    const list = shownEnvs(services, at) ?? await client.listEnvs(at.scope, at.project.id);
    const values = new Map<string, Record<string, string>>();
    // One read per chosen environment, all at once: one round trip.
    const slots = slotsOf(environments);
    const pulls = await Promise.all(slots.map((slot) => client.push.pullValues(where, slot, environments.gitBranch)));
    slots.forEach((slot, i) => values.set(slot, pulls[i]));
    for (const v of values.values()) for (const value of Object.values(v)) if (value) services.logger.addSecret(value);
    const system = entries.filter((e) => list.some((v) => v.key === e.name && v.type === 'system'));
    if (system.length > 0) {
      throw new InputError(vscode.l10n.t('{0}: line {1}: {2} is a system variable managed by Vercel, so nothing was sent.', fileName, system[0].line, system[0].name));
    }
    return { envs: list, review: buildReview(entries, vercelRemote(list, environments, values)), readFor: JSON.stringify(environments) };
  });
  const answers = await runSteps<UploadAnswers>(title, {}, (a) => [
    async (ask, a) => {
      a.environments = await pickEnvironments(ask, customs, a.environments);
      if (!asksBranch(a.environments)) a.state = await readOnce(a.environments, a.state, read);
    },
    ...(a.environments && asksBranch(a.environments) ? [async (ask: Prompter, a: UploadAnswers) => {
      a.environments = { ...a.environments!, gitBranch: await askBranch(ask, a.environments!.gitBranch) };
      a.state = await readOnce(a.environments, a.state, read);
    }] : []),
    // Counted until the project is read (most uploads have new keys); dropped when there are none.
    ...(!a.environments || !a.state || (a.state.review.counts.new > 0 && asksNewType(a.environments)) ? [async (ask: Prompter, a: UploadAnswers) => {
      a.type = await pickNewType(ask, a.environments!, a.state!.review.counts.new, a.type);
    }] : []),
  ]);
  const environments = answers.environments!;
  const { envs, review } = answers.state!;
  const defaultType: NewType = review.counts.new > 0 && asksNewType(environments) ? answers.type! : review.counts.new > 0 ? 'encrypted' : 'sensitive';
  const overrides = new Map<string, KeyOverride>();
  const answer = await reviewPick({
    title: vscode.l10n.t('{0} → {1}: review', fileName, at.project.name), remoteName: 'Vercel', offerRemoval: true,
    rows: reviewRows(review.items, envs, environments, customs, overrides, defaultType),
  });
  const values = new Map(entries.map((e) => [e.name, e.value]));
  const refused = answer.send.flatMap((key) => {
    const reason = unwritableReason(envs, environments, key);
    return reason ? [{ key, message: reason }] : [];
  });
  const choices: KeyChoice[] = answer.send.filter((key) => !refused.some((r) => r.key === key)).map((key) => ({
    key, value: values.get(key)!, type: overrides.get(key)?.type ?? defaultType, at: overrides.get(key)?.at ?? environments,
  }));
  const onlyRemote = review.items.filter((i) => i.kind === 'onlyRemote').map((i) => i.key);
  const removals = answer.remove ? planRemovals(envs, environments, onlyRemote) : { ids: [], kept: [] };
  if (removals.ids.length > 0) await confirmRemovals(at.project.name, onlyRemote.length - removals.kept.length, removals.kept);
  if (choices.length === 0 && removals.ids.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to upload: every key was unticked or is unchanged.'));
    return;
  }

  const items = planWrites(envs, choices);
  const written = await untilSent(services, 'save', () => withCancellableProgress(
    choices.length === 1 ? vscode.l10n.t('Uploading 1 variable to {0}…', at.project.name) : vscode.l10n.t('Uploading {0} variables to {1}…', choices.length, at.project.name),
    (signal) => sendBatch(client, where, items, signal)));
  const removed = removals.ids.length === 0 ? { removed: [], readBack: false } satisfies RemovalOutcome
    : await untilSent(services, 'delete', () => withCancellableProgress((removals.ids.length === 1 ? vscode.l10n.t('Removing 1 variable…') : vscode.l10n.t('Removing {0} variables…', removals.ids.length)),
      (signal) => sendRemovals(client, where, removals.ids, signal)));
  const removedKeys = [...new Set(envs.filter((e) => removed.removed.includes(e.id)).map((e) => e.key))];
  const changes: EnvChange[] | undefined = written.changes && !removed.readBack
    ? [...written.changes, ...removed.removed.map((id) => ({ removed: id }))] : undefined;
  const message = reportUpload(services, {
    project: at.project.name, written, refused, removedKeys, removal: removed, kept: removals.kept,
    skipped: review.counts.unchanged,
  });
  afterChange(services, at, message, changes);
}

/** The project as read for one choice of environments (kept across Back when the choice is the same). */
interface ProjectState { envs: readonly EnvVar[]; review: Review; readFor: string }
interface UploadAnswers { environments?: PushEnvironments; state?: ProjectState; type?: NewType }

/** The project read for `environments`: the earlier read when it was for the same choice, else a new one. */
async function readOnce(environments: PushEnvironments, earlier: ProjectState | undefined,
  read: (environments: PushEnvironments) => Promise<ProjectState>): Promise<ProjectState> {
  return earlier?.readFor === JSON.stringify(environments) ? earlier : read(environments);
}

async function confirmRemovals(project: string, count: number, kept: readonly string[]): Promise<void> {
  const keptText = kept.length ? `\n\n${vscode.l10n.t('Kept, because they are also set for environments you did not choose: {0}.', kept.join(', '))}` : '';
  await confirm(count === 1 ? vscode.l10n.t('Remove 1 variable missing from the file from {0}?', project) : vscode.l10n.t('Remove {0} variables missing from the file from {1}?', count, project),
    vscode.l10n.t('They are deleted from the chosen environments; new deployments will not have them. This cannot be undone.') + keptText,
    vscode.l10n.t('Remove {0}', count));
}

/**
 * Runs one batch; a request that never left the machine (nothing happened) is offered again
 * with Retry, as every write is (platform/verifiedWrite.ts); reading back that failed too
 * becomes "may or may not have happened".
 */
async function untilSent<T extends BatchOutcome | RemovalOutcome>(services: Services, verb: 'save' | 'delete', send: () => Thenable<T>): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (err) {
      if (err instanceof ReadBackError) {
        throw new OutcomeUnknownError(vscode.l10n.t('The upload may or may not have happened: {0} Checking failed too: {1} Refresh to see the current state.',
          services.describe(err.cause), services.describe(err.checkError)));
      }
      if (!requestNotSent(err)) throw err;
      const message = notSentMessage(verb, asNetworkError(err)?.host);
      services.logger.warn(`Upload .env: ${services.describe(err)} Nothing was sent.`);
      const retry = vscode.l10n.t('Retry');
      if (await vscode.window.showErrorMessage(message, retry) !== retry) throw new NotSentError(message);
    }
  }
}
