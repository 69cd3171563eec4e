import * as vscode from 'vscode';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';
import type { Prompter } from '../../../platform/steps';

/**
 * A project to associate a secret with: the scope's first page (100, newest first, as in the
 * tree), "Load more…" for the next, and as the user types, the server's matches
 * (`GET /v10/projects?search=`, one request per pause in typing). `current` is an earlier
 * answer, shown first when it is not on the first page. `describe` words a failed request.
 */
export async function pickProject(
  ask: Prompter, client: VercelClient, scope: Scope, describe: (err: unknown) => string, current?: VercelProject,
): Promise<VercelProject> {
  const first = await withLoading(vscode.l10n.t('Loading from Vercel…'), () => client.listProjects(scope));
  const loaded = current && !first.items.some((p) => p.id === current.id) ? [current, ...first.items] : [...first.items];
  let next = first.next;
  return ask.searchPick<VercelProject>({
    placeHolder: vscode.l10n.t('Pick a project, or type to search'),
    initial: loaded,
    initialMore: next !== undefined,
    loadMore: async () => {
      const page = await client.listProjects(scope, next);
      loaded.push(...page.items.filter((p) => !loaded.some((q) => q.id === p.id)));
      next = page.next;
      return { items: loaded, more: next !== undefined };
    },
    search: (text, cursor) => client.listProjects(scope, cursor, undefined, text),
    show: (project) => ({ label: project.name, description: project.id === current?.id ? vscode.l10n.t('current choice') : project.framework }),
    describe,
  });
}
