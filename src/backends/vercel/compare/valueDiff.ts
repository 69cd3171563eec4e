import * as vscode from 'vscode';

/**
 * "Compare Values…": two values side by side in VS Code's diff editor, each a read-only
 * document served from memory (scheme `project-secrets-compare`), never written to disk and
 * never dirty (so no hot-exit backup). A text is forgotten as soon as no tab shows it; the
 * document then reads as a short note, not the value.
 */
export const compareScheme = 'project-secrets-compare';

const texts = new Map<string, string>();
/** Texts whose tab has been seen: from then on, no tab showing it means it was closed. */
const seen = new Set<string>();
let registration: vscode.Disposable | undefined;
let tabs: vscode.Disposable | undefined;
let counter = 0;
const gone = () => vscode.l10n.t('This value is no longer shown: run "Compare Values…" again from the comparison.');

/** One side: the document's name ("API_KEY (Production)") and its text. */
export interface DiffSide {
  readonly name: string;
  readonly text: string;
}

/** Opens the diff of `left` ↔ `right` titled `title`. */
export async function showValueDiff(left: DiffSide, right: DiffSide, title: string): Promise<void> {
  registration ??= vscode.workspace.registerTextDocumentContentProvider(compareScheme, {
    provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? gone(),
  });
  const n = ++counter;
  const uri = (side: DiffSide) => vscode.Uri.from({ scheme: compareScheme, path: `/${side.name.replace(/[/\\]/g, '-')}`, query: `compare=${n}` });
  const [a, b] = [uri(left), uri(right)];
  texts.set(a.toString(), left.text);
  texts.set(b.toString(), right.text);
  tabs ??= vscode.window.tabGroups.onDidChangeTabs(forgetClosed);
  await vscode.commands.executeCommand('vscode.diff', a, b, title, { preview: true });
  forgetClosed();
}

/** Forgets the texts no tab shows any more. */
function forgetClosed(): void {
  const open = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputTextDiff
    ? [tab.input.original.toString(), tab.input.modified.toString()]
    : tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])));
  for (const key of [...texts.keys()]) {
    if (open.has(key)) seen.add(key);
    else if (seen.delete(key)) texts.delete(key);
  }
  if (texts.size === 0) {
    tabs?.dispose();
    tabs = undefined;
  }
}

