// A Secrets API connection in a real VS Code, as a person would add it: the palette
// command (base URL, API key in a password box, a label), "Add Project…" from the
// notification, then proj_web's secrets, each shown by the last four characters the API
// gives ("ends in 7f3a"), never more; and one secret added from the project's context menu.
// Screenshots: test-results/screenshots/secretsApi-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import type { Workbench } from '../harness/workbench';
import { assertNoNotification } from './helpers2';
import { setupWorkbench } from './setup';
import { buildSecretsApiSeed, secretsApiKeys, secretsApiProjects, seededSecretsApiValues } from '../../emulator';
import type { SecretsApiState } from '../../emulator';

const label = 'Demo Secrets API';
const projectId = secretsApiProjects.web;
const webSecrets = buildSecretsApiSeed().projects.find((p) => p.id === projectId)?.secrets ?? [];
/** What the API shows of a value: its last four code points (as the emulator computes them). */
const lastFour = (value: string) => [...value].slice(-4).join('');
const addedKey = 'UI_ADDED_KEY';
/** Unique per run, so a leak cannot be a coincidence. */
const typedValue = `ui-typed-${randomBytes(6).toString('hex')}`;

describe('Secrets API connection in a real workbench', function () {
  let wb: Workbench;
  /** Screenshot of the current step, named in assertion messages so a failure shows where to look. */
  let lastShot = '';

  /**
   * No value is in the page, nor more of one than its last four characters: the fifth
   * from last with the last four never appears (the row shows a "•" before them).
   */
  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const values = [...seededSecretsApiValues(), typedValue];
    const leaked = [secretsApiKeys.main, '-sapi-', ...values, ...values.map((v) => [...v].slice(-5).join(''))]
      .filter((text) => content.includes(text));
    assert.deepStrictEqual(leaked, [], `secret values (or more than their last four) visible in the page (${lastShot})`);
  }

  setupWorkbench('secretsApi', (opened) => { wb = opened; });

  before(function () {
    assert.strictEqual(webSecrets.length, 12, 'seed: proj_web should have 12 secrets');
  });

  it('adds a connection from the palette: URL, API key in a password box, label', async function () {
    await wb.openViewContainer('Project Secrets');
    await wb.widenSidebar(700);
    await wb.runCommand('Project Secrets: Add Secrets API Connection…');

    await wb.waitForQuickInputStep('Base URL of the Secrets API');
    await wb.page.keyboard.type(wb.emulatorUrl);
    lastShot = await wb.screenshot('base-url');
    await wb.page.keyboard.press('Enter');

    const key = await wb.waitForQuickInputStep('API key for');
    assert.strictEqual(await key.getAttribute('type'), 'password', 'the API key box is not a password box');
    await wb.page.keyboard.type(secretsApiKeys.main);
    lastShot = await wb.screenshot('api-key');
    await wb.page.keyboard.press('Enter');

    const name = await wb.waitForQuickInputStep('A name for this connection');
    assert.strictEqual(await name.inputValue(), new URL(wb.emulatorUrl).host, 'the label is not prefilled with the host');
    await name.press('ControlOrMeta+A');
    await wb.page.keyboard.type(label);
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.waitForNotification(`Added ${label}.`);
    await wb.waitForRow(label);
    lastShot = await wb.screenshot('connection-added');
    await assertNoValueInPage();
  });

  it('adds proj_web from the notification and shows "12 / 25 secrets"', async function () {
    await wb.clickNotificationButton(`Added ${label}.`, 'Add Project…');
    await wb.waitForQuickInputStep('Project id');
    await wb.page.keyboard.type(projectId);
    lastShot = await wb.screenshot('project-id');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.waitForNotification(`Added project ${projectId} (12 secrets).`);

    await wb.expand(label);
    const row = await wb.waitForDescription(projectId, '12 / 25 secrets');
    lastShot = await wb.screenshot('project-added');
    assert.strictEqual(await wb.description(row), '12 / 25 secrets', `project row (${lastShot})`);
    await assertNoValueInPage();
  });

  it('lists proj_web\'s secrets by their last four characters, never more', async function () {
    await wb.expand(projectId);
    for (const secret of webSecrets) {
      const row = await wb.waitForRow(secret.key);
      const description = await wb.description(row);
      assert.strictEqual(description, `ends in ${lastFour(secret.value)}`, `${secret.key} row shows "${description}"`);
    }
    await wb.waitForRow(webSecrets[0].key); // scroll back to the top for the picture
    lastShot = await wb.screenshot('secrets-masked');
    await assertNoValueInPage();
  });

  it('adds a secret from the project\'s context menu: the row and "13 / 25 secrets"', async function () {
    await wb.contextMenu(projectId, 'Add Secret…');
    await wb.waitForQuickInputStep('Key: UPPER_SNAKE_CASE');
    await wb.page.keyboard.type(addedKey);
    lastShot = await wb.screenshot('add-key');
    await wb.page.keyboard.press('Enter');

    const value = await wb.waitForQuickInputStep(`Value of ${addedKey}`);
    assert.strictEqual(await value.getAttribute('type'), 'password', 'the value box is not a password box');
    await wb.page.keyboard.type(typedValue);
    lastShot = await wb.screenshot('add-value');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    const row = await wb.waitForDescription(addedKey, `ends in ${lastFour(typedValue)}`);
    assert.strictEqual(await wb.description(row), `ends in ${lastFour(typedValue)}`);
    const project = await wb.waitForDescription(projectId, '13 / 25 secrets');
    lastShot = await wb.screenshot('secret-added');
    assert.strictEqual(await wb.description(project), '13 / 25 secrets', `project row (${lastShot})`);

    const state = await wb.emulatorGet<SecretsApiState>('/_emulator/secrets-api/state');
    const stored = state.projects.find((p) => p.id === projectId)?.secrets ?? [];
    assert.strictEqual(stored.length, 13, 'the emulator has 13 secrets in proj_web');
    assert.ok(stored.some((s) => s.key === addedKey && s.value === typedValue), `the emulator has no ${addedKey} with the typed value`);
    // Said in the status bar, not stacked as a notification.
    await assertNoNotification(wb, `Saved ${addedKey}`, lastShot);
    await assertNoValueInPage();
  });
});
