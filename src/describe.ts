import { describeError } from './core/errors';
import { secretsApiService } from './core/secretsApi/client';
import { describeSecretsApiError } from './core/secretsApi/messages';

/** The user-facing sentence for any error, with each backend's own meanings of its codes. */
export function describe(err: unknown): string {
  if ((err as { service?: string } | undefined)?.service === secretsApiService) return describeSecretsApiError(err);
  return describeError(err);
}
