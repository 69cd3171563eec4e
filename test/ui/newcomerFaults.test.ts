// What a newcomer hit (issue 11), in a real workbench: (a) a token the API keeps refusing
// (401) costs one request per list, not a storm: after a refresh, the emulator sees exactly
// one request for the variables and one for the custom environments in 5 s, and the tree shows the one "Token rejected — Replace Token…" row; (b) a
// write whose connection is refused (the server is down; nothing is sent) says "Not saved:
// could not connect to <host>." with Retry in the Notifications center, and Retry saves.
// The server that goes down is a small proxy in front of the emulator that stops listening.
// Screenshots: test-results/screenshots/newcomerFaults-NN-*.png.
import * as assert from 'assert';
import { demoTokens, secretsApiKeys, type RecordedRequest, type SecretsApiState } from '../../emulator';
import { Gate } from '../harness/gate';
import type { Workbench } from '../harness/workbench';
import { childLabels, emulatorPost } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const envList = '/v10/projects/prj_aliceblog/env';
/** Read beside the variables, in parallel (issue 15): a rejected token is refused there too. */
const customList = '/v9/projects/prj_aliceblog/custom-environments';
const rejectedRow = 'Token rejected — Replace Token…';

describe('A newcomer\'s faults in a real workbench: a rejected token, a server that is down', function () {
  let wb: Workbench;
  let lastShot = '';
  let gate: Gate | undefined;

  setupWorkbench('newcomerFaults', (opened) => { wb = opened; });

  after(async function () {
    gate?.close();
    if (wb) await fetch(`${wb.emulatorUrl}/_emulator/faults`, { method: 'DELETE' }).catch(() => undefined);
  });

  const requests = () => wb.emulatorGet<RecordedRequest[]>('/_emulator/requests');

  it('sends one request for a token the API refuses, then none for 5 s, and shows one "Token rejected" row', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 560, accountLabel: 'alice' });
    await wb.expand('alice');
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    await wb.waitForRow('DATABASE_URL');

    await emulatorPost(wb, '/_emulator/faults', [{ method: 'GET', pathPattern: `^(${envList}|${customList})$`, status: 401, times: 200 }]);
    const before = (await requests()).length;
    await wb.openContextMenu('alice-blog');
    await wb.clickMenuItem('Refresh');
    await wb.waitForRow(rejectedRow);
    const refused = Date.now();
    lastShot = await wb.screenshot('token-rejected');
    // Whatever the view does in the next 5 s is counted: still the one request at every check.
    const sentSince = async () => (await requests()).slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    await wb.holdsFor(5000, async () => (await sentSince()).length <= 2, 'more than one request per list after the refresh');
    const sent = await sentSince();
    lastShot = await wb.screenshot('token-rejected-5s-later');
    assert.ok(Date.now() - refused >= 5000, 'counted for 5 s');
    assert.deepStrictEqual([...sent].sort(), [`GET ${envList} 401`, `GET ${customList} 401`], `one request per list (read in parallel), no retries, in the 5 s after the refresh (${lastShot})`);
    assert.deepStrictEqual(await childLabels(wb, 'alice'), [rejectedRow], `rows under alice (${lastShot})`);
    assert.strictEqual(await wb.description(wb.row('alice').first()), 'token rejected — sign in again', `alice's description (${lastShot})`);
    await fetch(`${wb.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
  });

  it('says "Not saved: could not connect to <host>." with Retry when the server is down, sends nothing, and Retry saves', async function () {
    gate = new Gate(() => wb.emulatorUrl);
    await gate.open();
    await wb.runCommand('Project Secrets: Add Secrets API Connection…');
    await wb.waitForQuickInputStep('Base URL of the Secrets API');
    await wb.page.keyboard.type(gate.url);
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInputStep('API key for');
    await wb.page.keyboard.type(secretsApiKeys.main);
    await wb.page.keyboard.press('Enter');
    const name = await wb.waitForQuickInputStep('A name for this connection');
    await name.press('ControlOrMeta+A');
    await wb.page.keyboard.type('Gated API');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.clickNotificationButton('Added Gated API.', 'Add Project…');
    await wb.waitForQuickInputStep('Project id');
    await wb.page.keyboard.type('proj_web');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.expand('Gated API');
    await wb.expand('proj_web');
    await wb.waitForRow('DATABASE_URL');

    await wb.contextMenu('proj_web', 'Add Environment Variable to Project…');
    await wb.waitForQuickInputStep('Key: UPPER_SNAKE_CASE');
    await wb.page.keyboard.type('DOWN_TOKEN');
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInputStep('Value of DOWN_TOKEN');
    await wb.page.keyboard.type('typed-while-down-4242');
    const writesBefore = (await requests()).filter((r) => r.method !== 'GET').length;
    gate.close(); // the server goes away while the user types the value
    await wb.page.keyboard.press('Enter');

    const message = await wb.waitForNotification('Not saved: could not connect to');
    lastShot = await wb.screenshot('not-saved');
    assert.strictEqual(message, `Not saved: could not connect to 127.0.0.1:${gate.port}.`, `the message (${lastShot})`);
    assert.strictEqual((await requests()).filter((r) => r.method !== 'GET').length, writesBefore, 'nothing reached the server');
    const stored = async () => (await wb.emulatorGet<SecretsApiState>('/_emulator/secrets-api/state'))
      .projects.find((p) => p.id === 'proj_web')?.secrets.find((s) => s.key === 'DOWN_TOKEN');
    assert.strictEqual(await stored(), undefined, 'the emulator has DOWN_TOKEN before Retry');

    await gate.open(); // back up, on the same port
    await wb.clickNotificationButton('Not saved: could not connect to', 'Retry');
    await wb.waitForRow('DOWN_TOKEN');
    lastShot = await wb.screenshot('saved-after-retry');
    assert.strictEqual((await stored())?.value, 'typed-while-down-4242', `the emulator's DOWN_TOKEN after Retry (${lastShot})`);
  });
});
