import * as vscode from 'vscode';
import type { BatchOutcome, KeyFailure, RemovalOutcome } from '../../../core/vercel/envPush';
import type { Services } from '../../backend';

export interface UploadResult {
  readonly project: string;
  readonly written: BatchOutcome;
  /** Keys refused here before sending (a legacy secret record). */
  readonly refused: ReadonlyArray<{ key: string; message: string }>;
  readonly removal: RemovalOutcome;
  readonly removedKeys: readonly string[];
  /** Keys left alone: also set for environments not chosen. */
  readonly kept: readonly string[];
  /** Unchanged keys skipped. */
  readonly skipped: number;
}

/** "RACED: the variable already exists with other targets…": Vercel's message, or the request's error in the backend's words. */
function reason(services: Services, failure: KeyFailure): string {
  if (failure.error !== undefined) return services.describe(failure.error);
  return failure.message ?? failure.code ?? vscode.l10n.t('refused by Vercel');
}

/**
 * Says what an upload did, per key: the summary (returned, for the status bar with the tree
 * patched) and, when some key was not written, a warning naming each key and why; every
 * line goes to the log too (names and reasons only: messages never carry values).
 */
export function reportUpload(services: Services, r: UploadResult): string {
  const { written } = r;
  const lines: string[] = [
    ...r.refused.map((f) => `${f.key}: ${f.message}`),
    ...written.failed.map((f) => `${f.key || vscode.l10n.t('(a variable Vercel did not name)')}: ${reason(services, f)}`),
  ];
  const attempted = written.written.length + written.failed.length + written.pending.length + r.refused.length;
  const parts = attempted === 0 && r.removedKeys.length > 0
    ? [r.removedKeys.length === 1 ? vscode.l10n.t('Removed 1 variable from {0}', r.project) : vscode.l10n.t('Removed {0} variables from {1}', r.removedKeys.length, r.project)]
    : [written.written.length === 1 ? vscode.l10n.t('Uploaded 1 variable to {0}', r.project) : vscode.l10n.t('Uploaded {0} variables to {1}', written.written.length, r.project)];
  if (r.skipped) parts.push(r.skipped === 1 ? vscode.l10n.t('1 unchanged key skipped') : vscode.l10n.t('{0} unchanged keys skipped', r.skipped));
  if (r.removedKeys.length && attempted > 0) parts.push(vscode.l10n.t('{0} removed', r.removedKeys.length));
  const summary = `${parts.join('; ')}.`;
  for (const line of lines) services.logger.warn(`Upload .env to ${r.project}: not saved: ${line}`);
  if (written.unknownBecause !== undefined) {
    services.logger.warn(`Upload .env to ${r.project}: ${services.describe(written.unknownBecause)} Read back: ${written.written.length} written, ${written.failed.length} not, ${written.pending.length} not visible yet.`);
  }
  if (lines.length > 0) {
    const shown = lines.slice(0, 6).join('; ') + (lines.length > 6 ? vscode.l10n.t(' (and {0} more: see the log)', lines.length - 6) : '');
    const notSaved = lines.length === 1 ? vscode.l10n.t('1 key was not saved: {0}', shown) : vscode.l10n.t('{0} keys were not saved: {1}', lines.length, shown);
    void vscode.window.showWarningMessage(`${summary} ${notSaved}`);
  }
  if (written.pending.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} may or may not have been saved: {1} Vercel may still apply them: refresh in a moment to see.',
      written.pending.join(', '), services.describe(written.unknownBecause)));
  }
  if (r.removal.error !== undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Removing the keys missing from the file failed: {0} Nothing else was affected.', services.describe(r.removal.error)));
  }
  if (r.kept.length > 0) {
    services.logger.info(`Upload .env to ${r.project}: kept ${r.kept.join(', ')} (also set for environments not chosen)`);
  }
  return summary;
}
