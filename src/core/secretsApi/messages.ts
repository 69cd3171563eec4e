import { ApiError, describeError } from '../errors';
import { maxSecretsPerProject } from './rules';
import { secretsApiService } from './client';

/** The Secrets API's error codes (seed 002), plus the emulator's 401 (see emulator/secretsApi.ts). */
export const secretsApiErrorCodes = {
  validation: 'VALIDATION_ERROR',
  notFound: 'NOT_FOUND',
  limitExceeded: 'SECRET_LIMIT_EXCEEDED',
  rateLimited: 'RATE_LIMITED',
  unauthorized: 'UNAUTHORIZED',
} as const;

/**
 * `describeError` with the Secrets API's meanings where the generic text would mislead:
 * a 409 here is the per-project cap, not an edit conflict; a 404 also means the API key
 * is not scoped to the project. Everything else (429 with its wait, 401, network,
 * invalid answers, InputError) is `describeError`'s. Never contains the API key: the
 * JsonApi scrubs it from the API's message and the texts here add none.
 */
export function describeSecretsApiError(err: unknown): string {
  if (err instanceof ApiError) {
    const service = err.service ?? secretsApiService;
    const gaveUp = err.attempts ? ` (gave up after ${err.attempts} attempts)` : '';
    if (err.status === 409 && err.hasCode(secretsApiErrorCodes.limitExceeded)) {
      return `The project already has the maximum of ${maxSecretsPerProject} secrets. Delete one before adding a new key; updating an existing key is still allowed${gaveUp}.`;
    }
    if (err.status === 404) {
      return `${service}: the project was not found, or this API key is not scoped to it. Check the project id and the key's scope, then refresh${gaveUp}.`;
    }
  }
  return describeError(err, secretsApiService);
}
