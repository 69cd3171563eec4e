import * as vscode from 'vscode';
import type { SecretsApiConnection } from '../accounts/accountStore';
import { ApiError, CancelledError, InputError } from '../core/errors';
import { projectIdProblem } from '../core/secretsApi/rules';
import { SecretsApiConnectionNode } from '../tree/nodes/secretsApiConnectionNode';
import type { Command } from './command';
import { pickConnection } from './pickers';

/** "Add Project…": a project id, checked with one list request before it is remembered. */
export const addSecretsApiProject: Command = {
  id: 'projectSecrets.addSecretsApiProject',
  async run(services, node?: unknown) {
    const { accounts, clients, tree } = services;
    const byId = typeof node === 'string' ? accounts.get(node) : undefined;
    const connection = (node instanceof SecretsApiConnectionNode ? node.account
      : byId?.kind === 'secretsApi' ? byId : await pickConnection(services, ['secretsApi'])) as SecretsApiConnection;
    const projectId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Project to {0}', connection.label), ignoreFocusOut: true, placeHolder: 'proj_…',
      prompt: vscode.l10n.t('Project id, as shown by the service.'),
      validateInput: (text) => projectIdProblem(text)
        ?? (connection.projectIds.includes(text.trim()) ? vscode.l10n.t('{0} is already in this connection.', text.trim()) : undefined),
    });
    if (projectId === undefined) throw new CancelledError();
    const id = projectId.trim();
    const client = await clients.secretsApiFor(connection);
    const secrets = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}…', id) },
      () => client.list(id).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          throw new InputError(vscode.l10n.t('Project {0} was not found, or this API key is not scoped to it. Nothing was added.', id));
        }
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          throw new InputError(vscode.l10n.t('The Secrets API rejected the API key of {0} (HTTP {1}). Nothing was added.', connection.label, err.status));
        }
        throw err;
      }));
    const current = accounts.get(connection.id);
    if (current?.kind !== 'secretsApi') return;
    await accounts.update({ ...current, projectIds: [...current.projectIds, id] });
    tree.refresh(tree.accountNode(connection.id));
    void vscode.window.showInformationMessage(vscode.l10n.t('Added project {0} ({1} secrets).', id, secrets.length));
  },
};
