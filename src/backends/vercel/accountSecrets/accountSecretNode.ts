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
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${this.secret.name}** (${this.secret.uid})\n\n`);
    if (created) md.appendMarkdown(`${vscode.l10n.t('Created')}: ${created.toLocaleString()}\n\n`);
    if (this.projectName) md.appendMarkdown(`${vscode.l10n.t('Project')}: ${this.projectName}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Value')}: ${valueMask} (${this.secret.decryptable ? vscode.l10n.t('hidden, decryptable') : vscode.l10n.t('hidden, not decryptable')})`);
    // What differs between rows: the project, then the date; the mask (the same on every row) is in the tooltip.
    const shown = [this.projectName, created?.toLocaleDateString()].filter(Boolean).join(' · ');
    return treeItem(this.id, {
      label: this.secret.name, description: shown,
      tooltip: md, icon: new vscode.ThemeIcon('lock'), contextValue: 'projectSecrets.accountSecret;editable',
      accessibilityLabel: this.projectName
        ? vscode.l10n.t('{0}, account secret for {1}, value hidden', this.secret.name, this.projectName)
        : vscode.l10n.t('{0}, account secret, value hidden', this.secret.name),
    });
  }

  private created(): Date | undefined {
    if (this.secret.createdAt !== undefined) return new Date(this.secret.createdAt);
    return this.secret.created ? new Date(this.secret.created) : undefined;
  }
}
