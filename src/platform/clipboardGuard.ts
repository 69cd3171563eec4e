import * as vscode from 'vscode';

/**
 * Clears a copied secret from the clipboard after a delay, but only if the
 * clipboard still holds it: whatever the user copied since is left alone.
 */
export class ClipboardGuard implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private pending: string | undefined;

  /** Copies `value`; returns the seconds after which it will be cleared (0 = never). */
  async copySecret(value: string): Promise<number> {
    await vscode.env.clipboard.writeText(value);
    this.cancel();
    const seconds = vscode.workspace.getConfiguration('projectSecrets').get<number>('clipboardClearSeconds', 30);
    if (seconds > 0) {
      this.pending = value;
      this.timer = setTimeout(() => void this.clear(), seconds * 1000);
    }
    return seconds > 0 ? seconds : 0;
  }

  /** Resolves when done; also used at deactivation so a secret does not outlive the window. */
  async clear(): Promise<void> {
    const value = this.pending;
    this.cancel();
    if (value !== undefined && (await vscode.env.clipboard.readText()) === value) {
      await vscode.env.clipboard.writeText('');
    }
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  dispose(): void {
    void this.clear();
  }
}
