import * as vscode from 'vscode';
import { ApiError } from '../../../core/errors';
import type { AccountSecret } from '../../../core/vercel/accountSecrets';
import type { Scope } from '../../../core/vercel/models';
import { CachedNode, childId, type NodeContext, type TreeNode } from '../../../tree/node';
import { MessageNode, treeItem } from '../../../tree/rows';
import type { SecretItem, Services } from '../../backend';
import { vercelClient, type VercelAccount } from '../account';
import { AccountSecretNode } from './accountSecretNode';
import { addAccountSecret, type AccountSecretChange } from './actions';

/**
 * "Account Secrets" of a scope: Vercel's legacy secrets (seed 000). The live API retired
 * them and answers 410 Gone: that becomes one explanatory row, not an error.
 */
export class AccountSecretsNode extends CachedNode implements SecretItem {
  readonly id: string;
  readonly holds = ['accountSecret'];
  readonly family = 'accountSecret';
  /**
   * Vercel answered 410 Gone for this list (on a load or a write): it loses its add capability
   * (no "+"; "Add Account Secret…" refuses before asking anything) until it is refreshed.
   */
  retired = false;

  constructor(readonly parent: TreeNode, readonly account: VercelAccount, readonly scope: Scope,
    /** Names of the scope's projects loaded so far, by id. */
    private readonly projectNames: () => ReadonlyMap<string, string>) {
    super();
    this.id = childId(parent, 'account-secrets');
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: vscode.l10n.t('Account Secrets'), expandable: true, description: vscode.l10n.t('legacy'), icon: new vscode.ThemeIcon('key'),
      tooltip: vscode.l10n.t('Vercel\'s legacy account secrets of this scope (the /v2/secrets API).'), contextValue: this.retired ? 'projectSecrets.accountSecrets;retired' : 'projectSecrets.accountSecrets;add',
    });
  }

  addSecret(services: Services): Promise<void> {
    return addAccountSecret(services, this);
  }

  /** After a 410: redraw the row without "+" (once; the children stay cached, so no reload). */
  markRetired(rerender: (node: TreeNode) => void): void {
    if (this.retired) return;
    this.retired = true;
    rerender(this);
  }

  override invalidate(): void {
    this.retired = false; // a refresh asks Vercel again
    super.invalidate();
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await vercelClient(context.clients, this.account);
    const secrets = await client.accountSecrets.listAll(this.scope).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 410) return undefined;
      throw err;
    });
    if (!secrets) {
      this.markRetired(context.rerender);
      return [new RetiredNode(this)];
    }
    return this.rows(secrets, () => undefined);
  }

  /**
   * Applies what a write answered to the loaded list (no request), keeping the rows of the
   * others; false when there is no list to patch (not loaded, or retired).
   */
  applyChange(change: AccountSecretChange): boolean {
    const rows = this.loadedChildren();
    if (!rows || this.retired || rows.some((row) => row instanceof RetiredNode)) return false;
    const before = new Map(rows.filter((row): row is AccountSecretNode => row instanceof AccountSecretNode).map((row) => [row.secret, row]));
    let secrets = [...before.keys()];
    if ('removed' in change) secrets = secrets.filter((s) => s.uid !== change.removed);
    else if ('renamed' in change) secrets = secrets.map((s) => (s.uid === change.renamed.uid ? { ...s, name: change.renamed.name } : s));
    else secrets = [...secrets.filter((s) => s.uid !== change.put.uid), change.put];
    this.replaceChildren(this.rows(secrets, (secret) => before.get(secret)));
    return true;
  }

  private rows(secrets: readonly AccountSecret[], reuse: (secret: AccountSecret) => AccountSecretNode | undefined): TreeNode[] {
    if (secrets.length === 0) return [new MessageNode(this, vscode.l10n.t('No account secrets'))];
    const projectNames = this.projectNames();
    return [...secrets].sort((a, b) => a.name.localeCompare(b.name))
      .map((secret) => reuse(secret)
        ?? new AccountSecretNode(this, this, secret, secret.projectId ? projectNames.get(secret.projectId) ?? secret.projectId : undefined));
  }
}

/** Shown instead of the list when Vercel answers 410 Gone. */
export class RetiredNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: AccountSecretsNode) {
    this.id = childId(parent, 'retired');
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: vscode.l10n.t('Account secrets were retired by Vercel; use environment variables'), icon: new vscode.ThemeIcon('info'),
      tooltip: vscode.l10n.t('Vercel retired account secrets on 2024-05-01: they became sensitive environment variables. Click to open a project\'s environment variables.'),
      contextValue: 'projectSecrets.retired',
      command: { command: 'projectSecrets.showEnvironmentVariables', title: vscode.l10n.t('Show Environment Variables'), arguments: [this.parent.parent] },
    });
  }
}
