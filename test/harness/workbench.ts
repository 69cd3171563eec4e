// A real workbench in headless Chromium with this extension loaded, plus the few
// person-like actions the UI tests need. Selectors are VS Code's own DOM
// (.monaco-list-row, .quick-input-widget, aria-labels), and every step waits on a
// condition rather than sleeping.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startEmulator } from '../../emulator';
import { launchBrowser } from './browser';
import { interrupted, onCleanup } from './cleanup';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { resultsDir, since } from './log';
import { NotificationsCenter } from './notifications';
import { scaled } from './timeouts';

export const screenshotsDir = path.join(resultsDir, 'screenshots');
/** A step's timeout on a quiet machine, in ms; every wait scales it by the load when it starts. */
const BASE_TIMEOUT = 20_000;
const stepTimeout = (): number => scaled(BASE_TIMEOUT);

export type OpenWorkbenchOptions = Omit<Partial<CodeServerOptions>, 'logName'> & {
  name: string;
  /** false: the extension is not loaded from this repository (e.g. it is installed from a `.vsix` instead). Default true. */
  developmentExtension?: boolean;
};

/** Starts code-server + Chromium and waits until the Project Secrets icon is in the activity bar. */
export async function openWorkbench(opts: OpenWorkbenchOptions): Promise<Workbench> {
  const emulatorUrl = process.env.PROJECT_SECRETS_EMULATOR_URL ?? (await ownEmulator());
  const { name, developmentExtension = true, ...rest } = opts;
  const cs = await startCodeServer({
    apiUrl: emulatorUrl,
    ...rest,
    logName: `ui-${name}`,
    env: { PROJECT_SECRETS_EMULATOR_URL: emulatorUrl, ...rest.env },
  });
  try {
    const session = await launchBrowser(cs.log);
    const wb = new Workbench(session.page, cs, emulatorUrl, name, async () => {
      await session.close();
      await cs.close();
      cs.log.close();
    });
    const t0 = Date.now();
    session.page.setDefaultTimeout(stepTimeout());
    await session.page.goto(cs.workbenchUrl(developmentExtension ? {} : { extensionDevelopmentPath: null }));
    await wb.activityItem('Project Secrets').waitFor({ timeout: scaled(60_000) });
    const timing = `code-server ready in ${(cs.startMs / 1000).toFixed(1)}s, workbench with the extension in ${since(t0)}`;
    cs.log.write('harness', timing);
    console.log(`    (${name}: ${timing})`);
    return wb;
  } catch (err) {
    if (!interrupted()) cs.log.printTail();
    await cs.close();
    throw err;
  }
}

/** Running a UI file on its own (without runUi): bring an emulator along. */
async function ownEmulator(): Promise<string> {
  const emulator = await startEmulator({ port: 0, seed: true });
  onCleanup('emulator', () => emulator.close());
  process.env.PROJECT_SECRETS_EMULATOR_URL = emulator.url;
  return emulator.url;
}

export class Workbench {
  /** The row and options of the last context menu opened, to open it again if a click is lost. */
  private lastContextMenu: { label: string; opts: { atEnd?: boolean } } | undefined;

  private shot = 0;

  /** The record of every notification shown (toasts are transient: never wait on one). */
  readonly notifications: NotificationsCenter;

  constructor(
    readonly page: Page,
    readonly codeServer: CodeServer,
    readonly emulatorUrl: string,
    private readonly name: string,
    readonly close: () => Promise<void>,
  ) {
    this.notifications = new NotificationsCenter(page);
  }

  /** test-results/screenshots/<name>-NN-<step>.png; returns the path for failure messages. */
  async screenshot(step: string): Promise<string> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    this.shot += 1;
    const file = path.join(screenshotsDir, `${this.name}-${String(this.shot).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file });
    this.codeServer.log.write('harness', `screenshot ${file}`);
    return file;
  }

  activityItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item .action-label[aria-label^="${title}"]`).first();
  }

  sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Opens a view container from the activity bar unless it is already showing. */
  async openViewContainer(title: string): Promise<void> {
    const tab = this.page.locator(`.part.activitybar .action-item:has(.action-label[aria-label^="${title}"])`).first();
    if ((await tab.getAttribute('aria-selected')) !== 'true') await this.activityItem(title).click();
    await this.sidebar().locator('.composite.title h2', { hasText: title }).first().waitFor({ timeout: stepTimeout() });
  }

  welcomeButton(text: string): Locator {
    return this.sidebar().locator('.welcome-view-content .monaco-button', { hasText: text }).first();
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * F1, type the command's title, then Enter when it is the focused pick; when another command
   * whose title holds the same words ranks first (e.g. "Add Project to Secrets API Connection…"
   * for "Add Secrets API Connection…"), click it, as a person would.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: stepTimeout() });
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: title.replace(/…$/, '') }).first();
    await row.waitFor({ timeout: stepTimeout() });
    if (/\bfocused\b/.test((await row.getAttribute('class')) ?? '')) await this.page.keyboard.press('Enter');
    else await row.click();
  }

  /** Types into the open quick input (an input box such as a password prompt) and submits. */
  async answerInput(text: string, opts: { password?: boolean } = {}): Promise<void> {
    const selector = opts.password ? '.quick-input-box input[type="password"]' : '.quick-input-box input';
    const input = this.quickInput().locator(selector);
    await input.waitFor({ state: 'visible', timeout: stepTimeout() });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: stepTimeout() });
  }

  /** A tree row in the side bar whose label is exactly `label`. */
  row(label: string): Locator {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.sidebar().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) });
  }

  /** Waits for a row, scrolling the tree when it is below the rendered part of the list. */
  async waitForRow(label: string, timeout = stepTimeout()): Promise<Locator> {
    const row = this.row(label).first();
    const deadline = Date.now() + timeout;
    // The first look waits for the row to be drawn; later looks follow a scroll, which draws at once.
    let look = 2_000;
    for (;;) {
      try {
        await row.waitFor({ timeout: Math.min(look, Math.max(1, deadline - Date.now())) });
        await row.scrollIntoViewIfNeeded();
        return row;
      } catch (err) {
        if (Date.now() >= deadline) throw err;
        // Rows are virtualized: a row outside the viewport is not in the DOM. Scroll
        // down a page; once the rendered rows stop changing (bottom), go back to the top.
        look = 300;
        const list = this.sidebar().locator('.monaco-list').first();
        if (await list.isVisible()) {
          const labels = () => list.locator('.monaco-list-row .label-name').allTextContents();
          const before = (await labels()).join('|');
          await list.hover();
          // About a page (the list's height), so a long list is searched in few steps.
          await this.page.mouse.wheel(0, Math.max(300, ((await list.boundingBox())?.height ?? 300) - 60));
          await this.page.waitForTimeout(100); // let the list re-render after the wheel
          if ((await labels()).join('|') === before) await this.page.mouse.wheel(0, -100_000);
        }
      }
    }
  }

  /** Clicks a collapsed row's twistie and waits until it is expanded. */
  async expand(label: string): Promise<Locator> {
    // By locator, not element handle: the list recycles row elements while children load.
    const expanded = this.row(label).and(this.page.locator('[aria-expanded="true"]')).first();
    const deadline = Date.now() + stepTimeout();
    // The extension may expand the row itself at the same moment (a new account is revealed
    // expanded), and a click then collapses it again: click only while collapsed, until expanded.
    for (;;) {
      const row = await this.waitForRow(label, Math.max(1, deadline - Date.now()));
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
      try {
        await expanded.waitFor({ timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) });
        return expanded;
      } catch (err) {
        if (Date.now() >= deadline) throw err;
      }
    }
  }

  /** Right-clicks a row and picks a context menu entry by its visible title. */
  async contextMenu(label: string, item: string): Promise<void> {
    await this.openContextMenu(label);
    await this.clickMenuItem(item);
  }

  /** The row's description (e.g. "•••••• · encrypted · production"). */
  async description(row: Locator): Promise<string> {
    return ((await row.locator('.label-description').first().textContent()) ?? '').trim();
  }

  /** Drags the side bar's edge, as a person would, so rows show their descriptions untruncated. */
  async widenSidebar(width: number): Promise<void> {
    const box = await this.sidebar().boundingBox();
    if (!box || box.width >= width) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.mouse.move(box.x + width + 300, y); // off the sash, so it is not drawn highlighted
    const deadline = Date.now() + stepTimeout();
    while (((await this.sidebar().boundingBox())?.width ?? 0) < width - 20) {
      if (Date.now() >= deadline) throw new Error(`the side bar did not widen to ${width}px`);
      await this.page.waitForTimeout(50); // layout settles on the next frame
    }
  }

  /**
   * Right-clicks a row and waits for its context menu (left open, e.g. for a screenshot);
   * returns the menu. `atEnd` clicks just left of the inline actions, so the menu opens
   * beside the tree instead of over it.
   */
  async openContextMenu(label: string, opts: { atEnd?: boolean } = {}): Promise<Locator> {
    this.lastContextMenu = { label, opts };
    // A menu opened on a row that the tree is about to redraw can swallow its item's click.
    await this.waitForTreeSettled();
    const row = await this.waitForRow(label);
    const box = opts.atEnd ? await row.boundingBox() : null;
    await row.click({ button: 'right', ...(box ? { position: { x: box.width - 80, y: box.height / 2 } } : {}) });
    const menu = this.page.locator('.monaco-menu').first();
    await menu.locator('.action-item .action-label').first().waitFor({ state: 'visible', timeout: stepTimeout() });
    return menu;
  }

  /** Clicks an entry of the open context menu by its visible title. */
  async clickMenuItem(item: string): Promise<void> {
    const menu = this.page.locator('.monaco-menu').first();
    for (let attempt = 1; ; attempt++) {
      const entry = this.page.locator('.monaco-menu .action-item .action-label', { hasText: item }).first();
      await entry.waitFor({ state: 'visible', timeout: stepTimeout() });
      await entry.hover();
      await entry.click();
      // On a loaded machine the workbench sometimes leaves a just-opened menu standing (the
      // tree redrew under it after the previous command): the item stays highlighted and
      // nothing runs. Try Enter on it, then close the menu and open it again, as a person would.
      if (await menu.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)) return;
      if (await entry.isVisible()) {
        await entry.hover();
        await this.page.keyboard.press('Enter');
        if (await menu.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)) return;
      }
      if (attempt >= 3 || !this.lastContextMenu) throw new Error(`the context menu item "${item}" did not run after ${attempt} attempts`);
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: stepTimeout() });
      await this.openContextMenu(this.lastContextMenu.label, this.lastContextMenu.opts);
    }
  }

  /**
   * Waits until the side bar's tree has stopped changing: no progress bar, and the same
   * rows (label, description, expansion) in three samples 100 ms apart.
   */
  async waitForTreeSettled(): Promise<void> {
    const snapshot = () => this.sidebar().locator('.monaco-list-row').evaluateAll((rows) => rows.map((row) => [
      row.getAttribute('data-index'), row.getAttribute('aria-expanded'),
      row.querySelector('.label-name')?.textContent, row.querySelector('.label-description')?.textContent,
    ].join('\u0001')).sort().join('\u0002'));
    const busy = this.sidebar().locator('.monaco-progress-container.active');
    const deadline = Date.now() + stepTimeout();
    let last = '';
    let same = 0;
    while (same < 3) {
      if (Date.now() >= deadline) throw new Error('the tree kept changing');
      const now = (await busy.count()) > 0 ? `busy ${Date.now()}` : await snapshot();
      same = now === last ? same + 1 : 1;
      last = now;
      if (same < 3) await this.page.waitForTimeout(100); // sampling interval, not a wait for an effect
    }
  }

  /** Hovers a row so its inline actions show, then clicks the one whose aria-label starts with `action`. */
  async clickInlineAction(label: string, action: string): Promise<void> {
    const row = await this.waitForRow(label);
    await row.hover();
    const button = row.locator(`.actions .action-label[aria-label^="${action}"]`).first();
    await button.waitFor({ state: 'visible', timeout: stepTimeout() });
    await button.click();
  }

  /**
   * Waits until the quick input shows the step whose prompt (input box), placeholder
   * (quick pick) or title contains `text`; returns its text field. Steps of one flow
   * replace each other in the same widget, so this tells them apart.
   */
  async waitForQuickInputStep(text: string): Promise<Locator> {
    const widget = this.quickInput();
    const input = widget.locator('.quick-input-box input');
    const byMessage = widget.locator('.quick-input-message', { hasText: text });
    const byTitle = widget.locator('.quick-input-title', { hasText: text });
    const byPlaceholder = widget.locator(`.quick-input-box input[placeholder*="${text.replace(/"/g, '\\"')}"]`);
    await byMessage.or(byTitle).or(byPlaceholder).filter({ visible: true }).first().waitFor({ timeout: stepTimeout() });
    await input.waitFor({ state: 'visible', timeout: stepTimeout() });
    return input;
  }

  /** Clicks a quick pick item by its label. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const item = this.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await item.waitFor({ state: 'visible', timeout: stepTimeout() });
    await item.click();
  }

  /** VS Code's own modal dialog (the browser has no native one). */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box').first();
  }

  /** Clicks a button of the open modal dialog by its exact text and waits for the dialog to close. */
  async clickDialogButton(text: string): Promise<void> {
    const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await this.dialog().locator('.dialog-buttons .monaco-button', { hasText: exact }).first().click();
    await this.dialog().waitFor({ state: 'hidden', timeout: stepTimeout() });
  }

  /**
   * Waits until a notification whose message contains `message` was shown, read from the
   * Notifications center (a toast may never appear or may be gone; see notifications.ts).
   * Returns its full message.
   */
  async waitForNotification(message: string | RegExp): Promise<string> {
    return this.notifications.waitFor(message);
  }

  /** Clicks a button of the notification whose message contains `message`, in the Notifications center. */
  async clickNotificationButton(message: string | RegExp, button: string): Promise<void> {
    await this.notifications.clickButton(message, button);
  }

  /** Waits until a row's description matches (the tree redraws rows after a change). */
  async waitForDescription(label: string, expected: string | RegExp, timeout = stepTimeout()): Promise<Locator> {
    const matches = (text: string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      const row = await this.waitForRow(label, Math.max(1, deadline - Date.now()));
      last = await this.description(row).catch(() => '');
      if (matches(last)) return row;
      if (Date.now() >= deadline) throw new Error(`row "${label}" has description "${last}", expected ${String(expected)}`);
      await this.page.waitForTimeout(100); // poll: the row element is recycled on redraw, so no single element to wait on
    }
  }

  /**
   * Checks `holds` every 250 ms for `ms` (a measurement window, e.g. "no request for 5 s"),
   * and throws `what` at the first check that fails: a request storm fails at once.
   */
  async holdsFor(ms: number, holds: () => Promise<boolean>, what: string): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      if (!(await holds())) throw new Error(`${what} (after ${ms - Math.max(0, end - Date.now())} ms)`);
      if (Date.now() >= end) return;
      await this.page.waitForTimeout(Math.min(250, Math.max(1, end - Date.now())));
    }
  }

  /** JSON from the emulator's admin API, e.g. `/_emulator/state`. */
  async emulatorGet<T>(pathname: string): Promise<T> {
    const res = await fetch(`${this.emulatorUrl}${pathname}`);
    if (!res.ok) throw new Error(`GET ${pathname}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  /** Everything a person or a screen reader could get from the page: text and attributes. */
  async pageContent(): Promise<string> {
    const text = await this.page.locator('body').innerText();
    return `${text}\n${await this.page.content()}`;
  }
}
