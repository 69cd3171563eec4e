import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';

/** A project to associate a secret with; page by page, as in the tree: "Load more…" fetches the next page. */
export async function pickProject(client: VercelClient, scope: Scope): Promise<VercelProject> {
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
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Project'), placeHolder: vscode.l10n.t('Pick a project') });
    if (!picked) throw new CancelledError();
    if (picked.project) return picked.project;
  }
}
