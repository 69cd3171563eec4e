import * as vscode from 'vscode';

/**
 * "Review in the diff editor": the file as it is ↔ what it would become, the proposed side a
 * read-only document served from memory (scheme `project-secrets-pull`), never written to
 * disk. Accept or Cancel from the editor's title bar (package.json editor/title) or from the
 * notification beside it; closing the diff is a cancel.
 */
export const reviewScheme = 'project-secrets-pull';

interface Review {
  readonly text: string;
  readonly resolve: (accepted: boolean) => void;
  /** Set once its diff editor's tab was seen: from then on, no tab for it means it was closed. */
  seen?: boolean;
}

const reviews = new Map<string, Review>();
let provider: vscode.Disposable | undefined;
let tabs: vscode.Disposable | undefined;
let counter = 0;

/**
 * Opens the diff of `file` (which exists) against `proposed` titled `title`, and resolves
 * true on Accept, false on Cancel or when the diff is closed. The diff is closed after.
 */
export async function reviewInDiff(file: vscode.Uri, proposed: string, title: string, prompt: string): Promise<boolean> {
  provider ??= vscode.workspace.registerTextDocumentContentProvider(reviewScheme, {
    provideTextDocumentContent: (uri) => reviews.get(uri.toString())?.text ?? '',
  });
  const name = file.path.split('/').pop() ?? '.env';
  const uri = vscode.Uri.from({ scheme: reviewScheme, path: `/${name}`, query: `review=${++counter}` });
  const key = uri.toString();
  const decided = new Promise<boolean>((resolve) => reviews.set(key, { text: proposed, resolve }));
  // Closed another way (the tab's ✕): a cancel. Listening before it opens, so no change is missed.
  tabs ??= vscode.window.tabGroups.onDidChangeTabs(closedReviews);
  try {
    await vscode.commands.executeCommand('vscode.diff', file, uri, title, { preview: false });
    closedReviews();
    const accept = vscode.l10n.t('Accept');
    void vscode.window.showInformationMessage(prompt, accept, vscode.l10n.t('Cancel')).then((choice) => {
      // A dismissed notification leaves the decision to the editor's title bar.
      if (choice !== undefined) reviews.get(key)?.resolve(choice === accept);
    });
    return await decided;
  } finally {
    reviews.delete(key);
    await closeDiff(uri);
  }
}

/** Cancels each open review whose diff editor is no longer open. */
function closedReviews(): void {
  const open = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputTextDiff ? tab.input.modified.toString() : '')));
  for (const [shown, review] of reviews) {
    if (open.has(shown)) review.seen = true;
    else if (review.seen) review.resolve(false);
  }
}

/** "Accept" (✓ in the diff's title bar): `uri` is the proposed side, or the active editor's. */
export function acceptReview(uri?: unknown): boolean {
  return decide(uri, true);
}

/** "Cancel" (✕ in the diff's title bar). */
export function cancelReview(uri?: unknown): boolean {
  return decide(uri, false);
}

function decide(uri: unknown, accepted: boolean): boolean {
  const key = (uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri)?.toString();
  const review = key === undefined ? undefined : reviews.get(key);
  review?.resolve(accepted);
  return review !== undefined;
}

async function closeDiff(uri: vscode.Uri): Promise<void> {
  const open = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
  if (open.length > 0) await vscode.window.tabGroups.close(open);
}
