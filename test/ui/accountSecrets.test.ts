// Vercel's legacy account secrets in a real VS Code, as a person would use them: add
// alice from the palette, open Personal → "Account Secrets" and see her three secrets
// (values never shown), add one from the row's inline "+", rename it from its context menu, then
// (with the emulator answering 410 Gone, as the live API does since the 2024 sunset)
// refresh and see the single "retired" row. The tree and the emulator must agree at
// every step, and no secret value is ever in the page.
// Screenshots: test-results/screenshots/accountSecrets-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { demoTokens, seededSecretValues } from '../../emulator';
import type { LegacySecretRecord } from '../../emulator';
import { seededLegacySecretValues } from '../../emulator';
import { seededMarketplaceValues } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { assertNoneInPage, assertNoNotification, childLabels, emulatorPost, retype, shownDate, typeAndEnter } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

const seededNames = ['blog-api-token', 'legacy-db-password', 'stripe-live-key'];
const addedName = 'ui-legacy-key';
const renamedName = 'ui-renamed-key';
const retiredRow = 'Account secrets were retired by Vercel; use environment variables';
/** What the test types as the new secret's value: unique per run, so a leak cannot be a coincidence. */
const typedValue = `ui-legacy-value-${randomBytes(6).toString('hex')}`;

describe('Vercel account secrets (legacy) in a real workbench', function () {
  let wb: Workbench;
  /** Screenshot of the current step, named in assertion messages so a failure shows where to look. */
  let lastShot = '';

  const alicesSecrets = async () => (await wb.emulatorGet<LegacySecretRecord[]>('/_emulator/legacy-secrets'))
    .filter((s) => s.ownerId === 'user_alice');

  /** No seeded value of any backend, not alice's token and not what the test typed. */
  const assertNoValueInPage = () => assertNoneInPage(wb,
    [...seededSecretValues(), ...seededLegacySecretValues(), ...seededMarketplaceValues(), demoTokens.alice, typedValue], lastShot);

  /** Said in the status bar, not stacked as a notification. */
  const assertQuiet = (text: string) => assertNoNotification(wb, text, lastShot);

  setupWorkbench('accountSecrets', (opened) => { wb = opened; });

  after(async function () {
    // Legacy secrets back on for whoever uses this emulator next.
    if (wb) await emulatorPost(wb, '/_emulator/config', { legacySecretsGone: false }).catch((err: unknown) => console.log(`    could not reset the config: ${String(err)}`));
  });

  it('adds alice from the palette and shows her three account secrets masked', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 560 }); // room for "project · date" next to each name
    await wb.expand('alice');
    await wb.expand('Personal');
    const list = await wb.waitForRow('Account Secrets');
    assert.strictEqual(await wb.description(list), 'legacy', 'the "Account Secrets" row is not marked legacy');
    await wb.expand('Account Secrets');
    for (const name of seededNames) await wb.waitForRow(name);
    lastShot = await wb.screenshot('three-account-secrets');
    assert.deepStrictEqual(await childLabels(wb, 'Account Secrets'), seededNames, `rows under "Account Secrets" (${lastShot})`);
    // What differs between rows (project, created date); the mask, the same on every row, is in the tooltip only.
    for (const name of seededNames) {
      const description = await wb.description(wb.row(name).first());
      const project = name === 'blog-api-token' ? 'alice-blog · ' : ''; // the row names the project, not its id
      assert.match(description, new RegExp(`^${project}${shownDate.source}$`), `${name} shows "${description}" (${lastShot})`);
    }
    await assertNoValueInPage();
  });

  it(`adds ${addedName} from the inline "+" of "Account Secrets"`, async function () {
    const before = (await alicesSecrets()).length;
    await wb.clickInlineAction('Account Secrets', 'Add Account Secret');
    const name = await wb.waitForQuickInputStep('Name of the secret');
    lastShot = await wb.screenshot('add-name');
    await typeAndEnter(wb, name, addedName);

    const value = await wb.waitForQuickInputStep(`Value of ${addedName}`);
    assert.strictEqual(await value.getAttribute('type'), 'password', 'the value box is not a password box');
    await wb.page.keyboard.type(typedValue);
    lastShot = await wb.screenshot('add-value');
    await assertNoValueInPage(); // typed into a password box: not in the page, not even as the input's value attribute
    await wb.page.keyboard.press('Enter');

    await wb.waitForQuickInputStep('Allow the value to be decrypted later?');
    lastShot = await wb.screenshot('add-decryptable');
    await wb.pickQuickItem('No, write-only');

    await wb.waitForQuickInputStep('Associate the secret with a project?');
    lastShot = await wb.screenshot('add-project');
    await wb.pickQuickItem('No project');
    await wb.quickInput().waitFor({ state: 'hidden' });

    const row = await wb.waitForRow(addedName);
    lastShot = await wb.screenshot('secret-added');
    const description = await wb.description(row);
    assert.match(description, new RegExp(`^${shownDate.source}$`), `${addedName} shows "${description}" (${lastShot})`);
    await assertQuiet(`Created account secret ${addedName}`);
    assert.deepStrictEqual(await childLabels(wb, 'Account Secrets'), [...seededNames, addedName], `rows under "Account Secrets" (${lastShot})`);

    const secrets = await alicesSecrets();
    assert.strictEqual(secrets.length, before + 1, `alice has ${secrets.length} legacy secrets after one add`);
    const added = secrets.find((s) => s.name === addedName);
    assert.deepStrictEqual(added && { value: added.value === typedValue, decryptable: added.decryptable, projectId: added.projectId },
      { value: true, decryptable: false, projectId: undefined }, `the emulator's ${addedName}`);
    await assertNoValueInPage();
  });

  it(`renames ${addedName} to ${renamedName} from its context menu`, async function () {
    const uid = (await alicesSecrets()).find((s) => s.name === addedName)?.uid;
    assert.ok(uid, `${addedName} is not in the emulator`);
    await wb.openContextMenu(addedName, { atEnd: true });
    lastShot = await wb.screenshot('rename-context-menu');
    await wb.clickMenuItem('Rename Account Secret…');
    const input = await wb.waitForQuickInputStep('New name');
    assert.strictEqual(await input.inputValue(), addedName, `the rename box is not prefilled with the name (${lastShot})`);
    await retype(wb, input, renamedName);
    lastShot = await wb.screenshot('rename-typed');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.waitForRow(renamedName);
    await wb.row(addedName).waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('renamed');
    await assertQuiet(`Renamed account secret ${addedName}`);
    assert.deepStrictEqual(await childLabels(wb, 'Account Secrets'), [...seededNames, renamedName], `rows under "Account Secrets" (${lastShot})`);

    const secrets = await alicesSecrets();
    assert.deepStrictEqual(secrets.filter((s) => s.uid === uid).map((s) => s.name), [renamedName], 'the emulator renamed the same secret');
    assert.ok(!secrets.some((s) => s.name === addedName), `the emulator still has ${addedName}`);
    assert.strictEqual(secrets.find((s) => s.uid === uid)?.value === typedValue, true, 'the rename changed the value');
    await assertNoValueInPage();
  });

  it('shows one "retired" row after Vercel retires account secrets (410) and the list is refreshed', async function () {
    await emulatorPost(wb, '/_emulator/config', { legacySecretsGone: true });
    await wb.openContextMenu('Account Secrets', { atEnd: true });
    lastShot = await wb.screenshot('refresh-context-menu');
    await wb.clickMenuItem('Refresh');

    await wb.waitForRow(retiredRow);
    for (const name of [...seededNames, renamedName]) await wb.row(name).waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('retired');
    assert.deepStrictEqual(await childLabels(wb, 'Account Secrets'), [retiredRow], `rows under "Account Secrets" (${lastShot})`);
    // Gone is an answer, not a failure: no error notification, read from the Notifications center.
    const errors = (await wb.notifications.all()).filter((n) => n.severity === 'error').map((n) => n.message);
    assert.deepStrictEqual(errors, [], `error notifications were shown (${lastShot})`);
    await assertNoValueInPage();
  });
});
