import * as vscode from 'vscode';
import { ApiError, asNetworkError, InputError, isCancellation, NetworkError, requestNotSent } from '../core/errors';
import type { Logger } from './log';

/** What a verified write reports through: the log, and the error wording of the backends. */
export interface WriteReporter {
  readonly logger: Logger;
  describe(err: unknown): string;
}

/**
 * A write that failed with a 5xx or a timeout may have happened anyway. It is never
 * sent again blindly: the state is read back and the user is told what is true.
 * A request that never reached the server (refused at connect, DNS) did not happen.
 */
export function outcomeUnknown(err: unknown): boolean {
  if (err instanceof ApiError) return err.status >= 500;
  return err instanceof NetworkError && err.failure !== 'cancelled' && !err.notSent;
}

/** The write may or may not have taken effect, and reading back could not tell. */
export class OutcomeUnknownError extends InputError {}

/**
 * The write was never sent (nothing happened) and the user was already told so, with
 * a Retry button, and dismissed it: the error boundary logs it without showing it again.
 */
export class NotSentError extends InputError {
  readonly shown = true;
}

/** What a write does, for "Not saved: …", "Not deleted: …". */
export type WriteVerb = 'save' | 'create' | 'rename' | 'delete' | 'remove';

/**
 * The one message for a write that never reached the server, e.g.
 * "Not saved: could not connect to api.vercel.com." `host` as in NetworkError.host.
 */
export function notSentMessage(verb: WriteVerb, host: string | undefined): string {
  const where = host ?? vscode.l10n.t('the server');
  switch (verb) {
    case 'save': return vscode.l10n.t('Not saved: could not connect to {0}.', where);
    case 'create': return vscode.l10n.t('Not created: could not connect to {0}.', where);
    case 'rename': return vscode.l10n.t('Not renamed: could not connect to {0}.', where);
    case 'delete': return vscode.l10n.t('Not deleted: could not connect to {0}.', where);
    case 'remove': return vscode.l10n.t('Not removed: could not connect to {0}.', where);
  }
}

export interface VerifiedWrite {
  /** The write itself: one request (one step of a command). */
  write(): PromiseLike<unknown>;
  /** Reads the state back: true when the write took effect. */
  happened(): Promise<boolean>;
  /** What the write does, for messages: "Saving API_KEY". */
  what: string;
  /** Its verb, for the "Not saved: could not connect to <host>." message. */
  verb: WriteVerb;
}

/**
 * Runs the write; on an unknown outcome, checks. Resolves when the change is in place, else throws a precise message.
 * A write that was never sent (refused at connect) is not read back: the user is told
 * "Not saved: could not connect to <host>." with Retry, which sends this one write again
 * (never the whole command: earlier steps of it may have succeeded); dismissed, it throws NotSentError.
 */
export async function writeVerified(services: WriteReporter, step: VerifiedWrite): Promise<void> {
  for (;;) {
    try {
      await step.write();
      return;
    } catch (err) {
      if (!requestNotSent(err)) return checkAfterFailure(services, step, err);
      const message = notSentMessage(step.verb, asNetworkError(err)?.host);
      services.logger.warn(`${step.what}: ${services.describe(err)} Nothing was sent.`);
      const retry = vscode.l10n.t('Retry');
      if (await vscode.window.showErrorMessage(message, retry) !== retry) throw new NotSentError(message);
    }
  }
}

async function checkAfterFailure(services: WriteReporter, step: VerifiedWrite, err: unknown): Promise<void> {
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
    const checkReason = services.describe(checkErr);
    // Each reason is a sentence of its own (it ends with a period): never wrapped in parentheses.
    throw new OutcomeUnknownError(checkReason === reason
      ? vscode.l10n.t('{0} may or may not have happened: {1} Checking failed the same way. Refresh to see the current state.', step.what, reason)
      : vscode.l10n.t('{0} may or may not have happened: {1} Checking failed too: {2} Refresh to see the current state.', step.what, reason, checkReason));
  }
  if (!happened && err instanceof NetworkError && err.failure === 'timeout') {
    // Not visible yet is not "never": a request that timed out may still be processed.
    throw new OutcomeUnknownError(vscode.l10n.t('{0} may or may not have happened: {1} The server may still apply it: refresh in a moment to see.',
      step.what, reason));
  }
  if (!happened) throw new InputError(vscode.l10n.t('{0} did not happen: {1} Nothing was changed by it.', step.what, reason));
  services.logger.info(`${step.what}: the state shows it happened despite the error`);
}
