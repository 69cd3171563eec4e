import * as vscode from 'vscode';
import { isCancellation, isStepUp, vercelDashboardUrl } from '../core/errors';
import type { Logger } from './log';
import { NotSentError } from './verifiedWrite';

/**
 * The one error boundary of every command: cancellation is silent, every error
 * is logged (redacted) and the user gets one short, actionable message (unless it was
 * shown already: NotSentError), worded by
 * `describe` (each backend's meaning of its errors).
 */
export function registerCommand(id: string, run: (...args: unknown[]) => unknown,
  report: { readonly logger: Logger; describe(err: unknown): string }): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (err) {
      reportError(id, err, report);
      return undefined;
    }
  });
}

/**
 * What the boundary does with an error: nothing for a cancellation; otherwise log it
 * (redacted) under `where` and show one short message (unless it was shown already). Also
 * for errors outside a command's run, e.g. an action sent by a webview.
 */
export function reportError(where: string, err: unknown, report: { readonly logger: Logger; describe(err: unknown): string }): void {
  if (isCancellation(err)) return;
  const message = report.logger.redact(report.describe(err));
  report.logger.error(`${where}: ${message}`);
  // Already shown, with its Retry button, where it happened.
  if (err instanceof NotSentError) return;
  const showLog = vscode.l10n.t('Show Log');
  // Step-up authentication is done in the dashboard: offer to open it.
  const openDashboard = vscode.l10n.t('Open Dashboard');
  const actions = isStepUp(err) ? [openDashboard, showLog] : [showLog];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === showLog) report.logger.show();
    if (choice === openDashboard) void vscode.env.openExternal(vscode.Uri.parse(vercelDashboardUrl));
  });
}
