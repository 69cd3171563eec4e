import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { whenTokenRejected } from '../../core/tokenRejected';
import { credentialProblem } from '../../core/validation/credential';
import { input } from '../../platform/prompts';
import type { Command } from '../backend';
import { vercelAccountId, vercelClientForToken, type VercelAccount } from './account';

/** The problem with a pasted Vercel access token, or undefined. */
export function vercelTokenProblem(value: string): string | undefined {
  const token = value.trim();
  return credentialProblem(token, 'access token')
    ?? (token.length < 8 ? vscode.l10n.t('This is too short to be a Vercel access token.') : undefined);
}

/**
 * Asks for an access token, checks it with GET /v2/user, and only then stores it
 * (SecretStorage) and the account (globalState).
 */
export const addVercelAccount: Command = {
  id: 'projectSecrets.addVercelAccount',
  async run({ accounts, clients, tree, treeView }) {
    const apiUrl = clients.vercelApiUrl();
    const token = await input({
      title: vscode.l10n.t('Add Vercel Account'),
      prompt: vscode.l10n.t('Paste a Vercel access token (create one at vercel.com/account/tokens). It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      placeHolder: vscode.l10n.t('Access token'),
      password: true,
      validateInput: vercelTokenProblem,
    });
    const trimmed = token.trim();
    const problem = vercelTokenProblem(trimmed);
    if (problem) throw new InputError(problem);

    const client = vercelClientForToken(clients, trimmed);
    const user = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Vercel…'), cancellable: false },
      () => client.getUser().catch(whenTokenRejected((status) => new InputError(vscode.l10n.t(
        'Vercel rejected this token (HTTP {0}). Check that it is complete and not expired or revoked; nothing was saved.', status)))));

    const id = vercelAccountId(apiUrl.origin, user.id);
    const existed = accounts.get(id) !== undefined;
    const account: VercelAccount = { id, kind: 'vercel', origin: apiUrl.origin, label: user.username, userId: user.id, username: user.username, email: user.email };
    await accounts.add(account, trimmed);
    tree.refresh();
    const node = tree.accountNode(id);
    if (node) await treeView.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    void vscode.window.showInformationMessage(existed
      ? vscode.l10n.t('Updated the token of Vercel account {0}.', user.username)
      : vscode.l10n.t('Connected Vercel account {0}.', user.username));
  },
};
