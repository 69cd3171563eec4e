// Find Variable and Filter… in a real workbench: two accounts, Find from the view's title bar,
// matches of both accounts drawn in the picker, the chosen one revealed and drawn selected;
// then a project filtered from its context menu, its rows and indicator drawn, and the inline
// Clear Filter brings the rows back. Screenshots: test-results/screenshots/find-NN-*.png.
import * as assert from 'assert';
import { demoTokens, seededSecretValues } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

describe('Find Variable and Filter in a real workbench', function () {
  let wb: Workbench;
  let lastShot = '';
  const matchRow = (...texts: string[]) => texts.reduce((row, text) => row.filter({ hasText: text }), wb.quickInput().locator('.quick-input-list .monaco-list-row'));

  async function assertNoValueInPage(): Promise<void> {
    const content = await wb.pageContent();
    const leaked = seededSecretValues().filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `secret values visible in the page (${lastShot})`);
  }

  setupWorkbench('find', (opened) => { wb = opened; });

  it('finds a key in both accounts from the view title and reveals the chosen match selected', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 700, accountLabel: 'alice' });
    await addVercelAccount(wb, demoTokens.bob, { accountLabel: 'bob' });
    const find = wb.sidebar().locator('.action-label[aria-label^="Find Variable"]').first();
    await find.click();
    const input = await wb.waitForQuickInputStep('Type part of a variable name');
    await input.fill('auth_sec');
    // alice: 3 personal, 25 of Acme, 2 of Globex; bob: the 2 of Globex.
    await wb.quickInput().locator('.quick-input-title', { hasText: /^Find Variable — Searched 32 projects$/ }).waitFor();
    await matchRow('AUTH_SECRET', 'acme-api', 'alice').first().waitFor();
    lastShot = await wb.screenshot('matches');
    const texts = await wb.quickInput().locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(texts.length > 3 && texts.every((t) => /AUTH_SECRET/.test(t)), `rows: ${texts.join(' | ')} (${lastShot})`);
    await assertNoValueInPage();
    // Matches are ordered by key, account, project: bob's come last. Up from the first goes to the last, as a person would.
    await wb.page.keyboard.press('ArrowUp');
    const last = matchRow('AUTH_SECRET', 'globex-shop', 'bob').first();
    await last.and(wb.page.locator('.monaco-list-row.focused')).waitFor();
    await matchRow('AUTH_SECRET', 'globex-admin', 'bob').first().waitFor();
    lastShot = await wb.screenshot('matches-of-bob');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    const selected = wb.sidebar().locator('.monaco-list-row.selected');
    await selected.filter({ hasText: 'AUTH_SECRET' }).first().waitFor();
    await wb.row('globex-shop').and(wb.page.locator('[aria-expanded="true"]')).first().waitFor();
    lastShot = await wb.screenshot('revealed');
    assert.strictEqual(await selected.count(), 1, `one row selected (${lastShot})`);
    assert.match(await selected.first().innerText(), /AUTH_SECRET/);
  });

  it('filters a project\'s rows from its context menu, shows the indicator, and clears with one click', async function () {
    await wb.expand('Personal'); // alice's: her row comes first
    await wb.expand('alice-blog');
    await wb.waitForRow('STRIPE_SECRET_KEY');
    await wb.contextMenu('alice-blog', 'Filter…');
    const input = await wb.waitForQuickInputStep('Filter alice-blog');
    await input.fill('url');
    await wb.page.keyboard.press('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await wb.waitForDescription('alice-blog', 'filter: url · 2 of 6');
    await wb.row('STRIPE_SECRET_KEY').waitFor({ state: 'detached' });
    await wb.waitForRow('DATABASE_URL');
    await wb.waitForRow('NEXT_PUBLIC_SITE_URL');
    await wb.sidebar().getByText('Filtered: alice-blog shows the variables containing "url".').waitFor();
    lastShot = await wb.screenshot('filtered');
    for (const hidden of ['PREVIEW_API_KEY', 'LEGACY_TOKEN', 'VERCEL_GIT_COMMIT_SHA']) {
      assert.strictEqual(await wb.row(hidden).count(), 0, `${hidden} still drawn (${lastShot})`);
    }

    await wb.clickInlineAction('alice-blog', 'Clear Filter');
    await wb.waitForDescription('alice-blog', 'nextjs');
    for (const key of ['STRIPE_SECRET_KEY', 'PREVIEW_API_KEY', 'LEGACY_TOKEN']) await wb.waitForRow(key);
    await wb.sidebar().getByText('Filtered: alice-blog').waitFor({ state: 'detached' });
    lastShot = await wb.screenshot('cleared');
    await assertNoValueInPage();
  });
});
