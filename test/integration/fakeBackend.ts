// A fifth backend as small as it gets, to prove that a backend is its folder plus one registry
// line: a root node, a project that takes new secrets, rows with capabilities, a token check.
// Its "API" is an in-memory map: what is under test is the generic machinery around it.
import * as vscode from 'vscode';
import type { Backend, Capability, SecretItem, Services } from '../../src/backends/backend';
import type { Connection } from '../../src/connections/accountStore';
import { InputError } from '../../src/core/errors';
import { confirm, input } from '../../src/platform/prompts';
import { changed } from '../../src/tree/changed';
import { CachedNode, ConnectionNode, type NodeContext, type TreeNode } from '../../src/tree/node';
import { MessageNode, treeItem } from '../../src/tree/rows';

export interface FakeConnection extends Connection {
  readonly kind: 'fake';
}

/** The fake service's state: project → key → value; and what the backend was asked. */
export const fakeService = {
  projects: new Map<string, Map<string, string>>(),
  lists: 0,
  checkedTokens: [] as string[],
  forgotten: [] as string[],
  reset(): void {
    this.projects = new Map([['demo', new Map([['ALPHA', 'alpha-1'], ['BETA', 'beta-1'], ['LOCKED', 'locked-1']])]]);
    this.lists = 0;
    this.checkedTokens = [];
    this.forgotten = [];
  },
};

class FakeRoot extends ConnectionNode<FakeConnection> {
  readonly holds = ['secret'];

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, { label: this.account.label, expandable: true, contextValue: 'projectSecrets.account;fake' });
  }

  protected async fetchChildren(): Promise<TreeNode[]> {
    return [...fakeService.projects.keys()].map((name) => new FakeProject(this, name));
  }
}

class FakeProject extends CachedNode implements SecretItem {
  readonly id: string;
  readonly holds = ['secret'];
  readonly family = 'secret';

  constructor(readonly parent: TreeNode, readonly project: string) {
    super();
    this.id = `${parent.id}/${project}`;
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, { label: this.project, expandable: true, contextValue: 'projectSecrets.project;fake' });
  }

  async addSecret(services: Services): Promise<void> {
    const key = await input({ title: 'Add Secret', prompt: 'Key' });
    const value = await input({ title: 'Add Secret', prompt: 'Value', password: true });
    fakeService.projects.get(this.project)!.set(key, value);
    changed(services.tree, this.id, `Added ${key}.`);
  }

  protected async fetchChildren(_context: NodeContext): Promise<TreeNode[]> {
    fakeService.lists += 1;
    const secrets = [...fakeService.projects.get(this.project)!.keys()].sort();
    return secrets.length ? secrets.map((key) => new FakeSecret(this, key)) : [new MessageNode(this, 'No secrets')];
  }
}

class FakeSecret implements SecretItem {
  readonly id: string;
  readonly family = 'secret';

  constructor(readonly parent: FakeProject, readonly name: string) {
    this.id = `${parent.id}/${name}`;
  }

  private get store(): Map<string, string> {
    return fakeService.projects.get(this.parent.project)!;
  }

  toTreeItem(): vscode.TreeItem {
    return treeItem(this.id, { label: this.name, description: '••••', contextValue: 'projectSecrets.fakeSecret' });
  }

  /** LOCKED is there to show that pickers offer only rows where the capability applies. */
  offers(capability: Capability): boolean {
    return this.name !== 'LOCKED' || capability === 'name';
  }

  async setValue(services: Services): Promise<void> {
    this.store.set(this.name, await input({ title: `New value of ${this.name}`, password: true }));
    changed(services.tree, this.parent.id, `Updated ${this.name}.`);
  }

  async rename(services: Services): Promise<void> {
    const newName = await input({ title: `Rename ${this.name}`, value: this.name });
    this.store.set(newName, this.store.get(this.name)!);
    this.store.delete(this.name);
    changed(services.tree, this.parent.id, `Renamed ${this.name} to ${newName}.`);
  }

  async delete(services: Services): Promise<void> {
    await confirm(`Delete ${this.name}?`, 'It cannot be undone.', 'Delete');
    this.store.delete(this.name);
    changed(services.tree, this.parent.id, `Deleted ${this.name}.`);
  }

  async readValue(): Promise<string> {
    return this.store.get(this.name)!;
  }
}

export const fakeBackend: Backend = {
  kind: 'fake',
  kindLabel: 'Fake connection',
  connect: { command: 'projectSecrets.fake.add', title: 'Add Fake Connection' },
  holds: ['secret'],
  createRoot: (connection) => new FakeRoot(connection as FakeConnection),
  tokenProblem: (token) => (token.startsWith('fake_') ? undefined : 'A fake token starts with fake_.'),
  async checkToken(_services, _connection, token) {
    fakeService.checkedTokens.push(token);
    if (token === 'fake_other') throw new InputError('This token belongs to someone else.');
  },
  service: 'Fake',
  describeError: (err) => `The fake service says: ${(err as Error).message}`,
  forget: async (_services, connection) => {
    fakeService.forgotten.push(connection.id);
  },
  commands: [{ id: 'projectSecrets.fake.add', run: () => undefined }],
};
