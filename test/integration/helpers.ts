import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';

export const extensionId = 'project-secrets.project-secrets';

export function emulatorUrl(): string {
  const url = process.env.PROJECT_SECRETS_EMULATOR_URL;
  assert.ok(url, 'PROJECT_SECRETS_EMULATOR_URL must be set by the test harness');
  return url;
}

export async function activateExtension(): Promise<ProjectSecretsApi> {
  const extension = vscode.extensions.getExtension<ProjectSecretsApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this host`);
  return extension.activate();
}

/** Talks to the emulator's admin endpoints (node's fetch: the extension's own HTTP stack is under test). */
export async function emulator<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/_emulator/${path}`, init);
  assert.ok(res.ok, `emulator ${path}: HTTP ${res.status}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  authorized: boolean;
}

export const requests = () => emulator<RecordedRequest[]>('requests');
export const resetEmulator = () => emulator<unknown>('reset', { method: 'POST' });

type Window = typeof vscode.window;

/**
 * Replaces a `vscode.window` prompt for one test, answering from a queue; every
 * call is recorded. Restored by `restorePrompts()`.
 */
const originals = new Map<keyof Window, unknown>();
type Prompt = 'showInputBox' | 'showQuickPick' | 'showWarningMessage' | 'showInformationMessage' | 'showErrorMessage';

export function stubPrompt(name: Prompt, answer: (...args: unknown[]) => unknown): unknown[][] {
  const calls: unknown[][] = [];
  if (!originals.has(name)) originals.set(name, vscode.window[name]);
  (vscode.window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    calls.push(args);
    return Promise.resolve(answer(...args));
  };
  return calls;
}

export function answerPrompts(name: Prompt, answers: unknown[]): unknown[][] {
  return stubPrompt(name, () => (answers.length ? answers.shift() : undefined));
}

export function restorePrompts(): void {
  for (const [name, original] of originals) (vscode.window as unknown as Record<string, unknown>)[name] = original;
  originals.clear();
}

export async function children(api: ProjectSecretsApi, node?: TreeNode): Promise<TreeNode[]> {
  return api.tree.getChildren(node);
}

export function label(node: TreeNode): string {
  const item = node.toTreeItem();
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

export async function childByLabel(api: ProjectSecretsApi, parent: TreeNode | undefined, name: string): Promise<TreeNode> {
  const list = await children(api, parent);
  const found = list.find((n) => label(n) === name);
  assert.ok(found, `no "${name}" under ${parent ? label(parent) : 'the root'}; saw ${list.map(label).join(', ')}`);
  return found;
}
