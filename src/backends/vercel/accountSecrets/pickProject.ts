import * as vscode from 'vscode';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';
import type { Prompter } from '../../../platform/steps';

/**
 * A project to associate a secret with; page by page and in the order of the tree: "Load more…"
 * fetches the next page. `current` is an earlier answer.
 */
export async function pickProject(ask: Prompter, client: VercelClient, scope: Scope, current?: string): Promise<VercelProject> {
  const projects: VercelProject[] = [];
  let next: string | undefined;
  let first = true;
  for (;;) {
    if (first || next) {
      const page = await withLoading(vscode.l10n.t('Loading from Vercel…'), () => client.listProjects(scope, next));
      projects.push(...page.items);
      next = page.next;
      first = false;
    }
    const more = { label: `$(more) ${vscode.l10n.t('Load more…')}`, project: undefined };
    const items: Array<{ label: string; description?: string; project: VercelProject | undefined }> = [
      ...projects.map((project) => ({ label: project.name, description: project.framework, project })),
      ...(next ? [more] : []),
    ];
    const picked = await ask.pick({ items, placeHolder: vscode.l10n.t('Pick a project'), active: (item) => item.project?.id === current });
    if (picked.project) return picked.project;
  }
}
