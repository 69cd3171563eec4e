/**
 * Calls of Vercel's legacy account secrets API (seed 000). A 410 Gone (the live API since
 * the 2024 sunset) and a 402 (soft-blocked account) surface as ApiError with that status:
 * the caller turns them into a row or a message.
 */
import { InvalidResponseError } from '../errors';
import type { JsonApi } from '../http/jsonApi';
import {
  accountSecretNameProblem, accountSecretValueProblem, parseAccountSecret, parseRenamedSecret,
  type AccountSecret, type CreatedSecret, type NewAccountSecret, type RenamedSecret,
} from './accountSecretModels';
import { asArray, asObject } from '../json';
import { collectPages } from '../paging';
import { assertNoProblem } from '../validation/problems';
import { parseNext, scopeQuery, type Page, type Scope } from './models';

export type { AccountSecret, CreatedSecret, NewAccountSecret, RenamedSecret } from './accountSecretModels';
export { accountSecretNameProblem, accountSecretValueProblem, maxAccountSecretNameLength } from './accountSecretModels';

const accountSecretsPageSize = 100;

export class AccountSecretsClient {
  constructor(private readonly api: JsonApi) {}

  /** `GET /v3/secrets`, newest first, 100 per page (the most it gives); pass `next` back as `until` for the following page. */
  async list(scope: Scope, until?: string, signal?: AbortSignal): Promise<Page<AccountSecret>> {
    return this.api.tagged(async () => {
      const body = asObject(await this.api.get<unknown>('/v3/secrets', { ...scopeQuery(scope), limit: accountSecretsPageSize, until }, signal), 'the secrets answer');
      return { items: asArray(body.secrets, 'secrets').map(parseAccountSecret), next: parseNext(body, 'secrets') };
    });
  }

  /** Every account secret of the scope, all pages; a cursor that never ends stops after 50 pages. */
  listAll(scope: Scope, signal?: AbortSignal): Promise<AccountSecret[]> {
    return collectPages((until) => this.list(scope, until, signal), 50);
  }

  /** `POST /v2/secrets/{name}`. The answer's Buffer echo of the value is never decoded nor kept. */
  async create(scope: Scope, input: NewAccountSecret, signal?: AbortSignal): Promise<CreatedSecret> {
    assertNoProblem(accountSecretNameProblem(input.name), accountSecretValueProblem(input.value));
    const body: Record<string, unknown> = { name: input.name, value: input.value };
    if (input.decryptable !== undefined) body.decryptable = input.decryptable;
    if (input.projectId !== undefined) body.projectId = input.projectId;
    return this.api.tagged(async () => parseAccountSecret(await this.api.send<unknown>('POST', secretPath(input.name), scopeQuery(scope), body, signal)));
  }

  /**
   * `PATCH /v2/secrets/{name}` with `{name: newName}`. The answer must name both the old
   * and the new name: anything else means another secret was renamed, or none.
   */
  async rename(scope: Scope, name: string, newName: string, signal?: AbortSignal): Promise<RenamedSecret> {
    assertNoProblem(name.length === 0 ? 'Choose the secret to rename.' : undefined, accountSecretNameProblem(newName));
    return this.api.tagged(async () => {
      const renamed = parseRenamedSecret(await this.api.send<unknown>('PATCH', secretPath(name), scopeQuery(scope), { name: newName }, signal));
      // Case-insensitive: Vercel keeps names in lower case, so a server may echo `Old` as `old`.
      if (!sameName(renamed.oldName, name) || !sameName(renamed.name, newName)) {
        throw new InvalidResponseError(`the rename answer names "${renamed.oldName}" → "${renamed.name}", not "${name}" → "${newName}".`);
      }
      return renamed;
    });
  }

  /** `DELETE /v2/secrets/{idOrName}`. */
  async delete(scope: Scope, idOrName: string, signal?: AbortSignal): Promise<void> {
    assertNoProblem(idOrName.length === 0 ? 'Choose the secret to delete.' : undefined);
    await this.api.send<unknown>('DELETE', secretPath(idOrName), scopeQuery(scope), undefined, signal);
  }
}

function secretPath(nameOrId: string): string {
  return `/v2/secrets/${encodeURIComponent(nameOrId)}`;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
