import * as vscode from 'vscode';
import type { Backend, Capability, Command, SecretItem, Services } from '../backends/backend';
import type { Connection } from '../connections/accountStore';
import { CancelledError } from '../core/errors';
import type { NodeContext, RootNode, TreeNode } from '../tree/node';
import { pickBelow, type Wanted } from '../tree/pick';

/** A node of `family` that offers `capability` (see SecretItem). */
export function capable(family: string, capability: Capability): Wanted<SecretItem> {
  const accepts = (node: TreeNode): node is SecretItem => (node as SecretItem).family === family && (node as SecretItem)[capability] !== undefined;
  return { family, accepts, offered: (node): node is SecretItem => accepts(node) && ((node as SecretItem).offers?.(capability) ?? true) };
}

export function nodeContext(services: Services): NodeContext {
  const { clients, accounts, globalState, describe, tree } = services;
  return { clients, accounts, globalState, describe, rerender: (node) => tree.rerender(node) };
}

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && typeof (value as TreeNode).toTreeItem === 'function';
}

/**
 * What a command acts on: `node` when it is a target; a node that holds targets (a
 * connection, a project) is walked down from. From the palette or a key (no `node`), the
 * tree's selection stands in for it: the selected row or its nearest ancestor that is a
 * target, else the nearest that holds targets. Otherwise the user picks a connection and
 * walks down from a fresh copy of its root (fresh: the palette sees the current state).
 */
export async function targetOf<T extends TreeNode>(services: Services, node: unknown, wanted: Wanted<T>): Promise<T> {
  if (isNode(node) && wanted.accepts(node)) return node;
  let start: TreeNode | undefined;
  if (isNode(node) && node.holds?.includes(wanted.family)) {
    start = node;
  } else if (node === undefined) {
    for (let at = selected(services); at && !start; at = at.parent) {
      if (wanted.accepts(at)) return at;
      if (at.holds?.includes(wanted.family)) start = at;
    }
  }
  if (!start) {
    const connection = await pickConnection(services, (backend) => backend.holds.includes(wanted.family));
    start = services.backends.of(connection).createRoot(connection);
  }
  return pickBelow(nodeContext(services), start, wanted);
}

/** The row selected in the tree (the palette and keys pass no row), if any. */
export function selected(services: Services): TreeNode | undefined {
  const [first] = services.treeView.selection;
  return isNode(first) ? first : undefined;
}

/** The connection of the row selected in the tree, when it is of a backend that `fits`. */
export function selectedConnection(services: Services, fits: (backend: Backend) => boolean): Connection | undefined {
  let at = selected(services);
  while (at?.parent) at = at.parent;
  const connection = connectionOf(at);
  return connection && fits(services.backends.of(connection)) ? connection : undefined;
}

/** A connection of a backend that `fits`: the only one, or picked from a list; offers to add one when there is none. */
export async function pickConnection({ accounts, backends }: Services, fits: (backend: Backend) => boolean): Promise<Connection> {
  const fitting = backends.all.filter(fits);
  const list = accounts.list().filter((account) => fitting.some((backend) => backend.kind === account.kind));
  if (list.length === 0) {
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Connect an account first.'), ...fitting.map((b) => b.connect.title));
    const backend = fitting.find((b) => b.connect.title === choice);
    if (backend) await vscode.commands.executeCommand(backend.connect.command);
    throw new CancelledError();
  }
  if (list.length === 1) return list[0];
  const picked = await vscode.window.showQuickPick(list.map((account) => ({ label: account.label, description: backends.of(account).kindLabel, account })),
    { title: vscode.l10n.t('Account'), placeHolder: vscode.l10n.t('Pick an account or connection') });
  if (!picked) throw new CancelledError();
  return picked.account;
}

/** The connection a node stands for, if it is a root (the context menus of connection rows). */
export function connectionOf(node: unknown): Connection | undefined {
  return isNode(node) && node.parent === undefined && 'account' in node ? (node as RootNode).account : undefined;
}

/**
 * A command that is one capability of one family: it takes its row (or picks one from the
 * palette by walking the tree) and calls it; the row's backend does the rest.
 */
export function capabilityCommand(id: string, family: string, capability: 'addSecret' | 'setValue' | 'rename' | 'delete'): Command {
  return {
    id,
    async run(services, node?: unknown) {
      const item = (node === undefined ? selectedCapable(services, capability) : undefined)
        ?? await targetOf(services, node, capable(family, capability));
      await item[capability]!(services);
    },
  };
}

/**
 * The selected row when it can do `capability`, whatever its family: a key (F2, Delete) acts on
 * the row it is pressed on, an account secret as much as a variable. Read when the command runs,
 * so it is the row the key was pressed on (no context key to race with).
 */
export function selectedCapable(services: Services, capability: Capability): SecretItem | undefined {
  const row = selected(services) as SecretItem | undefined;
  return row?.[capability] !== undefined && (row.offers?.(capability) ?? true) ? row : undefined;
}
