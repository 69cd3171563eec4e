import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../../core/errors';
import { assertNoProblem } from '../../core/validation/problems';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from '../../core/vercel/envRules';
import { findClash } from '../../core/vercel/envList';
import type { NewEnvVar } from '../../core/vercel/envWriter';
import type { EnvTarget, EnvVar } from '../../core/vercel/models';
import type { VercelClient } from '../../core/vercel/client';
import type { CustomEnvironment } from '../../core/vercel/customEnvironments';
import { withCancellableProgress } from '../../platform/progress';
import { confirm } from '../../platform/prompts';
import { runSteps, type Prompter } from '../../platform/steps';
import { writeVerified } from '../../platform/verifiedWrite';
import type { Services } from '../backend';
import { vercelClient } from './account';
import { environmentName, environmentsOf, environmentsText } from './envLabels';
import { asksGitBranch, promptComment, promptEnvironments, promptGitBranch, promptKey, promptType, promptValue, type WritableType } from './envPrompts';
import { afterChange, customEnvironmentsOf, shownEnvs, type ProjectRef } from './target';

/** The answers of "Add Secret…" so far (kept across Back). */
interface NewVariable {
  key?: string;
  value?: string;
  type?: WritableType;
  targets?: EnvTarget[];
  customEnvironmentIds?: string[];
  gitBranch?: string;
  comment?: string;
}

/**
 * "Add Secret…" on a project, one step at a time (Back keeps the answers): key, value, type,
 * environments, the git branch when Preview is the only one, comment; then one POST. Resolves to what was saved.
 */
export async function addVariable(services: Services, at: ProjectRef): Promise<NewEnvVar> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Add Secret to {0}', at.project.name);
  // The environments to offer: custom ones as the tree loaded them, or one list request.
  const customs = await customEnvironmentsOf(services, client, at);
  const answers = await runSteps<NewVariable>(title, {}, (s) => [
    async (ask) => { s.key = await promptKey(ask, { value: s.key }); },
    async (ask) => {
      s.value = await promptValue(ask, title, s.key!, (v) => services.logger.addSecret(v));
    },
    async (ask) => { s.type = await promptType(ask, at.scope, s.type); },
    async (ask) => {
      const placed = await promptEnvironments(ask, s.type!, customs,
        s.targets && { targets: s.targets, customEnvironmentIds: s.customEnvironmentIds ?? [] });
      s.targets = placed.targets;
      s.customEnvironmentIds = placed.customEnvironmentIds;
    },
    ...(asksGitBranch(s.targets, s.customEnvironmentIds) ? [async (ask: Prompter) => { s.gitBranch = await promptGitBranch(ask, s.targets!, s.gitBranch); }] : []),
    async (ask) => { s.comment = await promptComment(ask, s.comment); },
  ]);
  const { key, value, type, targets } = answers as Required<NewVariable>;
  const customEnvironmentIds = answers.customEnvironmentIds ?? [];
  // A branch typed before going Back and leaving Preview-only no longer applies.
  const gitBranch = asksGitBranch(targets, customEnvironmentIds) ? answers.gitBranch : undefined;
  const comment = answers.comment;
  const env: NewEnvVar = { key, value, type, targets, customEnvironmentIds, gitBranch, comment };
  assertNoProblem(keyProblem(key), valueProblem(value), targetsProblem(type, targets, gitBranch, customEnvironmentIds),
    comment === undefined ? undefined : commentProblem(comment));

  // No list request: the clash check uses the variables the tree already shows for this
  // project; when it shows none, the server's 403 ENV_ALREADY_EXISTS is the check.
  const clash = findClash(shownEnvs(services, at) ?? [], env);
  let upsert = false;
  if (clash) {
    await askOverwrite(key, at.project.name, environmentsText(clash, customs));
    upsert = true;
  }
  let saved: EnvVar | undefined;
  try {
    saved = await create(services, client, at, env, upsert, clash, customs);
  } catch (err) {
    // Not known here (or created meanwhile): the server says it exists. Ask, then overwrite.
    if (!upsert && err instanceof ApiError && err.hasCode('ENV_ALREADY_EXISTS')) {
      await askOverwrite(key, at.project.name);
      saved = await create(services, client, at, env, true, undefined, customs);
    } else {
      throw err;
    }
  }
  afterChange(services, at, vscode.l10n.t('Saved {0} in {1}.', key, at.project.name), saved && [{ put: saved }]);
  return env;
}

/** One POST; resolves to the variable as the server answered it, or undefined when it was only read back. */
async function create(services: Services, client: VercelClient, at: ProjectRef, env: NewEnvVar, upsert: boolean, clash: EnvVar | undefined,
  customs: readonly CustomEnvironment[]): Promise<EnvVar | undefined> {
  let saved: EnvVar | undefined;
  try {
    await writeVerified(services, {
      what: vscode.l10n.t('Saving {0}', env.key), verb: 'save',
      write: () => withCancellableProgress(vscode.l10n.t('Saving {0}…', env.key), async (signal) => {
        saved = await client.envs.create({ scope: at.scope, projectId: at.project.id }, env, upsert, signal);
      }),
      // Created (or, for an overwrite, updated since we listed it) with exactly these environments.
      happened: async () => (await client.listEnvs(at.scope, at.project.id)).some((e) => e.key === env.key
        && e.targets.length === env.targets.length && e.targets.every((t) => env.targets.includes(t))
        && sameIds(e.customEnvironmentIds, env.customEnvironmentIds ?? [])
        && (!clash || e.id !== clash.id || e.updatedAt !== clash.updatedAt)),
    });
  } catch (err) {
    if (err instanceof ApiError && err.hasCode('ENV_CONFLICT')) {
      throw new InputError(vscode.l10n.t(
        '{0} already exists in {1} for other environments, and Vercel overwrites a variable only when the environments match exactly. Use "Set Environment Variable Value…" on the existing variable, or pick the same environments.',
        env.key, at.project.name) + (clash ? ` (${environmentsOf(clash, customs).map(environmentName).join(', ')})` : ''));
    }
    throw err;
  }
  return saved;
}

async function askOverwrite(key: string, project: string, where?: string): Promise<void> {
  const overwrite = vscode.l10n.t('Overwrite');
  const choice = await confirm(
    vscode.l10n.t('{0} already exists in {1}. Overwrite?', key, project),
    vscode.l10n.t('It is set for {0}. Overwriting replaces its value for new deployments.', where ?? vscode.l10n.t('some of these environments')),
    overwrite);
  if (choice !== overwrite) throw new CancelledError();
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
