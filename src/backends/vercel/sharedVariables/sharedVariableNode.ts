import * as vscode from 'vscode';
import type { SharedEnvVar } from '../../../core/vercel/sharedEnv';
import type { Details } from '../../../platform/details';
import { childId, type TreeNode } from '../../../tree/node';
import { treeItem, valueMask } from '../../../tree/rows';
import type { SecretItem, Services } from '../../backend';
import { deleteSharedVariable, readSharedValue, renameSharedVariable, setSharedValue, type SharedVariablesRef } from './actions';
import { linkedText, sharedEnvironmentsText, sharedTypeText } from './labels';
import { linkSharedVariable, unlinkSharedVariable } from './links';

/** One shared variable of a team: key, type, environments, linked projects. Never its value. */
export class SharedVariableNode implements SecretItem {
  readonly id: string;
  readonly family = 'sharedVariable';

  constructor(readonly parent: TreeNode & SharedVariablesRef, readonly env: SharedEnvVar, private readonly names: ReadonlyMap<string, string>) {
    this.id = childId(parent, 'shared', env.id);
  }

  get name(): string {
    return this.env.key;
  }

  setValue(services: Services): Promise<void> {
    return setSharedValue(services, this.parent, this.env);
  }

  /** "Copy Value" (Config shared variables only; a Secret's value is never returned). */
  readValue(services: Services): Promise<string> {
    return readSharedValue(services, this.parent, this.env);
  }

  rename(services: Services): Promise<void> {
    return renameSharedVariable(services, this.parent, this.env);
  }

  delete(services: Services): Promise<void> {
    return deleteSharedVariable(services, this.parent, this.env);
  }

  link(services: Services): Promise<void> {
    return linkSharedVariable(services, this.parent, this.env);
  }

  unlink(services: Services): Promise<void> {
    return unlinkSharedVariable(services, this.parent, this.env);
  }

  details(): Details {
    const { scope, account } = this.parent;
    return {
      name: this.env.key,
      where: vscode.l10n.t('Shared variable of team {0} · Vercel account {1}', scope.name, account.username),
      fields: [
        [vscode.l10n.t('Key'), this.env.key],
        [vscode.l10n.t('Type'), sharedTypeText(this.env.type)],
        [vscode.l10n.t('Environments'), sharedEnvironmentsText(this.env.targets)],
        [vscode.l10n.t('Linked projects'), linkedText(this.env, this.names)],
        [vscode.l10n.t('Comment'), this.env.comment],
        [vscode.l10n.t('Id'), this.env.id],
        [vscode.l10n.t('Updated'), this.env.updatedAt === undefined ? undefined : new Date(this.env.updatedAt).toLocaleString()],
      ],
      note: vscode.l10n.t('The value is not shown here.'),
    };
  }

  toTreeItem(): vscode.TreeItem {
    const environments = sharedEnvironmentsText(this.env.targets);
    const linked = linkedText(this.env, this.names);
    return treeItem(this.id, {
      label: this.env.key, description: `${environments} · ${linked}`,
      icon: new vscode.ThemeIcon(this.env.type === 'sensitive' ? 'lock' : 'key'),
      contextValue: `projectSecrets.sharedVariable;editable${this.env.projectIds.length ? ';linked' : ''}${this.env.type === 'sensitive' ? '' : ';readable'}`,
      accessibilityLabel: vscode.l10n.t('{0}, shared variable, {1}, {2}, linked to {3}, value hidden', this.env.key, sharedTypeText(this.env.type), environments, linked),
    });
  }

  tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, false);
    md.appendText(`${this.env.key} (${sharedTypeText(this.env.type)})\n\n`);
    md.appendText(`${vscode.l10n.t('Environments')}: ${sharedEnvironmentsText(this.env.targets)}\n\n`);
    md.appendText(`${vscode.l10n.t('Linked projects')}: ${linkedText(this.env, this.names)}\n\n`);
    md.appendText(`${vscode.l10n.t('Value')}: ${valueMask}`);
    return md;
  }
}
