import * as vscode from 'vscode';
import { isSendable, reviewKinds, type ReviewItem, type ReviewKind } from '../core/dotenv/review';
import { CancelledError } from '../core/errors';

/** One key of the review as shown: never a value, only what will happen to it. */
export interface ReviewRow extends ReviewItem {
  /** "will be created as Secret in Production, Preview", recomputed after a button changes the row. */
  describe(): string;
  /** Ticked at first (default: sendable kinds). */
  readonly picked?: boolean;
  /** Per-key overrides ("Type…", "Environments…"): each changes the row, then the review shows again. */
  readonly buttons?: readonly ReviewButton[];
}

export interface ReviewButton {
  readonly icon: vscode.ThemeIcon;
  readonly tooltip: string;
  run(): Promise<void> | void;
}

export interface ReviewOptions {
  readonly title: string;
  readonly rows: readonly ReviewRow[];
  /** Where the keys live, for the group titles: "Vercel", "the resource". */
  readonly remoteName: string;
  /** Offer "Remove keys missing from the file" (unticked) when there are `onlyRemote` rows. */
  readonly offerRemoval: boolean;
}

export interface ReviewAnswer {
  /** The ticked keys that are sent (new, changed, write-only; unchanged ones when ticked). */
  readonly send: readonly string[];
  /** The user ticked "remove keys missing from the file". */
  readonly remove: boolean;
}

type Item = vscode.QuickPickItem & { row?: ReviewRow; removal?: true };

function groupLabel(kind: ReviewKind, count: number, remoteName: string): string {
  switch (kind) {
    case 'new': return vscode.l10n.t('New ({0})', count);
    case 'changed': return vscode.l10n.t('Changed: value differs ({0})', count);
    case 'writeOnly': return vscode.l10n.t('Write-only on {0}: value unknown, will overwrite ({1})', remoteName, count);
    case 'unchanged': return vscode.l10n.t('Unchanged: skipped ({0})', count);
    case 'onlyRemote': return vscode.l10n.t('Only on {0}: left alone ({1})', remoteName, count);
  }
}

/**
 * The review before an upload: a quick pick with a checkbox per key, grouped by kind under
 * separators, each saying what will happen; new, changed and write-only keys are ticked,
 * unchanged ones not (ticking sends them anyway). Keys only on the remote side are listed
 * in one item, "Remove keys missing from the file", unticked. Item buttons change a key's
 * type or environments. Resolves to the ticked keys; Escape throws CancelledError.
 */
export function reviewPick(options: ReviewOptions): Promise<ReviewAnswer> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.title;
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.placeholder = vscode.l10n.t('Untick what should not be sent, then press Enter. Values are never shown.');
  const onlyRemote = options.rows.filter((r) => r.kind === 'onlyRemote');
  const rowItems = new Map<ReviewRow, Item>();
  const build = (ticked: ReadonlySet<ReviewRow> | undefined, removalTicked: boolean): void => {
    const items: Item[] = [];
    const selected: Item[] = [];
    for (const kind of reviewKinds) {
      const rows = options.rows.filter((r) => r.kind === kind);
      if (rows.length === 0 || (kind === 'onlyRemote' && !options.offerRemoval)) continue;
      items.push({ label: groupLabel(kind, rows.length, options.remoteName), kind: vscode.QuickPickItemKind.Separator });
      if (kind === 'onlyRemote') {
        const removal: Item = {
          label: onlyRemote.length === 1 ? vscode.l10n.t('Remove the key missing from the file') : vscode.l10n.t('Remove the {0} keys missing from the file', onlyRemote.length),
          description: onlyRemote.slice(0, 8).map((r) => r.key).join(', ') + (onlyRemote.length > 8 ? ' …' : ''),
          removal: true,
        };
        items.push(removal);
        if (removalTicked) selected.push(removal);
        continue;
      }
      for (const row of rows) {
        const item: Item = {
          label: row.key, row,
          description: row.line !== undefined ? `${vscode.l10n.t('line {0}', row.line)} · ${row.describe()}` : row.describe(),
          buttons: row.buttons?.map((b) => ({ iconPath: b.icon, tooltip: b.tooltip })),
        };
        rowItems.set(row, item);
        items.push(item);
        if (ticked ? ticked.has(row) : row.picked ?? isSendable(row.kind)) selected.push(item);
      }
    }
    pick.items = items;
    pick.selectedItems = selected;
  };
  build(undefined, false);
  return new Promise<ReviewAnswer>((resolve, reject) => {
    let inButton = false;
    let settled = false;
    const finish = (run: () => void) => {
      if (settled) return;
      settled = true;
      run();
      pick.dispose();
    };
    pick.onDidAccept(() => finish(() => resolve({
      send: pick.selectedItems.flatMap((i) => (i.row && i.row.kind !== 'onlyRemote' ? [i.row.key] : [])),
      remove: pick.selectedItems.some((i) => i.removal),
    })));
    pick.onDidHide(() => {
      if (!inButton) finish(() => reject(new CancelledError()));
    });
    pick.onDidTriggerItemButton(async (event) => {
      const row = event.item.row;
      const button = row?.buttons?.find((b) => b.tooltip === event.button.tooltip);
      if (!button) return;
      const ticked = new Set(pick.selectedItems.flatMap((i) => (i.row ? [i.row] : [])));
      const removalTicked = pick.selectedItems.some((i) => i.removal);
      inButton = true;
      try {
        await button.run();
      } catch {
        // Escape in the override's own prompt: the row stays as it was.
      } finally {
        inButton = false;
      }
      if (settled) return;
      build(ticked, removalTicked);
      pick.activeItems = [...rowItems.values()].filter((i) => i.row === row);
      pick.show();
    });
    pick.show();
  });
}
