import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import type { AccountSecret } from '../../core/vercel/accountSecrets';
import { CachedNode, type NodeContext, type TreeNode } from '../node';
import { AccountSecretNode } from './accountSecretNode';
import { MessageNode } from './messageNode';
import type { ScopeNode } from './scopeNode';

/** Guards against a server whose cursor never ends. */
const maxPages = 50;

/**
 * "Account Secrets" of a scope: Vercel's legacy secrets (seed 000). The live API retired
 * them and answers 410 Gone: that becomes one explanatory row, not an error.
 */
export class AccountSecretsNode extends CachedNode {
  readonly id: string;

  constructor(readonly parent: ScopeNode) {
    super();
    this.id = `${parent.id}/account-secrets`;
  }

  get scope() {
    return this.parent.scope;
  }

  get account() {
    return this.parent.account;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Account Secrets'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = vscode.l10n.t('legacy');
    item.tooltip = vscode.l10n.t('Vercel\'s legacy account secrets of this scope (the /v2/secrets API).');
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = 'projectSecrets.accountSecrets';
    return item;
  }

  protected async fetchChildren(context: NodeContext): Promise<TreeNode[]> {
    const client = await context.clients.vercelForAccount(this.account);
    const secrets: AccountSecret[] = [];
    let until: string | undefined;
    try {
      for (let page = 0; page < maxPages; page++) {
        const result = await client.accountSecrets.list(this.scope, until);
        secrets.push(...result.items);
        if (!result.next || result.next === until) break;
        until = result.next;
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) return [new RetiredNode(this)];
      throw err;
    }
    if (secrets.length === 0) return [new MessageNode(this, vscode.l10n.t('No account secrets'))];
    const projectNames = this.parent.projectNames();
    return secrets.sort((a, b) => a.name.localeCompare(b.name))
      .map((secret) => new AccountSecretNode(this, secret, secret.projectId ? projectNames.get(secret.projectId) ?? secret.projectId : undefined));
  }
}

/** Shown instead of the list when Vercel answers 410 Gone. */
export class RetiredNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: AccountSecretsNode) {
    this.id = `${parent.id}/retired`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Account secrets were retired by Vercel; use environment variables'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.tooltip = vscode.l10n.t('Vercel retired account secrets on 2024-05-01: they became sensitive environment variables. Click to open a project\'s environment variables.');
    item.contextValue = 'projectSecrets.retired';
    item.command = { command: 'projectSecrets.showEnvironmentVariables', title: vscode.l10n.t('Show Environment Variables'), arguments: [this.parent.parent] };
    return item;
  }
}
