import * as vscode from 'vscode';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from '../../core/vercel/envRules';
import { envTargets, type EnvTarget, type EnvType, type Scope } from '../../core/vercel/models';
import type { Prompter } from '../../platform/steps';
import { enterValue } from '../../platform/valueEntry';

/** Input boxes and quick picks shared by the variable commands: steps of a flow (platform/steps.ts) or asked on their own. */

export type WritableType = 'encrypted' | 'sensitive' | 'plain';

const targetLabels: Record<EnvTarget, string> = {
  production: vscode.l10n.t('Production'),
  preview: vscode.l10n.t('Preview'),
  development: vscode.l10n.t('Development'),
};

export function targetLabel(target: EnvTarget): string {
  return targetLabels[target];
}

/** The key; `value` starts the box (the current key for a rename, an earlier answer after Back). */
export function promptKey(ask: Prompter, options: { value?: string; taken?: (key: string) => string | undefined } = {}): Promise<string> {
  return ask.inputBox({
    prompt: vscode.l10n.t('Name of the variable: letters, digits and underscores, not starting with a digit.'),
    placeHolder: 'API_KEY',
    value: options.value,
    validateInput: (text) => keyProblem(text) ?? options.taken?.(text),
  });
}

/** The value step: typed (never prefilled), from an editor or a file; hygiene findings confirmed (platform/valueEntry.ts). */
export function promptValue(ask: Prompter, title: string, key: string, addSecret: (value: string) => void): Promise<string> {
  return enterValue(ask, {
    title, what: vscode.l10n.t('value of {0}', key), addSecret, problem: valueProblem,
    prompt: vscode.l10n.t('Value of {0}. It is sent to Vercel only and never shown or logged here.', key),
  });
}

export async function promptType(ask: Prompter, scope: Scope, current?: WritableType): Promise<WritableType> {
  const preferred: WritableType = scope.kind === 'team' && scope.sensitivePolicy === 'on' ? 'sensitive' : 'encrypted';
  const items: Array<vscode.QuickPickItem & { type: WritableType }> = [
    { type: 'encrypted', label: 'encrypted', detail: vscode.l10n.t('Encrypted at rest; readable by the team and in the dashboard.') },
    { type: 'sensitive', label: 'sensitive', detail: vscode.l10n.t('Write-only: nobody can read it back. Production and Preview only.') },
    { type: 'plain', label: 'plain', detail: vscode.l10n.t('Stored and shown as plain text: for values that are not secret.') },
  ];
  items.sort((a, b) => Number(b.type === preferred) - Number(a.type === preferred));
  items[0].description = scope.kind === 'team' && scope.sensitivePolicy === 'on'
    ? vscode.l10n.t('team policy') : vscode.l10n.t('default');
  const picked = await ask.pick({ items, placeHolder: vscode.l10n.t('Type of variable'), active: (item) => item.type === current });
  return picked.type;
}

/** The environments; all offered ones are ticked at first, the earlier answer after Back. Asks again while they do not fit the type. */
export async function promptTargets(ask: Prompter, type: EnvType, current?: readonly EnvTarget[]): Promise<EnvTarget[]> {
  const offered = envTargets.filter((t) => type !== 'sensitive' || t !== 'development');
  let ticked = current?.filter((t) => offered.includes(t));
  for (;;) {
    const picked = await ask.pickMany({
      items: offered.map((target) => ({ label: targetLabels[target], target })),
      selected: (item) => ticked?.includes(item.target) ?? true,
      placeHolder: vscode.l10n.t('Environments that get this variable'),
    });
    const targets = envTargets.filter((t) => picked.some((p) => p.target === t));
    const problem = targetsProblem(type, targets);
    if (!problem) return targets;
    void vscode.window.showWarningMessage(problem);
    ticked = targets;
  }
}

/** Whether the git branch step applies: only when Preview is the sole target. */
export function asksGitBranch(targets: readonly EnvTarget[] | undefined): boolean {
  return targets?.length === 1 && targets[0] === 'preview';
}

/** Only when Preview is the sole target; empty means every preview branch. */
export async function promptGitBranch(ask: Prompter, targets: readonly EnvTarget[], current?: string): Promise<string | undefined> {
  if (!asksGitBranch(targets)) return undefined;
  const branch = await ask.inputBox({
    prompt: vscode.l10n.t('Git branch (optional): leave empty for every preview branch.'),
    placeHolder: 'feature/login',
    value: current,
    validateInput: (text) => (text.trim() ? targetsProblem('encrypted', targets, text.trim()) : undefined),
  });
  return branch.trim() || undefined;
}

export async function promptComment(ask: Prompter, current?: string): Promise<string | undefined> {
  const comment = await ask.inputBox({
    prompt: vscode.l10n.t('Comment (optional): what is this variable for?'),
    value: current,
    validateInput: commentProblem,
  });
  return comment.trim() || undefined;
}
