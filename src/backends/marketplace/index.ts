import * as vscode from 'vscode';
import type { Backend } from '../backend';
import { addMarketplaceInstallation, installationTokenProblem } from './addInstallation';
import { marketplaceClientForToken, type MarketplaceConnection } from './connection';
import { importDotenvToResource } from './importDotenv';
import { InstallationNode } from './installationNode';
import { PushLog } from './pushLog';
import { replaceAllResourceSecrets, updateResourceSecrets } from './resourceCommands';

/** Vercel Marketplace installations, for integration partners: push (write-only) secrets to resources. */
export const marketplaceBackend: Backend = {
  kind: 'marketplace',
  kindLabel: vscode.l10n.t('Vercel Marketplace installation'),
  connect: { command: 'projectSecrets.addMarketplaceInstallation', title: vscode.l10n.t('Add Vercel Marketplace Installation') },
  remove: 'projectSecrets.removeInstallation',
  holds: ['resource'],
  createRoot: (connection) => new InstallationNode(connection as MarketplaceConnection),
  tokenProblem: installationTokenProblem,
  async checkToken({ clients }, connection, token) {
    await marketplaceClientForToken(clients, token).listResources((connection as MarketplaceConnection).configId);
  },
  forget: ({ globalState }, connection) => new PushLog(globalState).forget(connection.id),
  commands: [addMarketplaceInstallation, updateResourceSecrets, replaceAllResourceSecrets, importDotenvToResource],
};
