import * as vscode from 'vscode';
import { ApiError, InputError } from '../../core/errors';
import { configIdProblem } from '../../core/marketplace/rules';
import { rejectedStatus } from '../../core/tokenRejected';
import { credentialProblem } from '../../core/validation/credential';
import { checkedInput, input } from '../../platform/prompts';
import type { Command } from '../backend';
import { marketplaceClientForToken, type MarketplaceConnection } from './connection';

/** The problem with a pasted installation token, or undefined. */
export function installationTokenProblem(text: string): string | undefined {
  return credentialProblem(text.trim(), 'access token');
}

/**
 * For integration partners: an installation id (`icfg_…`), its access token
 * (password box → SecretStorage) and optionally a product. The token is checked by
 * listing the installation's resources while its box shows busy, before anything is
 * stored; a refused token stays in the box with the refusal shown.
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
    const { text: token, result: resources } = await checkedInput({
      title, password: true, placeHolder: vscode.l10n.t('Access token'),
      prompt: vscode.l10n.t('The installation\'s access token. It is checked against {0} and kept in VS Code\'s secret storage.', apiUrl.host),
      validateInput: installationTokenProblem,
      // The product only picks the endpoint for writes: listing resources checks id and token.
      check: (text) => marketplaceClientForToken(clients, text.trim()).listResources(configId).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          throw new InputError(vscode.l10n.t('Vercel knows no installation {0}. Nothing was saved.', configId));
        }
        throw err;
      }),
      rejection: (err) => {
        const status = rejectedStatus(err);
        return status === undefined ? undefined : vscode.l10n.t('Vercel rejected this token for {0} (HTTP {1}). Nothing was saved.', configId, status);
      },
    });
    logger.addSecret(token.trim());
    const product = await input({
      title, placeHolder: vscode.l10n.t('optional'),
      prompt: vscode.l10n.t('Product id or slug (optional). When set, secrets go through the older product-scoped endpoint.'),
    });
    const id = `marketplace:${configId}@${apiUrl.origin}`;
    const connection: MarketplaceConnection = {
      id, kind: 'marketplace', origin: apiUrl.origin, label: configId, configId, productIdOrSlug: product.trim() || undefined,
    };
    await accounts.add(connection, token.trim());
    tree.refresh();
    void vscode.window.showInformationMessage(resources.length === 1 ? vscode.l10n.t('Added installation {0} (1 resource).', configId) : vscode.l10n.t('Added installation {0} ({1} resources).', configId, resources.length));
  },
};
