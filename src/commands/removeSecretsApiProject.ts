import * as vscode from 'vscode';
import { SecretsApiProjectNode } from '../tree/nodes/secretsApiProjectNode';
import type { Command } from './command';

/** "Remove Project": forgets the project id on this machine; its secrets are untouched. */
export const removeSecretsApiProject: Command = {
  id: 'projectSecrets.removeSecretsApiProject',
  async run({ accounts, tree }, node?: unknown) {
    if (!(node instanceof SecretsApiProjectNode)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Right-click a Secrets API project in the Secrets view to remove it.'));
      return;
    }
    const current = accounts.get(node.account.id);
    if (current?.kind !== 'secretsApi') return;
    await accounts.update({ ...current, projectIds: current.projectIds.filter((id) => id !== node.projectId) });
    tree.refresh(tree.accountNode(current.id));
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0} from {1}. Its secrets were not changed.', node.projectId, current.label));
  },
};
