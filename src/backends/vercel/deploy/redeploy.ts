import * as vscode from 'vscode';
import { InputError, isCancellation } from '../../../core/errors';
import type { VercelClient } from '../../../core/vercel/client';
import { defaultPollMs, startRedeploy, watchDeployment, type Deployment } from '../../../core/vercel/deployments';
import { confirm, withLoading } from '../../../platform/prompts';
import type { Command, Services } from '../../backend';
import { targetOf } from '../../../commands/target';
import type { TreeNode } from '../../../tree/node';
import { vercelClient } from '../account';
import { ProjectNode } from '../projectNode';
import type { ProjectRef } from '../target';
import { projectOfRow, undeployedOf } from './undeployed';

/** Projects (account id:project id) whose redeploy is being followed: a second one is not sent meanwhile. */
const inFlight = new Set<string>();

/**
 * "Redeploy…" on a Vercel project (its context menu, its inline button while changes are not
 * deployed, the status bar item, the palette on the selection): names the production deployment
 * that will be rebuilt, asks once, sends ONE `POST /v13/deployments?forceNew=1` as the CLI's
 * `redeploy` does, then follows the build in a cancellable notification until it ends.
 */
export const redeploy: Command = {
  id: 'projectSecrets.redeploy',
  async run(services, node?: unknown) {
    const at = projectOfRow(node) ?? (node === undefined ? projectOfRow(services.treeView.selection[0]) : undefined)
      ?? await targetOf<ProjectNode & TreeNode>(services, node, { family: 'secret', accepts: (n): n is ProjectNode => n instanceof ProjectNode });
    const running = `${at.account.id}:${at.project.id}`;
    if (inFlight.has(running)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A redeploy of {0} is already running: its progress is in the notifications.', at.project.name));
      return;
    }
    const client = await vercelClient(services.clients, at.account);
    const store = undeployedOf(services.clients);
    // Read again, not from the tree: a deployment made since (a git push, a teammate) is the one
    // to rebuild; an older one would put old code into production. `targets.production` is what
    // serves production (after an Instant Rollback too), so it is used rather than the latest READY.
    const from = await withLoading(vscode.l10n.t('Reading the production deployment of {0}…', at.project.name), async () => {
      const { production } = await client.getProject(at.scope, at.project.id);
      return production !== undefined ? production : (await client.deployments.latestProduction(at.scope, at.project.id)) ?? null;
    });
    store?.productionRead(at, from);
    if (!from) {
      throw new InputError(vscode.l10n.t('{0} has no production deployment to redeploy. Deploy it once (a git push to the production branch, or vercel --prod), then its new deployments use the current variables.', at.project.name));
    }
    const keys = store?.keysOf(at) ?? [];
    const what = keys.length === 0 ? vscode.l10n.t('No variable changes are known to be waiting.') : vscode.l10n.t('Not deployed yet: {0}.', keys.join(', '));
    await confirm(vscode.l10n.t('Redeploy {0} to Production?', at.project.name),
      vscode.l10n.t('Vercel rebuilds {0} (deployed {1}) as a new Production deployment with the current environment variables. {2}', from.url, age(from.createdAt), what),
      vscode.l10n.t('Redeploy'));
    const startedAt = Date.now();
    inFlight.add(running);
    let final: Deployment | undefined;
    try {
      final = await follow(services, client, at, from);
    } finally {
      inFlight.delete(running);
    }
    if (!final) return;
    const open = vscode.l10n.t('Open Deployment');
    if (final.state === 'READY') {
      store?.deployed(at, final, startedAt);
      const shown = services.tree.shownNode(at.id);
      if (shown) services.tree.rerender(shown);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is redeployed: {1} is ready and uses the current variables.', at.project.name, final.url), open)
        .then((choice) => { if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(`https://${final.url}`)); });
      return;
    }
    // The changes are still not in production: the row keeps saying so.
    const message = final.state === 'ERROR'
      ? vscode.l10n.t('The redeploy of {0} failed ({1}): production still runs the previous deployment. Open the deployment for its build logs.', at.project.name, final.error ?? final.state)
      : vscode.l10n.t('The redeploy of {0} ended as {1}: production still runs the previous deployment.', at.project.name, final.state);
    services.logger.warn(`redeploy ${at.project.id}: ${final.id} ended ${final.state}`);
    void vscode.window.showErrorMessage(message, open)
      .then((choice) => { if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(`https://${final.url}`)); });
  },
};

/**
 * The one POST, then polling in a notification with the state, cancellable. Undefined when the
 * user stopped following (the build goes on at Vercel; they are told so).
 */
async function follow(services: Services, client: VercelClient, at: ProjectRef, from: Deployment): Promise<Deployment | undefined> {
  let created: Deployment | undefined;
  try {
    return await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Redeploying {0}', at.project.name),
    }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        progress.report({ message: vscode.l10n.t('Starting…') });
        const started = await startRedeploy(client.deployments, at.scope, at.project.id, from, controller.signal);
        created = started.deployment;
        if (started.readBack) services.logger.info(`redeploy ${at.project.id}: the answer was lost; found ${created.id} by reading back`);
        return await watchDeployment(client.deployments, at.scope, created, {
          pollMs: defaultPollMs, signal: controller.signal,
          onState: (d) => progress.report({ message: `${stateLabel(d.state)} · ${d.url}` }),
        });
      } finally {
        subscription.dispose();
      }
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
    const message = created
      ? vscode.l10n.t('Stopped following the redeploy of {0}: it goes on at Vercel ({1}).', at.project.name, created.url)
      : vscode.l10n.t('Cancelled. The redeploy of {0} may already have been sent: look at its deployments before trying again.', at.project.name);
    void vscode.window.showWarningMessage(message);
    return undefined;
  }
}

function stateLabel(state: string): string {
  switch (state) {
    case 'QUEUED': return vscode.l10n.t('Queued');
    case 'INITIALIZING':
    case 'BUILDING': return vscode.l10n.t('Building');
    case 'READY': return vscode.l10n.t('Ready');
    default: return state;
  }
}

/** "2 days ago", in the display language. */
function age(createdAt: number, now = Date.now()): string {
  const seconds = Math.round((createdAt - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'always' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}
