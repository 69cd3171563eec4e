/**
 * A 200 whose body cannot be used must never look like "nothing there": every backend's
 * list call rejects with an InvalidResponseError that names the backend (as its JsonApi
 * was built), and a body cut short on the wire is a NetworkError or InvalidResponseError,
 * never a crash and never an empty list.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, InvalidResponseError, NetworkError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { MarketplaceClient } from '../../src/core/marketplace/client';
import { parseSecretsApiUrl, SecretsApiClient, secretsApiService } from '../../src/core/secretsApi';
import { VercelClient } from '../../src/core/vercel/client';
import type { Scope } from '../../src/core/vercel/models';

const personal: Scope = { kind: 'personal' };
const token = 'malformed_test_token_5e1f';

/** How the raw server answers the next request. */
type Answer =
  | { readonly kind: 'body'; readonly body: string; readonly contentType?: string }
  /** Headers promise `length` bytes; `sent` goes out, then the socket is ended (FIN) or destroyed. */
  | { readonly kind: 'cut'; readonly length: number; readonly sent: string; readonly how: 'end' | 'destroy' }
  /** Headers promise fewer bytes than the body has. */
  | { readonly kind: 'short'; readonly length: number; readonly sent: string };

interface Backend {
  readonly name: string;
  /** The service name its JsonApi is built with in src/clients.ts. */
  readonly service: string;
  /** Path of the list call, to prove the answer went to it. */
  readonly path: RegExp;
  readonly list: (api: JsonApi) => Promise<unknown>;
  /** JSON of the wrong shape for this call. */
  readonly wrongShapes: readonly string[];
  /** A body cut off inside a list item. */
  readonly truncated: string;
}

const backends: readonly Backend[] = [
  {
    name: 'Vercel projects', service: 'Vercel', path: /^\/v10\/projects\?/,
    list: (api) => new VercelClient(api).listProjects(personal),
    wrongShapes: ['{"projects": "x"}', '{"projects": [{}]}', '{"projects": [{"id": 7, "name": "p"}]}', '{}', '[]'],
    truncated: '{"projects": [{"id"',
  },
  {
    name: 'Vercel environment variables', service: 'Vercel', path: /^\/v10\/projects\/prj_x\/env/,
    list: (api) => new VercelClient(api).listEnvs(personal, 'prj_x'),
    wrongShapes: ['{"envs": "x"}', '{"envs": {}}', '{"envs": [{"id": "env_1"}]}', '{"envs": [{"id": "env_1", "key": "K", "type": "nope", "target": []}]}', '"envs"'],
    truncated: '{"envs": [{"id"',
  },
  {
    name: 'Vercel teams', service: 'Vercel', path: /^\/v2\/teams/,
    list: (api) => new VercelClient(api).listTeams(),
    wrongShapes: ['{"teams": {}}', '{"teams": [{"id": "team_1"}]}', '{"teams": null}'],
    truncated: '{"teams": [{"id": "team_1", "sl',
  },
  {
    name: 'Vercel account secrets', service: 'Vercel', path: /^\/v3\/secrets/,
    list: (api) => new VercelClient(api).accountSecrets.list(personal),
    wrongShapes: ['{"secrets": "x"}', '{"secrets": [{}]}', '{"secrets": [{"uid": "sec_1", "name": "n", "created": true}]}', '{"data": {"secrets": []}}'],
    truncated: '{"secrets": [{"uid"',
  },
  {
    name: 'Secrets API', service: secretsApiService, path: /^\/api\/v1\/projects\/proj_x\/secrets$/,
    list: (api) => new SecretsApiClient(api).list('proj_x'),
    wrongShapes: ['{"data": {}}', '{"data": {"secrets": "x"}}', '{"data": {"secrets": [{}]}}', '{"secrets": []}', '{"data": []}',
      '{"data": {"secrets": [{"key": "K", "lastFour": "abcdef", "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"}]}}'],
    truncated: '{"data": {"secrets": [{"key"',
  },
  {
    name: 'Vercel Marketplace resources', service: 'Vercel Marketplace', path: /^\/v1\/installations\/icfg_x1\/resources$/,
    list: (api) => new MarketplaceClient(api).listResources('icfg_x1'),
    wrongShapes: ['{"resources": [{}]}', '{"resources": "x"}', '{}', '{"resources": [{"partnerId": "r1", "internalId": "i1", "name": "n", "productId": "p", "status": 3}]}'],
    truncated: '{"resources": [{"partnerId"',
  },
];

describe('Malformed answers: an InvalidResponseError naming the backend, never an empty list', () => {
  let transport: Transport;
  let server: http.Server;
  let baseUrl: URL;
  let answer: Answer = { kind: 'body', body: '' };
  const seen: string[] = [];

  before(async () => {
    // Short timeouts: a lying Content-Length must end the call quickly, not after 30 s.
    transport = createUndiciTransport({ connectMs: 2000, headersMs: 5000, bodyMs: 5000 });
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      req.resume();
      req.on('end', () => reply(req, res, answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  beforeEach(() => { seen.length = 0; });
  after(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function api(service: string): JsonApi {
    const url = service === secretsApiService ? parseSecretsApiUrl(baseUrl.href) : baseUrl;
    return new JsonApi({ baseUrl: url, token, transport, service });
  }

  /** What the call ended with; a resolved value is reported, never accepted. */
  async function outcome(backend: Backend, next: Answer): Promise<unknown> {
    answer = next;
    const settled = await backend.list(api(backend.service)).then(
      (value) => ({ ok: true as const, value }),
      (err: unknown) => ({ ok: false as const, err }));
    assert.equal(seen.length, 1, 'the call reached the server once');
    assert.match(seen[0], backend.path);
    if (settled.ok) assert.fail(`resolved to ${JSON.stringify(settled.value)} instead of rejecting`);
    return settled.err;
  }

  function assertUnreadable(err: unknown, backend: Backend): void {
    assert.ok(err instanceof InvalidResponseError, `expected an InvalidResponseError, got ${String(err)}`);
    assert.equal(err.service, backend.service, 'the error names the backend');
    assert.ok(describeError(err).startsWith(`${backend.service} sent an answer this extension cannot read: `), describeError(err));
    assert.ok(!err.message.includes(token));
  }

  for (const backend of backends) {
    describe(backend.name, () => {
      const bodies: Array<[what: string, body: string, contentType?: string]> = [
        ['non-JSON text', 'not json', 'text/plain'],
        ['an HTML page', '<!doctype html><html><body>Sign in</body></html>', 'text/html'],
        ['a truncated body', backend.truncated],
        ['an empty body', ''],
        ['whitespace only', '  \n'],
        ['null', 'null'],
        ...backend.wrongShapes.map((body): [string, string] => [`the wrong shape ${body.length > 60 ? `${body.slice(0, 57)}...` : body}`, body]),
      ];
      for (const [what, body, contentType] of bodies) {
        it(`200 with ${what} → InvalidResponseError from ${backend.service}`, async () => {
          assertUnreadable(await outcome(backend, { kind: 'body', body, contentType }), backend);
        });
      }

      const full = `${backend.truncated}: "x"}]}`;
      const cuts: Array<[what: string, next: Answer]> = [
        ['Content-Length promises more, then the connection is dropped', { kind: 'cut', length: full.length + 500, sent: backend.truncated, how: 'destroy' }],
        ['Content-Length promises more, then the server closes cleanly', { kind: 'cut', length: full.length + 500, sent: backend.truncated, how: 'end' }],
        ['Content-Length promises less than the body', { kind: 'short', length: 5, sent: full }],
      ];
      for (const [what, next] of cuts) {
        it(`${what} → NetworkError or InvalidResponseError, never a result`, async () => {
          const err = await outcome(backend, next);
          if (err instanceof InvalidResponseError) {
            assertUnreadable(err, backend);
          } else {
            assert.ok(err instanceof NetworkError, `expected a NetworkError or InvalidResponseError, got ${String(err)}`);
            assert.equal(err.service, backend.service, 'the error names the backend');
            assert.match(err.message, /127\.0\.0\.1/);
          }
        });
      }
    });
  }

  it('covers every backend\'s list call', () => {
    assert.deepEqual([...new Set(backends.map((b) => b.service))].sort(), ['Secrets API', 'Vercel', 'Vercel Marketplace']);
    assert.equal(backends.length, 6);
  });
});

function reply(req: http.IncomingMessage, res: http.ServerResponse, answer: Answer): void {
  if (answer.kind === 'body') {
    res.writeHead(200, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
    return;
  }
  // A lying Content-Length cannot go through ServerResponse (node checks it): write the answer raw.
  const socket = req.socket;
  socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${answer.length}\r\nconnection: close\r\n\r\n${answer.sent}`);
  if (answer.kind === 'short' || answer.how === 'end') socket.end();
  else setTimeout(() => socket.destroy(), 20);
}
