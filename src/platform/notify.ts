import * as vscode from 'vscode';

/**
 * How long a routine success stays in the status bar (ms): long enough to read, and it
 * goes away by itself, unlike a notification that stacks up with every edit.
 */
export const doneMessageMs = 5000;

/**
 * Routine success ("Saved API_KEY in alice-blog."): a status bar message for a few seconds,
 * no notification. The tree shows the result; errors still go to error notifications.
 */
export function done(message: string): void {
  vscode.window.setStatusBarMessage(`$(check) ${message}`, doneMessageMs);
}

/**
 * Reminders worth one notification per subject per session (e.g. "changes apply to new
 * deployments only: redeploy alice-blog"), not one per edit. Kept in memory only: a new
 * window reminds again.
 */
export class Reminders {
  private readonly shown = new Set<string>();

  /** Shows `message` as an information notification unless one was shown for `subject` already. */
  once(subject: string, message: string): void {
    if (this.shown.has(subject)) return;
    this.shown.add(subject);
    void vscode.window.showInformationMessage(message);
  }

  /** Whether a reminder for `subject` was shown in this session. */
  has(subject: string): boolean {
    return this.shown.has(subject);
  }

  /** Forgets every reminder shown (the integration tests start each scenario as a new session would). */
  clear(): void {
    this.shown.clear();
  }
}
