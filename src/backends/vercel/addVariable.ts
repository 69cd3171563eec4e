import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../../core/errors';
import { assertNoProblem } from '../../core/validation/problems';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from '../../core/vercel/envRules';
import { findClash } from '../../core/vercel/envList';
import type { NewEnvVar } from '../../core/vercel/envWriter';
import type { EnvVar } from '../../core/vercel/models';
import type { VercelClient } from '../../core/vercel/client';
import { withCancellableProgress } from '../../platform/progress';
import { confirm } from '../../platform/prompts';
import { writeVerified } from '../../platform/verifiedWrite';
import type { Services } from '../backend';
import { vercelClient } from './account';
import { promptComment, promptGitBranch, promptKey, promptTargets, promptType, promptValue, targetLabel } from './envPrompts';
import { afterChange, shownEnvs, type ProjectRef } from './target';

/** "Add Secret…" on a project: key, value, type, environments, branch, comment; then one POST. */
export async function addVariable(services: Services, at: ProjectRef): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Add Secret to {0}', at.project.name);
  const key = await promptKey(title);
  const value = await promptValue(title, key, (v) => services.logger.addSecret(v));
  const type = await promptType(title, at.scope);
  const targets = await promptTargets(title, type);
  const gitBranch = await promptGitBranch(title, targets);
  const comment = await promptComment(title);
  const env: NewEnvVar = { key, value, type, targets, gitBranch, comment };
  assertNoProblem(keyProblem(key), valueProblem(value), targetsProblem(type, targets, gitBranch), comment === undefined ? undefined : commentProblem(comment));

  // No list request: the clash check uses the variables the tree already shows for this
  // project; when it shows none, the server's 403 ENV_ALREADY_EXISTS is the check.
  const clash = findClash(shownEnvs(services, at) ?? [], env);
  let upsert = false;
  if (clash) {
    await askOverwrite(key, at.project.name, clash);
    upsert = true;
  }
  let saved: EnvVar | undefined;
  try {
    saved = await create(services, client, at, env, upsert, clash);
  } catch (err) {
    // Not known here (or created meanwhile): the server says it exists. Ask, then overwrite.
    if (!upsert && err instanceof ApiError && err.hasCode('ENV_ALREADY_EXISTS')) {
      await askOverwrite(key, at.project.name);
      saved = await create(services, client, at, env, true, undefined);
    } else {
      throw err;
    }
  }
  afterChange(services, at, vscode.l10n.t('Saved {0} in {1}.', key, at.project.name), saved && [{ put: saved }]);
}

/** One POST; resolves to the variable as the server answered it, or undefined when it was only read back. */
async function create(services: Services, client: VercelClient, at: ProjectRef, env: NewEnvVar, upsert: boolean, clash: EnvVar | undefined): Promise<EnvVar | undefined> {
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
        && (!clash || e.id !== clash.id || e.updatedAt !== clash.updatedAt)),
    });
  } catch (err) {
    if (err instanceof ApiError && err.hasCode('ENV_CONFLICT')) {
      throw new InputError(vscode.l10n.t(
        '{0} already exists in {1} for other environments, and Vercel overwrites a variable only when the environments match exactly. Use "Set Value…" on the existing variable, or pick the same environments.',
        env.key, at.project.name));
    }
    throw err;
  }
  return saved;
}

async function askOverwrite(key: string, project: string, clash?: EnvVar): Promise<void> {
  const overwrite = vscode.l10n.t('Overwrite');
  const where = clash ? clash.targets.map(targetLabel).join(', ') : vscode.l10n.t('some of these environments');
  const choice = await confirm(
    vscode.l10n.t('{0} already exists in {1}. Overwrite?', key, project),
    vscode.l10n.t('It is set for {0}. Overwriting replaces its value for new deployments.', where),
    overwrite);
  if (choice !== overwrite) throw new CancelledError();
}
