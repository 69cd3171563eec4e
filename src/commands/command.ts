import type * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { PushLog } from '../accounts/pushLog';
import type { Clients } from '../clients';
import type { ClipboardGuard } from '../clipboardGuard';
import type { Logger } from '../log';
import type { SecretsTreeProvider } from '../tree/provider';

/** What commands may use; passed in explicitly, never reached through a global. */
export interface Services {
  readonly accounts: AccountStore;
  readonly clients: Clients;
  readonly tree: SecretsTreeProvider;
  readonly logger: Logger;
  readonly treeView: vscode.TreeView<unknown>;
  readonly clipboard: ClipboardGuard;
  readonly pushLog: PushLog;
}

/** One command, one file: an id from package.json and what it does. */
export interface Command {
  readonly id: string;
  run(services: Services, ...args: unknown[]): unknown;
}
