/**
 * The OpenAPI subset (emulator/openapi) as a validator, with Ajv.
 * Used by the emulator's `validateContract` mode and by test/contract.
 *
 * Two faithful adaptations of the document, both made while loading it:
 * - OpenAPI 3.0 `nullable: true` becomes `anyOf: [{type: 'null'}, schema]`: Ajv's own
 *   `nullable` needs a sibling `type` (23 schemas here have none) and ignores `enum`.
 * - `oneOf` is checked as `anyOf`. The document is generated, and its unions overlap:
 *   getProjectEnv's three variants all accept a decrypted variable with a value, and
 *   editProjectEnv's second variant is "any object", so strict oneOf rejects every real
 *   answer. Vercel's SDK parses these unions by trying each variant, i.e. anyOf.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { templateMatcher } from './http';

const specId = 'vercel-openapi';
const specFile = 'openapi/vercel-secrets-subset.json';

/**
 * Statuses the real API answers that the subset does not declare for the operation.
 * Kept short and explicit: anything else undeclared is a violation.
 * - 404 where a project or variable does not exist (or is in another scope): Vercel answers
 *   404 "Project not found"; the subset declares 404 only on the write operations.
 * - 429 on every operation: rate limits are per account and apply to all calls
 *   (notes/vercel-api-facts.md); the subset declares 429 only on create and edit.
 */
export const undeclaredButAnswered: Readonly<Record<string, readonly number[]>> = {
  'GET /v9/projects/{idOrName}': [404],
  'GET /v9/projects/{idOrName}/custom-environments': [404],
  'GET /v10/projects/{idOrName}/env': [404],
  'GET /v1/projects/{idOrName}/env/{id}': [404],
  '*': [429],
};

/**
 * Routes the emulator serves that the subset does not describe. Their requests and answers are
 * not checked (there is nothing to check them against), explicitly by name, so that they are
 * neither false violations nor silently mistaken for spec operations:
 * - Vercel's legacy account secrets (seed 000), retired in 2024 and absent from the current spec;
 * - calls of the official CLI that the document has no operation for (`/v1/teams`, `/v9/projects`,
 *   the undocumented `/v3/env/pull`) or that the subset leaves out (`getTeam`; the SDK contract
 *   suite, emulator/test/sdk.test.ts, checks that one against the SDK's own schemas);
 * - creating, reading, editing and removing one custom environment: the 2025-10 extraction has
 *   only their list; sdk.test.ts checks these four against the SDK's models.
 * Routes that are another version of a spec operation are checked against it instead (server.ts).
 */
export const outsideTheSubset: readonly string[] = [
  'GET /v3/secrets',
  'POST /v2/secrets/{name}',
  'PATCH /v2/secrets/{name}',
  'DELETE /v2/secrets/{idOrName}',
  'GET /v1/teams',
  'GET /v2/teams/{teamId}',
  'GET /teams/{teamId}',
  'GET /v9/projects',
  'GET /v3/env/pull/{idOrName}/{target}',
  'GET /v3/env/pull/{idOrName}/{target}/{gitBranch}',
  // Team shared variables: absent from the subset; emulator/test/sdk.test.ts checks them against @vercel/sdk's models.
  'GET /v1/env',
  'POST /v1/env',
  'PATCH /v1/env',
  'DELETE /v1/env',
  'GET /v1/env/{id}',
  'PATCH /v1/env/{id}/unlink/{projectId}',
  'POST /v9/projects/{idOrName}/custom-environments',
  'GET /v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}',
  'PATCH /v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}',
  'DELETE /v9/projects/{idOrName}/custom-environments/{environmentSlugOrId}',
  // Deployments (redeploy): absent from the subset; emulator/test/sdk.test.ts checks them against @vercel/sdk's models.
  'GET /v6/deployments',
  'GET /v7/deployments',
  'GET /v13/deployments/{idOrUrl}',
  'POST /v13/deployments',
];

/**
 * Request properties the real API accepts that the subset's request schemas do not list (the
 * PATCH schema even forbids unknown ones): the official CLI (vercel 60+) sends `visibility`
 * (`config` | `secret`) with every create and edit, and the newest SDK models return it on
 * env records. They are removed from a body before it is checked; everything else still is.
 */
export const acceptedBeyondTheSubset: Readonly<Record<string, readonly string[]>> = {
  'POST /v10/projects/{idOrName}/env': ['visibility'],
  'PATCH /v9/projects/{idOrName}/env/{id}': ['visibility'],
};

interface OpenApiOperation {
  operationId?: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface OperationRef {
  method: string;
  /** The spec's path template, e.g. `/v10/projects/{idOrName}/env`. */
  template: string;
  params: Record<string, string>;
}

export class Contract {
  // validateSchema off: the generated document has an empty `oneOf` (a "never" type), which
  // the meta-schema rejects but Ajv evaluates as intended (nothing matches).
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly matchers: { method: string; template: string; match: (pathname: string) => Record<string, string> | undefined }[] = [];
  private readonly envelope: ValidateFunction;

  constructor(private readonly doc: { paths: Record<string, Record<string, OpenApiOperation>>; components: unknown }) {
    this.ajv.addSchema({ $id: specId, components: normalize(doc.components) });
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        this.matchers.push({ method: method.toUpperCase(), template, match: templateMatcher(template) });
      }
    }
    // Not in the subset (it gives error statuses no body): the envelope every Vercel error has.
    this.envelope = this.ajv.compile({
      type: 'object', required: ['error'],
      properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
    });
  }

  /** The operation a concrete request addresses, or undefined if the spec has none. */
  match(method: string, pathname: string): OperationRef | undefined {
    for (const m of this.matchers) {
      if (m.method !== method.toUpperCase()) continue;
      const params = m.match(pathname);
      if (params) return { method: m.method, template: m.template, params };
    }
    return undefined;
  }

  declaredStatuses(method: string, template: string): number[] {
    return Object.keys(this.operation(method, template)?.responses ?? {}).map(Number).filter(Number.isFinite);
  }

  /** Problems with a request body, as readable strings; empty when it conforms. */
  checkRequest(method: string, template: string, body: unknown): string[] {
    const op = this.operation(method, template);
    const label = `${method.toUpperCase()} ${template} request body`;
    if (isOutside(method, template)) return [];
    if (!op) return [`${method.toUpperCase()} ${template} is not an operation of the spec`];
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return [];
    if (body === undefined) return op.requestBody?.required ? [`${label}: missing, but the spec requires one`] : [];
    const extra = acceptedBeyondTheSubset[`${method.toUpperCase()} ${template}`] ?? [];
    return this.validate(`${method} ${template} request`, schema, withoutProperties(body, extra), label);
  }

  /** Problems with a response: an undeclared status, a body off its schema, a malformed error. */
  checkResponse(method: string, template: string, status: number, body: unknown): string[] {
    const op = this.operation(method, template);
    const label = `${method.toUpperCase()} ${template} → ${status}`;
    if (isOutside(method, template)) return [];
    if (!op) return [`${method.toUpperCase()} ${template} is not an operation of the spec`];
    const response = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
    const errors: string[] = [];
    if (!response && !isKnownUndeclared(method, template, status)) {
      errors.push(`${label}: status not declared by the spec (declared: ${Object.keys(op.responses).join(', ')})`);
    }
    const schema = response?.content?.['application/json']?.schema;
    if (schema) errors.push(...this.validate(`${method} ${template} ${status}`, schema, body, label));
    if (status >= 400 && !this.envelope(body)) {
      errors.push(`${label}: error body is not {"error":{"code","message"}}: ${this.ajv.errorsText(this.envelope.errors)}`);
    }
    return errors;
  }

  private operation(method: string, template: string): OpenApiOperation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()];
  }

  private validate(cacheKey: string, schema: unknown, data: unknown, label: string): string[] {
    let validator = this.validators.get(cacheKey);
    if (!validator) {
      validator = this.ajv.compile(normalize(schema) as object);
      this.validators.set(cacheKey, validator);
    }
    if (validator(data)) return [];
    const errors = validator.errors ?? [];
    // anyOf failures list every branch's complaint; the first few say enough.
    const shown = errors.slice(0, 6).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    return [`${label}: ${shown.join('; ')}${errors.length > shown.length ? ` (+${errors.length - shown.length} more)` : ''}`];
  }
}

/** A copy of an object body (or of each object of an array body) without the named properties. */
function withoutProperties(body: unknown, names: readonly string[]): unknown {
  if (names.length === 0) return body;
  const strip = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).filter(([k]) => !names.includes(k)));
  };
  return Array.isArray(body) ? body.map(strip) : strip(body);
}

function isOutside(method: string, template: string): boolean {
  return outsideTheSubset.includes(`${method.toUpperCase()} ${template}`);
}

function isKnownUndeclared(method: string, template: string, status: number): boolean {
  const key = `${method.toUpperCase()} ${template}`;
  return (undeclaredButAnswered[key] ?? []).includes(status) || (undeclaredButAnswered['*'] ?? []).includes(status);
}

let loaded: Contract | undefined;

/** The contract of emulator/openapi, loaded once (the document is ~500 KB). */
export function loadContract(): Contract {
  if (!loaded) {
    const doc = JSON.parse(readFileSync(specPath(), 'utf8')) as ConstructorParameters<typeof Contract>[0];
    loaded = new Contract(doc);
  }
  return loaded;
}

/** Works from the sources (emulator/core) and from the build (out/emulator/core). */
export function specPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', specFile),
    path.resolve(__dirname, '../../../emulator', specFile),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`OpenAPI subset not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** See the file comment: nullable → anyOf with null, oneOf → anyOf, local refs → the added document, enums deduplicated. */
export function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable') continue;
    if (key === 'oneOf') out.anyOf = normalize(value);
    else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = `${specId}${value}`;
    // Some enums list a value twice (`preview`, `development`): same meaning, but invalid JSON Schema.
    else if (key === 'enum' && Array.isArray(value)) out.enum = [...new Set(value)];
    else out[key] = normalize(value);
  }
  return source.nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}
