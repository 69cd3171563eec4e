import * as vscode from 'vscode';
import type { EnvVar, Scope, VercelProject } from '../../core/vercel/models';
import { changed } from '../../tree/changed';
import type { Services } from '../backend';
import type { VercelAccount } from './account';

/** A project as a command acts on it: where it is, and the id of its node (to refresh it). */
export interface ProjectRef {
  /** The id of the project's node in the tree. */
  readonly id: string;
  readonly account: VercelAccount;
  readonly scope: Scope;
  readonly project: VercelProject;
}

export interface EnvRef extends ProjectRef {
  readonly env: EnvVar;
}

/**
 * After a change: reload the project's variables (one request), say what was done in the
 * status bar, and remind once per project per session that it takes effect on redeploy.
 */
export function afterChange(services: Services, at: ProjectRef, message: string): void {
  changed(services.tree, at.id, message);
  services.reminders.once(`vercel:${at.account.id}:${at.project.id}`,
    vscode.l10n.t('Changes to {0} apply to new deployments only: redeploy {0} to use them.', at.project.name));
}
