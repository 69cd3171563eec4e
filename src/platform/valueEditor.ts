import * as vscode from 'vscode';

/**
 * "Enter in Editor…": a multi-line value typed or pasted into an editor whose document lives
 * in memory only (scheme `project-secrets-value`, served by this extension), so it is never
 * saved to disk: even Ctrl+S or "Save" on closing writes to memory. Not an untitled editor,
 * because VS Code names an untitled tab (and the window title) after its first line, which
 * would show the value's first line outside the editor, and saves it to a file on "Save".
 * The editor's title bar offers "Send Value" and "Cancel" (package.json editor/title, for
 * this scheme). Either way the editor is emptied, saved (to memory) and closed, so VS Code
 * neither asks to save it nor keeps a hot-exit backup of it, and the memory is freed.
 */

export const valueEditorScheme = 'project-secrets-value';
const valueEditorLanguage = 'project-secrets-value';

interface Session {
  readonly document: vscode.TextDocument;
  readonly resolve: (text: string | undefined) => void;
}

const sessions = new Map<string, Session>();
let files: ValueFiles | undefined;

/**
 * Opens an empty editor titled "Value of API_KEY" (`title`) and resolves to its text when
 * the user runs "Send Value", or undefined on "Cancel" or when the editor is closed another
 * way. `what` ("value of API_KEY") is named in the hint. The text is exactly what the editor
 * holds (line feeds: the document is set to LF before anything is typed, so a Windows
 * default does not add CRs).
 */
export async function editValueInEditor(title: string, what: string): Promise<string | undefined> {
  if (!files) {
    files = new ValueFiles();
    // Registered once, for the extension host's lifetime.
    vscode.workspace.registerFileSystemProvider(valueEditorScheme, files, { isCaseSensitive: true });
  }
  const name = title.replace(/[/\\]/g, '-');
  let uri = vscode.Uri.from({ scheme: valueEditorScheme, path: `/${name}` });
  for (let n = 2; files.has(uri); n++) uri = vscode.Uri.from({ scheme: valueEditorScheme, path: `/${name} (${n})` });
  files.create(uri);
  // Its own language, whose defaults (package.json configurationDefaults) turn off suggestions:
  // Enter must always start a new line, and nothing may be completed into a secret.
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), valueEditorLanguage);
  const result = new Promise<string | undefined>((resolve) => sessions.set(uri.toString(), { document, resolve }));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (document.eol !== vscode.EndOfLine.LF) await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.LF));
  listen(); // after the tab exists: a tab change before would look like a close
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'Type or paste the {0} in the editor, then click "Send Value" (✓) in its title bar. It is never saved to disk; "Cancel" (✕) discards it.', what));
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

function sessionFor(uri: vscode.Uri | undefined): Session | undefined {
  const key = (uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri)?.toString();
  return key === undefined ? undefined : sessions.get(key);
}

let listeners: vscode.Disposable | undefined;

function listen(): void {
  // Closed another way (the tab's ✕, then "Don't Save" or "Save"): that is a cancel.
  listeners ??= vscode.window.tabGroups.onDidChangeTabs(() => {
    for (const session of [...sessions.values()]) {
      if (tabsOf(session.document).length === 0) void finish(session, undefined);
    }
  });
}

async function finish(session: Session, text: string | undefined): Promise<void> {
  const uri = session.document.uri;
  if (!sessions.delete(uri.toString())) return;
  try {
    await discard(session.document);
  } finally {
    files?.remove(uri);
    session.resolve(text);
    if (sessions.size === 0) {
      listeners?.dispose();
      listeners = undefined;
    }
  }
}

/**
 * Empties the document (so the value does not stay in the editor's memory after it is
 * closed), saves that emptiness to its in-memory file (not dirty: closing asks nothing, and
 * VS Code drops any hot-exit backup), then closes every tab showing it. By URI and tab,
 * never through "the active editor", which may not be this one yet.
 */
async function discard(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (document.getText() !== '') {
      const edit = new vscode.WorkspaceEdit();
      edit.delete(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)));
      await vscode.workspace.applyEdit(edit);
    }
    // Always: `isDirty` here may not have caught up with the edit yet; saving a clean document does nothing.
    await document.save();
    const tabs = tabsOf(document);
    if (tabs.length === 0 || await vscode.window.tabGroups.close(tabs, true)) return;
    if (attempt >= 10) throw new Error('The value editor could not be closed: close it without saving.');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the workbench is still applying the save
  }
}

function tabsOf(document: vscode.TextDocument): vscode.Tab[] {
  const key = document.uri.toString();
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key);
}

/**
 * The value editors' documents, in memory: one empty file per open editor, written only by
 * a save of that editor, gone when it closes; all at the root, "Value of API_KEY (2)" when
 * a name is taken.
 */
class ValueFiles implements vscode.FileSystemProvider {
  private readonly contents = new Map<string, { data: Uint8Array; ctime: number; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  has(uri: vscode.Uri): boolean {
    return this.contents.has(uri.path);
  }

  create(uri: vscode.Uri): void {
    this.contents.set(uri.path, { data: new Uint8Array(), ctime: Date.now(), mtime: Date.now() });
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.path);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.contents.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: file.ctime, mtime: file.mtime, size: file.data.byteLength };
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): Array<[string, vscode.FileType]> {
    return [];
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.contents.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const file = this.contents.get(uri.path);
    // Only the open value editors' own documents: nothing else can be created here.
    if (!file) throw vscode.FileSystemError.NoPermissions(uri);
    this.contents.set(uri.path, { ...file, data: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    this.contents.delete(uri.path);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
