import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import type { TreeNode } from './node';
import { AccountNode } from './nodes/accountNode';
import { InstallationNode } from './nodes/installationNode';
import { SecretsApiConnectionNode } from './nodes/secretsApiConnectionNode';

/** A root of the tree: one per connection, whatever its backend. */
export type ConnectionNode = TreeNode & { readonly account: Account; invalidate(): void };

export function createConnectionNode(account: Account): ConnectionNode {
  switch (account.kind) {
    case 'vercel': return new AccountNode(account);
    case 'secretsApi': return new SecretsApiConnectionNode(account);
    case 'marketplace': return new InstallationNode(account);
  }
}

/** The connection a node stands for, if it is a root. */
export function connectionOf(node: unknown): Account | undefined {
  return node instanceof AccountNode || node instanceof SecretsApiConnectionNode || node instanceof InstallationNode ? node.account : undefined;
}

export function kindLabel(account: Account): string {
  switch (account.kind) {
    case 'vercel': return vscode.l10n.t('Vercel account');
    case 'secretsApi': return vscode.l10n.t('Secrets API connection');
    case 'marketplace': return vscode.l10n.t('Vercel Marketplace installation');
  }
}
