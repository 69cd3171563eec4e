/**
 * A faithful local Vercel API (the endpoints Project Secrets uses, and those the official CLI
 * and `@vercel/sdk` call for env vars, projects and teams), for unit tests, integration tests
 * in VS Code, the CLI compatibility test (scripts/cli-compat.mjs) and the `npm start` demo.
 * One folder per API: vercel/ (accounts, teams, projects, env vars, legacy account secrets),
 * secretsApi/, marketplace/; core/ holds the request pipeline (server.ts), the admin calls,
 * faults, rate limits and the OpenAPI contract. This file is the one entry point: code outside
 * emulator/ imports only from here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateLimitConfig } from './core/rateLimit';
import { EmulatorCore, type RecordedRequest } from './core/server';
import { defaultDeploymentBuild } from './vercel/deploymentRecords';
import type { EmulatorState } from './vercel/state';

export type { RecordedRequest } from './core/server';
export type { EmulatorConfig } from './core/server';
export type { FaultSpec } from './core/faults';
export type { RateLimitConfig } from './core/rateLimit';
export type { DeploymentRecord, EmulatorState, EnvRecord, EnvTarget, EnvType, ProjectRecord, TeamRecord, UserRecord } from './vercel/state';
export { buildSeedState, demoTokens, seededSecretValues, seededValues, stagingEnvironmentId } from './vercel/seed';
// For the tests and `npm start`: the demo data and helpers of each API, so nothing outside
// emulator/ reaches into its folders.
export { loadContract } from './core/contract';
export { call } from './core/testClient';
export { marketplaceDemo, seededMarketplaceValues } from './marketplace/marketplaceState';
export type { MarketplacePush, MarketplaceSecret, MarketplaceState } from './marketplace/marketplaceState';
export { buildSecretsApiSeed, secretsApiKeys, secretsApiProjects, seededSecretsApiValues } from './secretsApi/secretsApiSeed';
export type { SecretsApiState } from './secretsApi/secretsApiState';
export { secretsCall, secretsPath, setSecretsRateLimit, storedSecrets } from './secretsApi/secretsApiTestClient';
export type { SecretsErrorBody } from './secretsApi/secretsApiTestClient';
export { reservedKeys } from './vercel/envRules';
export { addBulk, type BulkSpec } from './vercel/bulk';
export { carol, legacySecretsOf, seededLegacySecretValues } from './vercel/legacySecretsSeed';
export type { LegacySecretRecord } from './vercel/legacySecretsSeed';
export { seededSharedValues, sharedEnvsOf, type SharedEnvRecord } from './vercel/sharedEnvStore';

export interface EmulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default true: load the demo data of seed.ts. */
  seed?: boolean;
  /** Default false: check every request body and response against the OpenAPI subset; see `contractViolations`. */
  validateContract?: boolean;
  /** Default: no rate limit. */
  rateLimit?: RateLimitConfig;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Every API request, in order of arrival; never admin calls. */
  readonly requests: RecordedRequest[];
  readonly contractViolations: string[];
  /** Back to the seed state; clears requests, violations and faults; config as at start. */
  reset(): void;
  close(): Promise<void>;
  /** Direct access for tests: users (with tokens), teams, projects, envs with clear values. */
  readonly state: EmulatorState;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const core = new EmulatorCore({
    seed: options.seed ?? true,
    validateContract: options.validateContract ?? false,
    config: { rateLimit: options.rateLimit ?? null, legacySecretsGone: false, stepUp: null, deploymentBuild: defaultDeploymentBuild },
  });
  const server = createServer((req, res) => {
    core.handle(req, res).catch((err: unknown) => {
      console.error('[emulator] request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'internal_server_error', message: 'An unexpected internal error occurred' } }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    requests: core.requests,
    contractViolations: core.contractViolations,
    state: core.state,
    reset: () => core.reset(),
    close: () => close(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections (fetch keeps them) would hold close() open for seconds.
    server.closeAllConnections();
  });
}
