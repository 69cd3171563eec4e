import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import type { VercelAccount } from '../accounts/accountStore';
import type { Command, Services } from './command';
import { dispatch } from './dispatch';
import { resolveEnv } from './pickers';

/** "Copy Value": one decrypted read, to the clipboard, cleared again after a while. */
export const copySecretValue: Command = {
  id: 'projectSecrets.copySecretValue',
  run(services, node?: unknown) {
    return dispatch(services, node, {
      vercel: (n, account) => copyVercelValue(services, n, account),
      secretsApi: () => Promise.reject(new InputError(vscode.l10n.t(
        'The Secrets API never returns values, only their last four characters, so there is nothing to copy. Use "Set Value…" to replace one.'))),
    });
  },
};

async function copyVercelValue(services: Services, node: unknown, account?: VercelAccount): Promise<void> {
  const at = await resolveEnv(services, node, (env) => env.type !== 'sensitive' && env.type !== 'system', account);
  if (at.env.type === 'system') {
    throw new InputError(vscode.l10n.t('{0} is a system variable: Vercel computes it for each deployment, so there is no stored value to copy.', at.env.key));
  }
  if (at.env.type === 'sensitive') throw writeOnly(at.env.key);
  const { value } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', at.env.key) },
    () => at.client.envs.readValue({ scope: at.scope, projectId: at.project.id }, at.env.id));
  if (value === undefined) throw writeOnly(at.env.key);
  services.logger.addSecret(value);
  const seconds = await services.clipboard.copySecret(value);
  vscode.window.setStatusBarMessage(seconds
    ? vscode.l10n.t('Copied the value of {0}; the clipboard is cleared in {1} s.', at.env.key, seconds)
    : vscode.l10n.t('Copied the value of {0}.', at.env.key), 5000);
}

function writeOnly(key: string): InputError {
  return new InputError(vscode.l10n.t('{0} is sensitive: Vercel never returns its value, so there is nothing to copy. Use "Set Value…" to replace it.', key));
}
