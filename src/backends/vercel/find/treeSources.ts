import type { Preloaded } from '../../../core/find/finder';
import type { FoundVariable } from '../../../core/find/matches';
import type { Scope } from '../../../core/vercel/models';
import type { TreeControl, TreeNode } from '../../../tree/node';
import { AccountNode } from '../accountNode';
import { EnvVarNode } from '../envVarNode';
import { ProjectNode } from '../projectNode';
import { ScopeNode } from '../scopeNode';
import { SharedVariableNode } from '../sharedVariables/sharedVariableNode';

/** Find Variable and the tree: what the tree has loaded (no second request for it), and where a match's row is. */

/** What the shown tree holds, for the finder (src/core/find/finder.ts `Preloaded`). */
export function treePreloaded(tree: TreeControl): Preloaded {
  const scopeNode = (connectionId: string, scope: Scope): ScopeNode | undefined =>
    accountOf(tree, connectionId)?.loadedScopes()?.find((node) => sameScope(node.scope, scope));
  return {
    scopes: (connectionId) => accountOf(tree, connectionId)?.loadedScopes()?.map((node) => node.scope),
    projects: (connectionId, scope) => {
      const pages = scopeNode(connectionId, scope)?.loadedPages();
      return pages && { projects: pages.items.map((node) => node.project), next: pages.next };
    },
    envs: (connectionId, scope, projectId) => {
      const node = scopeNode(connectionId, scope)?.loaded().find((p) => p.project.id === projectId);
      return node?.loadedEnvs();
    },
    shared: (connectionId, scope) => scopeNode(connectionId, scope)?.sharedVariablesNode?.loadedVariables(),
  };
}

function accountOf(tree: TreeControl, connectionId: string): AccountNode | undefined {
  const node = tree.accountNode(connectionId);
  return node instanceof AccountNode ? node : undefined;
}

export function sameScope(a: Scope, b: Scope): boolean {
  return a.kind === 'team' ? b.kind === 'team' && a.teamId === b.teamId : b.kind === 'personal';
}

/** Most pages of projects loaded in the tree to reach a match (100 each). */
const maxRevealPages = 200;

/**
 * The row of a match in the tree, loading what leads to it as expanding would (account, scope,
 * further pages of projects, the project's variables): the same requests, and the loaded pages
 * stay. `unhide` is called before looking among a scope's projects and a project's variables,
 * to clear a filter that would hide the way. Undefined when the tree no longer has it.
 */
export async function rowOf(tree: TreeControl, found: FoundVariable, unhide?: (node: TreeNode, name: string) => Promise<void>): Promise<TreeNode | undefined> {
  const root = (await tree.getChildren()).find((node) => node.id === found.connectionId);
  if (!root) return undefined;
  const scope = (await tree.getChildren(root)).find((node): node is ScopeNode => node instanceof ScopeNode && sameScope(node.scope, found.scope));
  if (!scope) return undefined;
  if (found.kind === 'shared') {
    const shared = (await tree.getChildren(scope)).find((node) => node === scope.sharedVariablesNode);
    if (!shared) return undefined;
    return (await tree.getChildren(shared)).find((node) => node instanceof SharedVariableNode && node.env.id === found.id);
  }
  // A filter on the scope that hides the project is cleared (as one on the project that hides the key, below).
  if (found.project) await unhide?.(scope, found.project.name);
  let project: ProjectNode | undefined;
  for (let page = 0; page < maxRevealPages; page++) {
    project = (await tree.getChildren(scope)).find((node): node is ProjectNode => node instanceof ProjectNode && node.project.id === found.project?.id);
    if (project || !scope.hasMore) break;
    scope.requestMore();
    tree.rerender(scope);
  }
  if (!project) return undefined;
  await unhide?.(project, found.key);
  const rows = await tree.getChildren(project);
  const row = rows.find((node) => node instanceof EnvVarNode && node.env.id === found.id);
  if (row || project.viewMode === 'variables') return row ?? project;
  // Viewed by environment: the variable's row under the first environment that lists it.
  for (const environment of rows) {
    const inside = (await tree.getChildren(environment)).find((node) => node instanceof EnvVarNode && node.env.id === found.id);
    if (inside) return inside;
  }
  return project;
}
