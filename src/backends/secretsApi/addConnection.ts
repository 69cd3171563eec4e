import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { apiKeyProblem, parseSecretsApiUrl } from '../../core/secretsApi/rules';
import { rejectedStatus } from '../../core/tokenRejected';
import { runSteps } from '../../platform/steps';
import { revealConnection } from '../../tree/reveal';
import type { Command } from '../backend';
import { secretsApiClientForKey, type SecretsApiConnection } from './connection';

/**
 * A Secrets API connection: base URL, API key (password box → SecretStorage) and a
 * label. The key is checked with one request while its box shows busy
 * (`SecretsApiClient.checkKey`); a refused key stays in the box with the refusal shown,
 * and nothing is stored until it passes.
 */
export const addSecretsApiConnection: Command = {
  id: 'projectSecrets.addSecretsApiConnection',
  async run({ accounts, clients, logger, tree, treeView }) {
    const title = vscode.l10n.t('Add Secrets API Connection');
    const answers = await runSteps<{ url?: string; apiKey?: string; label?: string }>(title, {}, (s) => [
      async (ask) => {
        s.url = await ask.inputBox({
          placeHolder: 'https://secrets.example.com', value: s.url,
          prompt: vscode.l10n.t('Base URL of the Secrets API (https://, or http:// on localhost). It is stored with this connection, never taken from workspace settings.'),
          validateInput: (text) => urlProblem(text),
        });
      },
      async (ask) => {
        const baseUrl = parseSecretsApiUrl(s.url!);
        const { text } = await ask.checkedBox({
          password: true, placeHolder: vscode.l10n.t('API key'),
          prompt: vscode.l10n.t('API key for {0}. It is kept in VS Code\'s secret storage and sent only to {1}.', baseUrl.host, baseUrl.origin),
          validateInput: (key) => apiKeyProblem(key.trim()),
          check: (key) => secretsApiClientForKey(clients, baseUrl, key.trim()).checkKey(),
          rejection: (err) => {
            const status = rejectedStatus(err);
            return status === undefined ? undefined : vscode.l10n.t(
              'The Secrets API at {0} rejected this API key (HTTP {1}). Check that it is complete and not revoked; nothing was saved.', baseUrl.host, status);
          },
        });
        s.apiKey = text;
        logger.addSecret(text.trim());
      },
      async (ask) => {
        s.label = await ask.inputBox({
          value: s.label ?? new URL(s.url!).host,
          prompt: vscode.l10n.t('A name for this connection in the tree.'),
          validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter a name.')),
        });
      },
    ]);
    const baseUrl = parseSecretsApiUrl(answers.url!);
    const apiKey = answers.apiKey!;
    const label = answers.label!;
    const href = baseUrl.href.replace(/\/+$/, '');
    const connection: SecretsApiConnection = {
      id: `secretsApi:${randomUUID()}`, kind: 'secretsApi', origin: baseUrl.origin, label: label.trim(), baseUrl: href, projectIds: [],
    };
    await accounts.add(connection, apiKey.trim());
    await revealConnection(tree, treeView, connection.id);
    const addProject = vscode.l10n.t('Add Project…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Added {0}. The Secrets API cannot list projects: add them by id.', label.trim()), addProject);
    if (choice === addProject) {
      await vscode.commands.executeCommand('projectSecrets.addSecretsApiProject', connection.id);
    }
  },
};

function urlProblem(text: string): string | undefined {
  try {
    parseSecretsApiUrl(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
