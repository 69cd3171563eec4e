import type { Mount } from './mount';
import { createMarketplaceMount } from '../marketplace/marketplace';
import { createSecretsApiMount } from '../secretsApi/secretsApi';

/** Every API mounted beside the Vercel core API; each call returns fresh instances. */
export function mounts(): Mount[] {
  return [createSecretsApiMount(), createMarketplaceMount()];
}
