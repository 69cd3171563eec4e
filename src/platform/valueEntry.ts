import * as vscode from 'vscode';
import { CancelledError, InputError } from '../core/errors';
import { applyValueFixes, decodeText, valueFindings, type ValueFinding } from '../core/values';
import { editValueInEditor } from './valueEditor';

/**
 * Entering a secret value, the same way for every backend: a password box with two buttons
 * for values a box cannot hold ("Enter in Editor…": an untitled editor that is never saved,
 * for multi-line values; "From File…"), then the hygiene check (core/values): whatever is
 * odd is shown, naming each character, and the user chooses "Remove it" or "Keep as typed".
 * Nothing is changed silently and nothing is returned (so nothing is sent) before that choice.
 */

export interface ValueEntryOptions {
  readonly title: string;
  /** The box's prompt, e.g. "Value of API_KEY. It is sent to Vercel only…". */
  readonly prompt: string;
  /** What the API refuses (empty, too long), shown while typing and checked on every way in. */
  readonly problem: (value: string) => string | undefined;
  /** Names the value in hygiene messages and the editor's hint: "value of API_KEY". */
  readonly what: string;
  /** Masks the value in the log as soon as it was entered (Logger.addSecret). */
  readonly addSecret: (value: string) => void;
  /** Step counter of a multi-step input (InputBox.step/totalSteps). */
  readonly step?: number;
  readonly totalSteps?: number;
}

export const enterInEditorLabel = vscode.l10n.t('Enter in Editor…');
export const fromFileLabel = vscode.l10n.t('From File…');
export const removeItLabel = vscode.l10n.t('Remove it');
export const keepAsTypedLabel = vscode.l10n.t('Keep as typed');
/** Larger than any value an API here takes (64 KB), small enough to read at once. */
const maxFileBytes = 1024 * 1024;

type BoxResult = { how: 'typed'; value: string } | { how: 'editor' } | { how: 'file' };

/**
 * Asks for a value (box, editor or file) and confirms its hygiene findings. Resolves to the
 * value to send: as entered, or with the fixes the user chose. Throws CancelledError when
 * the user gives up (Escape in the box, Cancel in the dialog), or InputError with the
 * problem when the box is closed after a value was refused.
 */
export async function enterValue(options: ValueEntryOptions): Promise<string> {
  let message: string | undefined;
  for (;;) {
    const entry = await valueBox(options, message);
    message = undefined;
    let value: string | undefined;
    let from: string;
    if (entry.how === 'typed') {
      value = entry.value;
      from = vscode.l10n.t('The value');
    } else if (entry.how === 'editor') {
      value = await editValueInEditor(options.what.charAt(0).toUpperCase() + options.what.slice(1), options.what);
      from = vscode.l10n.t('The value from the editor');
    } else {
      try {
        value = await valueFromFile(options.title);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        message = err.message;
        continue;
      }
      from = vscode.l10n.t('The value from the file');
    }
    if (value === undefined) continue; // the editor was cancelled or no file chosen: back to the box
    options.addSecret(value);
    const problem = options.problem(value);
    if (problem !== undefined) {
      message = `${from}: ${problem}`;
      continue;
    }
    const confirmed = await confirmFindings(value, options.what);
    const still = confirmed === value ? undefined : options.problem(confirmed);
    if (still !== undefined) {
      message = vscode.l10n.t('Without those characters: {0}', still);
      continue;
    }
    return confirmed;
  }
}

function valueBox(options: ValueEntryOptions, message: string | undefined): Promise<BoxResult> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.password = true;
  box.ignoreFocusOut = true;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  const editorButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: enterInEditorLabel };
  const fileButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('folder-opened'), tooltip: fromFileLabel };
  box.buttons = [editorButton, fileButton];
  box.validationMessage = message;
  return new Promise<BoxResult>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      settle();
      box.dispose();
    };
    // The refusal of an accepted text: closing the box then still says why (as checkedInput does).
    let refused: string | undefined;
    box.onDidChangeValue((text) => { box.validationMessage = text === '' && message !== undefined ? message : options.problem(text); });
    box.onDidAccept(() => {
      const problem = options.problem(box.value);
      box.validationMessage = problem;
      if (problem === undefined) finish(() => resolve({ how: 'typed', value: box.value }));
      else refused = problem;
    });
    box.onDidTriggerButton((button) => {
      if (button === editorButton || button.tooltip === enterInEditorLabel) finish(() => resolve({ how: 'editor' }));
      else if (button === fileButton || button.tooltip === fromFileLabel) finish(() => resolve({ how: 'file' }));
    });
    box.onDidHide(() => finish(() => reject(refused === undefined ? new CancelledError() : new InputError(refused))));
    box.show();
  });
}

/** "From File…": the whole file as the value, its encoding read from its bytes; undefined when none was chosen. */
async function valueFromFile(title: string): Promise<string | undefined> {
  const [file] = await vscode.window.showOpenDialog({ title, canSelectMany: false, openLabel: vscode.l10n.t('Use as Value') }) ?? [];
  if (!file) return undefined;
  const name = file.path.split('/').pop() ?? file.path;
  const { size } = await vscode.workspace.fs.stat(file);
  if (size > maxFileBytes) {
    throw new InputError(vscode.l10n.t('{0} is {1} KB: too large for a secret value. Choose a smaller file.', name, Math.ceil(size / 1024)));
  }
  return decodeText(await vscode.workspace.fs.readFile(file), name).text;
}

/**
 * Shows what is odd about `value` and lets the user choose; resolves to the value as typed
 * or with every fix applied. Throws CancelledError on Cancel. An empty value is the
 * backend rule's business, not a finding to confirm.
 */
export async function confirmFindings(value: string, what: string): Promise<string> {
  const findings = valueFindings(value, what).filter((f) => f.kind !== 'empty');
  if (findings.length === 0) return value;
  const choice = await vscode.window.showWarningMessage(
    findings.length === 1 ? vscode.l10n.t('Something in the {0} may not be meant to be there.', what)
      : vscode.l10n.t('{0} things in the {1} may not be meant to be there.', findings.length, what),
    { modal: true, detail: findingsDetail(findings) }, removeItLabel, keepAsTypedLabel);
  if (choice === removeItLabel) return applyValueFixes(value, findings.map((f) => f.kind));
  if (choice === keepAsTypedLabel) return value;
  throw new CancelledError();
}

function findingsDetail(findings: readonly ValueFinding[]): string {
  const list = findings.map((f) => `• ${f.message}`).join('\n');
  const pem = findings.some((f) => f.kind === 'flattenedPemBlock');
  return `${list}\n\n${pem
    ? vscode.l10n.t('"Remove it" sends the value without these characters and with the key\'s line breaks back; "Keep as typed" sends it exactly as entered.')
    : vscode.l10n.t('"Remove it" sends the value without these characters; "Keep as typed" sends it exactly as entered.')}`;
}
