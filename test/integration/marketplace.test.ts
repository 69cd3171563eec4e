import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import { marketplaceDemo } from '../../emulator';
import {
  activateExtension, children, emulator, label, node, requests, resetEmulator, restorePrompts, script, statusTexts, stubPrompt, type ShownInputBox,
} from './helpers';

interface MarketState {
  installations: Array<{ id: string; resources: Array<{ partnerId: string; secrets: Array<{ name: string; value: string; prefix?: string; environmentOverrides?: Record<string, string> }> }> }>;
  pushes: Array<{ resourceId: string; partial: boolean; names: string[]; path: string }>;
}
const market = () => emulator<MarketState>('marketplace/state');
const secretsOf = async (resourceId: string) =>
  (await market()).installations.flatMap((i) => i.resources).find((r) => r.partnerId === resourceId)?.secrets ?? [];

describe('Vercel Marketplace installations in a real VS Code', function () {
  let api: ProjectSecretsApi;
  const puts = async () => (await requests()).filter((r) => r.method === 'PUT');
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const id = marketplaceDemo.installationId;

  async function addInstallation(product = ''): Promise<void> {
    script({ inputs: [id, marketplaceDemo.token, product] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    restorePrompts();
  }

  before(async () => {
    api = await activateExtension();
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
  });
  beforeEach(async () => {
    await resetEmulator();
    api.tree.refresh();
  });
  afterEach(restorePrompts);

  it('refuses a wrong token or an unknown installation, storing nothing', async () => {
    // The refusal stays in the token box; Escape there goes back to the id (step 1), Escape again leaves.
    let prompts = script({ inputs: [id, marketplaceDemo.otherToken] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    const tokenBox = prompts.inputBoxes[1][0] as ShownInputBox;
    assert.match(tokenBox.validationMessages[0] ?? '', /^Vercel rejected this token for icfg_demo4f7b2c9e1a \(HTTP 403\)\. Nothing was saved/);
    assert.deepEqual(prompts.inputBoxes.slice(2).map((call) => [(call[0] as ShownInputBox).step, (call[0] as ShownInputBox).value]), [[1, id]],
      'back to the id, which is kept');
    assert.deepEqual(messages(prompts.errors), []);
    restorePrompts();
    prompts = script({ inputs: ['icfg_doesnotexist1', marketplaceDemo.token, ''] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    assert.match(messages(prompts.errors)[0], /(no installation|rejected)/);
    restorePrompts();
    prompts = script({ inputs: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    const validate = (prompts.inputBoxes[0][0] as vscode.InputBoxOptions).validateInput!;
    assert.ok(await validate('cfg_123'), 'an id without icfg_ is refused while typing');
    assert.deepEqual(api.accounts.list(), []);
  });

  it('keeps the token box open on a rejected token: fixed in the same box, then added', async () => {
    const prompts = script({ inputs: [id, marketplaceDemo.otherToken, marketplaceDemo.token, ''] });
    await vscode.commands.executeCommand('projectSecrets.addMarketplaceInstallation');
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(prompts.inputBoxes.length, 3, 'id, token (one box, answered twice), product');
    const tokenBox = prompts.inputBoxes[1][0] as ShownInputBox;
    assert.equal(tokenBox.password, true);
    assert.equal(tokenBox.answers, 2);
    assert.deepEqual(tokenBox.validationMessages, [`Vercel rejected this token for ${id} (HTTP 403). Nothing was saved.`]);
    const resourceCalls = (await requests()).filter((r) => r.path.endsWith('/resources'));
    // The check's two, then the added installation, revealed and expanded, lists its resources.
    assert.deepEqual(resourceCalls.map((r) => r.status), [403, 200, 200]);
    const [installation] = api.accounts.list();
    assert.equal(installation?.label, id);
    assert.equal(await api.accounts.tokens.get(installation.id), marketplaceDemo.token);
    await api.accounts.remove(installation.id);
  });

  it('adds an installation and lists its resources with product and status', async () => {
    await addInstallation();
    const installation = api.accounts.list()[0];
    assert.equal(installation.kind, 'marketplace');
    assert.equal(await api.accounts.tokens.get(installation.id), marketplaceDemo.token);
    const rows = await children(api, await node(api, id));
    assert.deepEqual(rows.map(label), ['primary-db', 'cache', 'analytics-db']);
    // The status tells resources apart; the product (the same for all three) is in the tooltip.
    assert.deepEqual(rows.map((r) => r.toTreeItem().description), ['ready', 'ready', 'pending']);
    assert.match(String(rows[2].toTreeItem().tooltip), /^Resource analytics-db of product iap_demo_postgres \(partner id \S+, Vercel id \S+\), status pending$/);
    assert.match(label((await children(api, rows[0]))[0]), /cannot be read back; none pushed from this machine yet/);
  });

  it('updates secrets with partial: true — prefix, per-environment values, two secrets in one request', async () => {
    const resource = await node(api, id, 'primary-db');
    const prompts = script({
      inputs: ['DB_USER', 'db-user-value-1', 'MYDB_', 'db-user-prod-2', 'API_TOKEN', 'api-token-value-3', ''],
      picks: [['production'], 'Add another secret', [], 'Review and send'],
      warnings: ['Update'],
    });
    await vscode.commands.executeCommand('projectSecrets.updateResourceSecrets', resource);
    assert.deepEqual(messages(prompts.errors), []);
    assert.equal(messages(prompts.warnings)[0], 'Update 2 secrets of primary-db?');
    const detail = String((prompts.warnings[0][1] as vscode.MessageOptions).detail);
    assert.match(detail, /DB_USER \(prefix MYDB_\) \(own values for production\)/);
    assert.ok(!detail.includes('db-user-value-1'), 'the summary never shows values');
    assert.deepEqual((await puts()).length, 1);
    const secrets = await secretsOf('res_primary_db');
    assert.deepEqual(secrets.map((s) => s.name).sort(), ['API_TOKEN', 'DB_USER', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_URL']);
    const user = secrets.find((s) => s.name === 'DB_USER');
    assert.deepEqual({ value: user?.value, prefix: user?.prefix, overrides: user?.environmentOverrides },
      { value: 'db-user-value-1', prefix: 'MYDB_', overrides: { production: 'db-user-prod-2' } });
    const [pushed] = (await market()).pushes;
    assert.equal(pushed.partial, true);
    assert.deepEqual(statusTexts(prompts.statuses), ['Updated 2 secrets of primary-db.'], 'said in the status bar');
    assert.ok(messages(prompts.infos).every((m) => m === 'Projects connected to primary-db keep the old values until they are redeployed.'),
      `only the redeploy reminder: ${JSON.stringify(messages(prompts.infos))}`);
    const rows = await children(api, await node(api, id, 'primary-db'));
    assert.match(label(rows[0]), /Pushed from this machine on .* \(names only\)/);
    assert.deepEqual(rows.slice(1).map(label), ['DB_USER', 'API_TOKEN']);
  });

  it('replaces all secrets only after a modal that says everything else is removed', async () => {
    const resource = await node(api, id, 'primary-db');
    const prompts = script({ inputs: ['ONLY_ONE', 'only-one-value-4', ''], picks: [[], 'Review and send'], warnings: ['Replace All'] });
    await vscode.commands.executeCommand('projectSecrets.replaceAllResourceSecrets', resource);
    assert.match(messages(prompts.warnings)[0], /Replace ALL secrets of primary-db\?/);
    assert.match(String((prompts.warnings[0][1] as vscode.MessageOptions).detail), /Every secret of primary-db that is not in this list is removed/);
    assert.deepEqual((await secretsOf('res_primary_db')).map((s) => s.name), ['ONLY_ONE']);
    assert.equal((await market()).pushes[0].partial, false);
    assert.match(label((await children(api, await node(api, id, 'primary-db')))[0]), /replaced all/);
  });

  it('sends nothing when the replace-all modal is dismissed', async () => {
    const resource = await node(api, id, 'primary-db');
    script({ inputs: ['ONLY_ONE', 'only-one-value-5', ''], picks: [[], 'Review and send'], warnings: [undefined] });
    await vscode.commands.executeCommand('projectSecrets.replaceAllResourceSecrets', resource);
    assert.deepEqual(await puts(), []);
    assert.equal((await secretsOf('res_primary_db')).length, 3);
  });

  for (let step = 0; step < 5; step++) {
    it(`sends nothing when cancelled at step ${step + 1} of the update`, async () => {
      const resource = await node(api, id, 'cache');
      const inputs: Array<string | undefined> = ['NAME_X', 'value-x-6', ''];
      const picks: Array<string | string[] | undefined> = [[], 'Review and send'];
      if (step < 3) inputs[step] = undefined;
      else picks[step - 3] = undefined;
      const prompts = script({ inputs, picks, warnings: ['Update'] });
      await vscode.commands.executeCommand('projectSecrets.updateResourceSecrets', resource);
      assert.deepEqual(messages(prompts.errors), []);
      assert.deepEqual(await puts(), []);
    });
  }

  it('imports a .env file in one request after the per-key review', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ps-env-')), '.env');
    fs.writeFileSync(file, '# comment\nexport FIRST_KEY=first-env-value-7\nQUOTED="two words"\nMULTI="line one\nline two"\n');
    const prompts = script({ picks: [(items) => items.filter((i) => (i as vscode.QuickPickItem).kind !== vscode.QuickPickItemKind.Separator)] });
    stubPrompt('showOpenDialog', () => [vscode.Uri.file(file)]);
    await vscode.commands.executeCommand('projectSecrets.importDotenvToResource', await node(api, id, 'cache'));
    assert.deepEqual(messages(prompts.errors), []);
    const review = prompts.quickPicks[0][0] as vscode.QuickPickItem[];
    assert.deepEqual(review.map((i) => i.label), ['New (3)', 'FIRST_KEY', 'QUOTED', 'MULTI']);
    assert.ok(review.every((i) => !JSON.stringify(i).includes('first-env-value-7')), 'no value in the review');
    const secrets = await secretsOf('res_cache');
    assert.equal(secrets.find((s) => s.name === 'MULTI')?.value, 'line one\nline two');
    assert.equal(secrets.find((s) => s.name === 'QUOTED')?.value, 'two words');
    assert.ok(secrets.some((s) => s.name === 'REDIS_URL'), 'partial: the other secret stays');
    assert.equal((await puts()).length, 1);
  });

  it('refuses a malformed .env file with line numbers and sends nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ps-env-')), 'bad.env');
    fs.writeFileSync(file, 'GOOD=1\nthis line has no equals\n9BAD=x\n');
    const prompts = script({});
    stubPrompt('showOpenDialog', () => [vscode.Uri.file(file)]);
    await vscode.commands.executeCommand('projectSecrets.importDotenvToResource', await node(api, id, 'cache'));
    assert.match(messages(prompts.errors)[0], /^bad\.env has 2 problems, so nothing was sent: line 2: .*; line 3: /);
    assert.deepEqual(await puts(), []);
  });

  it('explains a 409 from a resource that is not ready', async () => {
    const prompts = script({ inputs: ['X_KEY', 'x-value-8', ''], picks: [[], 'Review and send'], warnings: ['Update'] });
    await vscode.commands.executeCommand('projectSecrets.updateResourceSecrets', await node(api, id, 'analytics-db'));
    assert.match(messages(prompts.errors)[0], /Conflict/);
  });

  it('uses the product-scoped path when a product is configured', async () => {
    for (const account of api.accounts.list()) await api.accounts.remove(account.id);
    await addInstallation(marketplaceDemo.productSlug);
    script({ inputs: ['VIA_PRODUCT', 'via-product-value-9', ''], picks: ['cache', [], 'Review and send'], warnings: ['Update'] });
    await vscode.commands.executeCommand('projectSecrets.updateResourceSecrets');
    const [pushed] = (await market()).pushes;
    assert.match(pushed.path, /\/products\/demo-postgres\/resources\/res_cache\/secrets$/);
  });
});
