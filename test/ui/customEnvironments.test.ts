// Custom environments in a real workbench, as a person would: view alice-api by environment
// ("what does staging get?"), delete STAGING_DB_URL from the custom environment "staging"
// only (it stays in Preview), and create a custom environment copying Production's
// variables, then find it on the tree. Each step is checked as drawn and in the emulator.
// Screenshots: test-results/screenshots/custom-environments-NN-*.png.
import * as assert from 'assert';
import { demoTokens, seededSecretValues, stagingEnvironmentId, type EmulatorState, type RecordedRequest } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

const apiId = 'prj_aliceapi';

describe('Custom environments in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';

  const apiProject = async () => {
    const state = await wb.emulatorGet<EmulatorState>('/_emulator/state');
    const project = state.projects.find((p) => p.id === apiId);
    assert.ok(project, `${apiId} is missing from the emulator state`);
    return project;
  };
  const writes = async () => (await wb.emulatorGet<RecordedRequest[]>('/_emulator/requests'))
    .filter((r) => r.method !== 'GET' && r.path.includes(`/projects/${apiId}/`));

  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const leaked = seededSecretValues().filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `secret values visible in the page (${lastShot})`);
  }

  setupWorkbench('custom-environments', (opened) => { wb = opened; });

  it('shows STAGING_DB_URL in Preview and staging, by name', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' });
    await wb.expand('alice');
    await wb.expand('Personal');
    await wb.expand('alice-api');
    const row = await wb.waitForDescription('STAGING_DB_URL', /^Preview, staging$/);
    lastShot = await wb.screenshot('alice-api-variables');
    assert.strictEqual(await wb.description(row), 'Preview, staging', `description (${lastShot})`);
    await assertNoValueInPage();
  });

  it('views alice-api by environment: staging gets STAGING_DB_URL, with its branch matcher', async function () {
    await wb.contextMenu('alice-api', 'View by Environment');
    const staging = await wb.waitForDescription('staging', /^1 variable · branch starts with release\/$/);
    for (const name of ['Production', 'Preview', 'Development']) await wb.waitForRow(name);
    lastShot = await wb.screenshot('by-environment');
    assert.strictEqual(await wb.description(staging), '1 variable · branch starts with release/', `staging's row (${lastShot})`);
    await wb.expand('staging');
    await wb.waitForRow('STAGING_DB_URL');
    lastShot = await wb.screenshot('staging-expanded');
    await wb.contextMenu('alice-api', 'View by Variable');
    await wb.waitForDescription('STAGING_DB_URL', /^Preview, staging$/);
    lastShot = await wb.screenshot('by-variable-again');
    await assertNoValueInPage();
  });

  it('deletes STAGING_DB_URL from staging only: the row and the emulator keep Preview', async function () {
    const before = (await writes()).length;
    await wb.contextMenu('STAGING_DB_URL', 'Delete Environment Variable…');
    await wb.waitForQuickInputStep('STAGING_DB_URL is set for 2 environments');
    const items = await wb.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    lastShot = await wb.screenshot('delete-which-environment');
    assert.deepStrictEqual(items, ['Delete from all environments', 'Delete from Preview only', 'Delete from staging only'], `quick pick items (${lastShot})`);
    await wb.pickQuickItem('Delete from staging only');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('delete-staging-confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Environments: staging\. It stays in Preview\./, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Delete from staging');
    const row = await wb.waitForDescription('STAGING_DB_URL', /^Preview$/);
    lastShot = await wb.screenshot('removed-from-staging');
    assert.strictEqual(await wb.description(row), 'Preview', `the row as drawn (${lastShot})`);
    const env = (await apiProject()).envs.find((e) => e.key === 'STAGING_DB_URL');
    assert.deepStrictEqual([env?.target, env?.customEnvironmentIds], [['preview'], []], 'the emulator keeps Preview');
    assert.deepStrictEqual((await writes()).slice(before).map((r) => r.method), ['PATCH'], 'one PATCH');
    assert.ok((await apiProject()).customEnvironments.some((c) => c.id === stagingEnvironmentId), 'staging itself stays');
  });

  it('creates the custom environment "qa" copying Production, and sees it on the tree', async function () {
    const before = (await writes()).length;
    await wb.contextMenu('alice-api', 'Create Custom Environment…');
    await wb.waitForQuickInputStep('Name of the environment');
    await wb.page.keyboard.type('qa');
    lastShot = await wb.screenshot('create-name');
    await wb.page.keyboard.press('Enter');
    await wb.waitForQuickInputStep('Variables of the new environment');
    lastShot = await wb.screenshot('create-copy-from');
    await wb.pickQuickItem('Copy from Production');
    await wb.waitForQuickInputStep('Which git branches deploy to it');
    await wb.pickQuickItem('No branch matcher');
    await wb.quickInput().waitFor({ state: 'hidden' });

    // Production's four variables now apply to qa too; the rows say so.
    const row = await wb.waitForDescription('ANALYTICS_KEY', /^Production, qa$/);
    lastShot = await wb.screenshot('created-by-variable');
    assert.strictEqual(await wb.description(row), 'Production, qa', `ANALYTICS_KEY (${lastShot})`);
    const qa = (await apiProject()).customEnvironments.find((c) => c.slug === 'qa');
    assert.ok(qa, 'the emulator has qa');
    assert.deepStrictEqual((await apiProject()).envs.filter((e) => e.customEnvironmentIds.includes(qa.id)).map((e) => e.key).sort(),
      ['ANALYTICS_KEY', 'API_URL', 'AUTH_SECRET', 'DATABASE_PASSWORD']);
    assert.deepStrictEqual((await writes()).slice(before).map((r) => `${r.method} ${r.path}`), [`POST /v9/projects/${apiId}/custom-environments`]);

    await wb.contextMenu('alice-api', 'View by Environment');
    const group = await wb.waitForDescription('qa', /^4 variables$/);
    lastShot = await wb.screenshot('created-by-environment');
    assert.strictEqual(await wb.description(group), '4 variables', `qa's row (${lastShot})`);
    await assertNoValueInPage();
  });
});
