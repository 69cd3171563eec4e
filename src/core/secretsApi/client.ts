import { ApiError, InvalidResponseError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import { parseDeleteAnswer, parseSecretAnswer, parseSecretList, type DeleteResult, type SecretSummary } from './models';
import { assertNoProblem } from '../validation/problems';
import { capProblem, projectIdProblem, secretKeyProblem, secretValueProblem } from './rules';

/** The name errors of this API carry (`ApiError.service`), for messages like "Secrets API refused …". */
export const secretsApiService = 'Secrets API';

/**
 * The Secrets API (seed 002): per-project secrets whose values are write-only. One
 * method, one request (plus the retries of the JsonApi's policy, e.g. waiting out a 429).
 * Input is checked first and refused with an InputError, so no request goes out for it.
 */
export class SecretsApiClient {
  constructor(private readonly api: JsonApi) {}

  /** `GET /api/v1/projects/{projectId}/secrets`. */
  async list(projectId: string, signal?: AbortSignal): Promise<SecretSummary[]> {
    assertNoProblem(projectIdProblem(projectId));
    const body = await this.api.get<unknown>(secretsPath(projectId), undefined, signal);
    return this.parse(() => parseSecretList(body));
  }

  /**
   * `POST /api/v1/projects/{projectId}/secrets`: creates the secret or overwrites its
   * value (idempotent by key). A new key on a full project is answered 409
   * `SECRET_LIMIT_EXCEEDED`; use `setChecked` to refuse that without a request.
   */
  async set(projectId: string, key: string, value: string, signal?: AbortSignal): Promise<SecretSummary> {
    assertNoProblem(projectIdProblem(projectId), secretKeyProblem(key), secretValueProblem(value));
    const body = await this.api.send<unknown>('POST', secretsPath(projectId), undefined, { key, value }, signal);
    return this.parse(() => {
      const saved = parseSecretAnswer(body);
      if (saved.key !== key) throw new InvalidResponseError(`asked to save ${key}, the API answered with ${saved.key}.`);
      return saved;
    });
  }

  /**
   * `set` after checking the per-project cap against the keys the caller knows (from
   * `list`): a new key when there are already 25 is refused with an InputError and no
   * request; an existing key (an update) always goes through.
   */
  async setChecked(projectId: string, key: string, value: string, existingKeys: readonly string[], signal?: AbortSignal): Promise<SecretSummary> {
    assertNoProblem(projectIdProblem(projectId), secretKeyProblem(key), secretValueProblem(value), capProblem(existingKeys, key));
    return this.set(projectId, key, value, signal);
  }

  /** `DELETE /api/v1/projects/{projectId}/secrets/{key}`: idempotent; `existed` says whether one was removed. */
  async delete(projectId: string, key: string, signal?: AbortSignal): Promise<DeleteResult> {
    assertNoProblem(projectIdProblem(projectId), secretKeyProblem(key));
    const body = await this.api.send<unknown>('DELETE', `${secretsPath(projectId)}/${encodeURIComponent(key)}`, undefined, undefined, signal);
    return this.parse(() => parseDeleteAnswer(body));
  }

  /**
   * Proves an API key with one request; the API has no "who am I" call and cannot list
   * projects, so this is the cheapest authenticated read: `GET` the secrets of
   * `keyCheckProjectId`, a project id nobody uses. The API checks the key before the
   * project, so a 404 NOT_FOUND (or a 200, should that project exist) means the key was
   * accepted — and says nothing about the user's projects, which is fine. Throws the
   * ApiError of a 401/403 (key refused) and every other error (network, 5xx, 429 after
   * the JsonApi's retries).
   */
  async checkKey(signal?: AbortSignal): Promise<void> {
    try {
      await this.api.get<unknown>(secretsPath(keyCheckProjectId), undefined, signal);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return;
      throw err;
    }
  }

  /** Runs a parser; its InvalidResponseError names this API, as the JsonApi's own errors do. */
  private parse<T>(parser: () => T): T {
    try {
      return parser();
    } catch (err) {
      if (err instanceof InvalidResponseError) err.service ??= this.api.service ?? secretsApiService;
      throw err;
    }
  }
}

/** The project id `checkKey` asks about: read-only, and no one's project. */
export const keyCheckProjectId = 'project-secrets-key-check';

function secretsPath(projectId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/secrets`;
}
