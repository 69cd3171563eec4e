/**
 * The Marketplace mount's world: installations (integration configurations) with their
 * access token, products and resources, each resource with its current secrets in clear,
 * and a log of the pushes that changed them (so tests can tell partial from full).
 */

export interface MarketplaceSecret {
  name: string;
  value: string;
  prefix?: string;
  environmentOverrides?: { production?: string; preview?: string; development?: string };
}

export type ResourceStatus = 'ready' | 'pending' | 'onboarding' | 'suspended' | 'resumed' | 'uninstalled' | 'error';

export interface MarketplaceResource {
  /** The partner's id: the `{resourceId}` of the paths. */
  partnerId: string;
  /** Vercel's id. */
  internalId: string;
  name: string;
  productId: string;
  status: ResourceStatus;
  secrets: MarketplaceSecret[];
}

export interface MarketplaceProduct {
  id: string;
  slug: string;
}

export interface Installation {
  /** `icfg_…`. */
  id: string;
  /** The integration's access token for this installation (and no other). */
  token: string;
  products: MarketplaceProduct[];
  resources: MarketplaceResource[];
}

/** One applied push (refused requests are in the core's request log, not here). */
export interface MarketplacePush {
  installationId: string;
  resourceId: string;
  partial: boolean;
  /** The names sent, in request order. */
  names: string[];
  /** The request's path: tells the resource path from the deprecated product path. */
  path: string;
}

export interface MarketplaceState {
  installations: Installation[];
  pushes: MarketplacePush[];
}

export const marketplaceDemo = {
  installationId: 'icfg_demo4f7b2c9e1a',
  token: 'demo_marketplace_token_3e8d1b',
  productId: 'iap_demo_postgres',
  productSlug: 'demo-postgres',
  /** A second installation, to prove a token only reaches its own (403). */
  otherInstallationId: 'icfg_other9d8c7b6a',
  otherToken: 'demo_marketplace_token_other_7c2a',
} as const;

/** Statuses in which a resource takes new secrets; the others answer 409. */
export const acceptsSecrets: readonly ResourceStatus[] = ['ready', 'resumed'];

export function buildMarketplaceSeed(): MarketplaceState {
  return {
    installations: [
      {
        id: marketplaceDemo.installationId,
        token: marketplaceDemo.token,
        products: [{ id: marketplaceDemo.productId, slug: marketplaceDemo.productSlug }],
        resources: [
          resource('res_primary_db', 'store_Pr1maryDb0001', 'primary-db', 'ready', [
            { name: 'POSTGRES_URL', value: 'postgres://app:primary-db-pass-8101@primary.db.example/app',
              environmentOverrides: { preview: 'postgres://app:preview-db-pass-8102@preview.db.example/app' } },
            { name: 'POSTGRES_PASSWORD', value: 'primary-db-pass-8101' },
            { name: 'POSTGRES_HOST', value: 'primary.db.example', prefix: 'NEXT_PUBLIC_' },
          ]),
          resource('res_cache', 'store_Cache00000002', 'cache', 'ready', [
            { name: 'REDIS_URL', value: 'redis://default:cache-pass-8201@cache.example:6379' },
          ]),
          resource('res_provisioning', 'store_Provision0003', 'analytics-db', 'pending', []),
        ],
      },
      {
        id: marketplaceDemo.otherInstallationId,
        token: marketplaceDemo.otherToken,
        products: [{ id: 'iap_other_kv', slug: 'other-kv' }],
        resources: [
          { partnerId: 'res_other_kv', internalId: 'store_OtherKv000004', name: 'other-kv', productId: 'iap_other_kv',
            status: 'ready', secrets: [{ name: 'KV_TOKEN', value: 'other-kv-token-8301' }] },
        ],
      },
    ],
    pushes: [],
  };
}

/** Every seeded secret value, overrides included: what a leak test greps logs and UI for. */
export function seededMarketplaceValues(state: MarketplaceState = buildMarketplaceSeed()): string[] {
  return state.installations.flatMap((i) => i.resources).flatMap((r) => r.secrets)
    .flatMap((s) => [s.value, ...Object.values(s.environmentOverrides ?? {})]);
}

function resource(partnerId: string, internalId: string, name: string, status: ResourceStatus,
  secrets: MarketplaceSecret[]): MarketplaceResource {
  return { partnerId, internalId, name, productId: marketplaceDemo.productId, status, secrets };
}
