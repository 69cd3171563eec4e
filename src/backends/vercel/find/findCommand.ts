import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import { findVariables, type FindAccount, type FindProgress } from '../../../core/find/finder';
import { queryProblem, VariableIndex, type FoundVariable } from '../../../core/find/matches';
import type { Command, Services } from '../../backend';
import { clearFilterHiding } from '../../../commands/filter';
import { vercelClient, type VercelAccount } from '../account';
import { isWriteOnly, type EnvVar } from '../../../core/vercel/models';
import { environmentsText, visibilityLabel } from '../envLabels';
import { sharedTypeText } from '../sharedVariables/labels';
import { rowOf, treePreloaded } from './treeSources';

/** Most matches drawn at once: more are counted, and typing more narrows them. */
export const maxShownMatches = 500;
/** The list is redrawn at most this often while projects load (a redraw of 500 items is not free). */
export const redrawEveryMs = 150;

interface MatchItem extends vscode.QuickPickItem {
  readonly found?: FoundVariable;
}

/**
 * "Find Variable…": type part of a key, see every match across the connected Vercel accounts,
 * teams and projects (key, project, scope, environments, type; never a value) while projects
 * load (src/core/find/finder.ts); choosing one reveals and selects its row. Closing the
 * picker stops the loading.
 */
export const findVariable: Command = {
  id: 'projectSecrets.findVariable',
  async run(services) {
    const accounts = services.accounts.list().filter((c): c is VercelAccount => c.kind === 'vercel');
    if (accounts.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Connect a Vercel account first: Find Variable searches its projects.'));
      throw new CancelledError();
    }
    const chosen = await pickMatch(services, accounts);
    const row = await rowOf(services.tree, chosen, (node, name) => clearFilterHiding(services, node.id, name));
    if (!row) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer in the tree: refresh it and try again.', chosen.key));
      return;
    }
    await services.treeView.reveal(row, { select: true, focus: true, expand: false });
  },
};

/** The picker: resolves to the match accepted; throws CancelledError when it is closed. */
function pickMatch(services: Services, accounts: readonly VercelAccount[]): Promise<FoundVariable> {
  const pick = vscode.window.createQuickPick<MatchItem>();
  const index = new VariableIndex();
  const controller = new AbortController();
  let progress: FindProgress = { projects: 0, scopesDone: 0, scopes: 0 };
  let done = false;
  let failed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  pick.title = vscode.l10n.t('Find Variable');
  pick.placeholder = vscode.l10n.t('Type part of a variable name');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.ignoreFocusOut = true;
  pick.busy = true;

  const status = (): string => {
    const searched = progress.projects === 1 ? vscode.l10n.t('Searched 1 project')
      : vscode.l10n.t('Searched {0} projects', progress.projects.toLocaleString(vscode.env.language));
    if (!done) return vscode.l10n.t('{0} ({1} of {2} scopes done)…', searched, progress.scopesDone, progress.scopes);
    return failed === 0 ? searched : vscode.l10n.t('{0}; {1} could not be searched (see the log)', searched, failed);
  };
  const redraw = (): void => {
    timer = undefined;
    pick.title = `${vscode.l10n.t('Find Variable')} — ${status()}`;
    const problem = queryProblem(pick.value);
    if (problem) {
      pick.items = [{ label: problem, kind: vscode.QuickPickItemKind.Separator }];
      return;
    }
    const { matches, total } = index.match(pick.value, maxShownMatches);
    const items: MatchItem[] = matches.map(matchItem);
    const header = pick.value.trim() === '' ? undefined
      : total > matches.length ? vscode.l10n.t('{0} of {1} matches: type more to narrow', matches.length, total)
        : total === 0 ? (done ? vscode.l10n.t('No variable name contains "{0}"', pick.value.trim()) : vscode.l10n.t('No match yet…'))
          : total === 1 ? vscode.l10n.t('1 match') : vscode.l10n.t('{0} matches', total);
    pick.items = header ? [{ label: header, kind: vscode.QuickPickItemKind.Separator }, ...items] : items;
  };
  const later = (): void => {
    timer ??= setTimeout(redraw, redrawEveryMs);
  };

  return new Promise<FoundVariable>((resolve, reject) => {
    pick.onDidChangeValue(() => redraw());
    pick.onDidAccept(() => {
      const found = pick.selectedItems[0]?.found;
      if (!found) return;
      resolve(found);
      pick.hide();
    });
    pick.onDidHide(() => {
      controller.abort();
      if (timer) clearTimeout(timer);
      pick.dispose();
      reject(new CancelledError());
    });
    pick.show();
    redraw();
    void (async () => {
      const sources = await Promise.all(accounts.map(async (account): Promise<FindAccount | undefined> => {
        try {
          return { connectionId: account.id, label: account.username, client: await vercelClient(services.clients, account) };
        } catch (err) {
          failed += 1;
          services.logger.warn(`Find Variable: ${account.label}: ${services.logger.redact(services.describe(err))}`);
          return undefined;
        }
      }));
      const summary = await findVariables(sources.filter((s): s is FindAccount => s !== undefined), {
        signal: controller.signal,
        preloaded: treePreloaded(services.tree),
        onFound: (found) => {
          index.add(found);
          later();
        },
        onProgress: (p) => {
          progress = p;
          later();
        },
      });
      for (const failure of summary.failures) {
        const where = failure.scope?.kind === 'team' ? failure.scope.name : failure.scope ? 'Personal' : failure.connectionId;
        services.logger.warn(`Find Variable: ${where}: ${services.logger.redact(services.describe(failure.error))}`);
      }
      failed += summary.failures.length;
    })().catch((err: unknown) => {
      failed += 1;
      services.logger.warn(`Find Variable: ${services.logger.redact(services.describe(err))}`);
    }).finally(() => {
      if (controller.signal.aborted) return;
      done = true;
      pick.busy = false;
      if (timer) clearTimeout(timer);
      redraw();
    });
  });
}

function matchItem(found: FoundVariable): MatchItem {
  const scope = found.scope.kind === 'team' ? found.scope.name : vscode.l10n.t('Personal');
  const where = found.kind === 'shared'
    ? (found.linkedProjects === 1 ? vscode.l10n.t('shared variable of {0} (1 linked project)', scope)
      : vscode.l10n.t('shared variable of {0} ({1} linked projects)', scope, found.linkedProjects ?? 0))
    : vscode.l10n.t('{0} · {1}', found.project?.name ?? '', scope);
  const environments = environmentsText(found);
  return {
    label: `$(${isWriteOnly({ type: found.type as EnvVar['type'] }) ? 'lock' : found.kind === 'shared' ? 'references' : 'key'}) ${found.key}`,
    description: `${where} · ${found.accountLabel}`,
    detail: [environments, found.gitBranch, found.kind === 'shared' ? sharedTypeText(found.type) : visibilityLabel({ type: found.type as EnvVar['type'] })].filter(Boolean).join(' · '),
    alwaysShow: true,
    found,
  };
}
