import * as vscode from 'vscode';
import type { ResourceSecret } from '../../core/marketplace/client';
import { resourceEnvironments, type ResourceEnvironment } from '../../core/marketplace/models';
import { prefixProblem, resourceSecretNameProblem, valueProblem } from '../../core/marketplace/rules';
import { runSteps, type Prompter, type Step } from '../../platform/steps';
import { enterValue } from '../../platform/valueEntry';
import type { Services } from '../backend';

/** One secret of the request as answered so far (kept across Back). */
interface Draft {
  name?: string;
  value?: string;
  prefix?: string;
  environments?: ResourceEnvironment[];
  overrides: Partial<Record<ResourceEnvironment, string>>;
  /** "Add another secret" (true) or "Review and send" (false). */
  more?: boolean;
}

/**
 * The multi-step input of "Update Resource Secrets…", one flow with Back across all secrets:
 * per secret its name, value, optional prefix, optional per-environment values, then another
 * secret or done (the total in the title grows with each). Nothing is sent here.
 */
export async function collectSecrets(services: Services, title: string): Promise<ResourceSecret[]> {
  const { drafts } = await runSteps<{ drafts: Draft[] }>(title, { drafts: [{ overrides: {} }] }, (s) => s.drafts.flatMap((draft, i) => {
    const others = () => s.drafts.slice(0, i);
    const steps: Array<Step<{ drafts: Draft[] }>> = [
      async (ask) => {
        draft.name = await ask.inputBox({
          prompt: vscode.l10n.t('Secret name, as connected projects will see it.'), placeHolder: 'DATABASE_URL', value: draft.name,
          validateInput: (text) => resourceSecretNameProblem(text)
            ?? (others().some((d) => d.name === text) ? vscode.l10n.t('{0} is already in this request.', text) : undefined),
        });
      },
      async (ask) => { draft.value = await promptResourceValue(ask, services, title, vscode.l10n.t('Value of {0}.', draft.name!), vscode.l10n.t('value of {0}', draft.name!)); },
      async (ask) => {
        draft.prefix = (await ask.inputBox({
          prompt: vscode.l10n.t('Prefix (optional), e.g. MYDB_: leave empty for none.'), value: draft.prefix,
          validateInput: (text) => (text ? prefixProblem(text) : undefined),
        })) || undefined;
      },
      async (ask) => {
        const picked = await ask.pickMany({
          items: resourceEnvironments.map((env) => ({ label: env, env })),
          selected: (item) => draft.environments?.includes(item.env) ?? false,
          placeHolder: vscode.l10n.t('Different values for some environments? (optional: pick none to use one value everywhere)'),
        });
        draft.environments = picked.map((item) => item.env);
      },
      ...(draft.environments ?? []).map((env) => async (ask: Prompter) => {
        draft.overrides[env] = await promptResourceValue(ask, services, title, vscode.l10n.t('Value of {0} for {1}.', draft.name!, env),
          vscode.l10n.t('{0} value of {1}', env, draft.name!));
      }),
      async (ask) => {
        const done = { label: vscode.l10n.t('Review and send'), more: false };
        const more = { label: vscode.l10n.t('Add another secret'), more: true };
        draft.more = (await ask.pick({
          items: [done, more], placeHolder: i === 0 ? vscode.l10n.t('1 secret so far') : vscode.l10n.t('{0} secrets so far', i + 1), active: (item) => item.more === draft.more,
        })).more;
        // Another secret: a new one, or the one answered before going Back. Done: drop any after this one.
        if (draft.more && s.drafts.length === i + 1) s.drafts.push({ overrides: {} });
        if (!draft.more) s.drafts.length = i + 1;
      },
    ];
    return steps;
  }));
  return drafts.map((d) => {
    const environmentOverrides: Partial<Record<ResourceEnvironment, string>> = {};
    for (const env of d.environments ?? []) environmentOverrides[env] = d.overrides[env];
    return { name: d.name!, value: d.value!, prefix: d.prefix, environmentOverrides: d.environments?.length ? environmentOverrides : undefined };
  });
}

/** A value step (typed, from an editor or a file) with its hygiene findings confirmed (platform/valueEntry.ts). */
function promptResourceValue(ask: Prompter, services: Services, title: string, prompt: string, what: string): Promise<string> {
  return enterValue(ask, { title, prompt, what, problem: (text) => valueProblem(text), addSecret: (v) => services.logger.addSecret(v) });
}

/** One line per secret for the confirmation: names, prefixes and which environments differ; never values. */
export function summarize(secrets: readonly ResourceSecret[]): string {
  return secrets.map((s) => {
    const overrides = Object.keys(s.environmentOverrides ?? {});
    return `• ${s.name}${s.prefix ? ` (${vscode.l10n.t('prefix {0}', s.prefix)})` : ''}${overrides.length ? ` (${vscode.l10n.t('own values for {0}', overrides.join(', '))})` : ''}`;
  }).join('\n');
}
