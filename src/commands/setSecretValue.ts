import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import { assertValid, valueProblem } from '../core/vercel/envRules';
import { afterChange } from './afterChange';
import type { VercelAccount } from '../accounts/accountStore';
import type { Command, Services } from './command';
import { dispatch } from './dispatch';
import { setApiSecretValue } from './secretsApi/flows';
import { promptValue } from './envPrompts';
import { resolveEnv } from './pickers';
import { withCancellableProgress } from '../progress';
import { writeVerified } from './verify';

/** "Set Value…" on a variable: a new value, same key, type and environments (one PATCH). */
export const setSecretValue: Command = {
  id: 'projectSecrets.setSecretValue',
  run(services, node?: unknown) {
    return dispatch(services, node, {
      vercel: (n, account) => setVercelValue(services, n, account),
      secretsApi: (n, connection) => setApiSecretValue(services, n, connection),
    });
  },
};

async function setVercelValue(services: Services, node: unknown, account?: VercelAccount): Promise<void> {
  const at = await resolveEnv(services, node, (env) => env.type !== 'system', account);
  if (at.env.type === 'system') throw new InputError(vscode.l10n.t('{0} is a system variable managed by Vercel.', at.env.key));
  const value = await promptValue(vscode.l10n.t('New value of {0}', at.env.key), at.env.key);
  services.logger.addSecret(value);
  assertValid(valueProblem(value));
  await writeVerified(services, {
    what: vscode.l10n.t('Saving the value of {0}', at.env.key),
    write: () => withCancellableProgress(vscode.l10n.t('Saving {0}…', at.env.key),
      (signal) => at.client.envs.update({ scope: at.scope, projectId: at.project.id }, at.env.id, { value }, signal)),
    happened: async () => (await at.client.listEnvs(at.scope, at.project.id))
      .some((e) => e.id === at.env.id && e.updatedAt !== at.env.updatedAt),
  });
  afterChange(services, at, vscode.l10n.t('Updated the value of {0} in {1}.', at.env.key, at.project.name));
}
