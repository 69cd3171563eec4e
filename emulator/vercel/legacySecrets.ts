/**
 * Vercel's legacy account secrets (seed 000), behind the core's user-token authentication:
 *
 *   GET    /v3/secrets                 ?limit&until  → {secrets:[…], pagination:{count,next,prev}}
 *   POST   /v2/secrets/{name}          {name, value, decryptable?, projectId?} → the secret + a Buffer echo of the value
 *   PATCH  /v2/secrets/{name}          {name: newName} → {uid, name, created, oldName}
 *   DELETE /v2/secrets/{idOrName}      → {uid, name, created}
 *
 * Team scope by `teamId`/`slug` (non-member or unknown team: 403, as on the other routes).
 * Our choices where Vercel documents none: a name taken in the scope (create, or rename onto
 * it) is 400 `secret_already_exists` (seed 000 lists 400 but no 409 for both calls); an
 * unknown secret is 404 `not_found`; unknown body properties are 400. Names are stored in
 * lower case, as Vercel did. With `legacySecretsGone` every route answers 410 `gone`, as the
 * live API has since the 2024 sunset; a soft-blocked user's create answers 402.
 * These operations are not in the OpenAPI subset: contract.ts skips them by name.
 */
import { badRequest, HttpError, isObject, notFound, ok, type ApiContext, type Reply } from '../core/http';
import { legacySecretsOf, legacySecretUid, type LegacySecretRecord, type LegacySecretsStore } from './legacySecretsSeed';
import { parseLimit, scopeAccountId } from './vercelProjects';

export const legacyDefaultLimit = 20;
export const legacyMaxLimit = 100;
export const maxLegacyNameLength = 100;

export function listLegacySecrets(ctx: ApiContext): Reply {
  const { store, ownerId } = open(ctx);
  const limit = parseLimit(ctx.query.limit, legacyDefaultLimit, legacyMaxLimit);
  const until = timestamp(ctx.query.until);
  const mine = store.secrets.filter((s) => s.ownerId === ownerId).sort((a, b) => b.created - a.created);
  const page = mine.filter((s) => until === undefined || s.created < until).slice(0, limit);
  const first = page[0];
  const last = page[page.length - 1];
  return ok({
    secrets: page.map(secretView),
    pagination: {
      count: page.length,
      next: last && mine.some((s) => s.created < last.created) ? last.created : null,
      prev: first && mine.some((s) => s.created > first.created) ? first.created : null,
    },
  });
}

export function createLegacySecret(ctx: ApiContext): Reply {
  const { store, ownerId } = open(ctx);
  if (store.softBlocked.has(ctx.user.id)) {
    throw new HttpError(402, 'payment_required',
      'The account was soft-blocked: a payment is missing. Update the payment method to continue.');
  }
  const body = bodyObject(ctx.body, ['name', 'value', 'decryptable', 'projectId']);
  const name = checkName(body.name);
  if (name !== ctx.params.name?.toLowerCase()) throw badRequest('The name in the path and the name in the body differ.');
  if (typeof body.value !== 'string' || body.value === '') throw new HttpError(400, 'missing_value', 'The secret needs a value.');
  if (body.decryptable !== undefined && typeof body.decryptable !== 'boolean') throw badRequest('`decryptable` should be boolean.');
  const projectId = body.projectId;
  if (projectId !== undefined
    && (typeof projectId !== 'string' || !ctx.state.projects.some((p) => p.id === projectId && p.accountId === ownerId))) {
    throw new HttpError(400, 'invalid_project', 'The project does not exist in this scope.');
  }
  refuseTaken(store, ownerId, name);
  const secret: LegacySecretRecord = {
    uid: legacySecretUid(`${ownerId}/${name}/${Date.now()}/${store.secrets.length}`),
    name,
    value: body.value,
    ownerId,
    userId: ctx.user.id,
    created: nextCreated(store),
    ...(typeof projectId === 'string' ? { projectId } : {}),
    decryptable: body.decryptable === true,
  };
  store.secrets.push(secret);
  // The one answer that carries the value: Vercel echoed it as a serialised Node Buffer.
  const { created, createdAt, ...rest } = secretView(secret);
  return ok({ value: { type: 'Buffer', data: [...Buffer.from(secret.value, 'utf8')] }, created, ...rest, createdAt });
}

export function renameLegacySecret(ctx: ApiContext): Reply {
  const { store, ownerId } = open(ctx);
  const body = bodyObject(ctx.body, ['name']);
  const newName = checkName(body.name);
  const secret = find(store, ownerId, ctx.params.name ?? '');
  if (newName !== secret.name) refuseTaken(store, ownerId, newName);
  const oldName = secret.name;
  secret.name = newName;
  return ok({ uid: secret.uid, name: secret.name, created: iso(secret.created), oldName });
}

export function deleteLegacySecret(ctx: ApiContext): Reply {
  const { store, ownerId } = open(ctx);
  const secret = find(store, ownerId, ctx.params.idOrName ?? '');
  store.secrets.splice(store.secrets.indexOf(secret), 1);
  return ok({ uid: secret.uid, name: secret.name, created: iso(secret.created) });
}

/** Every legacy call starts here: 410 when retired, then the scope (403 for a foreign team). */
function open(ctx: ApiContext): { store: LegacySecretsStore; ownerId: string } {
  if (ctx.config.legacySecretsGone) {
    throw new HttpError(410, 'gone',
      'Secrets have been sunset: they were converted to sensitive Environment Variables. Use Environment Variables instead.');
  }
  return { store: legacySecretsOf(ctx.state), ownerId: scopeAccountId(ctx) };
}

function secretView(secret: LegacySecretRecord): Record<string, unknown> {
  return {
    uid: secret.uid,
    name: secret.name,
    teamId: secret.ownerId.startsWith('team_') ? secret.ownerId : null,
    userId: secret.userId,
    created: iso(secret.created),
    createdAt: secret.created,
    ...(secret.projectId !== undefined ? { projectId: secret.projectId } : {}),
    decryptable: secret.decryptable,
  };
}

function bodyObject(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('Invalid request: the body should be an object.');
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw badRequest(`Invalid request: should NOT have additional property \`${extra}\`.`);
  return body;
}

/** Vercel's limit (100) and the characters it accepted; stored lower case. */
function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new HttpError(400, 'invalid_name', 'The secret needs a name.');
  if (name.length > maxLegacyNameLength) {
    throw new HttpError(400, 'invalid_name', `The secret name is ${name.length} characters long; the maximum is ${maxLegacyNameLength}.`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new HttpError(400, 'invalid_name', 'The secret name may contain only letters, digits, "-" and "_".');
  }
  return name.toLowerCase();
}

function refuseTaken(store: LegacySecretsStore, ownerId: string, name: string): void {
  if (store.secrets.some((s) => s.ownerId === ownerId && s.name === name)) {
    throw new HttpError(400, 'secret_already_exists', `A secret named "${name}" already exists.`);
  }
}

/** By uid, or by name (case-insensitive, as names are stored in lower case). */
function find(store: LegacySecretsStore, ownerId: string, idOrName: string): LegacySecretRecord {
  const name = idOrName.toLowerCase();
  const secret = store.secrets.find((s) => s.ownerId === ownerId && (s.uid === idOrName || s.name === name));
  if (!secret) throw notFound('Secret not found');
  return secret;
}

function nextCreated(store: LegacySecretsStore): number {
  const latest = Math.max(0, ...store.secrets.map((s) => s.created));
  return Math.max(Date.now(), latest + 1);
}

function timestamp(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest('Invalid request: `until` should be number.');
  return value;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
