import * as vscode from 'vscode';
import type { TokenStore } from './tokenStore';

/**
 * What every connection remembers, whatever its backend. Never the token: that is in the
 * TokenStore. Each backend extends this with its own fields (src/backends/<kind>/).
 */
export interface Connection {
  /** Stable id: backend, identity and API origin, so one user on two APIs are two connections. */
  readonly id: string;
  /** Which backend (src/backends/registry.ts) the connection belongs to. */
  readonly kind: string;
  /** The origin the token was checked against; it is sent nowhere else. */
  readonly origin: string;
  /** What the tree and pickers show. */
  readonly label: string;
}

const stateKey = 'projectSecrets.accounts';
const contextKey = 'projectSecrets.hasAccounts';

/** Connected accounts: metadata in globalState, tokens in SecretStorage. */
export class AccountStore implements vscode.Disposable {
  /** Fires with the id of a connection added or removed; undefined for other changes. */
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, readonly tokens: TokenStore) {}

  list(): readonly Connection[] {
    return this.state.get<Connection[]>(stateKey, []);
  }

  get(id: string): Connection | undefined {
    return this.list().find((account) => account.id === id);
  }

  /** Stores the token first, so an account is never listed without one. */
  async add(account: Connection, token: string): Promise<void> {
    await this.tokens.set(account.id, token);
    const others = this.list().filter((a) => a.id !== account.id);
    await this.state.update(stateKey, [...others, account]);
    await this.syncContext();
    this.changed.fire(account.id);
  }

  /** Changes what is remembered about a connection (not its token). */
  async update(account: Connection): Promise<void> {
    await this.state.update(stateKey, this.list().map((a) => (a.id === account.id ? account : a)));
    this.changed.fire(undefined);
  }

  /** "Replace Token…": a checked new token for a connection that stays as it is. */
  replaceToken(id: string, token: string): Thenable<void> {
    return this.tokens.set(id, token);
  }

  async remove(id: string): Promise<void> {
    await this.state.update(stateKey, this.list().filter((a) => a.id !== id));
    await this.tokens.delete(id);
    await this.syncContext();
    this.changed.fire(id);
  }

  /** Drives the welcome view; reads only local state, so it is safe at activation. */
  syncContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', contextKey, this.list().length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
