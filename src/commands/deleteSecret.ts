import * as vscode from 'vscode';
import { CancelledError, InputError } from '../core/errors';
import type { EnvTarget } from '../core/vercel/models';
import { afterChange } from './afterChange';
import type { VercelAccount } from '../accounts/accountStore';
import type { Command, Services } from './command';
import { dispatch } from './dispatch';
import { deleteApiSecret } from './secretsApi/flows';
import { confirm, targetLabel } from './envPrompts';
import { resolveEnv } from './pickers';
import { withCancellableProgress } from '../progress';
import { writeVerified } from './verify';

/**
 * "Delete…": a variable on several environments first asks which: one of them
 * only (PATCH its targets) or all; then a modal confirmation names what goes.
 */
export const deleteSecret: Command = {
  id: 'projectSecrets.deleteSecret',
  run(services, node?: unknown) {
    return dispatch(services, node, {
      vercel: (n, account) => deleteVercel(services, n, account),
      secretsApi: (n, connection) => deleteApiSecret(services, n, connection),
    });
  },
};

async function deleteVercel(services: Services, node: unknown, account?: VercelAccount): Promise<void> {
  const at = await resolveEnv(services, node, (env) => env.type !== 'system', account);
  if (at.env.type === 'system') throw new InputError(vscode.l10n.t('{0} is a system variable managed by Vercel.', at.env.key));
  const where = { scope: at.scope, projectId: at.project.id };
  const targets = at.env.targets;
  let only: EnvTarget | undefined;
  if (targets.length > 1) {
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('Delete from all environments'), description: targets.map(targetLabel).join(', '), target: undefined },
      ...targets.map((target) => ({
        label: vscode.l10n.t('Delete from {0} only', targetLabel(target)),
        description: vscode.l10n.t('keeps {0}', targets.filter((t) => t !== target).map(targetLabel).join(', ')),
        target,
      })),
    ], { title: vscode.l10n.t('Delete {0}', at.env.key), placeHolder: vscode.l10n.t('{0} is set for {1}', at.env.key, targets.map(targetLabel).join(', ')) });
    if (!picked) throw new CancelledError();
    only = picked.target;
  }
  const from = only ? targetLabel(only) : (targets.length ? targets.map(targetLabel).join(', ') : vscode.l10n.t('its environments'));
  const action = only ? vscode.l10n.t('Delete from {0}', targetLabel(only)) : vscode.l10n.t('Delete');
  await confirm(
    vscode.l10n.t('Delete {0} from {1}?', at.env.key, at.project.name),
    vscode.l10n.t('Environments: {0}. New deployments will not have it; this cannot be undone.', from),
    action);
  const keep = targets.filter((t) => t !== only);
  await writeVerified(services, {
    what: only ? vscode.l10n.t('Removing {0} from {1}', at.env.key, targetLabel(only)) : vscode.l10n.t('Deleting {0}', at.env.key),
    write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', at.env.key), async (signal) => {
      if (only) await at.client.envs.update(where, at.env.id, { targets: keep }, signal);
      else await at.client.envs.delete(where, at.env.id, signal);
    }),
    happened: async () => {
      const now = (await at.client.listEnvs(at.scope, at.project.id)).find((e) => e.id === at.env.id);
      return only ? now !== undefined && now.targets.length === keep.length && keep.every((t) => now.targets.includes(t)) : now === undefined;
    },
  });
  afterChange(services, at, only
    ? vscode.l10n.t('Removed {0} from {1} in {2}.', at.env.key, targetLabel(only), at.project.name)
    : vscode.l10n.t('Deleted {0} from {1}.', at.env.key, at.project.name));
}
