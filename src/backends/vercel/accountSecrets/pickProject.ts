import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';
import { searchPick } from '../../../platform/searchPick';

/**
 * A project to associate a secret with. A scope with one page of projects is a plain list;
 * with more, the list searches on the server as the user types, and "Load more…" fetches the
 * next page (as in the tree).
 */
export async function pickProject(client: VercelClient, scope: Scope, describe: (err: unknown) => string): Promise<VercelProject> {
  const first = await withLoading(vscode.l10n.t('Loading from Vercel…'), () => client.listProjects(scope));
  const title = vscode.l10n.t('Project');
  const show = (project: VercelProject) => ({ label: project.name, description: project.framework });
  if (!first.next) {
    const picked = await vscode.window.showQuickPick(first.items.map((project) => ({ ...show(project), project })),
      { title, placeHolder: vscode.l10n.t('Pick a project') });
    if (!picked) throw new CancelledError();
    return picked.project;
  }
  const loaded = [...first.items];
  let next: string | undefined = first.next;
  return searchPick<VercelProject>({
    title, placeHolder: vscode.l10n.t('Pick a project, or type to search'), initial: loaded, initialMore: true,
    loadMore: async () => {
      const page = await client.listProjects(scope, next);
      loaded.push(...page.items);
      next = page.next;
      return { items: [...loaded], more: next !== undefined };
    },
    search: (text, cursor) => client.listProjects(scope, cursor, undefined, text),
    show, describe,
  });
}
