import * as vscode from 'vscode';
import { ApiError, InputError } from '../../core/errors';
import { configIdProblem } from '../../core/marketplace/rules';
import { whenTokenRejected } from '../../core/tokenRejected';
import { credentialProblem } from '../../core/validation/credential';
import { input } from '../../platform/prompts';
import type { Command } from '../backend';
import { marketplaceClientForToken, type MarketplaceConnection } from './connection';

/** The problem with a pasted installation token, or undefined. */
export function installationTokenProblem(text: string): string | undefined {
  return credentialProblem(text.trim(), 'access token');
}

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
    const rawId = await input({
      title, placeHolder: 'icfg_…',
      prompt: vscode.l10n.t('Integration configuration id of the installation.'),
      validateInput: (text) => configIdProblem(text.trim()),
    });
    const configId = rawId.trim();
    const token = await input({
      title, password: true, placeHolder: vscode.l10n.t('Access token'),
      prompt: vscode.l10n.t('The installation\'s access token. It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      validateInput: installationTokenProblem,
    });
    logger.addSecret(token.trim());
    const product = await input({
      title, placeHolder: vscode.l10n.t('optional'),
      prompt: vscode.l10n.t('Product id or slug (optional). When set, secrets go through the older product-scoped endpoint.'),
    });
    const client = marketplaceClientForToken(clients, token.trim());
    const resources = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the installation with Vercel…') },
      () => client.listResources(configId).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          throw new InputError(vscode.l10n.t('Vercel knows no installation {0}. Nothing was saved.', configId));
        }
        return whenTokenRejected((status) => new InputError(vscode.l10n.t('Vercel rejected this token for {0} (HTTP {1}). Nothing was saved.', configId, status)))(err);
      }));
    const id = `marketplace:${configId}@${apiUrl.origin}`;
    const connection: MarketplaceConnection = {
      id, kind: 'marketplace', origin: apiUrl.origin, label: configId, configId, productIdOrSlug: product.trim() || undefined,
    };
    await accounts.add(connection, token.trim());
    tree.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Added installation {0} ({1} resources).', configId, resources.length));
  },
};
