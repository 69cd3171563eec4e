// The UI suite's own rules, checked over its sources so a new test cannot quietly break
// them: steps wait on what lasts (tree rows, emulator state, the Notifications center),
// never on a toast, which VS Code may never show or may hide while the test looks.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '../../..');
const uiDir = path.join(repoRoot, 'test', 'ui');
const harnessDir = path.join(repoRoot, 'test', 'harness');

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => ({ file: path.join(path.basename(dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** `pattern`'s matches in code lines (comment lines skipped), as "file:line". */
function matches(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ file, text }) => text.split('\n')
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line))
    .map(({ at }) => at));
}

describe('UI suite rules (test/ui, test/harness)', () => {
  const ui = sources(uiDir);
  const harness = sources(harnessDir);

  it('reads the sources', () => {
    assert.ok(ui.length >= 6 && ui.some((s) => s.file.endsWith('editing.test.ts')), `UI sources: ${ui.map((s) => s.file).join(', ')}`);
    assert.ok(harness.some((s) => s.file.endsWith('notifications.ts')));
  });

  it('no UI test or harness step waits on a toast: messages are read from the Notifications center', () => {
    assert.deepStrictEqual(matches([...ui, ...harness], /notification-toast/), []);
    assert.ok(matches(harness, /notifications-center/).length > 0, 'the harness reads the Notifications center');
  });

  it('no UI test sleeps: they wait on conditions (the harness polls only inside its waits)', () => {
    assert.deepStrictEqual(matches(ui, /waitForTimeout\(|setTimeout\(|\bsleep\(/), []);
  });

  it('every UI test file sets up its workbench through setupWorkbench()', () => {
    const files = ui.filter((s) => s.file.endsWith('.test.ts'));
    const without = files.filter((s) => !/setupWorkbench\(/.test(s.text) || /openWorkbench\(/.test(s.text)).map((s) => s.file);
    assert.deepStrictEqual(without, []);
  });
});
