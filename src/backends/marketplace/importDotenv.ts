import * as vscode from 'vscode';
import { buildReview } from '../../core/dotenv/review';
import { InputError } from '../../core/errors';
import { resourceSecretNameProblem, secretsProblem, valueProblem } from '../../core/marketplace/rules';
import { pickDotenvFile, readDotenvUpload } from '../../platform/dotenvFile';
import { reviewPick } from '../../platform/reviewPick';
import type { Command } from '../backend';
import { push } from './push';
import { PushLog } from './pushLog';
import { resource } from './resourceCommands';

/**
 * "Import .env into Resource…": read a file as dotenv does (core/dotenv: encoding from its
 * bytes, problems at their lines), confirm what is odd in its values, review per key, send
 * the ticked ones in one request (`partial: true`). Resource secrets cannot be read back:
 * the review knows only the names pushed from here before (the push log), whose values are
 * unknown and get overwritten; other secrets of the resource are kept.
 */
export const importDotenvToResource: Command = {
  id: 'projectSecrets.importDotenvToResource',
  async run(services, node?: unknown) {
    const at = await resource(services, node);
    const title = vscode.l10n.t('Import .env into {0}', at.resource.name);
    const file = await pickDotenvFile(title);
    const { fileName, entries } = await readDotenvUpload(file, (v) => services.logger.addSecret(v),
      (name, value) => resourceSecretNameProblem(name) ?? valueProblem(value));
    const pushed = new PushLog(services.globalState).get(at.account.id, at.resource.id)?.names ?? [];
    const review = buildReview(entries, { keys: pushed, compare: () => 'unknown' });
    const answer = await reviewPick({
      title: vscode.l10n.t('{0} → {1}: review', fileName, at.resource.name), remoteName: at.resource.name, offerRemoval: false,
      rows: review.items.map((item) => ({
        ...item,
        describe: () => item.kind === 'new'
          ? vscode.l10n.t('will be set (not pushed from here before)')
          : vscode.l10n.t('pushed from here before: value unknown, will be overwritten'),
      })),
    });
    const values = new Map(entries.map((e) => [e.name, e.value]));
    const secrets = answer.send.map((name) => ({ name, value: values.get(name)! }));
    if (secrets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to import: every key was unticked.'));
      return;
    }
    const problem = secretsProblem(secrets);
    if (problem) throw new InputError(problem);
    await push(services, at, secrets, true);
  },
};
