/**
 * "1 secret", never "1 secret(s)" (issue 11): no user-facing string literal in src/, the
 * manifest's strings or the scripts' output says "(s)"; counts pick a singular or plural
 * sentence (separate `vscode.l10n.t` strings). String literals and templates are found with
 * the TypeScript parser, so code like `map((s) => …)` does not count; the detector is first
 * run on fabricated code that must trip it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

/** The string literals and template texts of `code` that contain "(s)", e.g. `'{0} secret(s)'`. */
function pluralHacks(file: string, code: string): string[] {
  const ast = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const hits: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && /\w\(s\)/.test(node.text)) {
      hits.push(`${path.relative(repoRoot, file)}:${ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return hits;
}

describe('Plurals: "1 secret", never "1 secret(s)"', () => {
  it('the detector finds "(s)" in strings and templates, and not in code', () => {
    const code = "const a = l10n.t('{0} secret(s) so far', n);\nconst b = `${n} problem(s)`;\nconst c = list.map((s) => s.name);\n";
    assert.equal(pluralHacks('fabricated.ts', code).length, 2);
  });

  it('finds none in src/, scripts/, the test harness output or package.nls.json', () => {
    const files = [
      ...filesUnder(path.join(repoRoot, 'src'), /\.ts$/),
      ...filesUnder(path.join(repoRoot, 'scripts'), /\.m?js$/),
      ...filesUnder(path.join(repoRoot, 'test', 'harness'), /\.ts$/),
    ];
    assert.ok(files.length > 50, `read ${files.length} files`);
    const hits = files.flatMap((file) => pluralHacks(file, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(hits, []);
    const nls = Object.entries(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>)
      .filter(([, text]) => /\w\(s\)/.test(text));
    assert.deepEqual(nls, []);
  });
});
