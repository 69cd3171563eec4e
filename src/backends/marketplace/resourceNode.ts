import * as vscode from 'vscode';
import type { Resource } from '../../core/marketplace/client';
import { childId, type TreeNode } from '../../tree/node';
import { MessageNode, treeItem } from '../../tree/rows';
import type { MarketplaceConnection } from './connection';
import type { PushRecord } from './pushLog';

/**
 * A Marketplace resource. Its secrets cannot be read back, so its children are,
 * honestly labelled, the names this machine last pushed and when.
 */
export class ResourceNode implements TreeNode {
  readonly id: string;
  readonly family = 'resource';

  constructor(readonly parent: TreeNode, readonly account: MarketplaceConnection, readonly resource: Resource, readonly pushed: PushRecord | undefined) {
    this.id = childId(parent, 'resource', resource.id);
  }

  toTreeItem(): vscode.TreeItem {
    const { name, id, internalId, productId, status } = this.resource;
    const shownStatus = status ?? vscode.l10n.t('unknown');
    // The status tells resources apart; the product is usually the same for all of an installation's, so it is in the tooltip.
    return treeItem(this.id, {
      label: name, expandable: true, description: shownStatus, icon: new vscode.ThemeIcon('database'),
      tooltip: productId
        ? vscode.l10n.t('Resource {0} of product {1} (partner id {2}, Vercel id {3}), status {4}', name, productId, id, internalId, shownStatus)
        : vscode.l10n.t('Resource {0} (partner id {1}, Vercel id {2}), status {3}', name, id, internalId, shownStatus),
      contextValue: `projectSecrets.resource;status-${status ?? 'unknown'}`,
      accessibilityLabel: vscode.l10n.t('{0}, Marketplace resource, status {1}', name, shownStatus),
    });
  }

  async loadChildren(): Promise<TreeNode[]> {
    if (!this.pushed) {
      return [new MessageNode(this, vscode.l10n.t('Secrets cannot be read back; none pushed from this machine yet'))];
    }
    const when = new Date(this.pushed.at).toLocaleString();
    const header = new MessageNode(this, this.pushed.mode === 'replace'
      ? vscode.l10n.t('Pushed from this machine on {0} (replaced all; names only)', when)
      : vscode.l10n.t('Pushed from this machine on {0} (names only)', when));
    return [header, ...this.pushed.names.map((name) => new PushedNameNode(this, name))];
  }
}

/** A secret name this machine pushed; the value is not known here. */
export class PushedNameNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly name: string) {
    this.id = childId(parent, 'pushed', name);
  }

  toTreeItem(): vscode.TreeItem {
    // The same on every row, so in the tooltip only: the header row above says when they were pushed.
    return treeItem(this.id, {
      label: this.name, tooltip: vscode.l10n.t('{0}: pushed from this machine; the value is write-only and cannot be read back.', this.name),
      icon: new vscode.ThemeIcon('lock'), contextValue: 'projectSecrets.pushedName',
      accessibilityLabel: vscode.l10n.t('{0}, pushed, value write-only', this.name),
    });
  }
}
