import * as vscode from 'vscode';
import { CancelledError } from '../../core/errors';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from '../../core/vercel/envRules';
import { envTargets, type EnvTarget, type EnvType, type Scope } from '../../core/vercel/models';
import { enterValue } from '../../platform/valueEntry';

/** Input boxes and quick picks shared by the variable commands; each throws CancelledError on Escape. */

export type WritableType = 'encrypted' | 'sensitive' | 'plain';

const targetLabels: Record<EnvTarget, string> = {
  production: vscode.l10n.t('Production'),
  preview: vscode.l10n.t('Preview'),
  development: vscode.l10n.t('Development'),
};

export function targetLabel(target: EnvTarget): string {
  return targetLabels[target];
}

export async function promptKey(title: string, options: { value?: string; taken?: (key: string) => string | undefined } = {}): Promise<string> {
  const key = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Name of the variable: letters, digits and underscores, not starting with a digit.'),
    placeHolder: 'API_KEY',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (text) => keyProblem(text) ?? options.taken?.(text),
  });
  if (key === undefined) throw new CancelledError();
  return key;
}

/** The value: typed, from an editor or a file; hygiene findings confirmed (platform/valueEntry.ts). */
export function promptValue(title: string, key: string, addSecret: (value: string) => void): Promise<string> {
  return enterValue({
    title, what: vscode.l10n.t('value of {0}', key), addSecret, problem: valueProblem,
    prompt: vscode.l10n.t('Value of {0}. It is sent to Vercel only and never shown or logged here.', key),
  });
}

export async function promptType(title: string, scope: Scope): Promise<WritableType> {
  const preferred: WritableType = scope.kind === 'team' && scope.sensitivePolicy === 'on' ? 'sensitive' : 'encrypted';
  const items: Array<vscode.QuickPickItem & { type: WritableType }> = [
    { type: 'encrypted', label: 'encrypted', detail: vscode.l10n.t('Encrypted at rest; readable by the team and in the dashboard.') },
    { type: 'sensitive', label: 'sensitive', detail: vscode.l10n.t('Write-only: nobody can read it back. Production and Preview only.') },
    { type: 'plain', label: 'plain', detail: vscode.l10n.t('Stored and shown as plain text: for values that are not secret.') },
  ];
  items.sort((a, b) => Number(b.type === preferred) - Number(a.type === preferred));
  items[0].description = scope.kind === 'team' && scope.sensitivePolicy === 'on'
    ? vscode.l10n.t('team policy') : vscode.l10n.t('default');
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Type of variable') });
  if (!picked) throw new CancelledError();
  return picked.type;
}

export async function promptTargets(title: string, type: EnvType): Promise<EnvTarget[]> {
  const offered = envTargets.filter((t) => type !== 'sensitive' || t !== 'development');
  const picked = await vscode.window.showQuickPick(
    offered.map((target) => ({ label: targetLabels[target], target, picked: true })),
    { title, canPickMany: true, placeHolder: vscode.l10n.t('Environments that get this variable') });
  if (!picked) throw new CancelledError();
  const targets = envTargets.filter((t) => picked.some((p) => p.target === t));
  const problem = targetsProblem(type, targets);
  if (problem) {
    void vscode.window.showWarningMessage(problem);
    throw new CancelledError();
  }
  return targets;
}

/** Only when Preview is the sole target; empty means every preview branch. */
export async function promptGitBranch(title: string, targets: readonly EnvTarget[]): Promise<string | undefined> {
  if (targets.length !== 1 || targets[0] !== 'preview') return undefined;
  const branch = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Git branch (optional): leave empty for every preview branch.'),
    placeHolder: 'feature/login',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? targetsProblem('encrypted', targets, text.trim()) : undefined),
  });
  if (branch === undefined) throw new CancelledError();
  return branch.trim() || undefined;
}

export async function promptComment(title: string): Promise<string | undefined> {
  const comment = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Comment (optional): what is this variable for?'),
    ignoreFocusOut: true,
    validateInput: commentProblem,
  });
  if (comment === undefined) throw new CancelledError();
  return comment.trim() || undefined;
}
