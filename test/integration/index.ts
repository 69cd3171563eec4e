import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { installLeakCollector } from './leakCollector';

/** Entry point for the extension host (extensionTestsPath): runs every *.test.js here. */
export function run(): Promise<void> {
  // Before any test: every message shown and every password typed is recorded for zz_leakCheck.test.js.
  installLeakCollector();
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  // accounts.test.js first: it checks the untouched start (no network at activation, welcome view).
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))
    // INTEGRATION_FILES=a,b runs only those files (a quick loop while working on one area).
    .filter((f) => !process.env.INTEGRATION_FILES || process.env.INTEGRATION_FILES.split(',').some((name) => f.startsWith(name)))
    .sort((a, b) => Number(b === 'accounts.test.js') - Number(a === 'accounts.test.js') || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
