import type { EnvChange } from '../../core/vercel/envList';
import type { CustomEnvironment } from '../../core/vercel/customEnvironments';
import type { VercelClient } from '../../core/vercel/client';
import type { EnvVar, Scope, VercelProject } from '../../core/vercel/models';
import { changed, patched } from '../../tree/changed';
import type { Services } from '../backend';
import { undeployedOf } from './deploy/undeployed';
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
  /** The project's custom environments as loaded with the variable (to name them). */
  readonly customs: readonly CustomEnvironment[];
}

/**
 * After a change: put what the server answered into the project's loaded variables (no
 * request), or, without an answer (`changes` undefined: an unknown outcome read back),
 * reload them (one request); say what was done in the status bar. The project's row and the
 * status bar item then show the changes its production deployment does not have (deploy/undeployed.ts).
 */
export function afterChange(services: Services, at: ProjectRef, message: string, changes?: readonly EnvChange[]): void {
  undeployedOf(services.clients)?.changed(at, changes, shownEnvs(services, at));
  if (!changes) changed(services.tree, at.id, message);
  else patched(services.tree, at.id, (node) => isPatchable(node) && node.applyChanges(changes), message);
}

/** A project node (imported by type only: the node imports this file). */
function isPatchable(node: unknown): node is { applyChanges(changes: readonly EnvChange[]): boolean } {
  return typeof (node as { applyChanges?: unknown }).applyChanges === 'function';
}

/** The variables the tree shows loaded for this project, if it does (no request). */
export function shownEnvs({ tree }: Services, at: ProjectRef): readonly EnvVar[] | undefined {
  const node = tree.shownNode(at.id) as { loadedEnvs?(): readonly EnvVar[] | undefined } | undefined;
  return node?.loadedEnvs?.();
}

/**
 * The project's custom environments: those the tree loaded with its variables (no request),
 * or, when it shows none loaded, one list request.
 */
export async function customEnvironmentsOf(services: Services, client: VercelClient, at: ProjectRef): Promise<readonly CustomEnvironment[]> {
  const node = services.tree.shownNode(at.id) as { loadedCustomEnvironments?(): readonly CustomEnvironment[] | undefined } | undefined;
  return node?.loadedCustomEnvironments?.() ?? client.listCustomEnvironments(at.scope, at.project.id);
}
