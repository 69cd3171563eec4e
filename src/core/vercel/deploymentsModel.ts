import { InvalidResponseError } from '../errors';
import { asObject, optNum, optStr, str, type Json } from '../json';

/**
 * A deployment's build state (`readyState`): QUEUED/INITIALIZING/BUILDING while it builds, then
 * READY, ERROR or CANCELED (Vercel's enum also has BLOCKED and DELETED).
 */
export type DeploymentState = string;

/** The states a build ends in: polling stops there. */
export const finalDeploymentStates: readonly DeploymentState[] = ['READY', 'ERROR', 'CANCELED', 'BLOCKED', 'DELETED'];

/**
 * A deployment as the redeploy flow needs it. Parsed from every shape the API gives one in:
 * `GET /v6/deployments` items (`uid`), `GET`/`POST /v13/deployments` (`id`) and a project's
 * `targets.production` / `latestDeployments` items (`id`).
 */
export interface Deployment {
  /** `dpl_…` */
  readonly id: string;
  /** The project's name (what a redeploy sends as `name`). */
  readonly name: string;
  /** Hostname without scheme: `alice-api-8f3k2a9c1.vercel.app`. */
  readonly url: string;
  /** ms since the epoch, server time. */
  readonly createdAt: number;
  readonly state: DeploymentState;
  /** `production`, `staging`, or null (a preview). */
  readonly target: string | null;
  /** `meta.action` (`redeploy` for one a redeploy created). */
  readonly action?: string;
  /** Why a build failed (`errorMessage`, else `errorCode`), when the API says. */
  readonly error?: string;
}

/** One deployment in any of the API's shapes; throws InvalidResponseError when it has no id, url or time. */
export function parseDeployment(value: unknown): Deployment {
  const d = asObject(value, 'deployment');
  const id = optStr(d, 'id') ?? optStr(d, 'uid');
  if (!id) throw new InvalidResponseError('deployment has no id.');
  const createdAt = optNum(d, 'createdAt') ?? optNum(d, 'created');
  if (createdAt === undefined) throw new InvalidResponseError(`deployment ${id} has no createdAt.`);
  const state = optStr(d, 'readyState') ?? optStr(d, 'state');
  if (!state) throw new InvalidResponseError(`deployment ${id} has no readyState.`);
  const meta = typeof d.meta === 'object' && d.meta !== null ? d.meta as Json : {};
  const error = optStr(d, 'errorMessage') ?? optStr(d, 'errorCode');
  return {
    id, name: str(d, 'name', `deployment ${id}`), url: str(d, 'url', `deployment ${id}`), createdAt, state,
    target: typeof d.target === 'string' ? d.target : null,
    ...(typeof meta.action === 'string' ? { action: meta.action } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * The production deployment a project object names (`targets.production` of `GET /v9/projects/{id}`
 * and `GET /v10/projects`): the deployment; null when `targets` is there without one (never
 * deployed to production); undefined when the object has no `targets` (ask the API).
 */
export function productionOfProject(project: Json): Deployment | null | undefined {
  if (project.targets === undefined || project.targets === null) return undefined;
  const production = asObject(project.targets, 'project targets').production;
  return production === undefined || production === null ? null : parseDeployment(production);
}
