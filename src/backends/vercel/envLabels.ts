import * as vscode from 'vscode';
import { envTargets, type EnvVar } from '../../core/vercel/models';
import { targetLabel } from './envPrompts';

/**
 * How a variable's environments read in rows, dialogs and accessibility labels: compact,
 * in Vercel's order ("Production, Preview", "All environments" for the three standard
 * ones, "Preview, 1 custom"), or "no environment".
 */
export function environmentsText(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds'>): string {
  const standard = envTargets.filter((t) => env.targets.includes(t));
  const parts = standard.length === envTargets.length ? [vscode.l10n.t('All environments')] : standard.map(targetLabel);
  if (env.customEnvironmentIds.length) parts.push(vscode.l10n.t('{0} custom', env.customEnvironmentIds.length));
  return parts.length ? parts.join(', ') : vscode.l10n.t('no environment');
}

/** Environments, then the git branch when there is one: "Preview · feature/login". */
export function whereText(env: Pick<EnvVar, 'targets' | 'customEnvironmentIds' | 'gitBranch'>): string {
  return env.gitBranch ? `${environmentsText(env)} · ${env.gitBranch}` : environmentsText(env);
}
