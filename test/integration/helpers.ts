import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectSecretsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { demoTokens } from '../../emulator';

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
  body?: unknown;
}

export const requests = () => emulator<RecordedRequest[]>('requests');
export const resetEmulator = () => emulator<unknown>('reset', { method: 'POST' });

type Window = typeof vscode.window;

/**
 * Replaces a `vscode.window` prompt for one test, answering from a queue; every
 * call is recorded. Restored by `restorePrompts()`.
 */
const originals = new Map<keyof Window, unknown>();
type Prompt = 'showInputBox' | 'showQuickPick' | 'showWarningMessage' | 'showInformationMessage' | 'showErrorMessage' | 'showOpenDialog';

export function stubPrompt(name: Prompt, answer: (...args: unknown[]) => unknown): unknown[][] {
  const calls: unknown[][] = [];
  if (!originals.has(name)) originals.set(name, vscode.window[name]);
  (vscode.window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    calls.push(args);
    const result = Promise.resolve(answer(...args));
    promptObserver?.(name, args, result);
    return result;
  };
  if (name === 'showInputBox') stubCreateInputBox(calls, answer);
  if (name === 'showQuickPick') stubCreateQuickPick(calls, answer);
  return calls;
}

/** An answer for a `createQuickPick` picker: type these texts one after another (as keystrokes), then take the next answer. */
export interface Typed {
  typed: string[];
}

/**
 * An answer that presses the Back button of a step (an input box or quick pick made with
 * `window.createInputBox`/`createQuickPick`), where `undefined` presses Escape.
 */
export const back = Object.freeze({ back: true });

function isBack(answer: unknown): answer is typeof back {
  return answer === back;
}

/** What a test sees of a step's title: VS Code draws "title (step/totalSteps)". */
export function shownTitle(options: { title?: string; step?: number; totalSteps?: number }): string | undefined {
  if (options.step === undefined) return options.title;
  return `${options.title ?? ''} (${options.step}${options.totalSteps === undefined ? '' : `/${options.totalSteps}`})`;
}

/**
 * What a test sees of a box made with `window.createInputBox`: its texts as shown, a
 * `validateInput` that types into it, and each validation message it showed after an answer
 * was accepted (e.g. a refused token), in order.
 */
export interface ShownInputBox extends vscode.InputBoxOptions {
  /** The step and total of a multi-step input (undefined for a box on its own). */
  step?: number;
  totalSteps?: number;
  buttons?: readonly vscode.QuickInputButton[];
  validationMessages: string[];
  /** How many answers the box was given (accepted texts plus the final Escape, if any). */
  answers: number;
}

/**
 * The showInputBox stub also serves `window.createInputBox`, from the same answers: a box
 * is one entry in the calls (however often it is answered); each answer is typed and
 * accepted, and while the box stays open (not busy, not hidden) it takes the next answer;
 * `undefined` or no answer left hides it, as Escape does.
 */
function stubCreateInputBox(calls: unknown[][], answer: (...args: unknown[]) => unknown): void {
  if (!originals.has('createInputBox')) originals.set('createInputBox', vscode.window.createInputBox);
  (vscode.window as unknown as Record<string, unknown>).createInputBox = () => {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const change = new vscode.EventEmitter<string>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    let hidden = false;
    const box = {
      title: undefined as string | undefined, prompt: undefined as string | undefined, placeholder: undefined as string | undefined,
      value: '', password: false, busy: false, enabled: true, ignoreFocusOut: false,
      validationMessage: undefined as string | vscode.InputBoxValidationMessage | undefined,
      onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: change.event,
      onDidTriggerButton: button.event, buttons: [] as readonly vscode.QuickInputButton[],
      step: undefined as number | undefined, totalSteps: undefined as number | undefined, valueSelection: undefined,
      show: () => void run(),
      hide: () => close(),
      dispose: () => { hidden = true; },
    };
    const close = () => {
      if (hidden) return;
      hidden = true;
      hide.fire();
    };
    const type = (text: string) => {
      box.value = text;
      change.fire(text);
    };
    const shown: ShownInputBox = {
      validationMessages: [], answers: 0,
      validateInput: (text) => {
        type(text);
        const message = box.validationMessage;
        return typeof message === 'string' || message === undefined ? message : message.message;
      },
    };
    const run = async () => {
      Object.assign(shown, {
        title: box.title, prompt: box.prompt, placeHolder: box.placeholder, password: box.password, value: box.value,
        ignoreFocusOut: box.ignoreFocusOut, step: box.step, totalSteps: box.totalSteps, buttons: box.buttons,
      });
      calls.push([shown]);
      while (!hidden) {
        const args = [shown];
        const result = Promise.resolve(answer(...args));
        promptObserver?.('showInputBox', args, result);
        const text = await result;
        shown.answers += 1;
        if (isBack(text)) {
          assert.ok(box.buttons.includes(vscode.QuickInputButtons.Back), `"${shownTitle(box) ?? ''}" has no Back button`);
          button.fire(vscode.QuickInputButtons.Back);
          return;
        }
        const pressed = pressedButton(text);
        if (pressed !== undefined) {
          const found = box.buttons.find((b) => b.tooltip === pressed);
          assert.ok(found, `no button "${pressed}" on the input box; it has ${box.buttons.map((b) => b.tooltip).join(', ') || 'none'}`);
          button.fire(found);
          await new Promise((resolve) => setTimeout(resolve, 0));
          continue;
        }
        if (typeof text !== 'string') {
          close();
          return;
        }
        type(text);
        accept.fire();
        await new Promise((resolve) => setTimeout(resolve, 0));
        while (box.busy && !hidden) await new Promise((resolve) => setTimeout(resolve, 10));
        if (hidden) return;
        const message = box.validationMessage;
        shown.validationMessages.push(typeof message === 'string' ? message : message?.message ?? '');
      }
    };
    return box as unknown as vscode.InputBox;
  };
}

/** An answer that clicks a button of a `createInputBox` box (by its tooltip) instead of typing: `{ button: 'Enter in Editor…' }`. */
export interface ButtonAnswer {
  readonly button: string;
}

function pressedButton(answer: unknown): string | undefined {
  return answer !== null && typeof answer === 'object' && typeof (answer as ButtonAnswer).button === 'string' ? (answer as ButtonAnswer).button : undefined;
}

/** What a test sees of a quick pick made with `window.createQuickPick` (the second argument of its call). */
export interface ShownQuickPick extends vscode.QuickPickOptions {
  step?: number;
  totalSteps?: number;
  buttons?: readonly vscode.QuickInputButton[];
  /** The items ticked when it opened (canPickMany). */
  selected?: readonly vscode.QuickPickItem[];
  /** The item it opened on. */
  active?: vscode.QuickPickItem;
}

/**
 * The showQuickPick stub also serves `window.createQuickPick`, from the same answers: each
 * shown pick is one call `[items, ShownQuickPick]` and takes one answer; an item (or, when it
 * picks many, an array of items) is selected and accepted, `undefined` hides it (Escape) and
 * `back` presses its Back button.
 */
function stubCreateQuickPick(calls: unknown[][], answer: (...args: unknown[]) => unknown): void {
  if (!originals.has('createQuickPick')) originals.set('createQuickPick', vscode.window.createQuickPick);
  (vscode.window as unknown as Record<string, unknown>).createQuickPick = () => {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const selection = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>();
    const change = new vscode.EventEmitter<string>();
    let hidden = false;
    const pick = {
      title: undefined as string | undefined, placeholder: undefined as string | undefined, value: '',
      items: [] as readonly vscode.QuickPickItem[], selectedItems: [] as readonly vscode.QuickPickItem[],
      activeItems: [] as readonly vscode.QuickPickItem[], canSelectMany: false, busy: false, enabled: true, ignoreFocusOut: false,
      matchOnDescription: false, matchOnDetail: false, keepScrollPosition: false,
      step: undefined as number | undefined, totalSteps: undefined as number | undefined, buttons: [] as readonly vscode.QuickInputButton[],
      onDidAccept: accept.event, onDidHide: hide.event, onDidTriggerButton: button.event, onDidChangeSelection: selection.event,
      onDidChangeValue: change.event, onDidChangeActive: new vscode.EventEmitter<readonly vscode.QuickPickItem[]>().event,
      onDidTriggerItemButton: new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<vscode.QuickPickItem>>().event,
      show: () => void run(),
      hide: () => close(),
      dispose: () => { hidden = true; },
    };
    const close = () => {
      if (hidden) return;
      hidden = true;
      hide.fire();
    };
    // Typed text ({ typed }): each text fires onDidChangeValue at once, as quick keystrokes do; once the
    // picker is no longer busy and its items changed (a search answered), the next answer is asked for.
    const settled = async (before: readonly vscode.QuickPickItem[]) => {
      const deadline = Date.now() + 10_000;
      await new Promise((resolve) => setTimeout(resolve, 0));
      while ((pick.busy || pick.items === before) && !hidden && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const run = async () => {
      const args: unknown[] = [];
      calls.push(args);
      let picked: unknown;
      for (;;) {
        const shown: ShownQuickPick = {
          title: pick.title, placeHolder: pick.placeholder, canPickMany: pick.canSelectMany, ignoreFocusOut: pick.ignoreFocusOut,
          step: pick.step, totalSteps: pick.totalSteps, buttons: pick.buttons, selected: [...pick.selectedItems], active: pick.activeItems[0],
        };
        args[0] = pick.items;
        args[1] = shown;
        const result = Promise.resolve(answer(...args));
        promptObserver?.('showQuickPick', args, result);
        picked = await result;
        if (hidden) return;
        if (typeof picked !== 'object' || picked === null || !Array.isArray((picked as Typed).typed)) break;
        const before = pick.items;
        for (const text of (picked as Typed).typed) {
          pick.value = text;
          change.fire(text);
        }
        await settled(before);
        if (hidden) return;
      }
      if (isBack(picked)) {
        assert.ok(pick.buttons.includes(vscode.QuickInputButtons.Back), `"${shownTitle(pick) ?? ''}" has no Back button`);
        button.fire(vscode.QuickInputButtons.Back);
        return;
      }
      if (picked === undefined) {
        close();
        return;
      }
      const items = (Array.isArray(picked) ? picked : [picked]) as vscode.QuickPickItem[];
      // One item or none: a single pick cannot accept nothing, so an answer that picks nothing is Escape.
      if (!pick.canSelectMany && items.length !== 1) {
        close();
        return;
      }
      pick.selectedItems = items;
      if (!pick.canSelectMany) pick.activeItems = items;
      selection.fire(items);
      accept.fire();
    };
    return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  };
}

/**
 * Sees every stubbed prompt: what the command showed (`args`) and what the stub answered.
 * The suite-wide leak check (leakCollector.ts) records messages and typed passwords here,
 * because a stub replaces the window function that it wraps.
 */
export type PromptObserver = (name: Prompt, args: unknown[], answer: Promise<unknown>) => void;
let promptObserver: PromptObserver | undefined;

export function observePrompts(observer: PromptObserver | undefined): void {
  promptObserver = observer;
}

export function answerPrompts(name: Prompt, answers: unknown[]): unknown[][] {
  return stubPrompt(name, () => (answers.length ? answers.shift() : undefined));
}

export function restorePrompts(): void {
  for (const [name, original] of originals) (vscode.window as unknown as Record<string, unknown>)[name] = original;
  originals.clear();
  const window = vscode.window as unknown as Record<string, unknown>;
  for (const { wrapper, previous } of statusRecorders.reverse()) if (window.setStatusBarMessage === wrapper) window.setStatusBarMessage = previous;
  statusRecorders.length = 0;
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

export interface EnvState {
  id: string;
  key: string;
  value: string;
  type: string;
  target: string[];
  customEnvironmentIds: string[];
  gitBranch?: string;
  comment?: string;
}

interface StateDump {
  projects: Array<{ id: string; envs: EnvState[] }>;
}

/** The emulator's variables of a project, values included (test-only view). */
export async function envsOf(projectId: string): Promise<EnvState[]> {
  const state = await emulator<StateDump>('state');
  const project = state.projects.find((p) => p.id === projectId);
  assert.ok(project, `no project ${projectId} in the emulator`);
  return project.envs;
}

export async function envOf(projectId: string, key: string): Promise<EnvState | undefined> {
  return (await envsOf(projectId)).find((e) => e.key === key);
}

export async function injectFaults(faults: Array<{ method: string; pathPattern: string; status: number; times?: number; body?: unknown }>): Promise<void> {
  await emulator('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
}

type QuickPickAnswer = string | string[] | undefined | typeof back | Typed | ((items: Array<{ label: string }>) => unknown);

/**
 * Answers the prompts of one command run, in order: input boxes with strings,
 * quick picks by label (an array picks many), modal warnings by button label.
 * Returns what each prompt was shown, to assert on options and messages.
 */
export function script(answers: { inputs?: Array<string | ButtonAnswer | undefined | typeof back>; picks?: QuickPickAnswer[]; warnings?: Array<string | undefined> }) {
  const inputs = [...(answers.inputs ?? [])];
  const picks = [...(answers.picks ?? [])];
  const warnings = [...(answers.warnings ?? [])];
  return {
    inputBoxes: stubPrompt('showInputBox', () => inputs.shift()),
    quickPicks: stubPrompt('showQuickPick', (items) => {
      const answer = picks.shift();
      const list = items as Array<{ label: string } | string>;
      const text = (i: { label: string } | string) => (typeof i === 'string' ? i : i.label);
      if (isBack(answer)) return back;
      if (typeof answer === 'function') return answer(list as Array<{ label: string }>);
      if (Array.isArray(answer)) return list.filter((i) => answer.includes(text(i)));
      if (typeof answer === 'object') return answer; // typed into a searching picker
      if (answer === undefined) return undefined;
      const found = list.find((i) => text(i) === answer || text(i).endsWith(answer));
      assert.ok(found, `no quick pick item "${answer}" in ${list.map(text).join(', ')}`);
      return found;
    }),
    warnings: stubPrompt('showWarningMessage', () => warnings.shift()),
    infos: answerPrompts('showInformationMessage', []),
    errors: answerPrompts('showErrorMessage', []),
    /** Routine successes, said in the status bar (see `statusTexts`). */
    statuses: recordStatusBar(),
  };
}

/** The status bar recorders in place, to take out again in `restorePrompts()`. */
const statusRecorders: Array<{ wrapper: unknown; previous: unknown }> = [];

/**
 * Records every `window.setStatusBarMessage` call until `restorePrompts()`, passing each on to
 * the function it wraps (the real status bar, or another test's recorder of retry waits).
 * Restoring takes out only this wrapper, and only while it is still the one in place, so a
 * test that installed and removed its own recorder meanwhile is not undone.
 */
function recordStatusBar(): unknown[][] {
  const calls: unknown[][] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  const previous = window.setStatusBarMessage as (...args: unknown[]) => vscode.Disposable;
  const wrapper = (...args: unknown[]) => {
    calls.push(args);
    return previous.apply(vscode.window, args);
  };
  window.setStatusBarMessage = wrapper;
  statusRecorders.push({ wrapper, previous });
  return calls;
}

/** The texts of status bar messages as recorded by `script().statuses`, without the leading "$(check) " icon. */
export const statusTexts = (calls: unknown[][]) => calls.map((c) => String(c[0]).replace(/^\$\(check\) /, ''));

/** Walks the tree by labels from the root: `node(api, 'alice', 'Personal', 'alice-blog')`. */
export async function node(api: ProjectSecretsApi, ...labels: string[]): Promise<TreeNode> {
  let current: TreeNode | undefined;
  for (const name of labels) current = await childByLabel(api, current, name);
  assert.ok(current);
  return current;
}

/** A clean emulator and exactly one connected account, alice. */
export async function connectAliceOnly(api: ProjectSecretsApi): Promise<void> {
  for (const account of api.accounts.list()) await api.accounts.remove(account.id);
  await resetEmulator();
  script({ inputs: [demoTokens.alice] });
  await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
  restorePrompts();
  assert.deepEqual(api.accounts.list().map((a) => a.label), ['alice']);
}
