import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import { ApiError, CancelledError, InputError } from '../core/errors';
import { apiKeyProblem } from '../core/secretsApi/rules';
import { connectionOf } from '../tree/connectionNodes';
import type { Command, Services } from './command';
import { pickConnection } from './pickers';

/**
 * "Replace Token…": after a token was rejected (expired, revoked), paste a new one. It
 * is checked first and must belong to the same identity; other connections are untouched.
 */
export const replaceToken: Command = {
  id: 'projectSecrets.replaceToken',
  async run(services, node?: unknown) {
    const account = connectionOf(node) ?? await pickConnection(services, ['vercel', 'secretsApi', 'marketplace']);
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Replace Token of {0}', account.label), password: true, ignoreFocusOut: true,
      prompt: vscode.l10n.t('Paste the new token or API key. It is checked before it replaces the old one.'),
      validateInput: (text) => apiKeyProblem(text.trim()),
    });
    if (token === undefined) throw new CancelledError();
    const trimmed = token.trim();
    services.logger.addSecret(trimmed);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the new token…') },
      () => check(services, account, trimmed));
    await services.accounts.tokens.set(account.id, trimmed);
    services.tree.clearRejected(account.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Replaced the token of {0}.', account.label));
  },
};

async function check(services: Services, account: Account, token: string): Promise<void> {
  try {
    switch (account.kind) {
      case 'vercel': {
        const user = await services.clients.vercelForToken(token).getUser();
        if (user.id !== account.userId) {
          throw new InputError(vscode.l10n.t('This token belongs to {0}, not {1}. Add it as another account instead. Nothing was changed.', user.username, account.username));
        }
        return;
      }
      case 'marketplace':
        await services.clients.marketplaceForToken(token).listResources(account.configId);
        return;
      case 'secretsApi':
        // No identity call exists: a project of the connection is the check, when there is one.
        if (account.projectIds[0]) await services.clients.secretsApiForKey(new URL(account.baseUrl), token).list(account.projectIds[0]);
        return;
    }
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      throw new InputError(vscode.l10n.t('This token was rejected too (HTTP {0}). Nothing was changed.', err.status));
    }
    throw err;
  }
}
