import * as vscode from 'vscode';
import type { SecretSummary } from '../../core/secretsApi/models';
import type { TreeNode } from '../node';
import type { SecretsApiProjectNode } from './secretsApiProjectNode';

/** A Secrets API secret: its key, and the last four characters the API gives, never more. */
export class ApiSecretNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: SecretsApiProjectNode, readonly secret: SecretSummary) {
    this.id = `${parent.id}/${secret.key}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.secret.key, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `••••${this.secret.lastFour}`;
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${this.secret.key}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Write-only: the API shows only the last four characters.')}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Created')}: ${new Date(this.secret.createdAt).toLocaleString()}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Updated')}: ${new Date(this.secret.updatedAt).toLocaleString()}`);
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon('lock');
    item.contextValue = 'projectSecrets.apiSecret;editable;writeonly';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, value hidden, ends in {1}', this.secret.key, this.secret.lastFour) };
    return item;
  }
}
