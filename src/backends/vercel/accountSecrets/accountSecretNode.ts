import * as vscode from 'vscode';
import type { AccountSecret } from '../../../core/vercel/accountSecrets';
import { childId, type TreeNode } from '../../../tree/node';
import { treeItem, valueMask } from '../../../tree/rows';
import type { SecretItem, Services } from '../../backend';
import { deleteAccountSecret, renameAccountSecret, type AccountSecretsRef } from './actions';

/** One legacy account secret: name, masked value, created date, associated project. Rename and delete. */
export class AccountSecretNode implements SecretItem {
  readonly id: string;
  readonly family = 'accountSecret';

  constructor(readonly parent: TreeNode, private readonly list: AccountSecretsRef, readonly secret: AccountSecret, readonly projectName?: string) {
    this.id = childId(parent, 'account-secret', secret.uid);
  }

  get name(): string {
    return this.secret.name;
  }

  rename(services: Services): Promise<void> {
    return renameAccountSecret(services, this.list, this.secret);
  }

  delete(services: Services): Promise<void> {
    return deleteAccountSecret(services, this.list, this.secret);
  }

  toTreeItem(): vscode.TreeItem {
    const created = this.created();
    return treeItem(this.id, {
      label: this.secret.name, description: [valueMask, created?.toLocaleDateString(), this.projectName].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('lock'), contextValue: 'projectSecrets.accountSecret;editable',
    });
  }

  /** Built on hover only (see TreeNode.tooltip). */
  tooltip(): vscode.MarkdownString {
    const created = this.created();
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${this.secret.name}** (${this.secret.uid})\n\n`);
    if (created) md.appendMarkdown(`${vscode.l10n.t('Created')}: ${created.toLocaleString()}\n\n`);
    if (this.projectName) md.appendMarkdown(`${vscode.l10n.t('Project')}: ${this.projectName}\n\n`);
    md.appendMarkdown(this.secret.decryptable ? vscode.l10n.t('Value hidden (decryptable).') : vscode.l10n.t('Value hidden (not decryptable).'));
    return md;
  }

  private created(): Date | undefined {
    if (this.secret.createdAt !== undefined) return new Date(this.secret.createdAt);
    return this.secret.created ? new Date(this.secret.created) : undefined;
  }
}
