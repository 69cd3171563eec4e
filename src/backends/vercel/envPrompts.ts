import * as vscode from 'vscode';
import { commentProblem, keyProblem, targetsProblem, valueProblem } from '../../core/vercel/envRules';
import { branchMatcherText, type CustomEnvironment } from '../../core/vercel/customEnvironments';
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

/**
 * The type, in Vercel's current words: Secret (sensitive, write-only) first and the default,
 * as the CLI makes new Production/Preview variables; Config (encrypted or plain, readable).
 * Development cannot take a Secret, so picking one leaves Development out of the next step.
 */
export async function promptType(ask: Prompter, scope: Scope, current?: WritableType): Promise<WritableType> {
  const policy = scope.kind === 'team' && scope.sensitivePolicy === 'on';
  const items: Array<vscode.QuickPickItem & { type: WritableType }> = [
    { type: 'sensitive', label: 'sensitive', description: vscode.l10n.t('Secret'),
      detail: vscode.l10n.t('Write-only: nobody can read it back, only deployments. Production, Preview and custom environments, not Development.') },
    { type: 'encrypted', label: 'encrypted', description: vscode.l10n.t('Config'),
      detail: vscode.l10n.t('Readable by the team in the dashboard and here; encrypted at rest. Any environment.') },
    { type: 'plain', label: 'plain', description: vscode.l10n.t('Config'),
      detail: vscode.l10n.t('Stored and shown as plain text: for values that are not secret.') },
  ];
  items[0].description = `${items[0].description ?? ''} · ${policy ? vscode.l10n.t('team policy') : vscode.l10n.t('default')}`;
  const picked = await ask.pick({ items, placeHolder: vscode.l10n.t('Type of variable: Secret (write-only) or Config (readable)'), active: (item) => item.type === current });
  return picked.type;
}

/** Where a variable applies: standard environments and custom ones (`env_…` ids). */
export interface Placement {
  readonly targets: EnvTarget[];
  readonly customEnvironmentIds: string[];
}

/**
 * The environments, the project's custom ones included (by name, with their branch matcher).
 * At first the offered standard ones are ticked, custom ones not; after Back, the earlier
 * answer. Asks again while the choice does not fit the type.
 */
export async function promptEnvironments(ask: Prompter, type: EnvType, customs: readonly CustomEnvironment[], current?: Placement): Promise<Placement> {
  const offered = envTargets.filter((t) => type !== 'sensitive' || t !== 'development');
  const offeredCustom = customs.filter((c) => type !== 'sensitive' || c.type !== 'development');
  let ticked = current;
  for (;;) {
    const picked = await ask.pickMany<vscode.QuickPickItem & { target?: EnvTarget; custom?: string }>({
      items: [
        ...offered.map((target) => ({ label: targetLabels[target], target })),
        ...offeredCustom.map((c) => ({
          label: c.slug, custom: c.id,
          description: [vscode.l10n.t('custom environment'), c.branchMatcher && branchMatcherText(c.branchMatcher)].filter(Boolean).join(' · '),
        })),
      ],
      selected: (item) => (item.target
        ? ticked?.targets.includes(item.target) ?? true
        : ticked?.customEnvironmentIds.includes(item.custom!) ?? false),
      placeHolder: vscode.l10n.t('Environments that get this variable'),
    });
    const placement: Placement = {
      targets: envTargets.filter((t) => picked.some((p) => p.target === t)),
      customEnvironmentIds: offeredCustom.filter((c) => picked.some((p) => p.custom === c.id)).map((c) => c.id),
    };
    const problem = targetsProblem(type, placement.targets, undefined, placement.customEnvironmentIds);
    if (!problem) return placement;
    void vscode.window.showWarningMessage(problem);
    ticked = placement;
  }
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

/** Whether the git branch step applies: only when Preview is the sole environment (no custom one either). */
export function asksGitBranch(targets: readonly EnvTarget[] | undefined, customEnvironmentIds: readonly string[] = []): boolean {
  return targets?.length === 1 && targets[0] === 'preview' && customEnvironmentIds.length === 0;
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
