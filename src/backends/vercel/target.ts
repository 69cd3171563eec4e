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

/** After a change: reload the project's variables (one request) and say when it takes effect. */
export function afterChange({ tree }: Services, at: ProjectRef, message: string): void {
  changed(tree, at.id, `${message} ${vscode.l10n.t('It applies to new deployments only: redeploy {0} to use it.', at.project.name)}`);
}
