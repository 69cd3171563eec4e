import * as vscode from 'vscode';
import type { Command, Services } from '../backends/backend';
import { CancelledError } from '../core/errors';
import { filterProblem, isFilterable, passesFilter, rowFilters, type Filterable } from '../tree/filter';
import type { TreeNode } from '../tree/node';
import { nodeContext, selected } from './target';
import { pickBelow } from '../tree/pick';

/** The context key that shows "Clear Filters" in the view's title while a filter is in force. */
export const filteringContextKey = 'projectSecrets.filtering';

/**
 * "Filter…" on a project: narrows its rows to the keys containing a text, from what it has
 * loaded (no request). The box shows the filter in force; empty clears it.
 */
export const filterRows: Command = {
  id: 'projectSecrets.filter',
  async run(services, node?: unknown) {
    const target = await filterTarget(services, node);
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter {0}', target.filterSubject),
      prompt: target.filterRows === 'projects'
        ? vscode.l10n.t('Show only the projects whose name contains this text (empty: show all).')
        : vscode.l10n.t('Show only the variables whose name contains this text (empty: show all).'),
      placeHolder: target.filterRows === 'projects' ? vscode.l10n.t('e.g. web') : vscode.l10n.t('e.g. DATABASE'),
      value: rowFilters.get(target.id) ?? '',
      valueSelection: [0, (rowFilters.get(target.id) ?? '').length],
      validateInput: (value) => filterProblem(value),
      ignoreFocusOut: true,
    });
    // The box refuses what filterProblem refuses, so `text` is a valid filter here.
    if (text === undefined) throw new CancelledError();
    rowFilters.set(target, text);
    await showFiltered(services, target, rowFilters.get(target.id) !== undefined);
  },
};

/** The inline button of a filtered row: shows all its rows again. */
export const clearFilter: Command = {
  id: 'projectSecrets.clearFilter',
  async run(services, node?: unknown) {
    const target = isFilterable(node) ? node : nearestFilterable(selected(services));
    if (!target) return;
    rowFilters.clear(target.id);
    await showFiltered(services, target, false);
  },
};

/** The view title's "Clear Filters": every filter, on every row. */
export const clearAllFilters: Command = {
  id: 'projectSecrets.clearAllFilters',
  async run(services) {
    const ids = rowFilters.all().map((f) => f.id);
    for (const id of ids) rowFilters.clear(id);
    for (const id of ids) {
      const node = services.tree.shownNode(id);
      if (isFilterable(node)) redraw(services, node);
    }
    await updateFilterState(services);
  },
};

/** Clears the filter of the row with this id when it would hide the row named `name` (Find Variable reveals it). */
export async function clearFilterHiding(services: Services, id: string, name: string): Promise<void> {
  const filter = rowFilters.get(id);
  if (filter === undefined || passesFilter(name, filter)) return;
  rowFilters.clear(id);
  const node = services.tree.shownNode(id);
  if (isFilterable(node)) redraw(services, node);
  await updateFilterState(services);
}

async function filterTarget(services: Services, node: unknown): Promise<Filterable> {
  if (isFilterable(node)) return services.tree.shownNode(node.id) as Filterable | undefined ?? node;
  if (node === undefined) {
    const chosen = nearestFilterable(selected(services));
    if (chosen) return chosen;
  }
  // From the palette with nothing selected: pick a project as the tree lists them.
  const picked = await pickBelow(nodeContext(services), await firstRoot(services), {
    family: 'secret', accepts: (n: TreeNode): n is Filterable => isFilterable(n),
  });
  return (services.tree.shownNode(picked.id) as Filterable | undefined) ?? picked;
}

async function firstRoot(services: Services): Promise<TreeNode> {
  const roots = (await services.tree.getChildren()).filter((root) => root.holds?.includes('secret'));
  if (roots.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Connect a Vercel account first: there is nothing to filter.'));
    throw new CancelledError();
  }
  if (roots.length === 1) return roots[0]!;
  const chosen = await vscode.window.showQuickPick(roots.map((root) => ({ label: String(root.toTreeItem().label ?? root.id), root })),
    { title: vscode.l10n.t('Filter…'), placeHolder: vscode.l10n.t('Choose the account of the project to filter') });
  if (!chosen) throw new CancelledError();
  return chosen.root;
}

function nearestFilterable(node: TreeNode | undefined): Filterable | undefined {
  for (let at = node; at; at = at.parent) if (isFilterable(at)) return at;
  return undefined;
}

/** Redraws the row and its rows (no request), shows it expanded, and updates the view's indicator. */
async function showFiltered(services: Services, node: Filterable, expand: boolean): Promise<void> {
  redraw(services, node);
  await updateFilterState(services);
  if (expand) await services.treeView.reveal(node, { expand: true, select: true, focus: false }).then(undefined, () => undefined);
}

function redraw(services: Services, node: Filterable): void {
  node.applyFilter();
  services.tree.rerender(node);
}

/** The context key of "Clear Filters" and the view's message ("Filtered: …"). */
export async function updateFilterState(services: Services): Promise<void> {
  const filters = rowFilters.all();
  services.treeView.message = filters.length === 0 ? undefined
    : filters.length === 1
      ? (filters[0]!.rows === 'projects'
        ? vscode.l10n.t('Filtered: {0} shows the projects containing "{1}".', filters[0]!.subject, filters[0]!.text)
        : vscode.l10n.t('Filtered: {0} shows the variables containing "{1}".', filters[0]!.subject, filters[0]!.text))
      : vscode.l10n.t('Filtered: {0} rows ({1}).', filters.length, filters.map((f) => `${f.subject}: "${f.text}"`).join(', '));
  await vscode.commands.executeCommand('setContext', filteringContextKey, filters.length > 0);
}
