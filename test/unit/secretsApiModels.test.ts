import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { ApiError, describeError, InvalidResponseError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { describeSecretsApiError, SecretsApiClient, secretsApiService, type SecretSummary } from '../../src/core/secretsApi';
import { json, startRawServer, type RawServer, type SeenRequest } from './helpers/rawServer';

const apiKey = 'raw_server_api_key_5d1f';
const stamp = '2026-04-18T09:12:44.000Z';
const good = { key: 'GOOD_KEY', lastFour: 'aB3x', createdAt: stamp, updatedAt: stamp };

/**
 * Answers the Secrets API client cannot use: a raw HTTP server on a free port sends
 * exactly the body under test, and every one must be an InvalidResponseError (never
 * an empty list, never a value shown).
 */
describe('SecretsApiClient: malformed answers from a raw server', () => {
  let server: RawServer | undefined;
  let transport: Transport;

  before(() => {
    transport = createUndiciTransport();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => transport.close());

  async function serve(handler: (req: SeenRequest, res: ServerResponse) => void): Promise<SecretsApiClient> {
    server = await startRawServer(handler);
    return new SecretsApiClient(new JsonApi({ baseUrl: new URL(server.url), token: apiKey, transport, service: secretsApiService }));
  }

  async function invalid(call: Promise<unknown>, message?: RegExp): Promise<InvalidResponseError> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InvalidResponseError, `expected an InvalidResponseError, got ${String(err)}`);
    assert.equal(err.service, secretsApiService);
    if (message) assert.match(err.message, message);
    return err;
  }

  it('reads a well-formed list, so the failures below are about the shape', async () => {
    const client = await serve((_req, res) => json(res, 200, { data: { secrets: [good, { ...good, key: 'SHORT', lastFour: 'x' }] } }));
    const list: SecretSummary[] = await client.list('proj_x');
    assert.deepEqual(list, [good, { ...good, key: 'SHORT', lastFour: 'x' }]);
    assert.equal(server!.seen[0]!.url, '/api/v1/projects/proj_x/secrets');
    assert.equal(server!.seen[0]!.headers.authorization, `Bearer ${apiKey}`);
  });

  const listAnswers: Array<[label: string, body: unknown, message: RegExp]> = [
    ['{"data":{}}', { data: {} }, /"secrets" list/],
    ['no data wrapper', { secrets: [good] }, /"data"/],
    ['data is a list', { data: [good] }, /"data"/],
    ['secrets is an object', { data: { secrets: { GOOD_KEY: good } } }, /"secrets" list/],
    ['a secret without key', { data: { secrets: [{ ...good, key: undefined }] } }, /secret #1 has no key/],
    ['a secret that is a string', { data: { secrets: ['GOOD_KEY'] } }, /secret #1 to be an object/],
    ['lastFour missing', { data: { secrets: [{ ...good, lastFour: undefined }] } }, /GOOD_KEY has no lastFour/],
    ['lastFour a number', { data: { secrets: [{ ...good, lastFour: 1234 }] } }, /has no lastFour/],
    ['createdAt missing', { data: { secrets: [{ ...good, createdAt: undefined }] } }, /no valid createdAt/],
    ['updatedAt not a date', { data: { secrets: [{ ...good, updatedAt: 'yesterday' }] } }, /no valid updatedAt/],
    ['null', null, /to be an object/],
  ];
  for (const [label, body, message] of listAnswers) {
    it(`refuses a list answer with ${label}`, async () => {
      const client = await serve((_req, res) => json(res, 200, body));
      await invalid(client.list('proj_x'), message);
    });
  }

  it('refuses an answer that is not JSON', async () => {
    const client = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    await invalid(client.list('proj_x'), /not JSON/);
  });

  it('refuses a lastFour of 10 characters in a list, a saved secret and among good ones, without showing it', async () => {
    const leaked = 'sapi-LEAK9';
    assert.equal(leaked.length, 10);
    let client = await serve((_req, res) => json(res, 200, { data: { secrets: [good, { ...good, key: 'LEAKY', lastFour: leaked }] } }));
    let err = await invalid(client.list('proj_x'), /LEAKY came with 10 characters of its value instead of at most 4/);
    for (const text of [err.message, describeError(err), describeSecretsApiError(err)]) assert.ok(!text.includes(leaked), text);
    await server!.close();

    client = await serve((_req, res) => json(res, 200, { data: { secret: { ...good, lastFour: leaked } } }));
    err = await invalid(client.set('proj_x', 'GOOD_KEY', 'some-value'), /10 characters/);
    assert.ok(!err.message.includes(leaked));
  });

  it('counts lastFour in whole characters: four emoji pass, five do not', async () => {
    let client = await serve((_req, res) => json(res, 200, { data: { secrets: [{ ...good, lastFour: '🔑🔒🗝🔐' }] } }));
    assert.equal((await client.list('p'))[0]!.lastFour, '🔑🔒🗝🔐');
    await server!.close();
    client = await serve((_req, res) => json(res, 200, { data: { secrets: [{ ...good, lastFour: '🔑🔒🗝🔐🔓' }] } }));
    await invalid(client.list('p'), /5 characters/);
  });

  const setAnswers: Array<[label: string, body: unknown, message: RegExp]> = [
    ['{"data":{}}', { data: {} }, /saved secret to be an object/],
    ['the secret at the top level', { secret: good }, /"data"/],
    ['another key than the one sent', { data: { secret: { ...good, key: 'OTHER_KEY' } } }, /asked to save GOOD_KEY, the API answered with OTHER_KEY/],
  ];
  for (const [label, body, message] of setAnswers) {
    it(`refuses a set answer with ${label}`, async () => {
      const client = await serve((_req, res) => json(res, 200, body));
      await invalid(client.set('proj_x', 'GOOD_KEY', 'some-value'), message);
      assert.equal(server!.seen.length, 1);
      assert.deepEqual(JSON.parse(server!.seen[0]!.body), { key: 'GOOD_KEY', value: 'some-value' });
    });
  }

  const deleteAnswers: Array<[label: string, body: unknown, message: RegExp]> = [
    ['{"data":{}}', { data: {} }, /does not confirm success/],
    ['success false', { data: { success: false, existed: true } }, /does not confirm success/],
    ['no existed flag', { data: { success: true } }, /no "existed" flag/],
    ['existed as a string', { data: { success: true, existed: 'true' } }, /no "existed" flag/],
  ];
  for (const [label, body, message] of deleteAnswers) {
    it(`refuses a delete answer with ${label}`, async () => {
      const client = await serve((_req, res) => json(res, 200, body));
      await invalid(client.delete('proj_x', 'GOOD_KEY'), message);
      assert.equal(server!.seen[0]!.method, 'DELETE');
      assert.equal(server!.seen[0]!.url, '/api/v1/projects/proj_x/secrets/GOOD_KEY');
    });
  }

  it('never lets an error message carry the API key, even when the server echoes it', async () => {
    const client = await serve((req, res) => json(res, 400, { error: { code: 'VALIDATION_ERROR', message: `bad request from ${String(req.headers.authorization)}` } }));
    const err = await client.list('proj_x').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 'VALIDATION_ERROR');
    assert.match(err.apiMessage ?? '', /bad request from Bearer \*\*\*/);
    for (const text of [err.message, err.apiMessage ?? '', err.stack ?? '', describeError(err), describeSecretsApiError(err)]) {
      assert.ok(!text.includes(apiKey), text);
    }
  });
});
