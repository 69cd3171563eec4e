import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from './backends/backend';
import { Registry } from './backends/registry';
import { commands } from './commands';
import { AccountStore } from './connections/accountStore';
import { Clients } from './connections/clients';
import { TokenStore } from './connections/tokenStore';
import { LazyTransport } from './core/http/lazyTransport';
import type { Transport } from './core/http/types';
import { Redactor } from './core/redactor';
import { ClipboardGuard } from './platform/clipboardGuard';
import { registerCommand } from './platform/errorBoundary';
import { Logger } from './platform/log';
import { Reminders } from './platform/notify';
import type { TreeNode } from './tree/node';
import { explorerViewId, SecretsTreeProvider } from './tree/provider';

/** What activate() returns; the integration tests use it to look at the tree. */
export interface ProjectSecretsApi {
  readonly tree: SecretsTreeProvider;
  readonly accounts: AccountStore;
  /** Whether the HTTP library has been loaded yet (it must not be at activation). */
  transportLoaded(): boolean;
  readonly activationMs: number;
  /** For the leak checks of the integration tests: where our state and log live. */
  readonly globalState: vscode.Memento;
  readonly logUri: vscode.Uri;
  /** The reminders shown in this session (tests clear them to start afresh). */
  readonly reminders: Reminders;
}

/** The composition root. Wiring only: no network, no HTTP library, nothing slow. */
export function activate(context: vscode.ExtensionContext): ProjectSecretsApi {
  const started = performance.now();
  const redactor = new Redactor();
  const logger = new Logger(redactor);
  const accounts = new AccountStore(context.globalState, new TokenStore(context.secrets));
  // transport.js is a separate bundle (see esbuild.mjs): undici loads on the first request.
  const transport = new LazyTransport(() =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path esbuild must not bundle
    (require(path.join(__dirname, 'transport.js')) as { createUndiciTransport(): Transport }).createUndiciTransport());
  const clients = new Clients(transport, accounts.tokens, redactor, logger);
  const backends = new Registry();
  const describe = (err: unknown) => backends.describe(err);
  const globalState = context.globalState;
  const tree = new SecretsTreeProvider({
    clients, accounts, globalState, describe, createRoot: (connection) => backends.of(connection).createRoot(connection),
  }, logger);
  const treeView = vscode.window.createTreeView<TreeNode>(explorerViewId, { treeDataProvider: tree, showCollapseAll: true });
  const clipboard = new ClipboardGuard();
  const reminders = new Reminders();
  const services: Services = {
    accounts, clients, tree, logger, clipboard, globalState, reminders, backends, describe, treeView: treeView as vscode.TreeView<unknown>,
  };
  const registered = [...commands, ...backends.commands()].map((command) =>
    registerCommand(command.id, (...args) => command.run(services, ...args), services));

  context.subscriptions.push(logger, accounts, clients, tree, treeView, clipboard, ...registered);
  void accounts.syncContext();

  const activationMs = performance.now() - started;
  logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { tree, accounts, transportLoaded: () => transport.loaded, activationMs, globalState, logUri: context.logUri, reminders };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
