import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { SecretSummary } from '../../core/secretsApi/models';
import { childId, type TreeNode } from '../../tree/node';
import { treeItem } from '../../tree/rows';
import type { Capability, SecretItem, Services } from '../backend';
import { deleteApiSecret, renameApiSecret, setApiSecretValue, type ApiProjectRef } from './actions';

/** A Secrets API secret: its key, and the last four characters the API gives, never more. */
export class ApiSecretNode implements SecretItem {
  readonly id: string;
  readonly family = 'secret';

  constructor(readonly parent: TreeNode, private readonly project: ApiProjectRef, readonly secret: SecretSummary) {
    this.id = childId(parent, 'secret', secret.key);
  }

  get name(): string {
    return this.secret.key;
  }

  setValue(services: Services): Promise<void> {
    return setApiSecretValue(services, this.project, this.secret);
  }

  rename(services: Services): Promise<void> {
    return renameApiSecret(services, this.project, this.secret);
  }

  delete(services: Services): Promise<void> {
    return deleteApiSecret(services, this.project, this.secret);
  }

  /** Values are write-only here: "Copy Value" explains that, and pickers never offer it. */
  readValue(): Promise<string> {
    return Promise.reject(new InputError(vscode.l10n.t(
      'The Secrets API never returns values, only their last four characters, so there is nothing to copy. Use "Set Value…" to replace one.')));
  }

  offers(capability: Capability): boolean {
    return capability !== 'readValue';
  }

  toTreeItem(): vscode.TreeItem {
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${this.secret.key}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Value')}: ••••${this.secret.lastFour}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Write-only: the API shows only the last four characters.')}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Created')}: ${new Date(this.secret.createdAt).toLocaleString()}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Updated')}: ${new Date(this.secret.updatedAt).toLocaleString()}`);
    return treeItem(this.id, {
      // The last four characters tell rows apart; the "••••" before them, the same everywhere, is in the tooltip.
      label: this.secret.key, description: vscode.l10n.t('ends in {0}', this.secret.lastFour), tooltip: md, icon: new vscode.ThemeIcon('lock'),
      contextValue: 'projectSecrets.apiSecret;editable;writeonly',
      accessibilityLabel: vscode.l10n.t('{0}, value hidden, ends in {1}', this.secret.key, this.secret.lastFour),
    });
  }
}
