import * as vscode from 'vscode';
import { planCopy, type CopyPlan } from '../../../core/compare/copy';
import { readingOf, valueDigest } from '../../../core/compare/matrix';
import { CancelledError, InputError } from '../../../core/errors';
import { effectiveVariable } from '../../../core/vercel/envPullPlan';
import type { EnvVar } from '../../../core/vercel/models';
import { withCancellableProgress } from '../../../platform/progress';
import { confirm } from '../../../platform/prompts';
import { ask } from '../../../platform/steps';
import { writeVerified } from '../../../platform/verifiedWrite';
import type { Services } from '../../backend';
import { visibilityLabel } from '../envLabels';
import { promptValue } from '../envPrompts';
import { afterChange } from '../target';
import { sameProject, type ComparedColumn, type Comparison } from './comparison';
import { showValueDiff } from './valueDiff';

/** What a copy did: whether the comparison took the write's answer, or must be read again. */
export type CopyOutcome = 'applied' | 'reload';

/**
 * "Copy to <environment>" on a cell where `key` is missing in column `to`: the variable to copy
 * (asked when the row has several), the plan (core/compare/copy.ts), a confirmation when it
 * does more than add the one environment, the value (read from a pull, or typed for a
 * write-only one), then one write; the tree and the comparison take its answer.
 */
export async function copyTo(services: Services, comparison: Comparison, key: string, to: number): Promise<CopyOutcome> {
  const target = comparison.columns[to];
  const source = await pickSource(comparison, key, to);
  const plan = planCopy(source.reading, { source: target.source, sameProject: sameProject(source.column.project, target.project), development: target.development });
  const where = target.label;
  const into = comparison.columns.every((c) => sameProject(c.project, target.project)) ? where : `${target.project.project.name} (${where})`;
  if (plan.kind === 'create' && plan.typeChanged) {
    await confirm(vscode.l10n.t('Copy {0} to {1}?', key, into), vscode.l10n.t(
      '{0} is {1}, which {2} does not take: a new {3} variable {0} is created in {2} only, with the value typed again. {4} keeps its own.',
      key, visibilityLabel(plan.from), where, visibilityLabel(plan.env), source.column.label), vscode.l10n.t('Create in {0}', where));
  } else if (target.source.target === 'production') {
    // One key press in the grid must not change what production gets: asked once, naming both sides.
    await confirm(vscode.l10n.t('Copy {0} to {1}?', key, into), vscode.l10n.t(
      'Production gets the value {0} has in {1} with its next deployment.', key, source.column.label), vscode.l10n.t('Copy'));
  }
  const targetClient = await comparison.client(services, target);
  const at = { scope: target.project.scope, projectId: target.project.project.id };
  let value: string | undefined;
  if (plan.kind === 'create') value = await valueFor(services, comparison, plan, source.column, where);
  let answered: EnvVar | undefined;
  await writeVerified(services, {
    what: vscode.l10n.t('Copying {0} to {1}', key, into), verb: plan.kind === 'create' ? 'create' : 'save',
    write: () => withCancellableProgress(vscode.l10n.t('Copying {0} to {1}…', key, into), async (signal) => {
      answered = plan.kind === 'extend'
        ? await targetClient.envs.update(at, plan.from.id, { targets: plan.targets, customEnvironmentIds: plan.customEnvironmentIds }, signal)
        : await targetClient.envs.create(at, { ...plan.env, value: value! }, false, signal);
    }),
    happened: async () => effectiveVariable(await targetClient.listEnvs(at.scope, at.projectId), key, target.source) !== undefined,
  });
  const message = plan.kind === 'extend'
    ? vscode.l10n.t('{0} now applies to {1} too in {2}.', key, where, target.project.project.name)
    : vscode.l10n.t('Created {0} in {1} of {2}.', key, where, target.project.project.name);
  afterChange(services, target.project, message, answered && [{ put: answered }]);
  if (!answered) return 'reload';
  comparison.applyWrite(target.project, answered, value !== undefined && plan.kind === 'create' && plan.env.type !== 'sensitive' ? valueDigest(value) : undefined);
  return 'applied';
}

interface Source {
  readonly column: ComparedColumn;
  readonly reading: EnvVar;
}

/** The variable to copy: the only one the row has, or the one the user picks (by the columns that have it). */
async function pickSource(comparison: Comparison, key: string, to: number): Promise<Source> {
  const found: Array<Source & { columns: string[] }> = [];
  comparison.columns.forEach((column, i) => {
    const reading = readingOf(column, key);
    if (i === to || reading.kind === 'missing' || reading.kind === 'system') return;
    const same = found.find((f) => f.reading.id === reading.env.id && sameProject(f.column.project, column.project));
    if (same) same.columns.push(column.label);
    else found.push({ column, reading: reading.env, columns: [column.label] });
  });
  if (found.length === 0) throw new InputError(vscode.l10n.t('{0} has no variable to copy: it is missing everywhere or set by Vercel.', key));
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(found.map((f) => ({
    label: f.columns.join(', '), description: f.reading.gitBranch ? `${f.reading.type} · ${f.reading.gitBranch}` : f.reading.type, source: f,
  })), { title: vscode.l10n.t('Copy {0} to {1}', key, comparison.columns[to].label), placeHolder: vscode.l10n.t('Copy the variable of which environment?') });
  if (!picked) throw new CancelledError();
  return picked.source;
}

/** The value of a create: read from a pull of the source's column (readable), or typed (write-only). */
async function valueFor(services: Services, comparison: Comparison, plan: Extract<CopyPlan, { kind: 'create' }>, from: ComparedColumn, where: string): Promise<string> {
  const key = plan.from.key;
  if (plan.value === 'ask') {
    const title = vscode.l10n.t('Value of {0} for {1}', key, where);
    const typed = await ask(title, (prompter) => promptValue(prompter, title, key, (v) => services.logger.addSecret(v)));
    services.logger.addSecret(typed);
    return typed;
  }
  const client = await comparison.client(services, from);
  const values = await withCancellableProgress(vscode.l10n.t('Reading {0}…', key),
    (signal) => client.pullEnv(from.project.scope, from.project.project.id, from.source, signal));
  const value = values.get(key);
  if (!value) throw new InputError(vscode.l10n.t('Vercel did not return the value of {0} in {1}: nothing was copied.', key, from.label));
  services.logger.addSecret(value);
  return value;
}

/**
 * "Compare Values…" on a cell that differs: after a modal confirmation (the values go on the
 * screen), reads both values (one `GET /v1/projects/{id}/env/{envId}` each, in parallel) and
 * opens them side by side in read-only in-memory documents.
 */
export async function compareValues(services: Services, comparison: Comparison, key: string, at: number, against: number): Promise<void> {
  const [left, right] = [comparison.columns[against], comparison.columns[at]];
  const [a, b] = [readingOf(left, key), readingOf(right, key)];
  if (a.kind !== 'value' || b.kind !== 'value') throw new InputError(vscode.l10n.t('Only readable values can be compared.'));
  await confirm(vscode.l10n.t('Show the values of {0} in {1} and {2}?', key, left.label, right.label),
    vscode.l10n.t('Both values are shown side by side in a read-only editor: visible to anyone who can see your screen, and, like any open editor, readable by your other extensions while it is open. They are never saved to disk.'),
    vscode.l10n.t('Show Values'));
  const read = async (column: ComparedColumn, env: EnvVar) => {
    const client = await comparison.client(services, column);
    const { value } = await client.envs.readValue({ scope: column.project.scope, projectId: column.project.project.id }, env.id);
    if (value === undefined) throw new InputError(vscode.l10n.t('Vercel did not return the value of {0} in {1}.', key, column.label));
    services.logger.addSecret(value);
    return value;
  };
  const [l, r] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}…', key) },
    () => Promise.all([read(left, a.env), read(right, b.env)]));
  await showValueDiff({ name: `${key} (${left.label})`, text: l }, { name: `${key} (${right.label})`, text: r },
    vscode.l10n.t('{0}: {1} ↔ {2}', key, left.label, right.label));
}
