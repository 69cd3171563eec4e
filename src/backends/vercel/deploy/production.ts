import type { VercelClient } from '../../../core/vercel/client';
import type { Deployment } from '../../../core/vercel/deploymentsModel';
import type { ProjectRef } from '../target';

/**
 * The deployment serving the project's production: from the project object's
 * `targets.production` when the list gave it (no request), else one request
 * (`GET /v6/deployments`, run beside the variables list). null = never deployed to production;
 * undefined = could not be read (the variables still show; the row just says nothing about deploys).
 */
export async function productionDeployment(client: VercelClient, at: ProjectRef): Promise<Deployment | null | undefined> {
  if (at.project.production !== undefined) return at.project.production;
  try {
    return (await client.deployments.latestProduction(at.scope, at.project.id)) ?? null;
  } catch {
    return undefined;
  }
}
