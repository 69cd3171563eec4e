import * as vscode from 'vscode';
import type { ResourceSecret } from '../../core/marketplace/client';
import { InstallationNode } from '../../tree/nodes/installationNode';
import type { Services } from '../command';
import type { ResourceContext } from './target';

/** Sends one PUT, remembers the names (not values) and tells the user what happens next. */
export async function push(services: Services, at: ResourceContext, secrets: readonly ResourceSecret[], partial: boolean): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0} secret(s) to {1}…', secrets.length, at.resource.name) },
    () => at.client.updateSecrets(at.connection.configId, at.resource.id, secrets, { partial, productIdOrSlug: at.connection.productIdOrSlug }));
  await services.pushLog.record(at.connection.id, at.resource.id, {
    names: secrets.map((s) => s.name), at: Date.now(), mode: partial ? 'partial' : 'replace',
  });
  const node = services.tree.find((n) => n instanceof InstallationNode && n.account.id === at.connection.id);
  if (node) services.tree.refresh(node);
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'Updated {0} secret(s) of {1}. Connected projects keep the old values until they are redeployed.', secrets.length, at.resource.name));
}
