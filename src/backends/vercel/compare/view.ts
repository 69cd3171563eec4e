import * as vscode from 'vscode';
import type { Cell, Matrix } from '../../../core/compare/matrix';

/**
 * What the webview draws, worded here: no value and no digest, only each cell's state and
 * equality group ("same as Production"), its screen-reader label and its action.
 */
export interface ViewCell {
  readonly state: Cell['state'];
  readonly text: string;
  /** "DATABASE_URL in Preview: differs from Production". */
  readonly label: string;
  readonly action?: { readonly kind: 'copy' | 'compare'; readonly title: string };
}

export interface ViewModel {
  readonly title: string;
  readonly summary: string;
  readonly columns: ReadonlyArray<{ readonly id: string; readonly label: string }>;
  readonly rows: ReadonlyArray<{ readonly key: string; readonly missing: number; readonly cells: readonly ViewCell[] }>;
  readonly empty?: string;
  readonly strings: { readonly refresh: string; readonly key: string; readonly table: string; readonly hint: string; readonly copy: string; readonly compare: string };
}

/** Messages to the webview. */
export type ToWebview =
  | { readonly type: 'model'; readonly model: ViewModel }
  | { readonly type: 'loading'; readonly text: string }
  | { readonly type: 'error'; readonly text: string; readonly retry: string };

export function viewModel(title: string, matrix: Matrix): ViewModel {
  const columns = matrix.columns;
  const rows = matrix.rows.map((row) => ({
    key: row.key, missing: row.missing,
    cells: row.cells.map((cell, i) => viewCell(row.key, columns[i].label, cell, columns, row.cells)),
  }));
  const parts = [
    matrix.rows.length === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', matrix.rows.length),
    matrix.rowsWithMissing === 1 ? vscode.l10n.t('1 missing somewhere') : vscode.l10n.t('{0} missing somewhere', matrix.rowsWithMissing),
    matrix.rowsDiffering === 1 ? vscode.l10n.t('1 with different values') : vscode.l10n.t('{0} with different values', matrix.rowsDiffering),
  ];
  return {
    title, summary: parts.join(' · '), columns, rows,
    ...(rows.length === 0 ? { empty: vscode.l10n.t('No environment variables to compare.') } : {}),
    strings: {
      refresh: vscode.l10n.t('Refresh'), key: vscode.l10n.t('Key'), table: vscode.l10n.t('Keys by environment'),
      copy: vscode.l10n.t('Copy…'), compare: vscode.l10n.t('Compare…'),
      hint: vscode.l10n.t('Arrow keys move between cells; Enter runs the cell\'s action. Values are compared by digest on this machine and never shown here.'),
    },
  };
}

function viewCell(key: string, where: string, cell: Cell, columns: ReadonlyArray<{ label: string }>, row: readonly Cell[]): ViewCell {
  let text: string;
  let action: ViewCell['action'];
  switch (cell.state) {
    case 'missing':
      text = vscode.l10n.t('missing');
      if (row.some((c) => c.state !== 'missing' && c.state !== 'system')) action = { kind: 'copy', title: vscode.l10n.t('Copy to {0}…', where) };
      break;
    case 'writeOnly': text = vscode.l10n.t('set, value unknown'); break;
    case 'system': text = vscode.l10n.t('set by Vercel (system)'); break;
    case 'notReturned': text = vscode.l10n.t('set, value not returned'); break;
    case 'value': text = vscode.l10n.t('set'); break;
    case 'same': text = vscode.l10n.t('same as {0}', columns[cell.as].label); break;
    case 'differs':
      text = vscode.l10n.t('differs from {0}', columns[cell.from].label);
      action = { kind: 'compare', title: vscode.l10n.t('Compare Values…') };
      break;
  }
  const label = vscode.l10n.t('{0} in {1}: {2}', key, where, text) + (action ? `. ${vscode.l10n.t('Enter: {0}', action.title)}` : '');
  return { state: cell.state, text, label, ...(action ? { action } : {}) };
}
