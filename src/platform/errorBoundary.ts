import * as vscode from 'vscode';
import { isCancellation } from './core/errors';
import { describe } from './describe';
import type { Command, Services } from './commands/command';

/**
 * The one error boundary of every command: cancellation is silent, every error
 * is logged (redacted) and the user gets one short, actionable message.
 */
export function registerCommand(command: Command, services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    try {
      return await command.run(services, ...args);
    } catch (err) {
      if (isCancellation(err)) return undefined;
      const message = services.logger.redact(describe(err));
      services.logger.error(`${command.id}: ${message}`);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(message, showLog).then((choice) => {
        if (choice === showLog) services.logger.show();
      });
      return undefined;
    }
  });
}
