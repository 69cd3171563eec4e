import * as vscode from 'vscode';
import type { CustomEnvironment } from '../../core/vercel/customEnvironments';
import { isWriteOnly, type EnvType, type EnvVar } from '../../core/vercel/models';
import { childId, type TreeNode } from '../../tree/node';
import { treeItem, valueMask } from '../../tree/rows';
import type { Details } from '../../platform/details';
import type { Capability, SecretItem, Services } from '../backend';
import { deleteVariable, readVariable, renameVariable, setVariableValue } from './envActions';
import { environmentLongName, environmentsOf, environmentsText, visibilityLabel, whereText } from './envLabels';
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

  constructor(readonly parent: TreeNode, project: ProjectRef, readonly env: EnvVar, readonly customs: readonly CustomEnvironment[] = []) {
    this.id = childId(parent, 'env', env.id);
    this.at = { id: project.id, account: project.account, scope: project.scope, project: project.project, env, customs };
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

  /** Key, type, environments, branch, comment, ids and dates: what the API lists, which never includes the value. */
  details(): Details {
    const { env, project, scope, account } = this.at;
    const environments = environmentsOf(env, this.customs).map(environmentLongName);
    return {
      name: env.key,
      where: vscode.l10n.t('Environment variable of {0} · {1} · Vercel account {2}', project.name,
        scope.kind === 'team' ? scope.name : vscode.l10n.t('Personal'), account.username),
      fields: [
        [vscode.l10n.t('Key'), env.key],
        [vscode.l10n.t('Type'), `${env.type} · ${typeMeaning(env)}`],
        [vscode.l10n.t('Environments'), environments.length ? environments.join(', ') : vscode.l10n.t('none')],
        [vscode.l10n.t('Git branch'), env.gitBranch],
        [vscode.l10n.t('Comment'), env.comment],
        [vscode.l10n.t('Variable id'), env.id],
        [vscode.l10n.t('Project'), `${project.name} (${project.id})`],
        [vscode.l10n.t('Created'), env.createdAt === undefined ? undefined : new Date(env.createdAt)],
        [vscode.l10n.t('Updated'), env.updatedAt === undefined ? undefined : new Date(env.updatedAt)],
      ],
      note: vscode.l10n.t('The value is not shown here. Use "Copy Environment Variable Value" or "Set Environment Variable Value…" on its row.'),
    };
  }

  /** `system` variables are managed by Vercel. */
  get editable(): boolean {
    return this.env.type !== 'system';
  }

  /** Secret (write-only) values can never be read back; `system` ones are computed at deploy time. */
  get readable(): boolean {
    return !isWriteOnly(this.env) && this.env.type !== 'system';
  }

  /**
   * The row shows what differs between rows: environments and git branch first, then the
   * type when it changes what can be done (sensitive, system, secret; encrypted and plain are
   * the common case, told by the icon). The mask, the same on every row, is in the tooltip.
   */
  toTreeItem(): vscode.TreeItem {
    // Secret (write-only) is what changes what can be done; legacy `secret` and `system` say their type.
    const notable = this.env.type === 'secret' || this.env.type === 'system' ? this.env.type
      : isWriteOnly(this.env) ? visibilityLabel(this.env) : undefined;
    return treeItem(this.id, {
      label: this.env.key, description: [whereText(this.env, this.customs), notable].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon(icons[this.env.type]),
      contextValue: [
        'projectSecrets.envVar',
        `type-${this.env.type}`,
        this.editable ? 'editable' : 'readonly',
        this.readable ? 'readable' : this.env.type === 'system' ? 'computed' : 'writeonly',
      ].join(';'),
      accessibilityLabel: this.env.gitBranch
        ? vscode.l10n.t('{0}, {1}, git branch {2}, {3}, value hidden', this.env.key, environmentsText(this.env, this.customs), this.env.gitBranch, this.env.type)
        : vscode.l10n.t('{0}, {1}, {2}, value hidden', this.env.key, environmentsText(this.env, this.customs), this.env.type),
    });
  }

  /** Built on hover only (see TreeNode.tooltip): a list of 1,000 variables builds none. */
  tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, false);
    md.appendMarkdown(`**${escape(this.env.key)}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Environments')}: ${escape(environmentsOf(this.env, this.customs).map(environmentLongName).join(', ') || vscode.l10n.t('no environment'))}\n\n`);
    if (this.env.gitBranch) md.appendMarkdown(`${vscode.l10n.t('Git branch')}: ${escape(this.env.gitBranch)}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Type')}: ${this.env.type} · ${escape(typeMeaning(this.env))}\n\n`);
    if (this.env.comment) md.appendMarkdown(`${vscode.l10n.t('Comment')}: ${escape(this.env.comment)}\n\n`);
    if (this.env.updatedAt) md.appendMarkdown(`${vscode.l10n.t('Updated')}: ${new Date(this.env.updatedAt).toLocaleString()}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Value')}: ${valueMask} (${vscode.l10n.t('hidden')})`);
    return md;
  }
}

/** "Secret (write-only)", "Config (readable)": Vercel's current words, and what they mean here. */
function typeMeaning(env: EnvVar): string {
  if (env.type === 'system') return vscode.l10n.t('System (computed by Vercel)');
  return isWriteOnly(env) ? vscode.l10n.t('Secret (write-only)') : vscode.l10n.t('Config (readable)');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
