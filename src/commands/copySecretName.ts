import * as vscode from 'vscode';
import type { Command } from './command';
import { resolveEnv } from './pickers';

export const copySecretName: Command = {
  id: 'projectSecrets.copySecretName',
  async run(services, node?: unknown) {
    const at = await resolveEnv(services, node);
    await vscode.env.clipboard.writeText(at.env.key);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', at.env.key), 3000);
  },
};
