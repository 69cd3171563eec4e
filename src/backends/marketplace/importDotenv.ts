import * as vscode from 'vscode';
import { CancelledError, InputError } from '../../core/errors';
import { parseDotenv } from '../../core/marketplace/dotenv';
import { secretsProblem } from '../../core/marketplace/rules';
import { confirm } from '../../platform/prompts';
import type { Command } from '../backend';
import { push } from './push';
import { resource } from './resourceCommands';

/** "Import .env into Resource…": parse a file, preview the names, send them in one request (`partial: true`). */
export const importDotenvToResource: Command = {
  id: 'projectSecrets.importDotenvToResource',
  async run(services, node?: unknown) {
    const at = await resource(services, node);
    const [file] = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import .env into {0}', at.resource.name), canSelectMany: false, openLabel: vscode.l10n.t('Import'),
      filters: { [vscode.l10n.t('Environment files')]: ['env', 'local', 'production', 'development', 'preview', '*'] },
    }) ?? [];
    if (!file) throw new CancelledError();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    const { entries, problems } = parseDotenv(text);
    if (problems.length > 0) {
      const lines = problems.slice(0, 5).map((p) => vscode.l10n.t('line {0}: {1}', p.line, p.message)).join('; ');
      const more = problems.length > 5 ? vscode.l10n.t(' (and {0} more)', problems.length - 5) : '';
      const fileName = file.path.split('/').pop() ?? '';
      throw new InputError(problems.length === 1
        ? vscode.l10n.t('{0} has 1 problem, so nothing was sent: {1}{2}', fileName, lines, more)
        : vscode.l10n.t('{0} has {1} problems, so nothing was sent: {2}{3}', fileName, problems.length, lines, more));
    }
    if (entries.length === 0) throw new InputError(vscode.l10n.t('The file has no variables to import.'));
    const secrets = entries.map((e) => ({ name: e.name, value: e.value }));
    for (const s of secrets) services.logger.addSecret(s.value);
    const problem = secretsProblem(secrets);
    if (problem) throw new InputError(problem);
    await confirm(secrets.length === 1 ? vscode.l10n.t('Import 1 secret into {0}?', at.resource.name) : vscode.l10n.t('Import {0} secrets into {1}?', secrets.length, at.resource.name),
      `${secrets.map((s) => `• ${s.name}`).join('\n')}\n\n${vscode.l10n.t('These are overwritten; other secrets of the resource are kept.')}`,
      vscode.l10n.t('Import'));
    await push(services, at, secrets, true);
  },
};
