import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import { OutcomeUnknownError, type WriteReporter } from './verifiedWrite';

export interface CreateThenDelete {
  readonly oldName: string;
  readonly newName: string;
  /** Creates the new one (a verified write). If it fails, the old one is untouched. */
  create(): Promise<void>;
  /** Deletes the old one (a verified write), only after the create succeeded. */
  remove(): Promise<void>;
  /** Reports a created copy whose original could not be deleted (refreshes, tells the user). */
  created(message: string): void;
  /** "Both variables exist now…" or "Both secrets exist now…". */
  readonly bothExist: (oldName: string) => string;
}

/**
 * A rename where the API has none (or refuses one): create the new name first, delete the
 * old one only after that; when the delete fails, claim only what is known.
 */
export async function createThenDelete(services: WriteReporter, step: CreateThenDelete): Promise<void> {
  await step.create();
  try {
    await step.remove();
  } catch (err) {
    step.created(vscode.l10n.t('Created {0}.', step.newName));
    // With an unknown outcome the old one may be gone already.
    if (err instanceof OutcomeUnknownError) {
      throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} Delete {1} if it is still there.',
        step.newName, step.oldName, services.describe(err)));
    }
    throw new InputError(vscode.l10n.t('Created {0}, but could not delete {1}: {2} {3}',
      step.newName, step.oldName, services.describe(err), step.bothExist(step.oldName)));
  }
}
