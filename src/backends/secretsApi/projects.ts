import * as vscode from 'vscode';
import { ApiError, InputError } from '../../core/errors';
import { projectIdProblem } from '../../core/secretsApi/rules';
import { whenTokenRejected } from '../../core/tokenRejected';
import { input } from '../../platform/prompts';
import { pickConnection } from '../../commands/target';
import type { Command } from '../backend';
import { secretsApiClient, type SecretsApiConnection } from './connection';
import { SecretsApiConnectionNode } from './connectionNode';
import { SecretsApiProjectNode } from './projectNode';

/** "Add Project…": a project id, checked with one list request before it is remembered. */
export const addSecretsApiProject: Command = {
  id: 'projectSecrets.addSecretsApiProject',
  async run(services, node?: unknown) {
    const { accounts, clients, tree } = services;
    const byId = typeof node === 'string' ? accounts.get(node) : undefined;
    const connection = (node instanceof SecretsApiConnectionNode ? node.account
      : byId?.kind === 'secretsApi' ? byId : await pickConnection(services, (b) => b.kind === 'secretsApi')) as SecretsApiConnection;
    const projectId = await input({
      title: vscode.l10n.t('Add Project to {0}', connection.label), placeHolder: 'proj_…',
      prompt: vscode.l10n.t('Project id, as shown by the service.'),
      validateInput: (text) => projectIdProblem(text)
        ?? (connection.projectIds.includes(text.trim()) ? vscode.l10n.t('{0} is already in this connection.', text.trim()) : undefined),
    });
    const id = projectId.trim();
    const client = await secretsApiClient(clients, connection);
    const secrets = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}…', id) },
      () => client.list(id).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          throw new InputError(vscode.l10n.t('Project {0} was not found, or this API key is not scoped to it. Nothing was added.', id));
        }
        return whenTokenRejected((status) => new InputError(vscode.l10n.t(
          'The Secrets API rejected the API key of {0} (HTTP {1}). Nothing was added.', connection.label, status)))(err);
      }));
    const current = accounts.get(connection.id) as SecretsApiConnection | undefined;
    if (current?.kind !== 'secretsApi') return;
    const updated: SecretsApiConnection = { ...current, projectIds: [...current.projectIds, id] };
    await accounts.update(updated);
    tree.refresh(tree.accountNode(connection.id));
    void vscode.window.showInformationMessage(secrets.length === 1 ? vscode.l10n.t('Added project {0} (1 secret).', id) : vscode.l10n.t('Added project {0} ({1} secrets).', id, secrets.length));
  },
};

/** "Remove Project": forgets the project id on this machine; its secrets are untouched. */
export const removeSecretsApiProject: Command = {
  id: 'projectSecrets.removeSecretsApiProject',
  async run({ accounts, tree }, node?: unknown) {
    if (!(node instanceof SecretsApiProjectNode)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Right-click a Secrets API project in the Secrets view to remove it.'));
      return;
    }
    const current = accounts.get(node.connection.id) as SecretsApiConnection | undefined;
    if (current?.kind !== 'secretsApi') return;
    const updated: SecretsApiConnection = { ...current, projectIds: current.projectIds.filter((id) => id !== node.projectId) };
    await accounts.update(updated);
    tree.refresh(tree.accountNode(current.id));
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0} from {1}. Its secrets were not changed.', node.projectId, current.label));
  },
};
