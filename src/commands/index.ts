import { addVercelAccount } from './addVercelAccount';
import type { Command } from './command';
import { loadMore } from './loadMore';
import { refresh } from './refresh';
import { removeAccount } from './removeAccount';
import { showLog } from './showLog';

export const commands: readonly Command[] = [addVercelAccount, removeAccount, refresh, loadMore, showLog];
