import * as vscode from 'vscode';

type Report = (message: string) => void;
/** The innermost running progress, so HTTP retry waits can be shown inside it. */
const active: Report[] = [];

/**
 * Runs a request (or several) under a notification progress with a Cancel button
 * that really aborts: the AbortSignal goes down to the HTTP layer.
 */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    const report: Report = (message) => progress.report({ message });
    active.push(report);
    return task(controller.signal).finally(() => {
      active.splice(active.indexOf(report), 1);
      subscription.dispose();
    });
  });
}

/** Tells the user why nothing seems to happen (a 429 wait, a retry); in the progress when one runs. */
export function reportWait(message: string, ms: number): void {
  const report = active.at(-1);
  if (report) report(message);
  else vscode.window.setStatusBarMessage(message, ms);
}
