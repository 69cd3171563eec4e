import * as vscode from 'vscode';
import { envTargets, type EnvTarget } from '../../../core/vercel/models';
import type { SharedEnvVar } from '../../../core/vercel/sharedEnv';

/** How shared variables read in rows, tooltips and dialogs. Never a value. */

export function targetName(target: EnvTarget): string {
  switch (target) {
    case 'production': return vscode.l10n.t('Production');
    case 'preview': return vscode.l10n.t('Preview');
    case 'development': return vscode.l10n.t('Development');
  }
}

/** "Production, Preview", or "All environments". */
export function sharedEnvironmentsText(targets: readonly EnvTarget[]): string {
  if (envTargets.every((t) => targets.includes(t))) return vscode.l10n.t('All environments');
  const names = envTargets.filter((t) => targets.includes(t)).map(targetName);
  return names.length ? names.join(', ') : vscode.l10n.t('no environment');
}

/**
 * "Secret" (sensitive: write-only) / "Config" (encrypted: readable by the team): Vercel's
 * current words, as project variables say it (envLabels.ts `visibilityLabel`).
 */
export function sharedTypeText(type: string): string {
  return type === 'sensitive' ? vscode.l10n.t('Secret') : type === 'encrypted' ? vscode.l10n.t('Config') : type;
}

/** The linked projects by name where the tree knows it, else by id; "not linked" for none. */
export function linkedText(env: Pick<SharedEnvVar, 'projectIds'>, names: ReadonlyMap<string, string>): string {
  if (env.projectIds.length === 0) return vscode.l10n.t('not linked');
  return env.projectIds.map((id) => names.get(id) ?? id).join(', ');
}
