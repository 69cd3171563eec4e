/**
 * The Vercel Marketplace API for integration partners (seeds 001, 003), mounted on the
 * emulator's port under `/v1/installations/`:
 *
 *   GET /v1/installations/{integrationConfigurationId}/resources               → {resources:[…]}
 *   PUT /v1/installations/{id}/resources/{resourceId}/secrets                    → 201, no body
 *   PUT /v1/installations/{id}/products/{productIdOrSlug}/resources/{resourceId}/secrets (deprecated) → 201
 *
 * Authentication is the installation's access token, not a user token. Order of checks and
 * answers (our choices where the spec gives statuses only): no or unknown token 401
 * `unauthorized`; unknown installation 404; a token of another installation 403
 * `forbidden`; unknown resource, or a product that is not the resource's, 404; a body off
 * the spec's schema (unknown properties included) 400; bad names/values 400; the same name
 * twice 422; a resource not `ready`/`resumed` 409 `resource_not_ready`.
 * `partial: true` merges by name; otherwise the resource's secrets are replaced by the body's.
 *
 * Contract: the core does not check mounted APIs, so this mount checks its own traffic
 * against the OpenAPI subset (always) and keeps what it finds in `contractViolations`.
 *
 * Admin (`/_emulator/marketplace/...`): GET /state (secrets in clear, pushes, contract
 * violations; never tokens), POST /reset.
 */
import { loadContract } from '../core/contract';
import { errorReply, HttpError, notFound, ok, parseJson, templateMatcher, type Reply } from '../core/http';
import type { Mount, MountRequest } from '../core/mount';
import { checkPush } from './marketplaceRules';
import { acceptsSecrets, buildMarketplaceSeed, type Installation, type MarketplaceResource, type MarketplaceState } from './marketplaceState';

const routes = [
  { method: 'GET', template: '/v1/installations/{integrationConfigurationId}/resources' },
  { method: 'PUT', template: '/v1/installations/{integrationConfigurationId}/resources/{resourceId}/secrets' },
  { method: 'PUT', template: '/v1/installations/{integrationConfigurationId}/products/{integrationProductIdOrSlug}/resources/{resourceId}/secrets' },
].map((r) => ({ ...r, match: templateMatcher(r.template) }));

export function createMarketplaceMount(): Mount {
  return new MarketplaceMount();
}

export class MarketplaceMount implements Mount {
  readonly name = 'marketplace';
  private state: MarketplaceState = buildMarketplaceSeed();
  private readonly contract = loadContract();
  readonly contractViolations: string[] = [];

  matches(pathname: string): boolean {
    return pathname.startsWith('/v1/installations/');
  }

  authorized(request: MountRequest): boolean {
    const token = bearer(request.headers.authorization);
    return token !== undefined && this.state.installations.some((i) => i.token === token);
  }

  reset(): void {
    this.state = buildMarketplaceSeed();
    this.contractViolations.length = 0;
  }

  handle(request: MountRequest): Reply {
    const route = routes.find((r) => r.method === request.method && r.match(request.url.pathname));
    if (!route) return errorReply(notFound('The requested path was not found'));
    const params = route.match(request.url.pathname) ?? {};
    let reply: Reply;
    try {
      const installation = this.authenticate(request, params.integrationConfigurationId ?? '');
      reply = route.method === 'GET'
        ? ok({ resources: installation.resources.map(resourceView) })
        : this.push(installation, route.template, params, request);
    } catch (err) {
      if (!(err instanceof HttpError)) console.error('[emulator] marketplace handler failed:', err);
      reply = errorReply(err instanceof HttpError ? err : new HttpError(500, 'internal_server_error', 'An unexpected internal error occurred'));
    }
    this.violations(this.contract.checkResponse(route.method, route.template, reply.status, reply.raw === '' ? undefined : reply.body));
    return reply;
  }

  admin(method: string, rest: string, _text: string): Reply | undefined {
    if (method === 'GET' && rest === '/state') {
      const installations = this.state.installations.map(({ token: _token, ...installation }) => installation);
      return ok({ installations, pushes: this.state.pushes, contractViolations: this.contractViolations });
    }
    if (method === 'POST' && rest === '/reset') {
      this.reset();
      return ok({ ok: true });
    }
    return undefined;
  }

  private authenticate(request: MountRequest, installationId: string): Installation {
    const token = bearer(request.headers.authorization);
    if (token === undefined) throw new HttpError(401, 'unauthorized', 'The request is missing an access token.');
    const caller = this.state.installations.find((i) => i.token === token);
    if (!caller) throw new HttpError(401, 'unauthorized', 'The access token is invalid or has expired.');
    const installation = this.state.installations.find((i) => i.id === installationId);
    if (!installation) throw notFound('Installation not found');
    if (installation !== caller) throw new HttpError(403, 'forbidden', 'The access token does not belong to this installation.');
    return installation;
  }

  private push(installation: Installation, template: string, params: Record<string, string>, request: MountRequest): Reply {
    const resource = installation.resources.find((r) => r.partnerId === params.resourceId);
    if (!resource) throw notFound('Resource not found');
    const productIdOrSlug = params.integrationProductIdOrSlug;
    if (productIdOrSlug !== undefined) {
      const product = installation.products.find((p) => p.id === productIdOrSlug || p.slug === productIdOrSlug);
      if (!product || product.id !== resource.productId) throw notFound('Product not found for this resource');
    }
    let body: unknown;
    try {
      body = parseJson(request.text);
    } catch (err) {
      this.violations([`PUT ${template} request body: not JSON`]);
      throw err;
    }
    const { secrets, partial } = checkPush(this.contract, template, body, (problems) => this.violations(problems));
    if (!acceptsSecrets.includes(resource.status)) {
      throw new HttpError(409, 'resource_not_ready', `The resource ${resource.name} is ${resource.status}: it takes secrets once it is ready.`);
    }
    resource.secrets = partial ? merged(resource, secrets) : secrets;
    this.state.pushes.push({
      installationId: installation.id, resourceId: resource.partnerId, partial, names: secrets.map((s) => s.name), path: request.url.pathname,
    });
    // 201 with no body at all, as the spec declares.
    return { status: 201, body: undefined, raw: '' };
  }

  private violations(problems: string[]): void {
    this.contractViolations.push(...problems);
  }
}

/** `partial`: the sent secrets replace those of the same name; the others stay. */
function merged(resource: MarketplaceResource, sent: MarketplaceResource['secrets']): MarketplaceResource['secrets'] {
  const names = new Set(sent.map((s) => s.name));
  return [...resource.secrets.filter((s) => !names.has(s.name)), ...sent];
}

/** The spec's resource: the four required fields and the status. Secrets never leave. */
function resourceView(resource: MarketplaceResource): Record<string, unknown> {
  return {
    partnerId: resource.partnerId,
    internalId: resource.internalId,
    name: resource.name,
    status: resource.status,
    productId: resource.productId,
  };
}

function bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer\s+(\S+)\s*$/i.exec(value ?? '')?.[1];
}
