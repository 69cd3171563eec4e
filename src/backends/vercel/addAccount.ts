import * as vscode from 'vscode';
import { rejectedStatus } from '../../core/tokenRejected';
import { credentialProblem } from '../../core/validation/credential';
import { checkedInput } from '../../platform/prompts';
import { revealConnection } from '../../tree/reveal';
import type { Command } from '../backend';
import { vercelAccountId, vercelClientForToken, type VercelAccount } from './account';

/** The problem with a pasted Vercel access token, or undefined. */
export function vercelTokenProblem(value: string): string | undefined {
  const token = value.trim();
  return credentialProblem(token, 'access token')
    ?? (token.length < 8 ? vscode.l10n.t('This is too short to be a Vercel access token.') : undefined);
}

/**
 * Asks for an access token, checks it with GET /v2/user while the box shows busy, and
 * only then stores it (SecretStorage) and the account (globalState). A refused token
 * stays in the box with the refusal shown, to be fixed in place.
 */
export const addVercelAccount: Command = {
  id: 'projectSecrets.addVercelAccount',
  async run({ accounts, clients, tree, treeView }) {
    const apiUrl = clients.vercelApiUrl();
    const { text: token, result: user } = await checkedInput({
      title: vscode.l10n.t('Add Vercel Account'),
      prompt: vscode.l10n.t('Paste a Vercel access token (create one at vercel.com/account/tokens). It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      placeHolder: vscode.l10n.t('Access token'),
      password: true,
      validateInput: vercelTokenProblem,
      check: (text) => vercelClientForToken(clients, text.trim()).getUser(),
      rejection: (err) => {
        const status = rejectedStatus(err);
        return status === undefined ? undefined : vscode.l10n.t(
          'Vercel rejected this token (HTTP {0}). Check that it is complete and not expired or revoked; nothing was saved.', status);
      },
    });
    const trimmed = token.trim();

    const id = vercelAccountId(apiUrl.origin, user.id);
    const existed = accounts.get(id) !== undefined;
    const account: VercelAccount = { id, kind: 'vercel', origin: apiUrl.origin, label: user.username, userId: user.id, username: user.username, email: user.email };
    await accounts.add(account, trimmed);
    // The store's change event redraws the root list; the other accounts keep what they loaded.
    // A replaced token reloads only its own account.
    const shown = existed ? tree.accountNode(id) : undefined;
    if (shown) tree.refresh(shown);
    await revealConnection(tree, treeView, id);
    void vscode.window.showInformationMessage(existed
      ? vscode.l10n.t('Updated the token of Vercel account {0}.', user.username)
      : vscode.l10n.t('Connected Vercel account {0}.', user.username));
  },
};
