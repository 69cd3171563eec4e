/**
 * Calls of the Vercel Marketplace API that an integration partner makes with the
 * installation's access token: list the installation's resources, push their secrets.
 */
import type { JsonApi } from '../http/jsonApi';
import { assertNoProblem } from '../validation/problems';
import { parseResources, secretBody, type Resource, type ResourceSecret, type UpdateSecretsOptions } from './models';
import { configIdProblem, resourceIdProblem, secretsProblem } from './rules';

export type { Resource, ResourceEnvironment, ResourceSecret, ResourceStatus, UpdateSecretsOptions } from './models';

export class MarketplaceClient {
  constructor(private readonly api: JsonApi) {}

  /** `GET /v1/installations/{integrationConfigurationId}/resources`. */
  async listResources(configId: string, signal?: AbortSignal): Promise<Resource[]> {
    assertNoProblem(configIdProblem(configId));
    return this.api.tagged(async () => parseResources(await this.api.get<unknown>(`${installationPath(configId)}/resources`, undefined, signal)));
  }

  /**
   * `PUT …/resources/{resourceId}/secrets` (or the deprecated product-scoped path). With
   * `partial: false` the resource ends up with exactly `secrets`: every other secret is gone.
   * Vercel answers 201 without a body; connected projects see new values only after a redeploy.
   */
  async updateSecrets(configId: string, resourceId: string, secrets: readonly ResourceSecret[], options: UpdateSecretsOptions,
    signal?: AbortSignal): Promise<void> {
    assertNoProblem(configIdProblem(configId), resourceIdProblem(resourceId), secretsProblem(secrets),
      options.productIdOrSlug === '' ? 'Enter the product id or slug, or leave it out.' : undefined);
    const product = options.productIdOrSlug === undefined ? '' : `/products/${encodeURIComponent(options.productIdOrSlug)}`;
    const path = `${installationPath(configId)}${product}/resources/${encodeURIComponent(resourceId)}/secrets`;
    // Replace-all leaves `partial` out: absent is the spec's "replace all secrets", and one
    // spelling per mode keeps the recorded requests unambiguous.
    const body: Record<string, unknown> = { secrets: secrets.map(secretBody) };
    if (options.partial) body.partial = true;
    await this.api.send<unknown>('PUT', path, undefined, body, signal);
  }
}

function installationPath(configId: string): string {
  return `/v1/installations/${encodeURIComponent(configId)}`;
}
