import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from './backends/backend';
import { Registry } from './backends/registry';
import { commands } from './commands';
import { AccountStore } from './connections/accountStore';
import { Clients } from './connections/clients';
import { TokenStore } from './connections/tokenStore';
import { loadWithCodeCache, type CachedBundle } from './core/http/codeCache';
import { LazyTransport } from './core/http/lazyTransport';
import type { Transport } from './core/http/types';
import { Redactor } from './core/redactor';
import { ClipboardGuard } from './platform/clipboardGuard';
import { DetailsDocuments } from './platform/details';
import { registerCommand } from './platform/errorBoundary';
import { Logger } from './platform/log';
import { Reminders } from './platform/notify';
import type { TreeNode } from './tree/node';
import { explorerViewId, SecretsTreeProvider } from './tree/provider';
import { selectionContext } from './tree/selectionContext';

/** dist/transport.js */
interface TransportModule {
  createUndiciTransport(): Transport;
}

/** What activate() returns; the integration tests use it to look at the tree. */
export interface ProjectSecretsApi {
  readonly tree: SecretsTreeProvider;
  /** The Secrets view: its selection is what palette commands and keys act on. */
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly accounts: AccountStore;
  /** Whether the HTTP library has been loaded yet (it must not be at activation). */
  transportLoaded(): boolean;
  readonly activationMs: number;
  /** For the leak checks of the integration tests: where our state and log live. */
  readonly globalState: vscode.Memento;
  readonly logUri: vscode.Uri;
  /** The reminders shown in this session (tests clear them to start afresh). */
  readonly reminders: Reminders;
  /** What each backend started for the session (Backend.start), by kind; the tests look into it. */
  readonly sessions: ReadonlyMap<string, vscode.Disposable>;
}

/** The composition root. Wiring only: no network, no HTTP library, nothing slow. */
export function activate(context: vscode.ExtensionContext): ProjectSecretsApi {
  const started = performance.now();
  const redactor = new Redactor();
  const logger = new Logger(redactor);
  const accounts = new AccountStore(context.globalState, new TokenStore(context.secrets));
  // transport.js is a separate bundle (see esbuild.mjs): undici loads on the first request,
  // from V8's code cache of an earlier session when there is one (see codeCache.ts).
  let bundle: CachedBundle<TransportModule> | undefined;
  const storage = context.globalStorageUri;
  const transport = new LazyTransport(() => {
    const loading = performance.now();
    bundle = loadWithCodeCache<TransportModule>(path.join(__dirname, 'transport.js'), storage.scheme === 'file' ? path.join(storage.fsPath, 'code-cache') : undefined);
    const created = bundle.exports.createUndiciTransport();
    logger.info(`HTTP transport loaded in ${(performance.now() - loading).toFixed(1)} ms (V8 code cache: ${bundle.cache})`);
    return created;
  }, () => {
    // Off the first answer's path: serialising the code takes a few milliseconds.
    setTimeout(() => bundle?.saveCache(), 1000);
  });
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
  const details = new DetailsDocuments();
  const services: Services = {
    accounts, clients, tree, logger, clipboard, details, globalState, reminders, backends, describe, treeView: treeView as vscode.TreeView<unknown>,
  };
  const sessions = new Map(backends.all.flatMap((backend) => (backend.start ? [[backend.kind, backend.start(services)] as const] : [])));
  const registered = [...commands, ...backends.commands()].map((command) =>
    registerCommand(command.id, (...args) => command.run(services, ...args), services));

  context.subscriptions.push(
    logger, accounts, clients, tree, treeView, clipboard, details, ...sessions.values(), selectionContext(treeView), ...registered, preloadWhenShown(treeView, accounts, transport));
  void accounts.syncContext();

  const activationMs = performance.now() - started;
  logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { tree, treeView, accounts, transportLoaded: () => transport.loaded, activationMs, globalState, logUri: context.logUri, reminders, sessions };
}

/**
 * Once the view is on screen with a connection in it, the user's next step is a request:
 * load the transport then (never during activation, never for an empty view), so the first
 * click pays only for its round trip. A view restored expanded asks for children at once,
 * which loads the transport on that request instead: the same work, no earlier.
 */
function preloadWhenShown(treeView: vscode.TreeView<TreeNode>, accounts: AccountStore, transport: LazyTransport): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = treeView.onDidChangeVisibility(({ visible }) => {
    if (!visible || transport.loaded || timer || accounts.list().length === 0) return;
    timer = setTimeout(() => {
      listener.dispose();
      try {
        transport.preload();
      } catch {
        // The first request loads it again and reports the failure where the user asked.
      }
    }, 0);
  });
  return vscode.Disposable.from(listener, { dispose: () => clearTimeout(timer) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
