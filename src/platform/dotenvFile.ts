import * as vscode from 'vscode';
import { readDotenvFile, type DotenvEntry, type DotenvProblem } from '../core/dotenv/parse';
import { entryProblems } from '../core/dotenv/review';
import { CancelledError, InputError } from '../core/errors';
import { applyValueFixes } from '../core/values';
import { keepAsTypedLabel, removeItLabel } from './valueEntry';

/** A .env file read for an upload: its entries (values as the user chose after the hygiene check) and its name. */
export interface DotenvUpload {
  readonly fileName: string;
  readonly entries: readonly DotenvEntry[];
}

/**
 * The file to upload: the workspace's `.env`, `.env.*` and `*.env` files first (by path), then
 * "Browse…" for an open dialog. Throws CancelledError on Escape.
 */
export async function pickDotenvFile(title: string): Promise<vscode.Uri> {
  const found = vscode.workspace.workspaceFolders?.length
    ? await vscode.workspace.findFiles('**/{.env,.env.*,*.env}', '**/node_modules/**', 50) : [];
  const browse = vscode.l10n.t('Browse…');
  if (found.length > 0) {
    const items = [...found].sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({
      label: uri.path.split('/').pop() ?? uri.path, description: vscode.workspace.asRelativePath(uri, true), uri: uri as vscode.Uri | undefined,
    }));
    const picked = await vscode.window.showQuickPick([...items, { label: `$(folder-opened) ${browse}`, description: '', uri: undefined }],
      { title, placeHolder: vscode.l10n.t('The .env file to upload') });
    if (!picked) throw new CancelledError();
    if (picked.uri) return picked.uri;
  }
  const [file] = await vscode.window.showOpenDialog({
    title, canSelectMany: false, openLabel: vscode.l10n.t('Upload'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Environment files')]: ['env', 'local', 'production', 'development', 'preview', '*'] },
  }) ?? [];
  if (!file) throw new CancelledError();
  return file;
}

/**
 * Reads `file` as dotenv does (core/dotenv: encoding from its bytes), then refuses it with
 * every problem at its line — the file's own and the backend's (`rule`: a name or value the
 * API refuses) — so nothing is sent while there is one; then confirms what is odd in the
 * values ("Remove it" / "Keep as typed"). Every value is handed to `addSecret` (redaction)
 * before anything else happens with it. Throws InputError, CancelledError.
 */
export async function readDotenvUpload(file: vscode.Uri, addSecret: (value: string) => void,
  rule: (name: string, value: string) => string | undefined): Promise<DotenvUpload> {
  const fileName = file.path.split('/').pop() ?? '';
  const { entries, problems } = readDotenvFile(await vscode.workspace.fs.readFile(file), fileName);
  for (const e of entries) addSecret(e.value);
  const all = [...problems, ...entryProblems(entries, rule)].sort((a, b) => a.line - b.line);
  if (all.length > 0) throw new InputError(problemsMessage(fileName, all));
  if (entries.length === 0) throw new InputError(vscode.l10n.t('{0} has no variables to upload.', fileName));
  const fixed = await confirmFindings(entries);
  for (const e of fixed) addSecret(e.value);
  return { fileName, entries: fixed };
}

/** "<file> has 2 problems, so nothing was sent: line 3: …; line 7: …" (never a value: problems name lines and names). */
export function problemsMessage(fileName: string, problems: readonly DotenvProblem[]): string {
  const lines = problems.slice(0, 5).map((p) => vscode.l10n.t('line {0}: {1}', p.line, p.message)).join('; ');
  const more = problems.length > 5 ? vscode.l10n.t(' (and {0} more)', problems.length - 5) : '';
  return problems.length === 1
    ? vscode.l10n.t('{0} has 1 problem, so nothing was sent: {1}{2}', fileName, lines, more)
    : vscode.l10n.t('{0} has {1} problems, so nothing was sent: {2}{3}', fileName, problems.length, lines, more);
}

/**
 * What is odd in the values (an empty value is the rules' business), by line and name, with
 * "Remove it" (every value fixed) or "Keep as typed"; nothing is changed silently.
 */
export async function confirmFindings(entries: readonly DotenvEntry[]): Promise<DotenvEntry[]> {
  const odd = entries.map((e) => ({ entry: e, findings: e.findings.filter((f) => f.kind !== 'empty') })).filter((o) => o.findings.length > 0);
  if (odd.length === 0) return [...entries];
  const shown = odd.slice(0, 10).flatMap(({ entry, findings }) =>
    findings.map((f) => `• ${vscode.l10n.t('line {0}', entry.line)}: ${f.message}`));
  const rest = odd.length - 10;
  const more = rest > 0 ? [rest === 1 ? vscode.l10n.t('…and 1 more variable.') : vscode.l10n.t('…and {0} more variables.', rest)] : [];
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Something in {0} of the values may not be meant to be there.', odd.length),
    { modal: true, detail: [...shown, ...more, '', vscode.l10n.t('"Remove it" imports those values without these characters; "Keep as typed" imports every value exactly as the file has it.')].join('\n') },
    removeItLabel, keepAsTypedLabel);
  if (choice === keepAsTypedLabel) return [...entries];
  if (choice !== removeItLabel) throw new CancelledError();
  return entries.map((e) => ({ ...e, value: applyValueFixes(e.value, e.findings.filter((f) => f.kind !== 'empty').map((f) => f.kind)) }));
}
