import * as vscode from 'vscode';
import { CancelledError } from '../../../core/errors';
import { collectPages } from '../../../core/paging';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';
import type { Prompter } from '../../../platform/steps';

/** At most this many pages of 100 projects are offered (10,000 projects). */
const maxProjectPages = 100;

/** The team's projects, every page of `GET /v10/projects` (one request per 100). */
export function teamProjects(client: VercelClient, scope: Scope): Thenable<VercelProject[]> {
  return withLoading(vscode.l10n.t('Loading projects…'), () => collectPages((from) => client.listProjects(scope, from), maxProjectPages, 'projects'));
}

/**
 * Projects to link, ticked from `current`; none is a valid answer (linked later). `exclude`
 * leaves out projects already linked. Throws CancelledError when the team has none to offer.
 */
export async function pickTeamProjects(ask: Prompter, client: VercelClient, scope: Scope, current: readonly string[], exclude: readonly string[] = [],
  placeHolder = vscode.l10n.t('Projects to link (none: link later)')): Promise<VercelProject[]> {
  const projects = (await teamProjects(client, scope)).filter((p) => !exclude.includes(p.id));
  if (projects.length === 0 && exclude.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('It is linked to every project of the team already.'));
    throw new CancelledError();
  }
  const picked = await ask.pickMany({
    items: projects.map((project) => ({ label: project.name, description: project.framework, project })),
    selected: (item) => current.includes(item.project.id), placeHolder,
  });
  return picked.map((item) => item.project);
}
