import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { Backend } from '../backend';
import { vercelClientForToken, type VercelAccount } from './account';
import { addAccountSecret, deleteAccountSecret, renameAccountSecret, showEnvironmentVariables } from './accountSecrets/commands';
import { AccountNode } from './accountNode';
import { addVercelAccount, vercelTokenProblem } from './addAccount';
import { compareCommands } from './compare/commands';
import { customEnvironmentCommands } from './customEnvironmentCommands';
import { redeploy } from './deploy/redeploy';
import { UndeployedChanges } from './deploy/undeployed';
import { acceptPull, cancelPull, pullDotenv } from './dotenv/pull';
import { findVariable } from './find/findCommand';
import {
  addSharedVariables, deleteSharedVariable, linkSharedVariable, openVercelDashboard, renameSharedVariable, setSharedVariableValue, unlinkSharedVariable,
} from './sharedVariables/commands';

/** Vercel accounts: projects' environment variables, and the scopes' legacy account secrets. */
export const vercelBackend: Backend = {
  kind: 'vercel',
  kindLabel: vscode.l10n.t('Vercel account'),
  connect: { command: 'projectSecrets.addVercelAccount', title: vscode.l10n.t('Add Vercel Account') },
  remove: 'projectSecrets.removeAccount',
  holds: ['secret', 'accountSecret', 'sharedVariable'],
  createRoot: (connection) => new AccountNode(connection as VercelAccount),
  tokenProblem: vercelTokenProblem,
  async checkToken({ clients }, connection, token) {
    const account = connection as VercelAccount;
    const user = await vercelClientForToken(clients, token).getUser();
    if (user.id !== account.userId) {
      throw new InputError(vscode.l10n.t('This token belongs to {0}, not {1}. Add it as another account instead. Nothing was changed.', user.username, account.username));
    }
  },
  commands: [addVercelAccount, addAccountSecret, renameAccountSecret, deleteAccountSecret, showEnvironmentVariables, ...customEnvironmentCommands,
    addSharedVariables, setSharedVariableValue, renameSharedVariable, deleteSharedVariable, linkSharedVariable, unlinkSharedVariable, openVercelDashboard,
    pullDotenv, acceptPull, cancelPull, ...compareCommands, findVariable, redeploy],
  start: (services) => new UndeployedChanges(services.clients, services.treeView),
};
