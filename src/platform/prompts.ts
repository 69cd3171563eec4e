import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { ask } from './steps';

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

/** What `checkedInput` needs besides the box's texts. */
export interface CheckedInputOptions<T> {
  title?: string;
  prompt?: string;
  placeHolder?: string;
  password?: boolean;
  /** The problem with the text while typing (shown at once, no request), or undefined. */
  validateInput: (text: string) => string | undefined;
  /** Tries the accepted text (e.g. one authenticated request); runs while the box shows busy. */
  check: (text: string) => Promise<T>;
  /**
   * The message for an error of `check` that means "this text was refused" (e.g. HTTP 401):
   * it becomes the box's validation message and the box stays open with the text kept.
   * For any other error (undefined) the box closes and the error propagates.
   */
  rejection: (err: unknown) => string | undefined;
}

/**
 * An input box that stays open until its text passes `check`, so a refused paste is fixed
 * in place (busy while checking, the refusal as validation message; see steps.ts).
 * Resolves to `{ text, result }` with the text as typed; Escape throws CancelledError, or,
 * after a refusal, an InputError with that refusal (so closing the box still says why).
 */
export function checkedInput<T>(options: CheckedInputOptions<T>): Promise<{ text: string; result: T }> {
  const { title, ...box } = options;
  return ask(title ?? '', (prompter) => prompter.checkedBox(box));
}
