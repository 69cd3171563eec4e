import * as vscode from 'vscode';
import { ProjectNode } from '../tree/nodes/projectNode';
import type { Services } from './command';
import type { ProjectContext } from './pickers';

/** After a change: reload the project's variables (one request) and say when it takes effect. */
export function afterChange({ tree }: Services, at: ProjectContext, message: string): void {
  const node = tree.find((n) => n instanceof ProjectNode && n.account.id === at.account.id && n.project.id === at.project.id);
  if (node) tree.refresh(node);
  void vscode.window.showInformationMessage(
    `${message} ${vscode.l10n.t('It applies to new deployments only: redeploy {0} to use it.', at.project.name)}`);
}
