// Notifications as a person finds them when a toast is gone: in the Notifications
// center (the bell in the status bar). Toasts are transient and cannot be waited on:
// VS Code hides an info toast after 15 s while the window has focus, shows none while
// the center is open, and drops the toast (not the notification) of any notification
// beyond the 3rd within 800 ms (NotificationsToasts' spam protection, which a loaded
// machine hits when the extension host delivers a progress and a message together).
// The center lists every notification until it is cleared, so tests read it there.
import type { Locator, Page } from 'playwright-core';
import { scaled } from './timeouts';

const BASE_TIMEOUT = 20_000;

export type Severity = 'error' | 'warning' | 'info';

export interface NotificationEntry {
  readonly message: string;
  readonly severity: Severity;
}

export class NotificationsCenter {
  constructor(private readonly page: Page) {}

  private center(): Locator {
    return this.page.locator('.notifications-center');
  }

  private bell(): Locator {
    return this.page.locator('.part.statusbar [id="status.notifications"] a, .part.statusbar [id="status.notifications"]').first();
  }

  /** The center's rows whose message contains `message`. */
  private rows(message: string | RegExp): Locator {
    return this.center().locator('.monaco-list-row', { has: this.page.locator('.notification-list-item-message', { hasText: message }) });
  }

  async isOpen(): Promise<boolean> {
    return this.page.locator('.notifications-center.visible').isVisible();
  }

  /** Opens the center with the bell, as a person would; a no-op when it is open. */
  async open(): Promise<void> {
    await this.toggleUntil(true, [() => this.bell().click()]);
  }

  /** Closes the center with its "Hide Notifications" button (else Escape, else the bell); a no-op when it is closed. */
  async close(): Promise<void> {
    const hide = this.center().locator('.notifications-center-header .action-label[aria-label^="Hide Notifications"]').first();
    await this.toggleUntil(false, [() => hide.click(), () => this.page.keyboard.press('Escape'), () => this.bell().click()]);
  }

  /**
   * Does the next of `attempts` until the center is open (`open`) or closed, as a person
   * clicks again when a click was lost (seen under load: a click on the center's header
   * while the workbench re-renders it does nothing); gives up after the step timeout.
   */
  private async toggleUntil(open: boolean, attempts: ReadonlyArray<() => Promise<void>>): Promise<void> {
    const visible = this.page.locator('.notifications-center.visible');
    const deadline = Date.now() + scaled(BASE_TIMEOUT);
    for (let i = 0; (await this.isOpen()) !== open; i++) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the Notifications center did not ${open ? 'open' : 'close'}`);
      await attempts[i % attempts.length]().catch(() => undefined); // a lost click is retried below
      await visible.waitFor({ state: open ? 'visible' : 'hidden', timeout: Math.min(left, scaled(3_000)) }).catch(() => undefined);
    }
  }

  /** Runs `fn` with the center open and closes it again, whatever `fn` does. */
  private async whileOpen<T>(fn: () => Promise<T>): Promise<T> {
    await this.open();
    try {
      return await fn();
    } finally {
      await this.close();
    }
  }

  /**
   * Waits until a notification whose message contains `message` is in the center (it may
   * arrive while the center is open) and returns its full message text.
   */
  async waitFor(message: string | RegExp, timeout = scaled(BASE_TIMEOUT)): Promise<string> {
    return this.whileOpen(async () => {
      const row = this.rows(message).first();
      try {
        await row.waitFor({ state: 'visible', timeout });
      } catch {
        const shown = (await this.read()).map((n) => `${n.severity}: ${n.message}`);
        throw new Error(`no notification "${String(message)}" within ${timeout} ms; the Notifications center holds:\n  ${shown.join('\n  ') || '(nothing)'}`);
      }
      return ((await row.locator('.notification-list-item-message').first().textContent()) ?? '').trim();
    });
  }

  /** Every notification in the center, newest first (opens and closes it). */
  async all(): Promise<NotificationEntry[]> {
    return this.whileOpen(() => this.read());
  }

  /** Clicks a button of the notification whose message contains `message`, expanding it first if needed. */
  async clickButton(message: string | RegExp, button: string): Promise<void> {
    await this.open();
    const row = this.rows(message).first();
    await row.waitFor({ state: 'visible', timeout: scaled(BASE_TIMEOUT) });
    const action = row.locator('.notification-list-item-buttons-container .monaco-button', { hasText: button }).first();
    if (!(await action.isVisible())) {
      // Collapsed in the center: its buttons show once it is expanded.
      await row.locator('.action-label[aria-label^="Expand Notification"]').first().click();
    }
    await action.waitFor({ state: 'visible', timeout: scaled(BASE_TIMEOUT) });
    await action.click();
    await this.close();
  }

  /** The center's rows as drawn (the center must be open). */
  private async read(): Promise<NotificationEntry[]> {
    return this.center().locator('.monaco-list-row').evaluateAll((rows) => rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index') ?? '0'),
        message: (row.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
        severity: (row.querySelector('.codicon-error') ? 'error' : row.querySelector('.codicon-warning') ? 'warning' : 'info') as Severity,
      }))
      .sort((a, b) => a.index - b.index)
      .map(({ message, severity }) => ({ message, severity })));
  }
}
