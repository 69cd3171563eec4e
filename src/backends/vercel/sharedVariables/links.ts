import * as vscode from 'vscode';
import { InputError } from '../../../core/errors';
import type { SharedEnvVar } from '../../../core/vercel/sharedEnv';
import { withCancellableProgress } from '../../../platform/progress';
import { ask } from '../../../platform/steps';
import { writeVerified } from '../../../platform/verifiedWrite';
import type { Services } from '../../backend';
import { vercelClient } from '../account';
import { afterSharedWrite, update, type SharedVariablesRef } from './actions';
import { pickTeamProjects } from './pickProjects';

/** "Link to Projects…": pick projects not linked yet; one `PATCH /v1/env` with `projectIdUpdates.link`. */
export async function linkSharedVariable(services: Services, at: SharedVariablesRef, env: SharedEnvVar): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  const title = vscode.l10n.t('Link {0} to Projects', env.key);
  const projects = await ask(title, (prompter) => pickTeamProjects(prompter, client, at.scope, [], env.projectIds, vscode.l10n.t('Projects that get {0}', env.key)));
  if (projects.length === 0) throw new InputError(vscode.l10n.t('Pick at least one project to link. Nothing was changed.'));
  const ids = projects.map((p) => p.id);
  const names = projects.map((p) => p.name).join(', ');
  await update(services, at, env, { link: ids }, vscode.l10n.t('Linking {0} to {1}', env.key, names), 'save',
    async () => (await client.shared.listAll(at.scope)).some((e) => e.id === env.id && ids.every((id) => e.projectIds.includes(id))),
    vscode.l10n.t('Linked shared variable {0} to {1}.', env.key, names), ids);
}

/**
 * "Unlink from Project…": pick one linked project (or the project of the row it was invoked
 * on); one `PATCH /v1/env/{id}/unlink/{projectId}`.
 */
export async function unlinkSharedVariable(services: Services, at: SharedVariablesRef, env: SharedEnvVar, projectId?: string): Promise<void> {
  const client = await vercelClient(services.clients, at.account);
  if (env.projectIds.length === 0) throw new InputError(vscode.l10n.t('{0} is not linked to any project.', env.key));
  const names = at.projectNames();
  const chosen = projectId ?? (env.projectIds.length === 1 ? env.projectIds[0] : (await ask(vscode.l10n.t('Unlink {0}', env.key), (prompter) => prompter.pick({
    items: env.projectIds.map((id) => ({ label: names.get(id) ?? id, description: names.has(id) ? id : undefined, id })),
    placeHolder: vscode.l10n.t('Project that no longer gets {0}', env.key),
  }))).id);
  const name = names.get(chosen) ?? chosen;
  let done = false;
  await writeVerified(services, {
    what: vscode.l10n.t('Unlinking {0} from {1}', env.key, name), verb: 'remove',
    write: () => withCancellableProgress(vscode.l10n.t('Unlinking {0}…', env.key), async (signal) => {
      await client.shared.unlink(at.scope, env.id, chosen, signal);
      done = true;
    }),
    happened: async () => (await client.shared.listAll(at.scope)).some((e) => e.id === env.id && !e.projectIds.includes(chosen)),
  });
  // The unlink answer is only `{id}`: the new links are the old ones without this project.
  afterSharedWrite(services, at, vscode.l10n.t('Unlinked shared variable {0} from {1}.', env.key, name),
    done ? { put: [{ ...env, projectIds: env.projectIds.filter((id) => id !== chosen) }] } : undefined, [chosen]);
}
