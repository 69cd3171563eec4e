/**
 * Vercel Marketplace (seeds 001, 003): an integration partner pushes the secrets of the
 * resources it provisions (a database's credentials, say) to Vercel, which hands them to
 * every project connected to the resource. Secrets are write-only: there is no read-back.
 */
import { InvalidResponseError } from '../errors';
import { asArray, asObject, optStr, str } from '../json';

export type ResourceEnvironment = 'production' | 'preview' | 'development';
export const resourceEnvironments: readonly ResourceEnvironment[] = ['production', 'preview', 'development'];

/** The spec's `status` enum; a resource outside `ready`/`resumed` may refuse a push (409). */
export const resourceStatuses = ['ready', 'pending', 'onboarding', 'suspended', 'resumed', 'uninstalled', 'error'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

export interface ResourceSecret {
  /** The variable's name as connected projects see it (after `prefix`, if any). */
  readonly name: string;
  readonly value: string;
  readonly prefix?: string;
  /** Different values per environment; the same value then applies to every deployment there. */
  readonly environmentOverrides?: Readonly<Partial<Record<ResourceEnvironment, string>>>;
}

export interface Resource {
  /**
   * The partner's id of the resource (`partnerId`): the `{resourceId}` of the secrets paths
   * (Vercel's reference: "Get a resource by its partner ID" on `/resources/{resourceId}`).
   */
  readonly id: string;
  /** Vercel's own id of the resource (`internalId`): shown, never used in a path. */
  readonly internalId: string;
  readonly name: string;
  readonly productId: string;
  /** Undefined when the server gave none or a status this client does not know. */
  readonly status?: ResourceStatus;
}

export interface UpdateSecretsOptions {
  /** true: only the given secrets are overwritten; false: ALL the resource's secrets are replaced. */
  readonly partial: boolean;
  /** Use the deprecated product-scoped path `/products/{integrationProductIdOrSlug}/…`. */
  readonly productIdOrSlug?: string;
}

export function parseResources(body: unknown): Resource[] {
  const resources = asArray(asObject(body, 'the resources answer').resources, 'resources');
  return resources.map((value) => {
    const resource = asObject(value, 'resource');
    const id = str(resource, 'partnerId', 'resource');
    const status = optStr(resource, 'status');
    if (resource.status !== undefined && typeof resource.status !== 'string') {
      throw new InvalidResponseError(`resource ${id} has an invalid status.`);
    }
    return {
      id,
      internalId: str(resource, 'internalId', `resource ${id}`),
      name: str(resource, 'name', `resource ${id}`),
      productId: str(resource, 'productId', `resource ${id}`),
      // A status added after this client was written is not an error: it is only unknown.
      status: resourceStatuses.find((s) => s === status),
    };
  });
}

/** Exactly the spec's properties: the request schema has `additionalProperties: false`. */
export function secretBody(secret: ResourceSecret): Record<string, unknown> {
  const body: Record<string, unknown> = { name: secret.name, value: secret.value };
  if (secret.prefix !== undefined) body.prefix = secret.prefix;
  const overrides: Record<string, string> = {};
  for (const env of resourceEnvironments) {
    const value = secret.environmentOverrides?.[env];
    if (value !== undefined) overrides[env] = value;
  }
  if (Object.keys(overrides).length > 0) body.environmentOverrides = overrides;
  return body;
}
