import * as vscode from 'vscode';
import type { ReviewItem } from '../../../core/dotenv/review';
import type { CustomEnvironment } from '../../../core/vercel/customEnvironments';
import { targetsProblem } from '../../../core/vercel/envRules';
import { alsoSetFor, recordsIn, type NewType, type PushEnvironments } from '../../../core/vercel/envPushPlan';
import { envTargets, type EnvTarget, type EnvVar } from '../../../core/vercel/models';
import type { ReviewRow } from '../../../platform/reviewPick';
import type { Prompter } from '../../../platform/steps';
import { targetLabel } from '../envPrompts';

/** The prompts of "Upload .env…" on a Vercel project: where to, which type for new keys, and the review's rows. */

type Slot = { label: string; description?: string; target?: EnvTarget; custom?: CustomEnvironment };

/** Whether the chosen environments ask for a git branch: Preview alone. */
export function asksBranch(at: Pick<PushEnvironments, 'targets' | 'customEnvironmentIds'>): boolean {
  return at.targets.length === 1 && at.targets[0] === 'preview' && at.customEnvironmentIds.length === 0;
}

/**
 * A step: the environments to upload to: Production, Preview, Development and the project's
 * custom environments (all standard ones ticked at first, or the earlier answer after Back).
 * Asks again while nothing is ticked. Throws CancelledError (steps.ts).
 */
export async function pickEnvironments(ask: Prompter, customs: readonly CustomEnvironment[], earlier?: PushEnvironments): Promise<PushEnvironments> {
  const items: Slot[] = [
    ...envTargets.map((target) => ({ label: targetLabel(target), target })),
    ...customs.map((custom) => ({ label: custom.slug, description: vscode.l10n.t('custom environment'), custom })),
  ];
  const ticked = (slot: Slot) => (earlier
    ? (slot.target ? earlier.targets.includes(slot.target) : earlier.customEnvironmentIds.includes(slot.custom!.id))
    : slot.target !== undefined);
  for (;;) {
    const picked = await ask.pickMany({ items, selected: ticked, placeHolder: vscode.l10n.t('Environments that get the file\'s variables') });
    const targets = envTargets.filter((t) => picked.some((p) => p.target === t));
    const customEnvironmentIds = picked.flatMap((p) => (p.custom ? [p.custom.id] : []));
    if (targets.length > 0 || customEnvironmentIds.length > 0) {
      const gitBranch = asksBranch({ targets, customEnvironmentIds }) ? earlier?.gitBranch : undefined;
      return { targets, customEnvironmentIds, gitBranch };
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose at least one environment.'));
  }
}

/** A step, when Preview alone is chosen: an optional git branch (empty: every preview branch). */
export async function askBranch(ask: Prompter, earlier?: string): Promise<string | undefined> {
  const branch = (await ask.inputBox({
    prompt: vscode.l10n.t('Git branch (optional): leave empty for every preview branch.'), placeHolder: 'feature/login', value: earlier,
    validateInput: (text) => (text.trim() ? targetsProblem('encrypted', ['preview'], text.trim()) : undefined),
  })).trim();
  return branch || undefined;
}

export function typeLabel(type: NewType): string {
  return type === 'sensitive' ? vscode.l10n.t('Secret') : vscode.l10n.t('Config');
}

/** Whether the type of new keys is asked: not when only Development is chosen (it cannot hold sensitive values). */
export function asksNewType(at: PushEnvironments): boolean {
  return !(at.targets.length === 1 && at.targets[0] === 'development' && at.customEnvironmentIds.length === 0);
}

/**
 * A step: the type of the new keys, asked once: Secret (sensitive, write-only) first and the
 * default; with Development among the environments, Development gets its own Config copy.
 * Throws CancelledError (steps.ts).
 */
export async function pickNewType(ask: Prompter, at: PushEnvironments, count: number, earlier?: NewType): Promise<NewType> {
  const items: Array<vscode.QuickPickItem & { type: NewType }> = [
    { type: 'sensitive', label: typeLabel('sensitive'), description: vscode.l10n.t('sensitive, default'),
      detail: at.targets.includes('development')
        ? vscode.l10n.t('Write-only: nobody can read it back. Development cannot hold sensitive values, so it gets a Config copy.')
        : vscode.l10n.t('Write-only: nobody can read it back.') },
    { type: 'encrypted', label: typeLabel('encrypted'), description: vscode.l10n.t('encrypted'), detail: vscode.l10n.t('Readable by the team and in the dashboard.') },
  ];
  const picked = await ask.pick({
    items, active: (item) => item.type === earlier,
    placeHolder: count === 1 ? vscode.l10n.t('Type of the 1 new key (change it per key in the review)') : vscode.l10n.t('Type of the {0} new keys (change it per key in the review)', count),
  });
  return picked.type;
}

export function slotLabel(slot: string, customs: readonly CustomEnvironment[]): string {
  const target = envTargets.find((t) => t === slot);
  return target ? targetLabel(target) : customs.find((c) => c.id === slot)?.slug ?? slot;
}

function whereLabel(at: PushEnvironments, customs: readonly CustomEnvironment[]): string {
  const names = [...at.targets, ...at.customEnvironmentIds].map((s) => slotLabel(s, customs)).join(', ');
  return at.gitBranch ? `${names} · ${at.gitBranch}` : names;
}

/** Per key what the user set in the review (type and environments of new records). */
export interface KeyOverride {
  type: NewType;
  at: PushEnvironments;
}

/**
 * The review's rows: what happens to each key, in words (never a value). New keys get two
 * buttons: flip Secret/Config, and choose a subset of the environments. A key whose records
 * also reach environments not chosen is unticked: overwriting it changes those too.
 */
export function reviewRows(items: readonly ReviewItem[], envs: readonly EnvVar[], at: PushEnvironments, customs: readonly CustomEnvironment[],
  overrides: Map<string, KeyOverride>, defaultType: NewType): ReviewRow[] {
  return items.map((item): ReviewRow => {
    const wider = item.kind === 'onlyRemote' ? [] : alsoSetFor(envs, at, item.key);
    const also = wider.length ? vscode.l10n.t(' · also set for {0}: overwritten there too', wider.map((s) => slotLabel(s, customs)).join(', ')) : '';
    const override = (): KeyOverride => {
      let o = overrides.get(item.key);
      if (!o) overrides.set(item.key, o = { type: defaultType, at });
      return o;
    };
    switch (item.kind) {
      case 'new':
        return {
          ...item,
          describe: () => vscode.l10n.t('will be created as {0} in {1}', typeLabel(override().type), whereLabel(override().at, customs)),
          buttons: [
            { icon: new vscode.ThemeIcon('lock'), tooltip: vscode.l10n.t('Switch Secret / Config'), run: () => { override().type = override().type === 'sensitive' ? 'encrypted' : 'sensitive'; } },
            { icon: new vscode.ThemeIcon('server-environment'), tooltip: vscode.l10n.t('Choose Environments for This Key'), run: () => pickSubset(item.key, override(), at, customs) },
          ],
        };
      case 'changed': return { ...item, picked: wider.length === 0, describe: () => vscode.l10n.t('value differs: will be overwritten') + also };
      case 'writeOnly': return { ...item, picked: wider.length === 0, describe: () => vscode.l10n.t('write-only on Vercel: value unknown, will be overwritten') + also };
      case 'unchanged': return { ...item, describe: () => vscode.l10n.t('same value: skipped (tick to send anyway)') };
      case 'onlyRemote': {
        const types = new Set(recordsIn(envs, at, item.key).map((e) => e.type));
        return { ...item, describe: () => [...types].join(', ') };
      }
    }
  });
}

async function pickSubset(key: string, override: KeyOverride, at: PushEnvironments, customs: readonly CustomEnvironment[]): Promise<void> {
  const slots = [...at.targets, ...at.customEnvironmentIds];
  const current = [...override.at.targets, ...override.at.customEnvironmentIds];
  const picked = await vscode.window.showQuickPick(slots.map((slot) => ({ label: slotLabel(slot, customs), slot, picked: current.includes(slot) })),
    { title: vscode.l10n.t('Environments for {0}', key), canPickMany: true, ignoreFocusOut: true });
  if (!picked || picked.length === 0) return;
  const chosen = picked.map((p) => p.slot);
  override.at = {
    targets: at.targets.filter((t) => chosen.includes(t)),
    customEnvironmentIds: at.customEnvironmentIds.filter((c) => chosen.includes(c)),
    gitBranch: at.gitBranch,
  };
}
