// Issue 13, the first request of a window, in a real workbench: after a window reload with the
// Secrets view showing a (collapsed) account, the extension loads its HTTP transport while the
// view is on screen, from the V8 code cache the first session wrote, and sends nothing until
// the user expands the account. Read from the extension's own log (Output › Project Secrets)
// and the emulator's request record. Screenshots: test-results/screenshots/firstRequest-NN-*.png.
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { demoTokens, type RecordedRequest } from '../../emulator';
import { pollUntil } from '../harness/disk';
import type { Workbench } from '../harness/workbench';
import { addVercelAccount, setupWorkbench } from './setup';

/** Every "HTTP transport loaded" line of the extension's logs under the user data, oldest session first. */
function transportLoads(wb: Workbench): string[] {
  const found: Array<{ file: string; lines: string[] }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.log')) {
        const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('HTTP transport loaded'));
        if (lines.length) found.push({ file, lines });
      }
    }
  };
  walk(path.join(wb.codeServer.userDataDir, 'logs'));
  return found.sort((a, b) => a.file.localeCompare(b.file)).flatMap((f) => f.lines);
}

describe('The first request of a window in a real workbench', function () {
  let wb: Workbench;

  setupWorkbench('firstRequest', (opened) => { wb = opened; });

  const requests = () => wb.emulatorGet<RecordedRequest[]>('/_emulator/requests');

  it('preloads the transport from its code cache while the view shows an account, and sends nothing until asked', async function () {
    await addVercelAccount(wb, demoTokens.alice, { sidebarWidth: 480, accountLabel: 'alice' });
    await wb.waitForRow('Personal');
    assert.deepStrictEqual(transportLoads(wb).map((l) => /code cache: (\w+)/.exec(l)?.[1]), ['none'], 'the first session loads without a cache');
    // The cache is written a second after the first answer: wait for the file, not for a time.
    const cacheDir = path.join(wb.codeServer.userDataDir, 'User', 'globalStorage');
    const cached = () => {
      const dirs = readdirSync(cacheDir).filter((d) => d.toLowerCase().includes('project-secrets'));
      return dirs.some((d) => {
        try { return readdirSync(path.join(cacheDir, d, 'code-cache')).some((f) => f.endsWith('.cache')); } catch { return false; }
      });
    };
    await pollUntil(() => (cached() ? true : undefined), `a code cache under ${cacheDir}`);

    // Collapse the account, so the reloaded window shows it without asking for its children.
    const alice = await wb.waitForRow('alice');
    await alice.locator('.monaco-tl-twistie').click();
    await wb.row('alice').and(wb.page.locator('[aria-expanded="false"]')).first().waitFor();
    const before = (await requests()).length;
    await wb.page.reload();
    await wb.activityItem('Project Secrets').waitFor();
    await wb.waitForRow('alice');
    await pollUntil(() => (transportLoads(wb).length >= 2 ? true : undefined), 'the reloaded window to load the transport').catch(() => undefined);
    const shot = await wb.screenshot('reloaded-view-shown');
    const loads = transportLoads(wb);
    assert.strictEqual(loads.length, 2, `the new window loaded the transport once the view showed alice (${shot}): ${loads.join(' | ')}`);
    assert.match(loads[1], /code cache: used/, 'from the code cache of the first session');
    console.log(`      ${loads.map((l) => l.replace(/^.*(HTTP transport)/, '$1')).join('; ')}`);
    assert.deepStrictEqual((await requests()).slice(before).map((r) => `${r.method} ${r.path}`), [], 'nothing sent before the user asks');

    await wb.expand('alice');
    await wb.waitForRow('Personal');
    assert.strictEqual(transportLoads(wb).length, 2, 'expanding uses the preloaded transport');
    assert.ok((await requests()).length > before, 'expanding sends its request');
  });
});
