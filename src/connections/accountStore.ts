import * as vscode from 'vscode';
import type { TokenStore } from './tokenStore';

/** What every connection remembers. Never the token: that is in the TokenStore. */
interface ConnectionBase {
  /** Stable id: backend, identity and API origin, so one user on two APIs are two connections. */
  readonly id: string;
  /** The origin the token was checked against; it is sent nowhere else. */
  readonly origin: string;
  /** What the tree and pickers show. */
  readonly label: string;
}

export interface VercelAccount extends ConnectionBase {
  readonly kind: 'vercel';
  readonly userId: string;
  readonly username: string;
  readonly email: string;
}

/** A generic Secrets API (seed 002): it cannot list projects, so the user adds them by id. */
export interface SecretsApiConnection extends ConnectionBase {
  readonly kind: 'secretsApi';
  /** The full base URL (origin plus any path), stored here and never read from settings. */
  readonly baseUrl: string;
  readonly projectIds: readonly string[];
}

/** A Vercel Marketplace integration installation, for integration partners. */
export interface MarketplaceConnection extends ConnectionBase {
  readonly kind: 'marketplace';
  readonly configId: string;
  /** When set, the deprecated product-scoped secrets path is used. */
  readonly productIdOrSlug?: string;
}

export type Account = VercelAccount | SecretsApiConnection | MarketplaceConnection;

const stateKey = 'projectSecrets.accounts';
const contextKey = 'projectSecrets.hasAccounts';

/** Connected accounts: metadata in globalState, tokens in SecretStorage. */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, readonly tokens: TokenStore) {}

  list(): readonly Account[] {
    return this.state.get<Account[]>(stateKey, []);
  }

  get(id: string): Account | undefined {
    return this.list().find((account) => account.id === id);
  }

  /** Stores the token first, so an account is never listed without one. */
  async add(account: Account, token: string): Promise<void> {
    await this.tokens.set(account.id, token);
    const others = this.list().filter((a) => a.id !== account.id);
    await this.state.update(stateKey, [...others, account]);
    await this.syncContext();
    this.changed.fire();
  }

  /** Changes what is remembered about a connection (not its token). */
  async update(account: Account): Promise<void> {
    await this.state.update(stateKey, this.list().map((a) => (a.id === account.id ? account : a)));
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(stateKey, this.list().filter((a) => a.id !== id));
    await this.tokens.delete(id);
    await this.syncContext();
    this.changed.fire();
  }

  /** Drives the welcome view; reads only local state, so it is safe at activation. */
  syncContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', contextKey, this.list().length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function vercelAccountId(origin: string, userId: string): string {
  return `vercel:${userId}@${origin}`;
}
