import * as vscode from 'vscode';
import { branchMatcherText, type CustomEnvironment } from '../../core/vercel/customEnvironments';
import { envTargets, isWriteOnly, type EnvTarget, type EnvVar } from '../../core/vercel/models';
import { targetLabel } from './envPrompts';

/**
 * One environment a variable can apply to: a standard one (`target`) or one of the project's
 * custom environments (`customEnvironmentIds`). Commands that choose, show, copy or remove
 * environments go through this, so no command can overlook the custom ones.
 */
export type Environment =
  | { readonly kind: 'standard'; readonly target: EnvTarget }
  | { readonly kind: 'custom'; readonly id: string; readonly custom?: CustomEnvironment };

/** Every environment of a variable, standard ones first in Vercel's order, then custom ones by slug (or id when unknown). */
export function environmentsOf(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>, customs: readonly CustomEnvironment[]): Environment[] {
  return [
    ...envTargets.filter((t) => env.targets.includes(t)).map((target): Environment => ({ kind: 'standard', target })),
    ...env.customEnvironmentIds.map((id): Environment => ({ kind: 'custom', id, custom: customs.find((c) => c.id === id) })),
  ];
}

/** "Production", or a custom environment's slug ("staging"); an environment the list does not know by its id. */
export function environmentName(e: Environment): string {
  if (e.kind === 'standard') return targetLabel(e.target);
  return e.custom?.slug ?? vscode.l10n.t('custom environment {0}', e.id);
}

/** "staging (branch starts with release/)": for dialogs and details, where there is room. */
export function environmentLongName(e: Environment): string {
  const matcher = e.kind === 'custom' && e.custom?.branchMatcher;
  return matcher ? `${environmentName(e)} (${branchMatcherText(matcher)})` : environmentName(e);
}

/** The variable without one environment: its targets and custom environment ids after removing `e`. */
export function without(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>, e: Environment): { targets: EnvTarget[]; customEnvironmentIds: string[] } {
  return {
    targets: env.targets.filter((t) => e.kind !== 'standard' || t !== e.target),
    customEnvironmentIds: env.customEnvironmentIds.filter((id) => e.kind !== 'custom' || id !== e.id),
  };
}

/**
 * How a variable's environments read in rows, dialogs and accessibility labels: compact,
 * in Vercel's order ("Production, Preview", "All environments" for the three standard
 * ones, "Preview, staging"), or "no environment". Custom environments by name.
 */
export function environmentsText(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>, customs: readonly CustomEnvironment[] = []): string {
  const standard = envTargets.filter((t) => env.targets.includes(t));
  const parts = standard.length === envTargets.length ? [vscode.l10n.t('All environments')] : standard.map(targetLabel);
  for (const id of env.customEnvironmentIds) parts.push(environmentName({ kind: 'custom', id, custom: customs.find((c) => c.id === id) }));
  return parts.length ? parts.join(', ') : vscode.l10n.t('no environment');
}

/** Environments, then the git branch when there is one: "Preview · feature/login". */
export function whereText(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds' | 'gitBranch'>, customs: readonly CustomEnvironment[] = []): string {
  return env.gitBranch ? `${environmentsText(env, customs)} · ${env.gitBranch}` : environmentsText(env, customs);
}

/**
 * Vercel's current words for who can read a value: "Secret" (write-only: sensitive, or
 * marked secret) or "Config" (readable by the team); system variables are computed.
 */
export function visibilityLabel(env: Pick<EnvVar, 'type' | 'visibility'>): string {
  if (env.type === 'system') return vscode.l10n.t('System');
  if (isWriteOnly(env)) return vscode.l10n.t('Secret');
  return vscode.l10n.t('Config');
}
