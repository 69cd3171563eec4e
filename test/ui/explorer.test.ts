// A person's first session with Project Secrets in a real VS Code: open the view, add
// alice with her token through the command palette, browse teams and projects (with
// paging), see a variable masked, and remove the account again. Each step leaves a
// screenshot in test-results/screenshots/ui-explorer-NN-*.png.
import * as assert from 'assert';
import { buildSeedState, demoTokens, seededSecretValues } from '../../emulator';
import type { Workbench } from '../harness/workbench';
import { setupWorkbench } from './setup';

const databaseUrl = buildSeedState()
  .projects.find((p) => p.name === 'alice-blog')
  ?.envs.find((e) => e.key === 'DATABASE_URL')?.value ?? '';

describe('Project Secrets explorer in a real workbench', function () {
  let wb: Workbench;
  /** Screenshot of the current step, named in assertion messages so a failure shows where to look. */
  let lastShot = '';

  setupWorkbench('explorer', (opened) => { wb = opened; });

  it('shows the Project Secrets view with its welcome button', async function () {
    await wb.openViewContainer('Project Secrets');
    await wb.welcomeButton('Add Vercel Account').waitFor();
    lastShot = await wb.screenshot('welcome');
    // The container has one view, so VS Code folds the view's name into the title.
    const title = (await wb.sidebar().locator('.composite.title h2').first().textContent()) ?? '';
    assert.match(title, /Project Secrets: Secrets/i, `side bar title is "${title}" (${lastShot})`);
  });

  it('adds alice from the command palette with her token in a password box', async function () {
    await wb.runCommand('Project Secrets: Add Vercel Account…');
    lastShot = await wb.screenshot('token-prompt');
    await wb.answerInput(demoTokens.alice, { password: true });
    await wb.waitForRow('alice');
    lastShot = await wb.screenshot('account-added');
    assert.ok(!(await wb.pageContent()).includes(demoTokens.alice), `the token is visible in the page (${lastShot})`);
  });

  it('lists Acme Inc projects with a "Load more…" row that loads the rest', async function () {
    await wb.expand('alice');
    for (const scope of ['Personal', 'Acme Inc', 'Globex']) await wb.waitForRow(scope);
    await wb.expand('Acme Inc');
    for (const project of ['acme-web', 'acme-api', 'acme-docs']) await wb.waitForRow(project);
    const loadMore = await wb.waitForRow('Load more…');
    lastShot = await wb.screenshot('acme-first-page');
    assert.strictEqual(await wb.row('acme-service-22').count(), 0, `acme-service-22 is shown before "Load more…" (${lastShot})`);
    await loadMore.click();
    await wb.waitForRow('acme-service-22');
    lastShot = await wb.screenshot('acme-all-projects');
    assert.strictEqual(await wb.row('Load more…').count(), 0, `"Load more…" is still shown after the last page (${lastShot})`);
  });

  it('shows alice-blog variables masked, never their values', async function () {
    // Collapse Acme first, as a person would, so Personal's rows are in view.
    const acme = await wb.waitForRow('Acme Inc');
    await acme.locator('.monaco-tl-twistie').click();
    await wb.expand('Personal');
    await wb.expand('alice-blog');
    const row = await wb.waitForRow('DATABASE_URL');
    lastShot = await wb.screenshot('alice-blog-variables');
    // Environments only: the mask, the same on every row, is in the tooltip.
    const description = await wb.description(row);
    assert.strictEqual(description, 'Production, Preview', `DATABASE_URL row shows "${description}" (${lastShot})`);
    assert.ok(databaseUrl.length > 0, 'seed has no DATABASE_URL for alice-blog');
    const content = await wb.pageContent();
    assert.ok(!content.includes(databaseUrl), `the DATABASE_URL value is in the page (${lastShot})`);
    const leaked = seededSecretValues().filter((value) => content.includes(value));
    assert.deepStrictEqual(leaked, [], `seeded secret values visible in the page (${lastShot})`);
  });

  it('removes the account from its context menu and shows the welcome view again', async function () {
    await wb.contextMenu('alice', 'Remove Account…');
    await wb.dialog().waitFor();
    lastShot = await wb.screenshot('remove-confirm');
    const text = (await wb.dialog().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Remove the Vercel account alice\?.*Its token is forgotten/, `dialog says "${text}" (${lastShot})`);
    await wb.clickDialogButton('Remove');
    await wb.welcomeButton('Add Vercel Account').waitFor();
    lastShot = await wb.screenshot('account-removed');
    assert.strictEqual(await wb.row('alice').count(), 0, `alice is still in the tree (${lastShot})`);
  });
});
