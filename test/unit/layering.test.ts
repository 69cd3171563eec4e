/**
 * The layering rules of src/, checked on the real import graph (dpdm, type-only imports
 * included, so a cycle through types counts too):
 * (a) no import cycles; (b) src/ imports nothing outside src/ but packages (no test code, no
 * emulator), and scripts/ loads no test code; (c) src/core never imports vscode; (d) a backend's
 * folder is imported only by itself and src/backends/registry.ts, and imports no other backend,
 * so adding a backend is its folder plus one registry line. Each detector first runs on
 * fabricated files that must trip it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';
import ts from 'typescript';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The import graph of every .ts file under `dir`, with paths relative to `root` and forward slashes. */
async function graph(root: string, dir: string): Promise<DependencyTree> {
  const tree = await parseDependencyTree(`${dir}/**/*.ts`, {
    context: root, cwd: root, transform: false, extensions: ['.ts', '.js', ''], tsconfig: undefined, skipDynamicImports: false,
  });
  return Object.fromEntries(Object.entries(tree).map(([file, deps]) => [file.split(path.sep).join('/'), deps]));
}

/** Each cycle once, rotated to start at its first file in sort order (the parser's start depends on timing). */
function cycles(tree: DependencyTree): string[] {
  return parseCircular(tree).map((cycle) => {
    const first = cycle.indexOf([...cycle].sort()[0]);
    return [...cycle.slice(first), ...cycle.slice(0, first)].join(' → ');
  });
}

/** Every import of a src file that resolves to a file outside src/ (test code, the emulator, tools). */
function importsOutside(tree: DependencyTree, dir: string): string[] {
  return Object.entries(tree).flatMap(([file, deps]) => (deps ?? [])
    .filter((d) => d.id !== null && /\.(ts|js|mjs|cjs|json)$/.test(d.id) // a file, not a Node built-in
      && !d.id.split(path.sep).join('/').startsWith(`${dir}/`) && !d.id.includes('node_modules'))
    .map((d) => `${file} imports ${d.request}`));
}

function importsOf(tree: DependencyTree, file: string): Array<{ request: string; id: string | null }> {
  return (tree[file] ?? []).map((d) => ({ request: d.request, id: d.id === null ? null : d.id.split(path.sep).join('/') }));
}

/** The backend folder a path lies in (`src/backends/vercel`), if any. */
function backendOf(file: string): string | undefined {
  return /^(src\/backends\/[^/]+)\//.exec(file)?.[1];
}

/** Imports into a backend's folder from outside it, other than from the registry; imports between backends. */
function backendLeaks(tree: DependencyTree): string[] {
  return Object.keys(tree).flatMap((file) => importsOf(tree, file).flatMap(({ request, id }) => {
    const target = id === null ? undefined : backendOf(id);
    if (!target || backendOf(file) === target || file === 'src/backends/registry.ts') return [];
    return [`${file} imports ${request} (in ${target})`];
  }));
}

/** String literals of a script that name a path into test/ (not test/fixtures, which is data); comments do not count. */
function testPathsIn(file: string, text: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /(^|[/\\])(out[/\\])?test[/\\](?!fixtures[/\\])/.test(node.text)) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: '${node.text}'`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

function fabricate(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-layering-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('layering of src/ and scripts/', function () {
  this.timeout(60_000);
  let src: DependencyTree;
  before(async () => {
    src = await graph(repoRoot, 'src');
  });

  it('reads the whole graph', () => {
    const files = Object.keys(src).filter((f) => f.startsWith('src/'));
    assert.ok(files.length >= 60, `only ${files.length} files in the graph`);
    assert.ok(files.includes('src/extension.ts') && files.includes('src/backends/registry.ts'));
  });

  describe('(a) no import cycles', () => {
    it('detects a cycle, also one through a type-only import, in fabricated files', async () => {
      const dir = fabricate({
        'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
        'src/b.ts': "import type { C } from './c';\nexport const b = 1 as unknown as C;\n",
        'src/c.ts': "import { a } from './a';\nexport type C = typeof a;\n",
        'src/d.ts': "import { a } from './a';\nexport const d = a;\n",
      });
      try {
        assert.deepEqual(cycles(await graph(dir, 'src')), ['src/a.ts → src/b.ts → src/c.ts']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('finds none in src/', () => {
      assert.deepEqual(cycles(src), []);
    });
  });

  describe('(b) src/ imports no test code (nor anything outside src/ but packages); scripts/ loads no test code', () => {
    it('detects imports of test code in fabricated files', async () => {
      const dir = fabricate({
        'src/a.ts': "import { h } from '../test/harness/h';\nimport { e } from '../emulator/e';\nimport * as fs from 'node:fs';\nexport const a = [h, e, fs];\n",
        'test/harness/h.ts': 'export const h = 1;\n',
        'emulator/e.ts': 'export const e = 1;\n',
      });
      try {
        assert.deepEqual(importsOutside(await graph(dir, 'src'), 'src'), ['src/a.ts imports ../test/harness/h', 'src/a.ts imports ../emulator/e']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.deepEqual(testPathsIn('fake.mjs', [
        "const h = require(join(root, 'out/test/harness/codeServer.js'));",
        "import { x } from '../test/unit/helpers/rawServer.js';",
        "// require('out/test/in-a-comment.js')",
        "const folder = 'test/fixtures/workspace';",
      ].join('\n')), ["fake.mjs:1: 'out/test/harness/codeServer.js'", "fake.mjs:2: '../test/unit/helpers/rawServer.js'"]);
    });

    it('finds none in src/', () => {
      assert.deepEqual(importsOutside(src, 'src'), []);
    });

    it('finds none in scripts/', () => {
      const dir = path.join(repoRoot, 'scripts');
      const scripts = fs.readdirSync(dir).filter((f) => /\.(mjs|cjs|js)$/.test(f));
      assert.ok(scripts.includes('start.mjs'));
      const hits = scripts.flatMap((f) => testPathsIn(`scripts/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')));
      assert.deepEqual(hits, []);
    });
  });

  describe('(c) src/core never imports vscode', () => {
    it('finds no vscode import under src/core (the lint rule says the same while editing)', () => {
      const hits = Object.keys(src).filter((f) => f.startsWith('src/core/')).flatMap((f) => importsOf(src, f)
        .filter((d) => d.request === 'vscode').map(() => f));
      assert.deepEqual(hits, []);
      assert.ok(importsOf(src, 'src/extension.ts').some((d) => d.request === 'vscode'), 'the detector sees vscode imports');
    });
  });

  describe('(d) a backend is its folder plus one registry line', () => {
    it('detects an import into a backend folder from outside it in fabricated files', async () => {
      const dir = fabricate({
        'src/backends/registry.ts': "import { v } from './vercel';\nexport const all = [v];\n",
        'src/backends/vercel/index.ts': "import { n } from './node';\nexport const v = n;\n",
        'src/backends/vercel/node.ts': 'export const n = 1;\n',
        'src/backends/other/index.ts': "import { n } from '../vercel/node';\nexport const o = n;\n",
        'src/commands/x.ts': "import { n } from '../backends/vercel/node';\nexport const x = n;\n",
      });
      try {
        assert.deepEqual(backendLeaks(await graph(dir, 'src')).sort(), [
          'src/backends/other/index.ts imports ../vercel/node (in src/backends/vercel)',
          'src/commands/x.ts imports ../backends/vercel/node (in src/backends/vercel)',
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('finds none in src/: only the registry knows the backends', () => {
      const backends = new Set(Object.keys(src).map(backendOf).filter((b): b is string => b !== undefined));
      assert.ok(backends.size >= 3, `backend folders: ${[...backends].join(', ')}`);
      assert.deepEqual(backendLeaks(src), []);
    });
  });
});
