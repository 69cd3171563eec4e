import { ApiError, asNetworkError, CancelledError, InputError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { asArray, asObject } from '../json';
import { finalDeploymentStates, parseDeployment, type Deployment } from './deploymentsModel';
import { scopeQuery, type Scope } from './models';

export type { Deployment } from './deploymentsModel';

/** How often a build is polled (ms): about what the dashboard and the CLI do. */
export const defaultPollMs = 2000;

/** The redeploy may or may not have been created, and reading back could not find it. */
export class RedeployUnknownError extends InputError {}

/** The Vercel deployments calls of the redeploy flow. One method, one request. */
export class DeploymentsClient {
  constructor(private readonly api: JsonApi) {}

  /**
   * The newest READY production deployment of a project, or undefined when it has none.
   * One request: `GET /v6/deployments?projectId=…&target=production&state=READY&limit=1`.
   * @throws ApiError, NetworkError, InvalidResponseError
   */
  async latestProduction(scope: Scope, projectId: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    const [latest] = await this.list(scope, { projectId, target: 'production', state: 'READY', limit: 1 }, signal);
    return latest;
  }

  /**
   * The production deployments of a project created after `since` (ms, exclusive), newest first,
   * up to 20. One request: `GET /v6/deployments?projectId=…&target=production&since=…`.
   */
  productionSince(scope: Scope, projectId: string, since: number, signal?: AbortSignal): Promise<Deployment[]> {
    return this.list(scope, { projectId, target: 'production', since, limit: 20 }, signal);
  }

  /** One deployment by id or hostname. One request: `GET /v13/deployments/{idOrUrl}`. */
  async get(scope: Scope, idOrUrl: string, signal?: AbortSignal): Promise<Deployment> {
    return this.api.tagged(async () =>
      parseDeployment(await this.api.get<unknown>(`/v13/deployments/${encodeURIComponent(idOrUrl)}`, scopeQuery(scope), signal)));
  }

  /**
   * Rebuilds `from` as a new deployment of the same target, as the official CLI's `redeploy` does:
   * `POST /v13/deployments?forceNew=1` `{name, deploymentId, target, meta: {action: "redeploy"}}`.
   * One request, never retried (a write). Returns the new deployment (QUEUED or BUILDING).
   * @throws ApiError, NetworkError, InvalidResponseError
   */
  async redeploy(scope: Scope, from: Deployment, signal?: AbortSignal): Promise<Deployment> {
    const body = { name: from.name, deploymentId: from.id, ...(from.target ? { target: from.target } : {}), meta: { action: 'redeploy' } };
    return this.api.tagged(async () =>
      parseDeployment(await this.api.send<unknown>('POST', '/v13/deployments', { ...scopeQuery(scope), forceNew: 1 }, body, signal)));
  }

  private async list(scope: Scope, query: Record<string, string | number>, signal?: AbortSignal): Promise<Deployment[]> {
    return this.api.tagged(async () => {
      const body = asObject(await this.api.get<unknown>('/v6/deployments', { ...scopeQuery(scope), ...query }, signal), 'the deployments answer');
      return asArray(body.deployments, 'deployments').map(parseDeployment);
    });
  }
}

/** True when a write's failure leaves its outcome unknown: a 5xx, or no answer after sending. */
function outcomeUnknown(err: unknown): boolean {
  if (err instanceof ApiError) return err.status >= 500;
  const network = asNetworkError(err);
  return network !== undefined && network.failure !== 'cancelled' && !network.notSent;
}

/**
 * Sends the one redeploy of `from` (DeploymentsClient.redeploy). When its outcome is unknown
 * (5xx, timeout, connection reset) it is never sent again: the project's production
 * deployments since `from` are read back (one request) and the redeploy found there is
 * returned (`readBack: true`). Other errors are thrown as they are.
 * @throws ApiError, NetworkError, InvalidResponseError; RedeployUnknownError when reading back finds none or fails
 */
export async function startRedeploy(client: DeploymentsClient, scope: Scope, projectId: string, from: Deployment, signal?: AbortSignal): Promise<{ deployment: Deployment; readBack: boolean }> {
  try {
    return { deployment: await client.redeploy(scope, from, signal), readBack: false };
  } catch (err) {
    if (!outcomeUnknown(err)) throw err;
    let since: Deployment[];
    try {
      since = await client.productionSince(scope, projectId, from.createdAt, signal);
    } catch {
      throw new RedeployUnknownError(`The redeploy of ${from.url} may or may not have started, and checking failed too. Look at the project's deployments before trying again.`);
    }
    const found = since.find((d) => d.action === 'redeploy');
    if (!found) throw new RedeployUnknownError(`The redeploy of ${from.url} did not start (no new deployment was found). Nothing was changed: you can try again.`);
    return { deployment: found, readBack: true };
  }
}

export interface WatchOptions {
  /** Between reads, ms (default defaultPollMs). */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  /** Each state read, for progress. */
  onState?(deployment: Deployment): void;
}

/**
 * Polls `GET /v13/deployments/{id}` every `pollMs` until the build ends (READY, ERROR,
 * CANCELED…) and returns the deployment as last read. One request per poll; starts with a
 * wait unless `first` already ended. Cancelled by `signal` (throws CancelledError or a cancelled NetworkError).
 */
export async function watchDeployment(client: DeploymentsClient, scope: Scope, first: Deployment, options: WatchOptions = {}): Promise<Deployment> {
  let current = first;
  options.onState?.(current);
  while (!finalDeploymentStates.includes(current.state)) {
    await pause(options.pollMs ?? defaultPollMs, options.signal);
    current = await client.get(scope, current.id, options.signal);
    options.onState?.(current);
  }
  return current;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
