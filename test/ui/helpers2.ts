// Small additions for the account-secrets and Marketplace UI tests, on top of the
// shared Workbench (test/harness/workbench.ts): rows whose label is only known by a
// pattern (e.g. a push time), the emulator's admin POSTs, replacing a prefilled
// input as a person would, and the page-wide "no secret value is shown" check.
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';

const TIMEOUT = 20_000;

/** Side bar tree rows whose label matches `label` (e.g. a message with a date in it). */
export function rowMatching(wb: Workbench, label: RegExp): Locator {
  return wb.sidebar().locator('.monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: label }) });
}

/** Waits for a row matching `label`; returns its label text. */
export async function waitForRowMatching(wb: Workbench, label: RegExp, timeout = TIMEOUT): Promise<string> {
  const row = rowMatching(wb, label).first();
  await row.waitFor({ timeout });
  await row.scrollIntoViewIfNeeded();
  return ((await row.locator('.label-name').first().textContent()) ?? '').trim();
}

/** The labels of the rows directly under an expanded row (by aria-level), in tree order. */
export async function childLabels(wb: Workbench, parent: string): Promise<string[]> {
  const rows = wb.sidebar().locator('.monaco-list-row');
  const all = await rows.evaluateAll((els) => els.map((el) => ({
    label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
    level: Number(el.getAttribute('aria-level') ?? '0'),
    index: Number(el.getAttribute('data-index') ?? '0'),
  })));
  all.sort((a, b) => a.index - b.index);
  const at = all.findIndex((r) => r.label === parent);
  if (at < 0) return [];
  const children: string[] = [];
  for (const row of all.slice(at + 1)) {
    if (row.level <= all[at].level) break;
    if (row.level === all[at].level + 1) children.push(row.label);
  }
  return children;
}

/** POST JSON to the emulator's admin API, e.g. `/_emulator/config`. */
export async function emulatorPost<T>(wb: Workbench, pathname: string, body: unknown): Promise<T> {
  const res = await fetch(`${wb.emulatorUrl}${pathname}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${pathname}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Clears a (prefilled) quick input field with the keyboard and types `text` into it. */
export async function retype(wb: Workbench, input: Locator, text: string): Promise<void> {
  await input.press('ControlOrMeta+A');
  await input.press('Backspace');
  await wb.page.keyboard.type(text);
  assert.strictEqual(await input.inputValue(), text, 'the quick input did not take the typed text');
}

/** Types into the quick input step that is showing, then presses Enter (the widget may stay open for the next step). */
export async function typeAndEnter(wb: Workbench, input: Locator, text: string): Promise<void> {
  if (text) await wb.page.keyboard.type(text);
  assert.strictEqual(await input.inputValue(), text, 'the quick input did not take the typed text');
  await wb.page.keyboard.press('Enter');
}

/** None of `values` is anywhere in the page's text or markup; `shot` names the screenshot to look at. */
export async function assertNoneInPage(wb: Workbench, values: readonly string[], shot: string): Promise<void> {
  const content = await wb.pageContent();
  const leaked = values.filter((value) => value && content.includes(value));
  assert.deepStrictEqual(leaked, [], `secret values visible in the page (${shot})`);
}

/** A date as the extension host's `toLocaleDateString` draws it (11/29/2026, 29.11.2026, 2026-11-29). */
export const shownDate = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;

/**
 * Routine successes are said in the status bar for a few seconds, not as notifications: no
 * notification in the Notifications center contains `text`.
 */
export async function assertNoNotification(wb: Workbench, text: string, shot: string): Promise<void> {
  const stacked = (await wb.notifications.all()).filter((n) => n.message.includes(text)).map((n) => n.message);
  assert.deepStrictEqual(stacked, [], `a notification for a routine success (${shot})`);
}

/** The messages in the Notifications center that contain `text` (opens and closes it). */
export async function notificationsWith(wb: Workbench, text: string): Promise<string[]> {
  return (await wb.notifications.all()).filter((n) => n.message.includes(text)).map((n) => n.message);
}
