// The workbench's test hooks: with extensionTestsPath in the payload, VS Code runs the
// suite's run() in the Node extension host, routes the host's console through its log
// service to window.codeAutomationLog, and calls window.codeAutomationExit(code) at the end.
import { format } from 'util';
import type { Page } from 'playwright-core';
import type { HarnessLog } from './log';

// Workbench chatter that shares the channel with the suite's output. It is kept in the
// log file; only the suite's own lines go to stdout (HARNESS_VERBOSE=1 shows all).
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution/,
  /open-vsx\.org/,
  /^\[driver\]/,
  /^Started local extension host/,
  /^Extension host \(.*\) is/,
  /^Ignoring the error while validating workspace folder/,
  /^\[(remote|local)? ?[Ee]xtension [Hh]ost\]/,
  /^Settings Sync:/,
  /^\[perf\]/,
];

export interface AutomationResult {
  /** Resolves with the suite's exit code when the workbench calls codeAutomationExit. */
  exitCode: Promise<number>;
}

/** Must be called before page.goto: exposed functions only bind on new documents. */
export async function exposeAutomation(page: Page, log: HarnessLog): Promise<AutomationResult> {
  const verbose = process.env.HARNESS_VERBOSE === '1';
  let resolveExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    log.write(`ext:${type}`, text);
    if (!verbose && (type === 'trace' || type === 'debug' || NOISE.some((re) => re.test(text)))) return;
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    log.write('harness', `codeAutomationExit(${code})`);
    resolveExit(typeof code === 'number' ? code : 1);
  });
  return { exitCode };
}
