// Team shared variables in a real workbench, as a person would use them: add alice, open
// Acme Inc → "Shared Variables", add two variables in one go from the row's inline "+"
// (key, value, "Add another variable", key, value, type, environments, no project), see both
// rows; then link one to acme-docs from its context menu and see acme-docs' own list mark it
// "shared". The emulator must have received one create for both, and no value is in the page.
// Screenshots: test-results/screenshots/sharedVariables-NN-*.png.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { demoTokens, seededSecretValues, seededSharedValues } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { assertNoneInPage, childLabels, typeAndEnter } from './helpers2';
import { addVercelAccount, setupWorkbench } from './setup';

interface SharedRecord { key: string; value: string; projectId: string[]; target: string[] }
interface Recorded { method: string; path: string; body?: { evs?: Array<{ key: string }> } }

const seededKeys = ['LOG_LEVEL', 'SENTRY_DSN', 'STRIPE_WEBHOOK_SECRET'];
const first = 'UI_SHARED_ONE';
const second = 'UI_SHARED_TWO';
/** Unique per run, so a leak cannot be a coincidence. */
const typed = [`ui-shared-one-${randomBytes(6).toString('hex')}`, `ui-shared-two-${randomBytes(6).toString('hex')}`];

describe('Team shared variables in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';
  const shared = () => wb.emulatorGet<SharedRecord[]>('/_emulator/shared-env');
  const assertNoValueInPage = () => assertNoneInPage(wb, [...seededSecretValues(), ...seededSharedValues(), demoTokens.alice, ...typed], lastShot);

  setupWorkbench('sharedVariables', (opened) => { wb = opened; });

  it('shows Acme\'s shared variables with environments and linked projects, never a value', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 640, accountLabel: 'alice' });
    await wb.expand('Acme Inc');
    await wb.expand('Shared Variables');
    for (const key of seededKeys) await wb.waitForRow(key);
    lastShot = await wb.screenshot('seeded');
    assert.deepStrictEqual(await childLabels(wb, 'Shared Variables'), seededKeys, `rows under "Shared Variables" (${lastShot})`);
    const sentry = await wb.waitForDescription('SENTRY_DSN', 'Production, Preview · acme-web, acme-api');
    assert.strictEqual(await wb.description(sentry), 'Production, Preview · acme-web, acme-api');
    await assertNoValueInPage();
  });

  it('adds two shared variables in one request from the inline "+"', async function () {
    await wb.clickInlineAction('Shared Variables', 'Add Shared Variables');
    for (const [i, key] of [first, second].entries()) {
      const name = await wb.waitForQuickInputStep('Name of the variable');
      await typeAndEnter(wb, name, key);
      const value = await wb.waitForQuickInputStep(`Value of ${key}`);
      assert.strictEqual(await value.getAttribute('type'), 'password', 'the value box is not a password box');
      await wb.page.keyboard.type(typed[i]);
      lastShot = await wb.screenshot(`value-${i + 1}`);
      await assertNoValueInPage();
      await wb.page.keyboard.press('Enter');
      await wb.waitForQuickInputStep(i === 0 ? '1 variable so far' : '2 variables so far');
      lastShot = await wb.screenshot(`another-${i + 1}`);
      await wb.pickQuickItem(i === 0 ? 'Add another variable' : 'Continue: type, environments and projects');
    }
    await wb.waitForQuickInputStep('Type of the shared variables');
    await wb.pickQuickItem(/^encrypted/);
    await wb.waitForQuickInputStep('Environments that get this variable');
    lastShot = await wb.screenshot('environments');
    await wb.page.keyboard.press('Enter'); // all three, as ticked
    await wb.waitForQuickInputStep('Projects to link');
    lastShot = await wb.screenshot('projects');
    await wb.page.keyboard.press('Enter'); // none: linked later
    await wb.quickInput().waitFor({ state: 'hidden' });

    await wb.waitForRow(first);
    await wb.waitForRow(second);
    lastShot = await wb.screenshot('added');
    assert.deepStrictEqual(await childLabels(wb, 'Shared Variables'), [...seededKeys, first, second],
      `rows under "Shared Variables" (${lastShot})`);
    assert.strictEqual(await wb.description(await wb.waitForRow(first)), 'All environments · not linked');
    const posts = (await wb.emulatorGet<Recorded[]>('/_emulator/requests')).filter((r) => r.method === 'POST' && r.path === '/v1/env');
    assert.deepStrictEqual(posts.map((p) => p.body?.evs?.map((e) => e.key)), [[first, second]], 'one create carrying both keys');
    const stored = await shared();
    assert.deepStrictEqual([first, second].map((key, i) => stored.find((e) => e.key === key)?.value === typed[i]), [true, true], 'the emulator has both values');
    await assertNoValueInPage();
  });

  it(`links ${first} to acme-docs from its context menu; acme-docs' list marks it "shared"`, async function () {
    await wb.openContextMenu(first, { atEnd: true });
    lastShot = await wb.screenshot('link-menu');
    await wb.clickMenuItem('Link to Projects…');
    const filter = await wb.waitForQuickInputStep(`Projects that get ${first}`);
    await filter.fill('acme-docs');
    await wb.pickQuickItem('acme-docs');
    const checked = wb.quickInput().locator('.quick-input-list .monaco-list-row[aria-checked="true"]');
    await checked.first().waitFor();
    lastShot = await wb.screenshot('link-picked');
    assert.strictEqual(await checked.count(), 1, `one project ticked (${lastShot})`);
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.waitForDescription(first, 'All environments · acme-docs');
    assert.deepStrictEqual((await shared()).find((e) => e.key === first)?.projectId, ['prj_acmedocs'], 'the emulator linked it');

    // Collapse the team's list, so the only row with this key is the project's.
    const list = await wb.waitForRow('Shared Variables');
    await list.locator('.monaco-tl-twistie').click();
    await wb.row(first).first().waitFor({ state: 'detached' });
    await wb.expand('acme-docs');
    const marked = await wb.waitForDescription(first, /^shared · All environments$/);
    lastShot = await wb.screenshot('project-marks-shared');
    assert.strictEqual(await wb.description(marked), 'shared · All environments', `acme-docs' row of ${first} (${lastShot})`);
    assert.ok((await childLabels(wb, 'acme-docs')).includes(first), `rows under acme-docs (${lastShot})`);
    await assertNoValueInPage();
  });
});
