import { addAccountSecret } from './addAccountSecret';
import { addMarketplaceInstallation } from './addMarketplaceInstallation';
import { addSecretsApiConnection } from './addSecretsApiConnection';
import { addSecretsApiProject } from './addSecretsApiProject';
import { addVercelAccount } from './addVercelAccount';
import type { Command } from './command';
import { copySecretName } from './copySecretName';
import { copySecretValue } from './copySecretValue';
import { deleteAccountSecret } from './deleteAccountSecret';
import { importDotenvToResource } from './importDotenvToResource';
import { deleteSecret } from './deleteSecret';
import { loadMore } from './loadMore';
import { refresh } from './refresh';
import { removeAccount } from './removeAccount';
import { removeSecretsApiProject } from './removeSecretsApiProject';
import { renameAccountSecret } from './renameAccountSecret';
import { replaceToken } from './replaceToken';
import { replaceAllResourceSecrets } from './replaceAllResourceSecrets';
import { renameSecret } from './renameSecret';
import { setSecret } from './setSecret';
import { setSecretValue } from './setSecretValue';
import { showEnvironmentVariables } from './showEnvironmentVariables';
import { showLog } from './showLog';
import { updateResourceSecrets } from './updateResourceSecrets';

export const commands: readonly Command[] = [
  addVercelAccount, removeAccount, refresh, loadMore, showLog,
  setSecret, setSecretValue, renameSecret, deleteSecret, copySecretName, copySecretValue,
  addSecretsApiConnection, addSecretsApiProject, removeSecretsApiProject,
  addAccountSecret, renameAccountSecret, deleteAccountSecret, showEnvironmentVariables,
  addMarketplaceInstallation, updateResourceSecrets, replaceAllResourceSecrets, importDotenvToResource,
  replaceToken,
];
