import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../../accounts/accountStore';
import { CancelledError } from '../../core/errors';
import type { SecretsApiClient } from '../../core/secretsApi/client';
import type { SecretSummary } from '../../core/secretsApi/models';
import { ApiSecretNode } from '../../tree/nodes/apiSecretNode';
import { SecretsApiProjectNode } from '../../tree/nodes/secretsApiProjectNode';
import type { Services } from '../command';

/** A project of a Secrets API connection, from its node or picked from the palette. */
export interface ApiProjectContext {
  readonly connection: SecretsApiConnection;
  readonly projectId: string;
  readonly client: SecretsApiClient;
}

export interface ApiSecretContext extends ApiProjectContext {
  readonly secret: SecretSummary;
}

export async function resolveApiProject(services: Services, node: unknown, connection: SecretsApiConnection): Promise<ApiProjectContext> {
  const client = await services.clients.secretsApiFor(connection);
  if (node instanceof SecretsApiProjectNode) return { connection, projectId: node.projectId, client };
  if (node instanceof ApiSecretNode) return { connection, projectId: node.parent.projectId, client };
  if (connection.projectIds.length === 0) {
    const add = vscode.l10n.t('Add Project…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} has no project yet.', connection.label), add);
    if (choice === add) await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', connection.id);
    throw new CancelledError();
  }
  const projectId = connection.projectIds.length === 1 ? connection.projectIds[0] : (await vscode.window.showQuickPick(
    connection.projectIds.map((id) => ({ label: id })), { title: vscode.l10n.t('Project'), placeHolder: vscode.l10n.t('Pick a project') }))?.label;
  if (!projectId) throw new CancelledError();
  return { connection, projectId, client };
}

export async function resolveApiSecret(services: Services, node: unknown, connection: SecretsApiConnection): Promise<ApiSecretContext> {
  const at = await resolveApiProject(services, node, connection);
  if (node instanceof ApiSecretNode) return { ...at, secret: node.secret };
  const secrets = await listWithProgress(at);
  if (secrets.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no secrets.', at.projectId));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(secrets.map((secret) => ({ label: secret.key, description: `••••${secret.lastFour}`, secret })),
    { title: vscode.l10n.t('Secret of {0}', at.projectId), placeHolder: vscode.l10n.t('Pick a secret') });
  if (!picked) throw new CancelledError();
  return { ...at, secret: picked.secret };
}

export function listWithProgress(at: ApiProjectContext): Thenable<SecretSummary[]> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading secrets…') },
    () => at.client.list(at.projectId));
}

/** After a change: reload that project's secrets (one request) and say what happened. */
export function afterApiChange({ tree }: Services, at: ApiProjectContext, message: string): void {
  const node = tree.find((n) => n instanceof SecretsApiProjectNode && n.account.id === at.connection.id && n.projectId === at.projectId);
  if (node) tree.refresh(node);
  void vscode.window.showInformationMessage(message);
}
