import * as assert from 'node:assert/strict';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { Pager } from '../../src/core/paging';
import { VercelClient } from '../../src/core/vercel/client';
import type { Scope, VercelProject } from '../../src/core/vercel/models';
import { addBulk, demoTokens, startEmulator, type Emulator } from '../../emulator';

const acme: Scope = { kind: 'team', teamId: 'team_acme', slug: 'acme', name: 'Acme Inc' };

/** "Load more…" as the tree's paged nodes do it (PagedNode holds a Pager): one request per page, earlier pages never again. */
describe('Pager: Load more against the emulator', () => {
  let emulator: Emulator;
  let transport: Transport;
  let client: VercelClient;
  const projectCalls = () => emulator.requests.filter((r) => r.path === '/v10/projects');

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
    client = new VercelClient(new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' }));
  });
  beforeEach(() => {
    emulator.reset();
    // Acme: 25 seeded + 250 = 275 projects, pages of 100, 100 and 75.
    addBulk(emulator.state, { projects: { accountId: 'team_acme', count: 250, prefix: 'acme-bulk' } });
  });
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  it('loads page one, then each "Load more" is one request from the cursor, appended', async () => {
    const pager = new Pager<VercelProject>((cursor) => client.listProjects(acme, cursor), (p) => p.id);
    await pager.first();
    assert.equal(pager.items.length, 100);
    assert.ok(pager.hasMore);
    const firstPage = pager.items;
    await pager.more();
    assert.equal(pager.items.length, 200);
    assert.ok(firstPage.every((item, i) => pager.items[i] === item), 'page one is kept as it was, not fetched again');
    await pager.more();
    assert.equal(pager.items.length, 275);
    assert.equal(new Set(pager.items.map((p) => p.id)).size, 275);
    assert.equal(pager.hasMore, false);
    await pager.more(); // nothing left: no request
    const calls = projectCalls();
    assert.equal(calls.length, 3, 'three pages, three requests');
    assert.equal(calls[0].query.from, undefined);
    assert.ok(calls[1].query.from && calls[2].query.from && calls[1].query.from !== calls[2].query.from, 'each page after the first by its own cursor');
  });

  it('keeps what it holds when a page fails, and the retry asks for that page only', async () => {
    let fail = false;
    const pager = new Pager<VercelProject>((cursor) => (fail ? Promise.reject(new Error('offline')) : client.listProjects(acme, cursor)), (p) => p.id);
    await pager.first();
    fail = true;
    await assert.rejects(pager.more(), /offline/);
    assert.equal(pager.items.length, 100);
    fail = false;
    await pager.more();
    assert.equal(pager.items.length, 200);
    assert.deepEqual(projectCalls().map((r) => r.query.from === undefined), [true, false]);
  });
});
