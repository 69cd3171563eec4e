import * as vscode from 'vscode';
import type { Command } from '../backends/backend';
import { InputError } from '../core/errors';
import { whenTokenRejected } from '../core/tokenRejected';
import { input } from '../platform/prompts';
import { connectionOf, pickConnection, selectedConnection } from './target';

/**
 * "Replace Token…": after a token was rejected (expired, revoked), paste a new one. Its
 * backend checks it first (same identity); other connections are untouched.
 */
export const replaceToken: Command = {
  id: 'projectSecrets.replaceToken',
  async run(services, node?: unknown) {
    const account = connectionOf(node) ?? (node === undefined ? selectedConnection(services, () => true) : undefined)
      ?? await pickConnection(services, () => true);
    const backend = services.backends.of(account);
    const token = await input({
      title: vscode.l10n.t('Replace Token of {0}', account.label), password: true,
      prompt: vscode.l10n.t('Paste the new token or API key. It is checked before it replaces the old one.'),
      validateInput: (text) => backend.tokenProblem(text.trim()),
    });
    const trimmed = token.trim();
    services.logger.addSecret(trimmed);
    const problem = backend.tokenProblem(trimmed);
    if (problem) throw new InputError(problem);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the new token…') },
      () => backend.checkToken(services, account, trimmed).catch(whenTokenRejected((status) =>
        new InputError(vscode.l10n.t('This token was rejected too (HTTP {0}). Nothing was changed.', status)))));
    await services.accounts.replaceToken(account.id, trimmed);
    services.tree.clearRejected(account.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Replaced the token of {0}.', account.label));
  },
};
