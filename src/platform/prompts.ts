import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';

/** Prompts every backend uses; each throws CancelledError on Escape. */

/** A modal question; resolves to the chosen label, or throws CancelledError. */
export async function confirm(message: string, detail: string, ...choices: string[]): Promise<string> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  if (choice === undefined) throw new CancelledError();
  return choice;
}

/** An input box that stays open on focus loss; the text as typed, or CancelledError. */
export async function input(options: vscode.InputBoxOptions): Promise<string> {
  const text = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (text === undefined) throw new CancelledError();
  return text;
}

/** Runs `task` with a spinner in the status bar (short reads before a quick pick). */
export function withLoading<T>(title: string | undefined, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);
}
