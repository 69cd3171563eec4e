import * as vscode from 'vscode';
import { childId, type TreeNode } from './node';

/** The generic rows every backend's tree uses: messages, errors and "Load more…"; and how any row is drawn. */

/** What a row shows; `treeItem` turns it into the TreeItem VS Code draws. */
export interface Row {
  readonly label: string;
  /** Whether the row has children (drawn collapsed). */
  readonly expandable?: boolean;
  readonly description?: string;
  readonly tooltip?: string | vscode.MarkdownString;
  readonly icon?: vscode.ThemeIcon;
  /** `projectSecrets.<kind>;<flags>`: what the menus' when-clauses match. */
  readonly contextValue: string;
  readonly command?: vscode.Command;
  /** What a screen reader says instead of label and description. */
  readonly accessibilityLabel?: string;
}

export function treeItem(id: string, row: Row): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, row.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = id;
  if (row.description !== undefined) item.description = row.description;
  if (row.tooltip !== undefined) item.tooltip = row.tooltip;
  if (row.icon) item.iconPath = row.icon;
  item.contextValue = row.contextValue;
  if (row.command) item.command = row.command;
  if (row.accessibilityLabel) item.accessibilityInformation = { label: row.accessibilityLabel };
  return item;
}

/** A plain informational row, e.g. "No projects". */
export class MessageNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, readonly message: string) {
    this.id = childId(parent, 'message');
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, { label: this.message, contextValue: 'projectSecrets.message' });
  }
}

export interface RetryAction {
  readonly command: string;
  readonly node: TreeNode;
  /** What a click does, for the tooltip (default "Click to retry."). */
  readonly hint?: string;
}

/** An error in place of a node's children: the message, and a click that retries. */
export class ErrorNode implements TreeNode {
  readonly id: string;

  /** `detail`: the tooltip's explanation when the label is a summary (e.g. why a token was rejected). */
  constructor(readonly parent: TreeNode, readonly message: string, private readonly retry?: RetryAction, private readonly detail?: string) {
    this.id = childId(parent, 'error');
  }

  toTreeItem(): vscode.TreeItem {
    const retry = this.retry ?? { command: 'projectSecrets.refresh', node: this.parent };
    return treeItem(this.id, {
      label: this.message, contextValue: 'projectSecrets.error',
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
      tooltip: `${this.detail ?? this.message}\n\n${retry.hint ?? vscode.l10n.t('Click to retry.')}`,
      command: { command: retry.command, title: vscode.l10n.t('Retry'), arguments: [retry.node] },
    });
  }
}

/** The row that fetches the next page of its parent (any paged node). */
export class LoadMoreNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode & { requestMore(): void }) {
    this.id = childId(parent, 'load-more');
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: vscode.l10n.t('Load more…'), contextValue: 'projectSecrets.loadMore', icon: new vscode.ThemeIcon('more'),
      tooltip: vscode.l10n.t('Load the next page'),
      command: { command: 'projectSecrets.loadMore', title: vscode.l10n.t('Load More'), arguments: [this.parent] },
    });
  }
}

/** Shown in place of every value: a fixed mask that reveals nothing, not even the length. */
export const valueMask = '••••••';
