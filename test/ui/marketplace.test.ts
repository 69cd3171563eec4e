// An integration partner's Vercel Marketplace installation in a real VS Code, as a
// person would use it: add the installation from the palette (its token in a password
// box, no product), see its resources, push one secret to `cache` from the row's inline
// cloud-upload button and confirm it in the modal; the resource then lists the names it
// was sent from this machine (never values), and the emulator got one partial push.
// Screenshots: test-results/screenshots/marketplace-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { seededSecretValues } from '../../emulator';
import { seededLegacySecretValues } from '../../emulator';
import { marketplaceDemo, seededMarketplaceValues, type MarketplaceState } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { setupWorkbench } from './setup';
import { assertNoneInPage, assertNoNotification, childLabels, rowMatching, typeAndEnter, waitForRowMatching } from './helpers2';

const installation = marketplaceDemo.installationId;
const resourceNames = ['primary-db', 'cache', 'analytics-db'];
const pushedName = 'UI_PUSHED';
/** What the test types as the pushed value: unique per run, so a leak cannot be a coincidence. */
const typedValue = `ui-pushed-value-${randomBytes(6).toString('hex')}`;
const notPushedYet = 'Secrets cannot be read back; none pushed from this machine yet';
const pushedHeader = /^Pushed from this machine on .+ \(names only\)$/;

type AdminState = Omit<MarketplaceState, 'installations'> & {
  installations: Omit<MarketplaceState['installations'][number], 'token'>[];
  contractViolations: string[];
};

describe('Vercel Marketplace installation in a real workbench', function () {
  let wb: Workbench;
  /** Screenshot of the current step, named in assertion messages so a failure shows where to look. */
  let lastShot = '';

  const marketplaceState = () => wb.emulatorGet<AdminState>('/_emulator/marketplace/state');

  /** No seeded value of any backend, no installation token and not what the test typed. */
  const assertNoValueInPage = () => assertNoneInPage(wb,
    [...seededSecretValues(), ...seededLegacySecretValues(), ...seededMarketplaceValues(), marketplaceDemo.token, marketplaceDemo.otherToken, typedValue],
    lastShot);

  setupWorkbench('marketplace', (opened) => { wb = opened; });

  it('adds the installation from the palette with its token in a password box and no product', async function () {
    await wb.openViewContainer('Project Secrets');
    await wb.widenSidebar(560);
    await wb.runCommand('Project Secrets: Add Vercel Marketplace Installation…');

    const id = await wb.waitForQuickInputStep('Integration configuration id');
    lastShot = await wb.screenshot('installation-id');
    await typeAndEnter(wb, id, installation);

    const token = await wb.waitForQuickInputStep('access token');
    assert.strictEqual(await token.getAttribute('type'), 'password', 'the token box is not a password box');
    await wb.page.keyboard.type(marketplaceDemo.token);
    lastShot = await wb.screenshot('token');
    await assertNoValueInPage(); // typed into a password box: not in the page
    await wb.page.keyboard.press('Enter');

    const product = await wb.waitForQuickInputStep('Product id or slug (optional)');
    assert.notStrictEqual(await product.getAttribute('type'), 'password', 'the product box is a password box');
    lastShot = await wb.screenshot('product-empty');
    await typeAndEnter(wb, product, '');
    await wb.quickInput().waitFor({ state: 'hidden' });

    const row = await wb.waitForRow(installation);
    await wb.waitForNotification(`Added installation ${installation} (3 resources)`);
    lastShot = await wb.screenshot('installation-added');
    // No product: the description names the kind alone (with a product it would be "Marketplace installation · product").
    assert.strictEqual(await wb.description(row), 'Marketplace installation', `installation row description (${lastShot})`);
    await assertNoValueInPage();
  });

  it('lists the installation\'s resources with product and status', async function () {
    await wb.expand(installation);
    for (const name of resourceNames) await wb.waitForRow(name);
    lastShot = await wb.screenshot('resources');
    assert.deepStrictEqual(await childLabels(wb, installation), resourceNames, `rows under ${installation} (${lastShot})`);
    const descriptions = await Promise.all(resourceNames.map(async (name) => wb.description(wb.row(name).first())));
    assert.deepStrictEqual(descriptions,
      ['ready', 'ready', 'pending'], // what differs; the product, the same for all, is in the tooltip
      `resource descriptions (${lastShot})`);

    // Secrets cannot be read back: before any push the resource says so rather than listing anything.
    await wb.expand('cache');
    await wb.waitForRow(notPushedYet);
    lastShot = await wb.screenshot('cache-before-push');
    assert.deepStrictEqual(await childLabels(wb, 'cache'), [notPushedYet], `rows under cache (${lastShot})`);
    await assertNoValueInPage();
  });

  it(`pushes ${pushedName} to cache from its inline cloud-upload button after a modal confirmation`, async function () {
    const pushesBefore = (await marketplaceState()).pushes.length;
    await wb.clickInlineAction('cache', 'Update Resource Secrets');

    const name = await wb.waitForQuickInputStep('Secret name, as connected projects will see it');
    lastShot = await wb.screenshot('push-name');
    assert.match(await wb.quickInput().locator('.quick-input-title').innerText(), /Update secrets of cache \(1\)/, `quick input title (${lastShot})`);
    await typeAndEnter(wb, name, pushedName);

    const value = await wb.waitForQuickInputStep(`Value of ${pushedName}.`);
    assert.strictEqual(await value.getAttribute('type'), 'password', 'the value box is not a password box');
    await wb.page.keyboard.type(typedValue);
    lastShot = await wb.screenshot('push-value');
    await assertNoValueInPage();
    await wb.page.keyboard.press('Enter');

    const prefix = await wb.waitForQuickInputStep('Prefix (optional)');
    lastShot = await wb.screenshot('push-prefix');
    await typeAndEnter(wb, prefix, '');

    await wb.waitForQuickInputStep('Different values for some environments?');
    const environments = await wb.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    const checked = await wb.quickInput().locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count();
    lastShot = await wb.screenshot('push-environments');
    assert.deepStrictEqual(environments, ['production', 'preview', 'development'], `environment items (${lastShot})`);
    assert.strictEqual(checked, 0, `environments are picked by default (${lastShot})`);
    await wb.page.keyboard.press('Enter'); // none: one value everywhere

    await wb.waitForQuickInputStep('1 secret so far');
    lastShot = await wb.screenshot('push-review');
    await wb.pickQuickItem('Review and send');
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('push-confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Update 1 secret of cache\?/, `dialog says "${text}" (${lastShot})`);
    assert.match(text, new RegExp(`• ${pushedName}`), `dialog says "${text}" (${lastShot})`);
    assert.match(text, /Other secrets of the resource are kept\./, `dialog says "${text}" (${lastShot})`);
    await assertNoValueInPage();
    assert.strictEqual((await marketplaceState()).pushes.length, pushesBefore, 'something was pushed before the confirmation');
    await wb.clickDialogButton('Update');

    const header = await waitForRowMatching(wb, pushedHeader);
    await wb.waitForRow(pushedName);
    await rowMatching(wb, new RegExp(`^${notPushedYet}$`)).waitFor({ state: 'detached' });
    // The one notification: connected projects need a redeploy (the update itself is said in the status bar).
    await wb.waitForNotification('Projects connected to cache keep the old values until they are redeployed.');
    lastShot = await wb.screenshot('pushed');
    await assertNoNotification(wb, 'Updated 1 secret', lastShot);
    assert.deepStrictEqual(await childLabels(wb, 'cache'), [header, pushedName], `rows under cache (${lastShot})`);
    // The header row says when they were pushed; "pushed · value write-only", the same on every row, is in the tooltip.
    const shownDescription = (await wb.row(pushedName).first().locator('.label-description').allTextContents()).join('').trim();
    assert.strictEqual(shownDescription, '', `${pushedName} description (${lastShot})`);
    // The other resources were not touched and say so.
    assert.deepStrictEqual(await childLabels(wb, installation), resourceNames, `rows under ${installation} (${lastShot})`);

    const state = await marketplaceState();
    const pushes = state.pushes.slice(pushesBefore);
    assert.deepStrictEqual(pushes.map(({ installationId, resourceId, partial, names }) => ({ installationId, resourceId, partial, names })),
      [{ installationId: installation, resourceId: 'res_cache', partial: true, names: [pushedName] }], 'the emulator\'s pushes');
    assert.ok(!pushes[0].path.includes('/products/'), `the push went through the product path: ${pushes[0].path}`);
    const cache = state.installations.find((i) => i.id === installation)?.resources.find((r) => r.partnerId === 'res_cache');
    const pushed = cache?.secrets.find((s) => s.name === pushedName);
    assert.deepStrictEqual(pushed && { value: pushed.value === typedValue, prefix: pushed.prefix, environmentOverrides: pushed.environmentOverrides },
      { value: true, prefix: undefined, environmentOverrides: undefined }, `the emulator's ${pushedName} on res_cache`);
    // Partial: the seeded REDIS_URL is kept.
    assert.deepStrictEqual(cache?.secrets.map((s) => s.name).sort(), ['REDIS_URL', pushedName], 'secrets of res_cache after the partial push');
    assert.deepStrictEqual(state.contractViolations, [], 'contract violations in the Marketplace mount');
    await assertNoValueInPage();
  });
});
