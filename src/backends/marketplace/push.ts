import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { ResourceSecret } from '../../core/marketplace/client';
import { describe } from '../../describe';
import { withCancellableProgress } from '../../progress';
import { outcomeUnknown } from '../verify';
import { InstallationNode } from '../../tree/nodes/installationNode';
import type { Services } from '../command';
import type { ResourceContext } from './target';

/** Sends one PUT, remembers the names (not values) and tells the user what happens next. */
export async function push(services: Services, at: ResourceContext, secrets: readonly ResourceSecret[], partial: boolean): Promise<void> {
  try {
    await withCancellableProgress(vscode.l10n.t('Sending {0} secret(s) to {1}…', secrets.length, at.resource.name),
      (signal) => at.client.updateSecrets(at.connection.configId, at.resource.id, secrets, { partial, productIdOrSlug: at.connection.productIdOrSlug }, signal));
  } catch (err) {
    // Secrets cannot be read back, so an unknown outcome stays unknown: say so, and that repeating is safe.
    if (outcomeUnknown(err)) {
      throw new InputError(vscode.l10n.t(
        'Vercel did not confirm the update of {0}: {1} It may or may not have been applied. Sending the same secrets again is safe: it sets the same values.',
        at.resource.name, describe(err)));
    }
    throw err;
  }
  await services.pushLog.record(at.connection.id, at.resource.id, {
    names: secrets.map((s) => s.name), at: Date.now(), mode: partial ? 'partial' : 'replace',
  });
  const node = services.tree.find((n) => n instanceof InstallationNode && n.account.id === at.connection.id);
  if (node) services.tree.refresh(node);
  void vscode.window.showInformationMessage(vscode.l10n.t(
    'Updated {0} secret(s) of {1}. Connected projects keep the old values until they are redeployed.', secrets.length, at.resource.name));
}
