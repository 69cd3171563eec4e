/**
 * Records, for the whole integration run, every text the extension tried to put in front
 * of the user and every value a test typed into a password box, so zz_leakCheck.test.ts
 * can look for secrets in them at the end. Installed once by index.ts before mocha runs.
 *
 * Two layers, because a test's stub replaces the window function:
 * - underneath: `vscode.window.show{Error,Warning,Information}Message`, `setStatusBarMessage`,
 *   the text and tooltip of status bar items (`createStatusBarItem`),
 *   `withProgress` (title and reported messages), `showInputBox` and `showQuickPick` are
 *   wrapped here, so a message no test stubbed is recorded;
 * - inside the stubs: helpers.ts's `stubPrompt` (used by `script()` and `answerPrompts()`)
 *   calls the observer installed here, so a message a stub answered is recorded too, and
 *   so is the answer a stub gave to an input box with `password: true`;
 * - webviews: `vscode.window.createWebviewPanel` is wrapped so that every HTML a panel is
 *   given and every message posted to it is recorded (kind `webview`).
 */
import * as vscode from 'vscode';
import { observePrompts } from './helpers';

export interface RecordedText {
  /** The window function, e.g. `showErrorMessage` or `withProgress.report`. */
  readonly api: string;
  /** Message, detail, button titles, prompt, items…: everything shown, joined. */
  readonly text: string;
  /** `message` for notifications and the status bar, `prompt` for input boxes, quick picks and progress, `webview` for a webview's HTML and every message posted to it. */
  readonly kind: 'message' | 'prompt' | 'webview';
}

export interface TypedSecret {
  /** The input box's title or prompt, to name it in a report. */
  readonly where: string;
  readonly value: string;
}

const recorded: RecordedText[] = [];
const typed: TypedSecret[] = [];
let installed = false;

export function recordedTexts(): readonly RecordedText[] {
  return recorded;
}

export function typedPasswords(): readonly TypedSecret[] {
  return typed;
}

/** A value a test typed somewhere other than a password box (e.g. the value editor), for the leak check. */
export function recordTypedSecret(where: string, value: string): void {
  typed.push({ where, value });
}

export function isLeakCollectorInstalled(): boolean {
  return installed;
}

type Window = Record<string, unknown>;
type AnyFunction = (...args: unknown[]) => unknown;

export function installLeakCollector(): void {
  if (installed) return;
  installed = true;
  const window = vscode.window as unknown as Window;
  const wrap = (name: string, record: (args: unknown[]) => void) => {
    const original = window[name] as AnyFunction;
    window[name] = (...args: unknown[]) => {
      record(args);
      return original.apply(vscode.window, args);
    };
  };
  for (const name of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage']) {
    wrap(name, (args) => record(name, 'message', messageText(args)));
  }
  wrap('setStatusBarMessage', (args) => record('setStatusBarMessage', 'message', shown(args[0])));
  // Status bar items (the "changes not deployed" item): what is set as their text, tooltip and name.
  const createStatusBarItem = window.createStatusBarItem as AnyFunction;
  window.createStatusBarItem = (...args: unknown[]) => {
    const item = createStatusBarItem.apply(vscode.window, args) as vscode.StatusBarItem;
    // Accessors on the instance that call the class's own (a Proxy would break its private fields).
    for (const property of ['text', 'name', 'tooltip']) {
      let proto: object | null = item;
      let descriptor: PropertyDescriptor | undefined;
      while (proto && !descriptor) {
        descriptor = Object.getOwnPropertyDescriptor(proto, property);
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      const { get, set } = descriptor ?? {};
      if (!get || !set) continue;
      Object.defineProperty(item, property, {
        configurable: true,
        get: () => get.call(item) as unknown,
        set: (value: unknown) => {
          record('StatusBarItem', 'message', typeof value === 'string' ? value : (value as vscode.MarkdownString | undefined)?.value ?? '');
          set.call(item, value);
        },
      });
    }
    return item;
  };
  wrap('showInputBox', (args) => record('showInputBox', 'prompt', inputBoxText(args[0])));
  wrap('showQuickPick', (args) => recordQuickPick(args));
  const createWebviewPanel = window.createWebviewPanel as AnyFunction;
  window.createWebviewPanel = (...args: unknown[]) => {
    const panel = createWebviewPanel.apply(vscode.window, args) as vscode.WebviewPanel;
    recordWebview(panel.webview, String(args[0]));
    return panel;
  };
  // Pickers built with createQuickPick (Find Variable, server-searched pickers): what they are set to show.
  const createQuickPick = window.createQuickPick as AnyFunction;
  window.createQuickPick = (...args: unknown[]) => {
    const pick = createQuickPick.apply(vscode.window, args) as vscode.QuickPick<vscode.QuickPickItem>;
    observeSetter(pick, 'title', (value) => record('createQuickPick.title', 'prompt', shown(value)));
    observeSetter(pick, 'placeholder', (value) => record('createQuickPick.placeholder', 'prompt', shown(value)));
    observeSetter(pick, 'items', (items) => {
      if (Array.isArray(items)) record('createQuickPick.items', 'prompt', items.map((item: vscode.QuickPickItem) => shown(item.label, item.description, item.detail)).join('\n'));
    });
    return pick;
  };
  // The Secrets view's message (e.g. "Filtered: …").
  const createTreeView = window.createTreeView as AnyFunction;
  window.createTreeView = (...args: unknown[]) => {
    const view = createTreeView.apply(vscode.window, args) as vscode.TreeView<unknown>;
    observeSetter(view, 'message', (value) => record('TreeView.message', 'prompt', shown(value)));
    return view;
  };

  const withProgress = window.withProgress as AnyFunction;
  window.withProgress = (options: vscode.ProgressOptions, task: AnyFunction) => {
    if (options?.title) record('withProgress', 'prompt', options.title);
    return withProgress.call(vscode.window, options, (progress: vscode.Progress<{ message?: string }>, token: unknown) =>
      task({
        report: (value: { message?: string; increment?: number }) => {
          if (value?.message) record('withProgress.report', 'prompt', value.message);
          progress.report(value);
        },
      }, token));
  };

  observePrompts((name, args, answer) => {
    if (name === 'showInputBox') {
      record(name, 'prompt', inputBoxText(args[0]));
      const options = (args[0] ?? {}) as vscode.InputBoxOptions;
      if (options.password) {
        const where = options.title ?? options.prompt ?? 'a password box';
        void answer.then((value) => {
          if (typeof value === 'string' && value !== '') typed.push({ where, value });
        }, () => undefined);
      }
    } else if (name === 'showQuickPick') {
      recordQuickPick(args);
    } else if (name === 'showOpenDialog') {
      record(name, 'prompt', openDialogText(args[0]));
    } else {
      record(name, 'message', messageText(args));
    }
  });
}

/**
 * Records a webview's HTML (each time it is set) and every message posted to it, by wrapping
 * that webview object's own `html` setter and `postMessage`.
 */
function recordWebview(webview: vscode.Webview, viewType: string): void {
  const proto = Object.getPrototypeOf(webview) as object;
  const html = Object.getOwnPropertyDescriptor(webview, 'html') ?? Object.getOwnPropertyDescriptor(proto, 'html');
  if (!html?.set || !html.get) throw new Error(`the leak collector cannot watch the HTML of webview ${viewType}`);
  Object.defineProperty(webview, 'html', {
    configurable: true, enumerable: true,
    get() { return html.get!.call(webview) as string; },
    set(value: string) {
      record(`webview ${viewType} html`, 'webview', value);
      html.set!.call(webview, value);
    },
  });
  const postMessage = webview.postMessage.bind(webview);
  webviewsWatched += 1;
  (webview as { postMessage: (message: unknown) => Thenable<boolean> }).postMessage = (message: unknown) => {
    record(`webview ${viewType} postMessage`, 'webview', JSON.stringify(message));
    return postMessage(message);
  };
}

let webviewsWatched = 0;

/** How many webviews the collector watched (the leak check asserts it saw the comparison's). */
export function watchedWebviews(): number {
  return webviewsWatched;
}

/** Calls `seen` with every value assigned to `name` on `target`, then assigns it as before. */
function observeSetter(target: object, name: string, seen: (value: unknown) => void): void {
  let proto: object | null = target;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !descriptor) {
    descriptor = Object.getOwnPropertyDescriptor(proto, name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  const set = descriptor?.set;
  const get = descriptor?.get;
  if (!set || !get) throw new Error(`createQuickPick's ${name} has no setter: the leak collector cannot watch it`);
  Object.defineProperty(target, name, {
    configurable: true,
    get() { return get.call(target); },
    set(value: unknown) {
      seen(value);
      set.call(target, value);
    },
  });
}

function record(api: string, kind: RecordedText['kind'], text: string): void {
  if (text) recorded.push({ api, kind, text });
}

function recordQuickPick(args: unknown[]): void {
  const options = (args[1] ?? {}) as vscode.QuickPickOptions;
  record('showQuickPick', 'prompt', shown(options.title, options.placeHolder));
  // Items may be a promise. Only what VS Code shows of an item counts: the objects behind it
  // (a project, a variable) are the extension's business, not text on the screen.
  void Promise.resolve(args[0]).then((items) => {
    if (!Array.isArray(items)) return;
    record('showQuickPick', 'prompt', items.map((item: unknown) => (typeof item === 'string' ? item
      : shown((item as vscode.QuickPickItem).label, (item as vscode.QuickPickItem).description, (item as vscode.QuickPickItem).detail)))
      .join('\n'));
  }, () => undefined);
}

/** `(message, options?, ...items)`: the message, a modal's detail and every button title. */
function messageText(args: unknown[]): string {
  return args.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (!arg || typeof arg !== 'object') return '';
    return shown((arg as vscode.MessageOptions).detail, (arg as vscode.MessageItem).title);
  }).filter((s) => s).join('\n');
}

function inputBoxText(options: unknown): string {
  if (!options || typeof options !== 'object') return '';
  const { title, prompt, placeHolder, value } = options as vscode.InputBoxOptions;
  return shown(title, prompt, placeHolder, value);
}

function openDialogText(options: unknown): string {
  if (!options || typeof options !== 'object') return '';
  const { title, openLabel } = options as vscode.OpenDialogOptions;
  return shown(title, openLabel);
}

function shown(...parts: unknown[]): string {
  return parts.filter((s): s is string => typeof s === 'string' && s !== '').join('\n');
}
