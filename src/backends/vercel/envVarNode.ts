import * as vscode from 'vscode';
import type { EnvType, EnvVar } from '../../core/vercel/models';
import { childId, type TreeNode } from '../../tree/node';
import { treeItem, valueMask } from '../../tree/rows';
import type { Capability, SecretItem, Services } from '../backend';
import { deleteVariable, readVariable, renameVariable, setVariableValue } from './envActions';
import { environmentsText, whereText } from './envLabels';
import type { EnvRef, ProjectRef } from './target';

const icons: Record<EnvType, string> = {
  plain: 'symbol-string',
  encrypted: 'key',
  sensitive: 'lock',
  secret: 'shield',
  system: 'gear',
};

/** One environment variable. Carries its key and metadata, never its value. */
export class EnvVarNode implements SecretItem {
  readonly id: string;
  readonly family = 'secret';
  private readonly at: EnvRef;

  constructor(readonly parent: TreeNode, project: ProjectRef, readonly env: EnvVar) {
    this.id = childId(parent, 'env', env.id);
    this.at = { id: project.id, account: project.account, scope: project.scope, project: project.project, env };
  }

  get name(): string {
    return this.env.key;
  }

  /** Palette pickers offer only variables a command applies to: no system ones, no unreadable values to copy. */
  offers(capability: Capability): boolean {
    if (capability === 'readValue') return this.readable;
    return capability === 'name' || this.editable;
  }

  setValue(services: Services): Promise<void> {
    return setVariableValue(services, this.at);
  }

  rename(services: Services): Promise<void> {
    return renameVariable(services, this.at);
  }

  delete(services: Services): Promise<void> {
    return deleteVariable(services, this.at);
  }

  readValue(services: Services): Promise<string> {
    return readVariable(services, this.at);
  }

  /** `system` variables are managed by Vercel. */
  get editable(): boolean {
    return this.env.type !== 'system';
  }

  /** `sensitive` values can never be read back; `system` ones are computed at deploy time. */
  get readable(): boolean {
    return this.env.type !== 'sensitive' && this.env.type !== 'system';
  }

  /**
   * The row shows what differs between rows: environments and git branch first, then the
   * type when it changes what can be done (sensitive, system, secret; encrypted and plain are
   * the common case, told by the icon). The mask, the same on every row, is in the tooltip.
   */
  toTreeItem(): vscode.TreeItem {
    const notable = this.env.type === 'encrypted' || this.env.type === 'plain' ? undefined : this.env.type;
    return treeItem(this.id, {
      label: this.env.key, description: [whereText(this.env), notable].filter(Boolean).join(' · '),
      tooltip: this.tooltip(), icon: new vscode.ThemeIcon(icons[this.env.type]),
      contextValue: [
        'projectSecrets.envVar',
        `type-${this.env.type}`,
        this.editable ? 'editable' : 'readonly',
        this.readable ? 'readable' : this.env.type === 'system' ? 'computed' : 'writeonly',
      ].join(';'),
      accessibilityLabel: this.env.gitBranch
        ? vscode.l10n.t('{0}, {1}, git branch {2}, {3}, value hidden', this.env.key, environmentsText(this.env), this.env.gitBranch, this.env.type)
        : vscode.l10n.t('{0}, {1}, {2}, value hidden', this.env.key, environmentsText(this.env), this.env.type),
    });
  }

  private tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${escape(this.env.key)}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Environments')}: ${escape(environmentsText(this.env))}\n\n`);
    if (this.env.gitBranch) md.appendMarkdown(`${vscode.l10n.t('Git branch')}: ${escape(this.env.gitBranch)}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Type')}: ${this.env.type}${this.env.type === 'sensitive' ? ` (${vscode.l10n.t('write-only')})` : ''}\n\n`);
    if (this.env.comment) md.appendMarkdown(`${vscode.l10n.t('Comment')}: ${escape(this.env.comment)}\n\n`);
    if (this.env.updatedAt) md.appendMarkdown(`${vscode.l10n.t('Updated')}: ${new Date(this.env.updatedAt).toLocaleString()}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Value')}: ${valueMask} (${vscode.l10n.t('hidden')})`);
    return md;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
