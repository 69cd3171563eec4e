import * as vscode from 'vscode';

/** What "Show Details" shows of a secret: names, ids, dates, never the value nor any part of it. */
export interface Details {
  /** The secret's name, also the document's name. */
  readonly name: string;
  /** Where it lives, e.g. "alice-blog · Vercel account alice". */
  readonly where: string;
  /** Label and text, in order; rows without text are left out. Dates as Date. */
  readonly fields: ReadonlyArray<readonly [string, string | Date | undefined]>;
  /** One closing sentence, e.g. how to change the value. */
  readonly note?: string;
}

export const detailsScheme = 'project-secrets-details';

/**
 * "Show Details": a read-only virtual Markdown document per secret row, served from memory by a
 * TextDocumentContentProvider (nothing on disk, no request). Built from the row's metadata only:
 * the rows never hold values, and `Details` has no place for one.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(detailsScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('These details are no longer available: open them again from the Secrets view.');
  }

  /** Opens (or updates and shows) the details of the row with tree id `id`, keeping the focus in the tree. */
  async show(id: string, details: Details): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: detailsScheme, path: `/${details.name}.md`, query: id });
    const key = uri.toString();
    const had = this.texts.has(key);
    this.texts.set(key, render(details));
    if (had) this.changed.fire(uri);
    // Our own scheme: VS Code asks provideTextDocumentContent, no file is read.
    return vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** Markdown: a heading, where it lives, a two-column table of the fields, the note. */
export function render(details: Details): string {
  const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = details.fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `| ${cell(label)} | ${cell(value instanceof Date ? `${value.toLocaleString()} (${value.toISOString()})` : value!)} |`);
  return [
    `# ${details.name}`, '', details.where, '',
    `| ${vscode.l10n.t('Property')} | |`, '| --- | --- |', ...rows, '',
    ...(details.note ? [details.note, ''] : []),
  ].join('\n');
}
