import * as vscode from 'vscode';
import { describeSecretsApiError } from '../../core/secretsApi/messages';
import { secretsApiService } from '../../core/secretsApi/client';
import { apiKeyProblem } from '../../core/secretsApi/rules';
import type { Backend } from '../backend';
import { addSecretsApiConnection } from './addConnection';
import { secretsApiClientForKey, type SecretsApiConnection } from './connection';
import { SecretsApiConnectionNode } from './connectionNode';
import { addSecretsApiProject, removeSecretsApiProject } from './projects';

/** A generic per-project Secrets API (seed 002): write-only values, projects added by id. */
export const secretsApiBackend: Backend = {
  kind: 'secretsApi',
  kindLabel: vscode.l10n.t('Secrets API connection'),
  connect: { command: 'projectSecrets.addSecretsApiConnection', title: vscode.l10n.t('Add Secrets API Connection') },
  holds: ['secret'],
  createRoot: (connection) => new SecretsApiConnectionNode(connection as SecretsApiConnection),
  tokenProblem: (token) => apiKeyProblem(token.trim()),
  async checkToken({ clients }, connection, token) {
    const { baseUrl, projectIds } = connection as SecretsApiConnection;
    // No identity call exists: a project of the connection is the check, when there is one.
    if (projectIds[0]) await secretsApiClientForKey(clients, new URL(baseUrl), token).list(projectIds[0]);
  },
  service: secretsApiService,
  describeError: describeSecretsApiError,
  commands: [addSecretsApiConnection, addSecretsApiProject, removeSecretsApiProject],
};
