// "Compare Environments…" in a real workbench, as a person would: from alice-api's context
// menu, the matrix drawn in the comparison editor's webview (inside its iframes), with the
// custom environment "staging" as a column and a write-only key as "set, value unknown";
// then "Copy to Production" on a missing cell from the keyboard (arrow keys, Enter), read
// back from the emulator and redrawn. No value is in the webview's markup.
// Screenshots: test-results/screenshots/compare-NN-*.png.
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { demoTokens, seededSecretValues, stagingEnvironmentId, type EmulatorState, type RecordedRequest } from '../../emulator';
import { pollUntil } from '../harness/disk';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

const apiId = 'prj_aliceapi';

describe('Compare Environments in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';
  /** The comparison's document: VS Code's webview iframe, then the frame it loads the page into. */
  const view = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const cell = (key: string, column: string) => view().locator(`td.cell[data-key="${key}"][data-column="${column}"]`);

  setupWorkbench('compare', (opened) => { wb = opened; });

  it('opens from the tree: staging is a column, a write-only key says "set, value unknown", missing cells stand out', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 420, accountLabel: 'alice' });
    await wb.expand('Personal');
    await wb.waitForRow('alice-api');
    await wb.contextMenu('alice-api', 'Compare Environments…');
    const headers = view().locator('table[role="grid"] thead th');
    await headers.filter({ hasText: /^staging$/ }).waitFor();
    lastShot = await wb.screenshot('matrix');
    assert.deepStrictEqual(await headers.allTextContents(), ['Key', 'Production', 'Preview', 'Development', 'staging'], `columns (${lastShot})`);
    assert.strictEqual(await view().locator('thead th', { hasText: /^staging$/ }).getAttribute('data-column'), `custom:${stagingEnvironmentId}`);
    assert.strictEqual((await cell('DATABASE_PASSWORD', 'production').locator('.text').textContent())?.trim(), 'set, value unknown', `write-only cell (${lastShot})`);
    assert.strictEqual(await cell('STAGING_DB_URL', 'production').getAttribute('aria-label'),
      'STAGING_DB_URL in Production: missing. Enter: Copy to Production…', `the cell's screen-reader label (${lastShot})`);
    assert.match(await view().locator('#summary').innerText(), /5 missing somewhere/, `summary (${lastShot})`);
    const markup = await view().locator('html').innerHTML();
    assert.deepStrictEqual(seededSecretValues().filter((v) => markup.includes(v)), [], `secret values in the webview (${lastShot})`);
  });

  it('copies STAGING_DB_URL to Production from the keyboard: one PATCH, the emulator and the redrawn cell agree', async function () {
    const before = (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests')).length;
    // Focus a cell of the row, then move to Production with the arrow keys and press Enter.
    await cell('STAGING_DB_URL', 'preview').locator('.text').click();
    await wb.page.keyboard.press('ArrowRight');
    await wb.page.keyboard.press('Home');
    const target = cell('STAGING_DB_URL', 'production');
    await pollUntil(async () => ((await target.evaluate((el) => el === el.ownerDocument.activeElement)) ? true : undefined), 'the Production cell to have the focus');
    lastShot = await wb.screenshot('focused-missing-cell');
    await wb.page.keyboard.press('Enter');
    // Production changes only after a confirmation naming both sides.
    await wb.dialog().waitFor();
    const asked = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(asked, /Copy STAGING_DB_URL to Production\?.*Production gets the value STAGING_DB_URL has in Preview/, `dialog says "${asked}"`);
    await wb.clickDialogButton('Copy');
    const env = await pollUntil(async () => {
      const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
      const found = state.projects.find((p) => p.id === apiId)?.envs.find((e) => e.key === 'STAGING_DB_URL');
      return found?.target.includes('production') ? found : undefined;
    }, 'STAGING_DB_URL to apply to Production in the emulator');
    assert.deepStrictEqual([[...env.target].sort(), env.customEnvironmentIds], [['preview', 'production'], [stagingEnvironmentId]]);
    await target.and(view().locator('[data-state="value"]')).waitFor();
    await cell('STAGING_DB_URL', 'preview').and(view().locator('[data-state="same"]')).waitFor();
    lastShot = await wb.screenshot('copied');
    assert.strictEqual((await cell('STAGING_DB_URL', `custom:${stagingEnvironmentId}`).locator('.text').textContent())?.trim(), 'same as Production', `staging (${lastShot})`);
    const writes = (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests')).slice(before).filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => `${r.method} ${r.path}`), [`PATCH /v9/projects/${apiId}/env/${env.id}`], 'one PATCH');
    // The tree took the PATCH's answer too.
    await wb.expand('alice-api');
    await wb.waitForDescription('STAGING_DB_URL', /^Production, Preview, staging$/);
  });
});
