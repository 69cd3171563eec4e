import * as vscode from 'vscode';
import { ApiError, CancelledError, InputError } from '../core/errors';
import { configIdProblem } from '../core/marketplace/rules';
import type { Command } from './command';

/**
 * For integration partners: an installation id (`icfg_…`), its access token
 * (password box → SecretStorage) and optionally a product; checked by listing the
 * installation's resources before anything is stored.
 */
export const addMarketplaceInstallation: Command = {
  id: 'projectSecrets.addMarketplaceInstallation',
  async run({ accounts, clients, tree, logger }) {
    const title = vscode.l10n.t('Add Vercel Marketplace Installation');
    const apiUrl = clients.vercelApiUrl();
    const rawId = await vscode.window.showInputBox({
      title, ignoreFocusOut: true, placeHolder: 'icfg_…',
      prompt: vscode.l10n.t('Integration configuration id of the installation.'),
      validateInput: (text) => configIdProblem(text.trim()),
    });
    if (rawId === undefined) throw new CancelledError();
    const configId = rawId.trim();
    const token = await vscode.window.showInputBox({
      title, password: true, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Access token'),
      prompt: vscode.l10n.t('The installation\'s access token. It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      validateInput: (text) => (text.trim() ? (/\s/.test(text.trim()) ? vscode.l10n.t('A token has no spaces.') : undefined) : vscode.l10n.t('Paste the access token.')),
    });
    if (token === undefined) throw new CancelledError();
    logger.addSecret(token.trim());
    const product = await vscode.window.showInputBox({
      title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('optional'),
      prompt: vscode.l10n.t('Product id or slug (optional). When set, secrets go through the older product-scoped endpoint.'),
    });
    if (product === undefined) throw new CancelledError();
    const client = clients.marketplaceForToken(token.trim());
    const resources = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the installation with Vercel…') },
      () => client.listResources(configId).catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          throw new InputError(vscode.l10n.t('Vercel rejected this token for {0} (HTTP {1}). Nothing was saved.', configId, err.status));
        }
        if (err instanceof ApiError && err.status === 404) {
          throw new InputError(vscode.l10n.t('Vercel knows no installation {0}. Nothing was saved.', configId));
        }
        throw err;
      }));
    const id = `marketplace:${configId}@${apiUrl.origin}`;
    await accounts.add({
      id, kind: 'marketplace', origin: apiUrl.origin, label: configId, configId, productIdOrSlug: product.trim() || undefined,
    }, token.trim());
    tree.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Added installation {0} ({1} resources).', configId, resources.length));
  },
};
