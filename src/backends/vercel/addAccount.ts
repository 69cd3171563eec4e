import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../core/errors';
import { vercelAccountId } from '../accounts/accountStore';
import type { Command } from './command';

/**
 * Asks for an access token, checks it with GET /v2/user, and only then stores it
 * (SecretStorage) and the account (globalState).
 */
export const addVercelAccount: Command = {
  id: 'projectSecrets.addVercelAccount',
  async run({ accounts, clients, tree, treeView }) {
    const apiUrl = clients.vercelApiUrl();
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Vercel Account'),
      prompt: vscode.l10n.t('Paste a Vercel access token (create one at vercel.com/account/tokens). It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      placeHolder: vscode.l10n.t('Access token'),
      password: true,
      ignoreFocusOut: true,
      validateInput: validateToken,
    });
    if (token === undefined) throw new CancelledError();
    const trimmed = token.trim();
    const problem = validateToken(trimmed);
    if (problem) throw new InputError(problem);

    const client = clients.vercelForToken(trimmed);
    const user = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Vercel…'), cancellable: false },
      () => client.getUser().catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          throw new InputError(vscode.l10n.t('Vercel rejected this token (HTTP {0}). Check that it is complete and not expired or revoked; nothing was saved.', err.status));
        }
        throw err;
      }));

    const id = vercelAccountId(apiUrl.origin, user.id);
    const existed = accounts.get(id) !== undefined;
    await accounts.add({ id, kind: 'vercel', origin: apiUrl.origin, label: user.username, userId: user.id, username: user.username, email: user.email }, trimmed);
    tree.refresh();
    const node = tree.accountNode(id);
    if (node) await treeView.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    void vscode.window.showInformationMessage(existed
      ? vscode.l10n.t('Updated the token of Vercel account {0}.', user.username)
      : vscode.l10n.t('Connected Vercel account {0}.', user.username));
  },
};

function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (!token) return vscode.l10n.t('Paste an access token.');
  if (/\s/.test(token)) return vscode.l10n.t('A token has no spaces or line breaks: paste just the token.');
  if (token.length < 8) return vscode.l10n.t('This is too short to be a Vercel access token.');
  return undefined;
}
