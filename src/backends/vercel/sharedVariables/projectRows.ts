import * as vscode from 'vscode';
import { ApiError, isStepUp } from '../../../core/errors';
import type { VercelClient } from '../../../core/vercel/client';
import type { Scope, VercelProject } from '../../../core/vercel/models';
import type { SharedEnvVar } from '../../../core/vercel/sharedEnv';
import type { Details } from '../../../platform/details';
import type { NodeContext } from '../../../tree/node';
import { childId, type TreeNode } from '../../../tree/node';
import { treeItem } from '../../../tree/rows';
import type { Services } from '../../backend';
import type { VercelAccount } from '../account';
import { readSharedValue, type SharedVariablesRef } from './actions';
import { sharedEnvironmentsText, sharedTypeText } from './labels';
import { unlinkSharedVariable } from './links';

/** What a project's list needs to show the team shared variables linked to it. */
export interface ProjectOfTeam extends TreeNode {
  readonly parent: TreeNode;
  readonly account: VercelAccount;
  readonly scope: Scope;
  readonly project: VercelProject;
}

/**
 * The rows, marked "shared", of the team shared variables linked to a project: one
 * `GET /v1/env?projectId=` (all pages), meant to run in parallel with the project's own list.
 * Personal projects have none (no request). A failure other than a refused token or step-up
 * authentication (which the project's own list reports) becomes one row, so the project's own
 * variables still show.
 */
export async function linkedSharedRows(_context: NodeContext, client: VercelClient, project: ProjectOfTeam): Promise<TreeNode[]> {
  const scope = project.scope;
  if (scope.kind !== 'team') return [];
  try {
    const shared = await client.shared.listAll(scope, { projectId: project.project.id });
    return [...shared].sort((a, b) => a.key.localeCompare(b.key)).map((env) => new LinkedSharedNode(project, { ...project, scope }, env));
  } catch (err) {
    if (err instanceof ApiError && (err.tokenRejected || isStepUp(err))) throw err;
    return [new SharedUnavailableNode(project, _context.describe(err))];
  }
}

/** A team shared variable as a row of a project that is linked to it. Never a value. */
export class LinkedSharedNode implements TreeNode {
  readonly id: string;
  /** Its own family: Copy Name and Show Details take it; the project's variable commands do not. */
  readonly family = 'linkedShared';

  constructor(readonly parent: ProjectOfTeam, private readonly team: { account: VercelAccount; scope: Scope & { kind: 'team' } }, readonly env: SharedEnvVar) {
    this.id = childId(parent, 'shared', env.id);
  }

  get name(): string {
    return this.env.key;
  }

  /** The team's "Shared Variables" list this row comes from, for unlinking. */
  get list(): SharedVariablesRef {
    const scopeNodeId = this.parent.parent.id;
    return { id: childId({ id: scopeNodeId }, 'shared-variables'), scopeNodeId, account: this.team.account, scope: this.team.scope,
      projectNames: () => new Map([[this.parent.project.id, this.parent.project.name]]) };
  }

  /** "Copy Value" (Config shared variables only): one read of the team's shared variable. */
  readValue(services: Services): Promise<string> {
    return readSharedValue(services, this.team, this.env);
  }

  /** "Unlink from Project…" on this row: unlinks this project. */
  unlink(services: Services): Promise<void> {
    return unlinkSharedVariable(services, this.list, this.env, this.parent.project.id);
  }

  details(): Details {
    return {
      name: this.env.key,
      where: vscode.l10n.t('Shared variable of team {0}, linked to {1}', this.team.scope.name, this.parent.project.name),
      fields: [
        [vscode.l10n.t('Key'), this.env.key],
        [vscode.l10n.t('Type'), sharedTypeText(this.env.type)],
        [vscode.l10n.t('Environments'), sharedEnvironmentsText(this.env.targets)],
        [vscode.l10n.t('Id'), this.env.id],
      ],
      note: vscode.l10n.t('The value is not shown here. Change it under the team\'s Shared Variables.'),
    };
  }

  toTreeItem(): vscode.TreeItem {
    const environments = sharedEnvironmentsText(this.env.targets);
    return treeItem(this.id, {
      label: this.env.key, description: vscode.l10n.t('shared · {0}', environments), icon: new vscode.ThemeIcon('references'),
      tooltip: vscode.l10n.t('Shared variable of team {0} ({1}, {2}), linked to this project. Change its value under the team\'s Shared Variables.',
        this.team.scope.name, sharedTypeText(this.env.type), environments),
      contextValue: `projectSecrets.linkedShared${this.env.type === 'sensitive' ? '' : ';readable'}`,
      accessibilityLabel: vscode.l10n.t('{0}, shared variable of the team, {1}, value hidden', this.env.key, environments),
    });
  }
}

/** In place of the linked shared variables when they could not be listed. */
class SharedUnavailableNode implements TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode, private readonly message: string) {
    this.id = childId(parent, 'shared-unavailable');
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, {
      label: vscode.l10n.t('Shared variables could not be listed'), description: this.message, icon: new vscode.ThemeIcon('warning'),
      tooltip: this.message, contextValue: 'projectSecrets.message',
    });
  }
}
