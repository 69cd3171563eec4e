import * as vscode from 'vscode';
import type { Command } from './command';
import { resolveEnv } from './pickers';
import { AccountSecretNode } from '../tree/nodes/accountSecretNode';
import { dispatch } from './dispatch';
import { resolveApiSecret } from './secretsApi/target';

export const copySecretName: Command = {
  id: 'projectSecrets.copySecretName',
  run(services, node?: unknown) {
    if (node instanceof AccountSecretNode) return copy(node.secret.name);
    return dispatch(services, node, {
      vercel: async (n, account) => copy((await resolveEnv(services, n, undefined, account)).env.key),
      secretsApi: async (n, connection) => copy((await resolveApiSecret(services, n, connection)).secret.key),
    });
  },
};

async function copy(key: string): Promise<void> {
  await vscode.env.clipboard.writeText(key);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', key), 3000);
}
