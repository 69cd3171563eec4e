import type { Command } from '../backends/backend';
import { showDetails } from './details';
import { clearAllFilters, clearFilter, filterRows } from './filter';
import { loadMore } from './loadMore';
import { refresh } from './refresh';
import { removeAccount, removeConnection, removeInstallation } from './removeAccount';
import { replaceToken } from './replaceToken';
import { addSecret, copySecretName, copySecretValue, deleteSecret, renameSecret, setSecretValue } from './secrets';
import { showLog } from './showLog';
import { uploadDotenv } from './uploadDotenv';
import { cancelValue, sendValue } from './valueEditor';

/** The commands every backend shares; each backend adds its own (Backend.commands). */
export const commands: readonly Command[] = [
  removeAccount, removeConnection, removeInstallation, refresh, loadMore, showLog,
  addSecret, setSecretValue, renameSecret, deleteSecret, copySecretName, copySecretValue,
  replaceToken, showDetails, sendValue, cancelValue, uploadDotenv, filterRows, clearFilter, clearAllFilters,
];
