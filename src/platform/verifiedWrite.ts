import * as vscode from 'vscode';
import { ApiError, InputError, isCancellation, NetworkError } from '../core/errors';
import type { Logger } from './log';

/** What a verified write reports through: the log, and the error wording of the backends. */
export interface WriteReporter {
  readonly logger: Logger;
  describe(err: unknown): string;
}

/**
 * A write that failed with a 5xx or a timeout may have happened anyway. It is never
 * sent again blindly: the state is read back and the user is told what is true.
 */
export function outcomeUnknown(err: unknown): boolean {
  if (err instanceof ApiError) return err.status >= 500;
  return err instanceof NetworkError && err.failure !== 'cancelled';
}

/** The write may or may not have taken effect, and reading back could not tell. */
export class OutcomeUnknownError extends InputError {}

export interface VerifiedWrite {
  /** The write itself. */
  write(): PromiseLike<unknown>;
  /** Reads the state back: true when the write took effect. */
  happened(): Promise<boolean>;
  /** What the write does, for messages: "Saving API_KEY". */
  what: string;
}

/** Runs the write; on an unknown outcome, checks. Resolves when the change is in place, else throws a precise message. */
export async function writeVerified(services: WriteReporter, step: VerifiedWrite): Promise<void> {
  try {
    await step.write();
  } catch (err) {
    if (isCancellation(err)) {
      // The request may already be on the server: cancelling stops waiting, not the write.
      void vscode.window.showWarningMessage(vscode.l10n.t(
        'Cancelled. {0} had already been sent and may still take effect: refresh to see the current state.', step.what));
      throw err;
    }
    if (!outcomeUnknown(err)) throw err;
    const reason = services.describe(err);
    services.logger.warn(`${step.what}: ${reason}; reading the state back to see whether it happened`);
    let happened: boolean;
    try {
      happened = await step.happened();
    } catch (checkErr) {
      throw new OutcomeUnknownError(vscode.l10n.t('{0} may or may not have happened: {1} Checking failed too ({2}). Refresh to see the current state.',
        step.what, reason, services.describe(checkErr)));
    }
    if (!happened && err instanceof NetworkError && err.failure === 'timeout') {
      // Not visible yet is not "never": a request that timed out may still be processed.
      throw new OutcomeUnknownError(vscode.l10n.t('{0} may or may not have happened: {1} The server may still apply it: refresh in a moment to see.',
        step.what, reason));
    }
    if (!happened) throw new InputError(vscode.l10n.t('{0} did not happen: {1} Nothing was changed by it.', step.what, reason));
    services.logger.info(`${step.what}: the state shows it happened despite the error`);
  }
}
