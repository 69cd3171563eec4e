import * as vscode from 'vscode';
import { CancelledError, InputError } from '../core/errors';
import { attachSearch, searchPick, type SearchPickOptions } from './searchPick';

/**
 * Multi-step input in the shape of vscode-extension-samples `quickinput-sample/multiStepInput.ts`:
 * one quick input at a time with the flow's title and its step ("Add Secret to alice-blog (2/5)",
 * drawn by VS Code from `step`/`totalSteps`), a Back button from step 2 on, and Escape on a later
 * step going back one step instead of away. Answers live in the flow's state, so a step shown
 * again after Back starts from its earlier answer (except a secret: see BoxOptions).
 */

/**
 * What an input box asks; `value` is the text it starts with (an earlier answer). A password
 * box never starts with text: a secret is typed again after Back, never put back on screen.
 */
export interface BoxOptions {
  readonly prompt?: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  readonly value?: string;
  /** The problem with the text while typing (shown at once, no request), or undefined. */
  readonly validateInput?: (text: string) => string | undefined;
  /** Shown when the box opens empty and while it stays empty (why the last answer was refused). */
  readonly message?: string;
}

/** An input box whose accepted text is tried before the step ends (see `Prompter.checkedBox`). */
export interface CheckedBoxOptions<T> extends BoxOptions {
  /** Tries the accepted text (e.g. one authenticated request); runs while the box shows busy. */
  readonly check: (text: string) => Promise<T>;
  /**
   * The message for an error of `check` that means "this text was refused" (e.g. HTTP 401):
   * it becomes the box's validation message and the box stays open with the text kept.
   * For any other error (undefined) the flow ends with that error.
   */
  readonly rejection: (err: unknown) => string | undefined;
}

export interface PickOptions<T extends vscode.QuickPickItem> {
  readonly items: readonly T[];
  readonly placeHolder?: string;
  /** The item to start on (an earlier answer). */
  readonly active?: (item: T) => boolean;
}

export interface PickManyOptions<T extends vscode.QuickPickItem> extends PickOptions<T> {
  /** The items ticked when the list opens (an earlier answer, or a default). */
  readonly selected: (item: T) => boolean;
}

/** Asks one question at a time; each throws CancelledError when the user leaves. */
export interface Prompter {
  inputBox(options: BoxOptions): Promise<string>;
  /**
   * A box that stays open until its text passes `check`, so a refused paste is fixed in place.
   * Resolves to the text as typed and what `check` returned.
   */
  checkedBox<T>(options: CheckedBoxOptions<T>): Promise<{ text: string; result: T }>;
  /**
   * A box with its own title-bar buttons besides Back (e.g. "Enter in Editor…"): resolves to
   * the accepted text, or to the button pressed (the box is hidden then, so an editor or a
   * dialog the button opens is not covered by it). Escape and Back as for `inputBox`.
   */
  boxOrButton(options: BoxOptions & { readonly buttons: readonly vscode.QuickInputButton[] }): Promise<{ text: string } | { button: vscode.QuickInputButton }>;
  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T>;
  pickMany<T extends vscode.QuickPickItem>(options: PickManyOptions<T>): Promise<T[]>;
  /** A pick whose list the server searches as the user types, with "Load more…" (see searchPick.ts). */
  searchPick<T>(options: SearchPickOptions<T>): Promise<T>;
}

/** One step of a flow: asks what it needs through `ask` and writes the answers into `state`. */
export type Step<S> = (ask: Prompter, state: S) => Promise<void>;

/** Thrown inside a step when the user goes back (Back button, or Escape after step 1). */
class GoBack extends Error {}

/**
 * Runs `plan(state)`'s steps in order and resolves to `state` once the last one answered.
 * `plan` is asked again after every step, so answers may add or skip later steps (the total
 * in the title follows); whether a step is in the plan may depend only on earlier answers.
 * Escape on step 1 throws CancelledError (or, after a refused check, an InputError with
 * that refusal, so closing the box still says why). A one-step flow shows no counter.
 */
export async function runSteps<S>(title: string, state: S, plan: (state: S) => ReadonlyArray<Step<S>>): Promise<S> {
  const ui = new StepUi(title);
  let index = 0;
  try {
    for (;;) {
      const steps = plan(state);
      if (index >= steps.length) return state;
      ui.at(index + 1, steps.length);
      try {
        await steps[index](ui, state);
        index += 1;
      } catch (err) {
        if (!(err instanceof GoBack)) throw err;
        index = Math.max(0, index - 1);
      }
    }
  } finally {
    ui.dispose();
  }
}

/**
 * A question on its own (Set Value…, Rename…): `window.showInputBox`/`showQuickPick` with
 * `title`, no counter and no Back; a checked box is a one-step flow. Escape throws CancelledError.
 */
export function ask<T>(title: string, question: (ask: Prompter) => Promise<T>): Promise<T> {
  return question(new Standalone(title));
}

class Standalone implements Prompter {
  constructor(private readonly title: string) {}

  async inputBox(options: BoxOptions): Promise<string> {
    const text = await vscode.window.showInputBox({ title: this.title, ignoreFocusOut: true, ...options });
    if (text === undefined) throw new CancelledError();
    return text;
  }

  async checkedBox<T>(options: CheckedBoxOptions<T>): Promise<{ text: string; result: T }> {
    let answer: { text: string; result: T } | undefined;
    await runSteps(this.title, undefined, () => [async (prompter) => { answer = await prompter.checkedBox(options); }]);
    return answer!;
  }

  async boxOrButton(options: BoxOptions & { readonly buttons: readonly vscode.QuickInputButton[] }): Promise<{ text: string } | { button: vscode.QuickInputButton }> {
    let answer: { text: string } | { button: vscode.QuickInputButton } | undefined;
    await runSteps(this.title, undefined, () => [async (prompter) => { answer = await prompter.boxOrButton(options); }]);
    return answer!;
  }

  searchPick<T>(options: SearchPickOptions<T>): Promise<T> {
    return searchPick({ ...options, title: this.title });
  }

  async pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    const picked = await vscode.window.showQuickPick(options.items, { title: this.title, placeHolder: options.placeHolder, ignoreFocusOut: true });
    if (!picked) throw new CancelledError();
    return picked;
  }

  async pickMany<T extends vscode.QuickPickItem>(options: PickManyOptions<T>): Promise<T[]> {
    const items = options.items.map((item) => ({ ...item, picked: options.selected(item) }));
    const picked = await vscode.window.showQuickPick(items, { title: this.title, placeHolder: options.placeHolder, canPickMany: true, ignoreFocusOut: true });
    if (!picked) throw new CancelledError();
    return picked.map((item) => options.items[items.indexOf(item)]);
  }
}

class StepUi implements Prompter {
  private current: vscode.QuickInput | undefined;
  private step = 1;
  private total = 1;

  constructor(private readonly title: string) {}

  at(step: number, total: number): void {
    this.step = step;
    this.total = total;
  }

  inputBox(options: BoxOptions): Promise<string> {
    return this.box(options).then(({ text }) => text);
  }

  checkedBox<T>(options: CheckedBoxOptions<T>): Promise<{ text: string; result: T }> {
    return this.box(options) as Promise<{ text: string; result: T }>;
  }

  async boxOrButton(options: BoxOptions & { readonly buttons: readonly vscode.QuickInputButton[] }): Promise<{ text: string } | { button: vscode.QuickInputButton }> {
    const answer = await this.box(options);
    return answer.button ? { button: answer.button } : { text: answer.text };
  }

  private async box<T>(options: BoxOptions & Partial<CheckedBoxOptions<T>> & { readonly buttons?: readonly vscode.QuickInputButton[] }):
  Promise<{ text: string; result: T | undefined; button?: vscode.QuickInputButton }> {
    const box = vscode.window.createInputBox();
    this.dress(box);
    const own = options.buttons ?? [];
    box.buttons = [...box.buttons, ...own];
    box.prompt = options.prompt;
    box.placeholder = options.placeHolder;
    box.password = options.password ?? false;
    box.value = options.password ? '' : options.value ?? '';
    const validate = (text: string) => (text === '' && options.message !== undefined ? options.message : options.validateInput?.(text));
    // As showInputBox does: a prefilled value is judged at once.
    if (box.value || options.message !== undefined) box.validationMessage = validate(box.value);
    let checking = false;
    let lastRejection: string | undefined;
    // Not disposed with the others: it is the box's own state (disposed with the box).
    box.onDidChangeValue((text) => {
      if (!checking) box.validationMessage = validate(text);
    });
    return this.settle(box, (resolve, reject) => [
      box.onDidTriggerButton((button) => {
        if (!own.includes(button)) return;
        resolve({ text: '', result: undefined, button });
        box.hide();
      }),
      box.onDidAccept(async () => {
        if (checking) return;
        const text = box.value;
        const problem = validate(text);
        box.validationMessage = problem;
        // Refused in place, as VS Code's own input box refuses an answer it shows a problem for.
        if (problem) return;
        if (!options.check) {
          this.done(box);
          resolve({ text, result: undefined });
          return;
        }
        checking = true;
        this.done(box);
        try {
          const result = await options.check(text);
          resolve({ text, result });
        } catch (err) {
          const message = options.rejection?.(err);
          if (message === undefined) {
            reject(err);
            return;
          }
          lastRejection = message;
          box.validationMessage = message;
          box.busy = false;
          box.enabled = true;
        } finally {
          checking = false;
        }
      }),
    ], () => lastRejection);
  }

  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.dress(pick);
    pick.placeholder = options.placeHolder;
    pick.items = options.items;
    const active = options.active ? options.items.filter(options.active) : [];
    if (active.length) pick.activeItems = active.slice(0, 1);
    return this.settle(pick, (resolve) => [
      pick.onDidAccept(() => {
        const picked = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!picked) return;
        this.done(pick);
        resolve(picked);
      }),
    ]);
  }

  pickMany<T extends vscode.QuickPickItem>(options: PickManyOptions<T>): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    this.dress(pick);
    pick.canSelectMany = true;
    pick.placeholder = options.placeHolder;
    pick.items = options.items;
    // createQuickPick ignores `picked`: the ticks are the selection.
    pick.selectedItems = options.items.filter(options.selected);
    return this.settle(pick, (resolve) => [
      pick.onDidAccept(() => {
        this.done(pick);
        resolve([...pick.selectedItems]);
      }),
    ]);
  }

  searchPick<T>(options: SearchPickOptions<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    this.dress(pick);
    return this.settle(pick, (resolve) => [
      attachSearch(pick, options, (item) => {
        this.done(pick);
        resolve(item);
      }),
    ]);
  }

  /** Title, counter, Back button and focus behaviour, the same on every step. */
  private dress(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>): void {
    input.title = this.title;
    input.step = this.total > 1 ? this.step : undefined;
    input.totalSteps = this.total > 1 ? this.total : undefined;
    input.ignoreFocusOut = true;
    input.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  /** An answered input stays up, busy, until the next step replaces it: no flicker between steps. */
  private done(input: vscode.QuickInput): void {
    input.busy = true;
    input.enabled = false;
  }

  /**
   * Shows `input` in place of the previous step's and waits for it: `listen` resolves with
   * the answer; Back and Escape end it as the step's position says.
   */
  private async settle<A>(
    input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
    listen: (resolve: (answer: A) => void, reject: (err: unknown) => void) => vscode.Disposable[],
    refusal: () => string | undefined = () => undefined,
  ): Promise<A> {
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<A>((resolve, reject) => {
        disposables.push(
          ...listen(resolve, reject),
          input.onDidTriggerButton((button) => {
            if (button === vscode.QuickInputButtons.Back) reject(new GoBack());
          }),
          input.onDidHide(() => {
            if (this.step > 1) reject(new GoBack());
            else {
              const refused = refusal();
              reject(refused === undefined ? new CancelledError() : new InputError(refused));
            }
          }),
        );
        this.current?.dispose();
        this.current = input;
        input.show();
      });
    } finally {
      for (const disposable of disposables) disposable.dispose();
    }
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}
