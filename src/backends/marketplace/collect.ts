import * as vscode from 'vscode';
import { CancelledError } from '../../core/errors';
import type { ResourceSecret } from '../../core/marketplace/client';
import { resourceEnvironments, type ResourceEnvironment } from '../../core/marketplace/models';
import { prefixProblem, resourceSecretNameProblem, valueProblem } from '../../core/marketplace/rules';
import { input as prompt } from '../../platform/prompts';
import { enterValue } from '../../platform/valueEntry';
import type { Services } from '../backend';

/**
 * The multi-step input of "Update Resource Secrets…": name, value, optional prefix,
 * optional per-environment values, then another secret or done. Nothing is sent here.
 */
export async function collectSecrets(services: Services, title: string): Promise<ResourceSecret[]> {
  const secrets: ResourceSecret[] = [];
  for (;;) {
    const step = `${title} (${secrets.length + 1})`;
    const name = await prompt({ title: step,
      prompt: vscode.l10n.t('Secret name, as connected projects will see it.'), placeHolder: 'DATABASE_URL',
      validateInput: (text) => resourceSecretNameProblem(text)
        ?? (secrets.some((s) => s.name === text) ? vscode.l10n.t('{0} is already in this request.', text) : undefined),
    });
    const value = await promptResourceValue(services, step, vscode.l10n.t('Value of {0}.', name), vscode.l10n.t('value of {0}', name));
    const prefix = (await prompt({ title: step,
      prompt: vscode.l10n.t('Prefix (optional), e.g. MYDB_: leave empty for none.'),
      validateInput: (text) => (text ? prefixProblem(text) : undefined),
    })) || undefined;
    const environments = await vscode.window.showQuickPick(resourceEnvironments.map((env) => ({ label: env })),
      { title: step, canPickMany: true, placeHolder: vscode.l10n.t('Different values for some environments? (optional: pick none to use one value everywhere)') });
    if (!environments) throw new CancelledError();
    const environmentOverrides: Partial<Record<ResourceEnvironment, string>> = {};
    for (const { label } of environments) {
      const env = label as ResourceEnvironment;
      environmentOverrides[env] = await promptResourceValue(services, step, vscode.l10n.t('Value of {0} for {1}.', name, env),
        vscode.l10n.t('{0} value of {1}', env, name));
    }
    secrets.push({ name, value, prefix, environmentOverrides: environments.length ? environmentOverrides : undefined });
    const more = vscode.l10n.t('Add another secret');
    const done = vscode.l10n.t('Review and send');
    const next = await vscode.window.showQuickPick([done, more], { title, placeHolder: secrets.length === 1 ? vscode.l10n.t('1 secret so far') : vscode.l10n.t('{0} secrets so far', secrets.length) });
    if (next === undefined) throw new CancelledError();
    if (next === done) return secrets;
  }
}

/** A value (typed, from an editor or a file) with its hygiene findings confirmed (platform/valueEntry.ts). */
function promptResourceValue(services: Services, title: string, prompt: string, what: string): Promise<string> {
  return enterValue({ title, prompt, what, problem: (text) => valueProblem(text), addSecret: (v) => services.logger.addSecret(v) });
}

/** One line per secret for the confirmation: names, prefixes and which environments differ; never values. */
export function summarize(secrets: readonly ResourceSecret[]): string {
  return secrets.map((s) => {
    const overrides = Object.keys(s.environmentOverrides ?? {});
    return `• ${s.name}${s.prefix ? ` (${vscode.l10n.t('prefix {0}', s.prefix)})` : ''}${overrides.length ? ` (${vscode.l10n.t('own values for {0}', overrides.join(', '))})` : ''}`;
  }).join('\n');
}
