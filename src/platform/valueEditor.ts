import * as vscode from 'vscode';

/**
 * "Enter in Editor…": a multi-line value typed or pasted into an untitled editor that is
 * never saved. The editor's title bar offers "Send Value" and "Cancel" (package.json
 * editor/title, shown while the `projectSecrets.valueEditor` context key is true, i.e. the
 * active editor is one of these). Either way the editor is reverted and closed, so VS Code
 * neither asks to save it nor keeps a hot-exit backup of it.
 */

/** The context key the editor-title actions depend on. */
export const valueEditorContextKey = 'projectSecrets.valueEditor';

interface Session {
  readonly document: vscode.TextDocument;
  readonly resolve: (text: string | undefined) => void;
}

const sessions = new Map<string, Session>();
let listeners: vscode.Disposable | undefined;

/**
 * Opens an empty untitled editor for the `what` ("value of API_KEY") and resolves to its
 * text when the user runs "Send Value", or undefined on "Cancel" or when the editor is
 * closed another way. The text is exactly what the editor holds (line feeds: the document
 * is set to LF before anything is typed, so a Windows default does not add CRs).
 */
export async function editValueInEditor(what: string): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
  const key = document.uri.toString();
  const result = new Promise<string | undefined>((resolve) => sessions.set(key, { document, resolve }));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  listen(); // after the tab exists: a tab change before would look like a close
  if (document.eol !== vscode.EndOfLine.LF) await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.LF));
  await updateContext();
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'Type or paste the {0} in the editor, then click "Send Value" (✓) in its title bar. It is never saved; "Cancel" (✕) discards it.', what));
  return result;
}

/** "Send Value": the editor's text goes to the prompt that opened it; the editor is discarded. */
export async function sendValueEditor(uri?: vscode.Uri): Promise<boolean> {
  const session = sessionFor(uri);
  if (!session) return false;
  const text = session.document.getText();
  await finish(session, text);
  return true;
}

/** "Cancel": the editor is discarded and the prompt that opened it shows its box again. */
export async function cancelValueEditor(uri?: vscode.Uri): Promise<boolean> {
  const session = sessionFor(uri);
  if (!session) return false;
  await finish(session, undefined);
  return true;
}

/** Discards every open value editor (deactivation). */
export async function discardValueEditor(): Promise<void> {
  for (const session of [...sessions.values()]) await finish(session, undefined);
}

function sessionFor(uri: vscode.Uri | undefined): Session | undefined {
  const key = (uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri)?.toString();
  return key === undefined ? undefined : sessions.get(key);
}

async function finish(session: Session, text: string | undefined): Promise<void> {
  const key = session.document.uri.toString();
  if (!sessions.delete(key)) return;
  try {
    await discard(session.document);
  } finally {
    session.resolve(text);
    await updateContext();
    if (sessions.size === 0) {
      listeners?.dispose();
      listeners = undefined;
    }
  }
}

/**
 * Reverts and closes every editor showing the document: reverting empties an untitled
 * document and drops its hot-exit backup, so closing asks nothing and leaves nothing.
 */
async function discard(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 0; attempt < 5 && tabsOf(document).length > 0; attempt++) {
    const tab = tabsOf(document)[0];
    await vscode.window.showTextDocument(document, { viewColumn: tab.group.viewColumn, preserveFocus: false, preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function tabsOf(document: vscode.TextDocument): vscode.Tab[] {
  const key = document.uri.toString();
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key);
}

function listen(): void {
  if (listeners) return;
  listeners = vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(() => void updateContext()),
    // Closed another way (the tab's ✕, "Don't Save"): that is a cancel.
    vscode.window.tabGroups.onDidChangeTabs(() => {
      for (const session of [...sessions.values()]) {
        if (tabsOf(session.document).length === 0) void finish(session, undefined);
      }
    }),
  );
}

function updateContext(): Thenable<unknown> {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  return vscode.commands.executeCommand('setContext', valueEditorContextKey, active !== undefined && sessions.has(active));
}
