import type { Command } from '../backends/backend';
import { showDetails } from './details';
import { loadMore } from './loadMore';
import { refresh } from './refresh';
import { removeAccount } from './removeAccount';
import { replaceToken } from './replaceToken';
import { addSecret, copySecretName, copySecretValue, deleteSecret, renameSecret, setSecretValue } from './secrets';
import { showLog } from './showLog';

/** The commands every backend shares; each backend adds its own (Backend.commands). */
export const commands: readonly Command[] = [
  removeAccount, refresh, loadMore, showLog,
  addSecret, setSecretValue, renameSecret, deleteSecret, copySecretName, copySecretValue,
  replaceToken, showDetails,
];
