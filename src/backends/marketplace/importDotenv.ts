import * as vscode from 'vscode';
import { CancelledError, InputError } from '../../core/errors';
import { readDotenvFile, type DotenvEntry } from '../../core/dotenv/parse';
import { secretsProblem } from '../../core/marketplace/rules';
import { applyValueFixes } from '../../core/values';
import { confirm } from '../../platform/prompts';
import { keepAsTypedLabel, removeItLabel } from '../../platform/valueEntry';
import type { Command } from '../backend';
import { push } from './push';
import { resource } from './resourceCommands';

/**
 * "Import .env into Resource…": read a file as dotenv does (core/dotenv: encoding from its
 * bytes, problems at their lines), confirm what is odd in its values, preview the names,
 * send them in one request (`partial: true`).
 */
export const importDotenvToResource: Command = {
  id: 'projectSecrets.importDotenvToResource',
  async run(services, node?: unknown) {
    const at = await resource(services, node);
    const [file] = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import .env into {0}', at.resource.name), canSelectMany: false, openLabel: vscode.l10n.t('Import'),
      filters: { [vscode.l10n.t('Environment files')]: ['env', 'local', 'production', 'development', 'preview', '*'] },
    }) ?? [];
    if (!file) throw new CancelledError();
    const fileName = file.path.split('/').pop() ?? '';
    const { entries, problems } = readDotenvFile(await vscode.workspace.fs.readFile(file), fileName);
    for (const e of entries) services.logger.addSecret(e.value);
    if (problems.length > 0) {
      const lines = problems.slice(0, 5).map((p) => vscode.l10n.t('line {0}: {1}', p.line, p.message)).join('; ');
      const more = problems.length > 5 ? vscode.l10n.t(' (and {0} more)', problems.length - 5) : '';
      throw new InputError(problems.length === 1
        ? vscode.l10n.t('{0} has 1 problem, so nothing was sent: {1}{2}', fileName, lines, more)
        : vscode.l10n.t('{0} has {1} problems, so nothing was sent: {2}{3}', fileName, problems.length, lines, more));
    }
    if (entries.length === 0) throw new InputError(vscode.l10n.t('The file has no variables to import.'));
    const secrets = (await confirmFindings(entries)).map((e) => ({ name: e.name, value: e.value }));
    for (const s of secrets) services.logger.addSecret(s.value);
    const problem = secretsProblem(secrets);
    if (problem) throw new InputError(problem);
    await confirm(secrets.length === 1 ? vscode.l10n.t('Import 1 secret into {0}?', at.resource.name) : vscode.l10n.t('Import {0} secrets into {1}?', secrets.length, at.resource.name),
      `${secrets.map((s) => `• ${s.name}`).join('\n')}\n\n${vscode.l10n.t('These are overwritten; other secrets of the resource are kept.')}`,
      vscode.l10n.t('Import'));
    await push(services, at, secrets, true);
  },
};

/**
 * What is odd in the values (an empty value is the rules' business), by line and name, with
 * "Remove it" (every value fixed) or "Keep as typed"; nothing is changed silently.
 */
async function confirmFindings(entries: readonly DotenvEntry[]): Promise<Array<{ name: string; value: string }>> {
  const odd = entries.map((e) => ({ entry: e, findings: e.findings.filter((f) => f.kind !== 'empty') })).filter((o) => o.findings.length > 0);
  if (odd.length === 0) return [...entries];
  const shown = odd.slice(0, 10).flatMap(({ entry, findings }) =>
    findings.map((f) => `• ${vscode.l10n.t('line {0}', entry.line)}: ${f.message}`));
  const rest = odd.length - 10;
  const more = rest <= 0 ? [] : [rest === 1 ? vscode.l10n.t('…and 1 more variable.') : vscode.l10n.t('…and {0} more variables.', rest)];
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Something in {0} of the values may not be meant to be there.', odd.length),
    { modal: true, detail: [...shown, ...more, '', vscode.l10n.t('"Remove it" imports those values without these characters; "Keep as typed" imports every value exactly as the file has it.')].join('\n') },
    removeItLabel, keepAsTypedLabel);
  if (choice === keepAsTypedLabel) return [...entries];
  if (choice !== removeItLabel) throw new CancelledError();
  return entries.map((e) => ({ name: e.name, value: applyValueFixes(e.value, e.findings.filter((f) => f.kind !== 'empty').map((f) => f.kind)) }));
}
