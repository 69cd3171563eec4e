import * as vscode from 'vscode';
import type { AccountSecret } from '../../core/vercel/accountSecrets';
import type { TreeNode } from '../node';
import type { AccountSecretsNode } from './accountSecretsNode';
import { valueMask } from './envVarNode';

/** One legacy account secret: name, masked value, created date, associated project. */
export class AccountSecretNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: AccountSecretsNode, readonly secret: AccountSecret, readonly projectName?: string) {
    this.id = `${parent.id}/${secret.uid}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.secret.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const created = this.created();
    item.description = [valueMask, created?.toLocaleDateString(), this.projectName].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${this.secret.name}** (${this.secret.uid})\n\n`);
    if (created) md.appendMarkdown(`${vscode.l10n.t('Created')}: ${created.toLocaleString()}\n\n`);
    if (this.projectName) md.appendMarkdown(`${vscode.l10n.t('Project')}: ${this.projectName}\n\n`);
    md.appendMarkdown(this.secret.decryptable ? vscode.l10n.t('Value hidden (decryptable).') : vscode.l10n.t('Value hidden (not decryptable).'));
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon('lock');
    item.contextValue = 'projectSecrets.accountSecret;editable';
    return item;
  }

  private created(): Date | undefined {
    if (this.secret.createdAt !== undefined) return new Date(this.secret.createdAt);
    return this.secret.created ? new Date(this.secret.created) : undefined;
  }
}
