import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { ResourceSecret } from '../../core/marketplace/client';
import { withCancellableProgress } from '../../platform/progress';
import { outcomeUnknown } from '../../platform/verifiedWrite';
import { changed } from '../../tree/changed';
import type { Services } from '../backend';
import { marketplaceClient } from './connection';
import { PushLog } from './pushLog';
import type { ResourceNode } from './resourceNode';

/** Sends one PUT, remembers the names (not values) and tells the user what happens next. */
export async function push(services: Services, at: ResourceNode, secrets: readonly ResourceSecret[], partial: boolean): Promise<void> {
  const client = await marketplaceClient(services.clients, at.account);
  try {
    await withCancellableProgress(secrets.length === 1
      ? vscode.l10n.t('Sending 1 secret to {0}…', at.resource.name)
      : vscode.l10n.t('Sending {0} secrets to {1}…', secrets.length, at.resource.name),
      (signal) => client.updateSecrets(at.account.configId, at.resource.id, secrets, { partial, productIdOrSlug: at.account.productIdOrSlug }, signal));
  } catch (err) {
    // Secrets cannot be read back, so an unknown outcome stays unknown: say so, and that repeating is safe.
    if (outcomeUnknown(err)) {
      throw new InputError(vscode.l10n.t(
        'Vercel did not confirm the update of {0}: {1} It may or may not have been applied. Sending the same secrets again is safe: it sets the same values.',
        at.resource.name, services.describe(err)));
    }
    throw err;
  }
  await new PushLog(services.globalState).record(at.account.id, at.resource.id, {
    names: secrets.map((s) => s.name), at: Date.now(), mode: partial ? 'partial' : 'replace',
  });
  // The installation lists its resources with what was pushed to each: reload it (one request).
  changed(services.tree, at.account.id, secrets.length === 1
    ? vscode.l10n.t('Updated 1 secret of {0}.', at.resource.name)
    : vscode.l10n.t('Updated {0} secrets of {1}.', secrets.length, at.resource.name));
  services.reminders.once(`marketplace:${at.account.id}:${at.resource.id}`,
    vscode.l10n.t('Projects connected to {0} keep the old values until they are redeployed.', at.resource.name));
}
