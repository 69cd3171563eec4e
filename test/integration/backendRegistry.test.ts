import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../src/backends/backend';
import { builtInBackends, Registry } from '../../src/backends/registry';
import { commands } from '../../src/commands';
import { removeAccount } from '../../src/commands/removeAccount';
import { replaceToken } from '../../src/commands/replaceToken';
import { addSecret, copySecretName, copySecretValue, deleteSecret, renameSecret, setSecretValue } from '../../src/commands/secrets';
import { AccountStore } from '../../src/connections/accountStore';
import { Clients } from '../../src/connections/clients';
import { TokenStore } from '../../src/connections/tokenStore';
import { ApiError } from '../../src/core/errors';
import { LazyTransport } from '../../src/core/http/lazyTransport';
import { Redactor } from '../../src/core/redactor';
import type { ProjectSecretsApi } from '../../src/extension';
import { ClipboardGuard } from '../../src/platform/clipboardGuard';
import type { Logger } from '../../src/platform/log';
import { Reminders } from '../../src/platform/notify';
import type { TreeNode } from '../../src/tree/node';
import { SecretsTreeProvider } from '../../src/tree/provider';
import { fakeBackend, fakeService, type FakeConnection } from './fakeBackend';
import { activateExtension, label, restorePrompts, script, statusTexts } from './helpers';

/** globalState and SecretStorage of this test's own wiring, so the extension's real ones are untouched. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

class MemorySecrets {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

/**
 * A fifth backend needs its folder (here test/integration/fakeBackend.ts) and one line in the
 * registry's list: the tree, the shared commands, the palette pickers, Replace Token, Remove and
 * the error wording all reach it through the Backend interface, with no other file changed.
 */
describe('a backend is its folder plus one registry line', () => {
  let api: ProjectSecretsApi;
  let services: Services;
  let tree: SecretsTreeProvider;
  let secrets: MemorySecrets;
  const connection: FakeConnection = { id: 'fake:one@https://fake.example', kind: 'fake', origin: 'https://fake.example', label: 'Fake One' };
  const messages = (calls: unknown[][]) => calls.map((c) => String(c[0]));
  const children = (node?: TreeNode) => tree.getChildren(node);
  const byLabel = async (parent: TreeNode | undefined, name: string) => {
    const found = (await children(parent)).find((n) => label(n) === name);
    assert.ok(found, `no ${name}`);
    return found;
  };
  const row = async (name: string) => byLabel(await byLabel(await byLabel(undefined, 'Fake One'), 'demo'), name);

  before(async () => {
    api = await activateExtension();
    const state = new MemoryMemento();
    secrets = new MemorySecrets();
    const accounts = new AccountStore(state, new TokenStore(secrets as unknown as vscode.SecretStorage));
    const redactor = new Redactor();
    // Not a second "Project Secrets" output channel: it would share the extension's log file, which other suites read.
    const logger = {
      addSecret: (secret: string) => redactor.add(secret), redact: (text: string) => redactor.redact(text),
      info: () => undefined, warn: () => undefined, error: () => undefined, request: () => undefined, show: () => undefined, dispose: () => undefined,
    } as unknown as Logger;
    const clients = new Clients(new LazyTransport(() => {
      throw new Error('the fake backend makes no HTTP request');
    }), accounts.tokens, redactor, logger);
    const backends = new Registry([...builtInBackends, fakeBackend]); // ← the one registry line
    const describe = (err: unknown) => backends.describe(err);
    tree = new SecretsTreeProvider({ clients, accounts, globalState: state, describe, createRoot: (c) => backends.of(c).createRoot(c) }, logger);
    services = {
      accounts, clients, tree, logger, clipboard: new ClipboardGuard(), globalState: state, reminders: new Reminders(), backends, describe,
      treeView: undefined as unknown as vscode.TreeView<unknown>,
    };
    await accounts.add(connection, 'fake_token_1');
  });
  beforeEach(() => {
    fakeService.reset();
    tree.refresh();
  });
  afterEach(restorePrompts);
  after(async () => {
    tree.dispose();
    services.logger.dispose();
    await services.clipboard.clear();
    // AccountStore.add set the welcome view's context key: give it back to the extension's own store.
    await api.accounts.syncContext();
  });

  it('draws the connection with its backend\'s root node, and the rows below it', async () => {
    assert.deepEqual((await children()).map(label), ['Fake One']);
    assert.deepEqual((await children(await byLabel(undefined, 'Fake One'))).map(label), ['demo']);
    assert.deepEqual((await children(await byLabel(await byLabel(undefined, 'Fake One'), 'demo'))).map(label), ['ALPHA', 'BETA', 'LOCKED']);
  });

  it('runs the shared commands on its rows through their capabilities, and refreshes the list that changed', async () => {
    let prompts = script({ inputs: ['alpha-2'] });
    await setSecretValue.run(services, await row('ALPHA'));
    assert.equal(fakeService.projects.get('demo')?.get('ALPHA'), 'alpha-2');
    assert.deepEqual(statusTexts(prompts.statuses), ['Updated ALPHA.'], 'said in the status bar');
    assert.deepEqual(messages(prompts.infos), [], 'not as a notification');
    restorePrompts();

    const lists = fakeService.lists;
    prompts = script({ inputs: ['GAMMA'] });
    await renameSecret.run(services, await row('BETA'));
    assert.equal(fakeService.lists, lists + 1, 'the project was listed again (by row(), after the refresh)');
    assert.deepEqual((await children(await byLabel(await byLabel(undefined, 'Fake One'), 'demo'))).map(label), ['ALPHA', 'GAMMA', 'LOCKED']);
    restorePrompts();

    prompts = script({ warnings: ['Delete'] });
    await deleteSecret.run(services, await row('GAMMA'));
    assert.equal(fakeService.projects.get('demo')?.has('GAMMA'), false);
    assert.match(messages(prompts.warnings)[0], /Delete GAMMA\?/);
    restorePrompts();

    prompts = script({ inputs: ['DELTA', 'delta-1'] });
    await addSecret.run(services, await byLabel(await byLabel(undefined, 'Fake One'), 'demo'));
    assert.equal(fakeService.projects.get('demo')?.get('DELTA'), 'delta-1');
    restorePrompts();

    await copySecretName.run(services, await row('LOCKED'));
    assert.equal(await vscode.env.clipboard.readText(), 'LOCKED');
    await copySecretValue.run(services, await row('ALPHA'));
    assert.equal(await vscode.env.clipboard.readText(), 'alpha-2');
  });

  it('lets the palette walk its tree: the only connection and project are not asked, rows are, and only those that apply', async () => {
    const prompts = script({ picks: ['BETA'], inputs: ['beta-2'] });
    await setSecretValue.run(services);
    assert.equal(prompts.quickPicks.length, 1);
    assert.deepEqual((prompts.quickPicks[0][0] as Array<{ label: string }>).map((i) => i.label), ['ALPHA', 'BETA'], 'LOCKED offers no Set Value');
    assert.equal(fakeService.projects.get('demo')?.get('BETA'), 'beta-2');
  });

  it('checks a replaced token with its backend, and forgets its state when the connection is removed', async () => {
    const root = await byLabel(undefined, 'Fake One');
    script({ inputs: ['not-fake'] });
    await assert.rejects(Promise.resolve(replaceToken.run(services, root)), /A fake token starts with fake_\./);
    assert.deepEqual(fakeService.checkedTokens, [], 'refused before the check');
    restorePrompts();

    script({ inputs: ['fake_other'] });
    await assert.rejects(Promise.resolve(replaceToken.run(services, root)), /belongs to someone else/);
    assert.equal(secrets.values.get(`projectSecrets.token.${connection.id}`), 'fake_token_1');
    restorePrompts();

    const prompts = script({ inputs: ['fake_token_2'] });
    await replaceToken.run(services, root);
    assert.deepEqual(fakeService.checkedTokens, ['fake_other', 'fake_token_2']);
    assert.equal(secrets.values.get(`projectSecrets.token.${connection.id}`), 'fake_token_2');
    assert.deepEqual(messages(prompts.infos), ['Replaced the token of Fake One.']);
    restorePrompts();

    const asked = script({ warnings: ['Remove'] });
    await removeAccount.run(services, root);
    assert.deepEqual(messages(asked.warnings), ['Remove the Fake connection Fake One?'], 'asked first');
    assert.deepEqual(fakeService.forgotten, [connection.id]);
    assert.deepEqual(services.accounts.list(), []);
    await services.accounts.add(connection, 'fake_token_1');
  });

  it('words its errors, lists its own commands, and refuses a second backend of the same kind', () => {
    const err = Object.assign(new ApiError(418, undefined, 'short and stout'), { service: 'Fake' });
    assert.equal(services.backends.of(connection).describeError?.(err), services.describe(err));
    assert.match(services.describe(err), /^The fake service says: short and stout/);
    assert.match(services.describe(Object.assign(new ApiError(404, undefined, undefined), { service: 'Vercel' })), /Not found on Vercel/);
    const registry = new Registry([...builtInBackends, fakeBackend]);
    const ids = [...commands, ...registry.commands()].map((c) => c.id);
    assert.ok(ids.includes('projectSecrets.fake.add'));
    assert.equal(new Set(ids).size, ids.length, 'no command twice');
    assert.throws(() => new Registry([...builtInBackends, fakeBackend, fakeBackend]), /two backends share a kind/);
  });
});
