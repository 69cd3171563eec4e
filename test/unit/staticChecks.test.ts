/**
 * Static checks over src/**\/*.ts (parsed with the TypeScript compiler, so comments and
 * strings do not count) and package.json, for "secrets stay secret":
 * (a) workspace files are read in one place only, (b) the API URL setting is never read in
 * a way that could take a workspace value, (c) the manifest declares untrusted-workspace
 * support and machine/application scope for every API URL setting, (d) no console output,
 * (e) no log line, error message or notification interpolates a variable named like a token or value.
 * Each detector is first run on fabricated code that must trip it, so a check that passes
 * is not a detector that can never fail.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const srcDir = path.join(repoRoot, 'src');

interface Source {
  /** Relative to the repo, with forward slashes: `src/clients.ts`. */
  readonly file: string;
  readonly ast: ts.SourceFile;
}

interface Hit {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

const show = (hits: readonly Hit[]) => hits.map((h) => `${h.file}:${h.line}: ${h.what}`).join('\n');

function parse(file: string, text: string): Source {
  return { file, ast: ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS) };
}

function sourceFiles(dir: string): Source[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [parse(path.relative(repoRoot, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'))];
  });
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function hit(source: Source, node: ts.Node, what: string): Hit {
  return { file: source.file, line: source.ast.getLineAndCharacterOfPosition(node.getStart(source.ast)).line + 1, what };
}

// (a) ----------------------------------------------------------------------------------------

/** APIs that read files or list the workspace's files or documents. */
const fileReadingMembers = new Set(['findFiles', 'openTextDocument', 'textDocuments', 'readFile', 'readFileSync', 'createReadStream',
  'readdir', 'readdirSync', 'createFileSystemWatcher', 'workspaceFolders', 'rootPath', 'workspaceFile']);
const fsModules = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

function workspaceFileReads(source: Source): Hit[] {
  const hits: Hit[] = [];
  walk(source.ast, (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (name === 'fs' && /(^|\.)workspace$/.test(node.expression.getText(source.ast))) hits.push(hit(source, node, node.getText(source.ast)));
      else if (fileReadingMembers.has(name)) hits.push(hit(source, node, node.getText(source.ast)));
    }
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
      && fsModules.has(node.moduleSpecifier.text)) {
      hits.push(hit(source, node, `import of ${node.moduleSpecifier.text}`));
    }
    if (ts.isCallExpression(node) && node.expression.getText(source.ast) === 'require' && node.arguments[0]
      && ts.isStringLiteral(node.arguments[0]) && fsModules.has(node.arguments[0].text)) {
      hits.push(hit(source, node, `require of ${node.arguments[0].text}`));
    }
  });
  return hits;
}

/**
 * The one place allowed to read a file, and why: "Import .env File…" reads the file the
 * user picked in an open dialog (vscode.workspace.fs.readFile of that Uri), after the
 * user chose it; nothing reads the workspace on its own.
 */
const allowedFileReads: ReadonlyArray<{ file: string; what: string; why: string }> = [
  { file: 'src/platform/dotenvFile.ts', what: 'vscode.workspace.fs', why: 'reads the .env file the user picked to upload or import (a quick pick of the workspace\'s .env files, or the open dialog)' },
  { file: 'src/platform/dotenvFile.ts', what: 'vscode.workspace.fs.readFile', why: 'the same read' },
  { file: 'src/platform/dotenvFile.ts', what: 'vscode.workspace.findFiles', why: 'lists the names of the workspace\'s .env* files for that pick (names only, nothing is read)' },
  { file: 'src/platform/dotenvFile.ts', what: 'vscode.workspace.workspaceFolders', why: 'whether there is a workspace to list, and the open dialog\'s starting folder' },
  { file: 'src/platform/valueEntry.ts', what: 'vscode.workspace.fs', why: '"From File…": the size, then the bytes, of the file the user picked in the open dialog as a value' },
  { file: 'src/platform/valueEntry.ts', what: 'vscode.workspace.fs.readFile', why: 'the same read' },
  { file: 'src/backends/vercel/dotenv/pull.ts', what: 'vscode.workspace.fs', why: '"Download as .env…": reads the .env file it is about to update (to merge and show the diff), and writes it after Accept' },
  { file: 'src/backends/vercel/dotenv/pull.ts', what: 'vscode.workspace.fs.readFile', why: 'the same read' },
  { file: 'src/backends/vercel/dotenv/pull.ts', what: 'vscode.workspace.workspaceFolders', why: 'the save dialog starts in the first workspace folder' },
  { file: 'src/backends/vercel/dotenv/linkedFolder.ts', what: 'vscode.workspace.workspaceFolders', why: '"Download as .env…": the folder linked to the project (.vercel/project.json, as `vercel link` writes it) is the default place' },
  { file: 'src/backends/vercel/dotenv/linkedFolder.ts', what: 'vscode.workspace.findFiles', why: 'the same, in subfolders (monorepos)' },
  { file: 'src/backends/vercel/dotenv/linkedFolder.ts', what: 'vscode.workspace.fs', why: 'reads .vercel/project.json or repo.json: only their project ids are used' },
  { file: 'src/backends/vercel/dotenv/linkedFolder.ts', what: 'vscode.workspace.fs.readFile', why: 'the same read' },
  { file: 'src/backends/vercel/dotenv/gitignore.ts', what: 'vscode.workspace.fs', why: 'after a download: whether .gitignore ignores the file written (without git), and appending it there when the user says so' },
  { file: 'src/backends/vercel/dotenv/gitignore.ts', what: 'vscode.workspace.fs.readFile', why: 'the same read' },
  { file: 'src/core/http/codeCache.ts', what: 'import of node:fs', why: 'reads the extension\'s own dist/transport.js and its V8 code cache in the extension\'s global storage, never a workspace file' },
  { file: 'src/platform/valueEditor.ts', what: 'vscode.workspace.openTextDocument', why: '"Enter in Editor…": opens its own in-memory document (scheme project-secrets-value), never a file' },
];

// (b) ----------------------------------------------------------------------------------------

/** `const name = 'literal'` anywhere in the sources: how a key passed by name is resolved. */
function stringConstants(sources: readonly Source[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const source of sources) {
    walk(source.ast, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer
        && (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer))) {
        constants.set(node.name.text, node.initializer.text);
      }
    });
  }
  return constants;
}

interface ConfigRead extends Hit {
  readonly method: string;
  /** The full setting name read, or `?` when it cannot be resolved statically. */
  readonly key: string;
}

/**
 * Every `.get(…)`, `.inspect(…)` or `.has(…)` on a configuration: chained on a
 * `getConfiguration(…)` call, or on a variable or property initialised from one.
 */
function configReads(sources: readonly Source[]): ConfigRead[] {
  const constants = stringConstants(sources);
  const text = (node: ts.Expression | undefined): string | undefined => {
    if (!node) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isIdentifier(node)) return constants.get(node.text) ?? '?';
    if (ts.isPropertyAccessExpression(node)) return constants.get(node.name.text) ?? '?';
    return '?';
  };
  const isGetConfiguration = (node: ts.Node): node is ts.CallExpression =>
    ts.isCallExpression(node) && /(^|\.)getConfiguration$/.test(node.expression.getText());
  const reads: ConfigRead[] = [];
  for (const source of sources) {
    // Names bound to a configuration: `const config = vscode.workspace.getConfiguration('x')`.
    const bound = new Map<string, string>();
    walk(source.ast, (node) => {
      if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.initializer && isGetConfiguration(node.initializer)) {
        bound.set(node.name.getText(source.ast), text(node.initializer.arguments[0]) ?? '');
      }
    });
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const method = node.expression.name.text;
      if (!['get', 'inspect', 'has'].includes(method)) return;
      const receiver = node.expression.expression;
      let section: string | undefined;
      if (isGetConfiguration(receiver)) section = text(receiver.arguments[0]) ?? '';
      else {
        const name = receiver.getText(source.ast).replace(/^this\./, '');
        if (bound.has(name)) section = bound.get(name);
        else if (bound.has(`this.${name}`)) section = bound.get(`this.${name}`);
      }
      if (section === undefined) return;
      const key = text(node.arguments[0]) ?? '';
      const full = key === '?' || section === '?' ? '?' : [section, key].filter((s) => s).join('.');
      reads.push({ ...hit(source, node, node.getText(source.ast)), method, key: full });
    });
  }
  return reads;
}

/** Reads of inspect() results that include workspace values. */
function workspaceValueReads(source: Source): Hit[] {
  const hits: Hit[] = [];
  walk(source.ast, (node) => {
    if (ts.isPropertyAccessExpression(node) && /^workspace(Folder)?(Language)?Value$/.test(node.name.text)) {
      hits.push(hit(source, node, node.getText(source.ast)));
    }
  });
  return hits;
}

// (d) ----------------------------------------------------------------------------------------

function consoleCalls(source: Source): Hit[] {
  const hits: Hit[] = [];
  walk(source.ast, (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'console') {
      hits.push(hit(source, node, node.getText(source.ast)));
    }
  });
  return hits;
}

// (e) ----------------------------------------------------------------------------------------

/** A name that says it holds a credential or a secret value: `token`, `apiKey`, `newValue`, `secrets`… */
const secretName = /^(token|value|apiKey|secret|password)s?$|(Token|Value|ApiKey|Secret|Password)s?$/;

/**
 * The names an interpolated expression reads: `token` → token, `at.env.value` → value,
 * `token.trim()` → token, `String(value)` → value; a call's own name is not one
 * (`describe(err)` returns a description, not what it was given).
 */
function namesIn(node: ts.Expression): string[] {
  if (ts.isIdentifier(node)) return [node.text];
  if (ts.isPropertyAccessExpression(node)) return [node.name.text];
  if (ts.isElementAccessExpression(node)) return ts.isStringLiteral(node.argumentExpression) ? [node.argumentExpression.text] : namesIn(node.expression);
  if (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return namesIn(node.expression);
  if (ts.isConditionalExpression(node)) return [...namesIn(node.whenTrue), ...namesIn(node.whenFalse)];
  if (ts.isCallExpression(node)) {
    const receiver = ts.isPropertyAccessExpression(node.expression) ? namesIn(node.expression.expression) : [];
    return [...receiver, ...node.arguments.flatMap(namesIn)];
  }
  return [];
}

/** Calls whose text ends up in a log line, an error message or a notification. */
function isSink(node: ts.Node): string | undefined {
  if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) return `new ${node.expression.getText()}`;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const receiver = node.expression.expression.getText();
    const method = node.expression.name.text;
    if (/(^|\.)(logger|channel)$/.test(receiver) && ['info', 'warn', 'error', 'debug', 'trace', 'append', 'appendLine', 'request'].includes(method)) {
      return `${receiver}.${method}`;
    }
    // What the user is shown goes the same way (the error boundary shows error messages).
    if (/(^|\.)window$/.test(receiver) && /^(show(Error|Warning|Information)Message|setStatusBarMessage)$/.test(method)) return `${receiver}.${method}`;
  }
  return undefined;
}

/** Every expression a sink's arguments interpolate: template spans, `+` operands, l10n.t arguments. */
function interpolations(sink: ts.CallExpression | ts.NewExpression): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node)) {
      for (const span of node.templateSpans) {
        found.push(span.expression);
        visit(span.expression);
      }
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      for (const side of [node.left, node.right]) {
        if (!ts.isStringLiteral(side) && !ts.isTemplateExpression(side) && !ts.isBinaryExpression(side)) found.push(side);
        visit(side);
      }
      return;
    }
    if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText())) {
      for (const arg of node.arguments.slice(1)) {
        found.push(arg);
        visit(arg);
      }
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (isSink(node)) return; // counted as its own sink
    }
    node.forEachChild(visit);
  };
  for (const arg of sink.arguments ?? []) {
    if (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) found.push(arg); // passed as is: logger.info(token)
    visit(arg);
  }
  return found;
}

function secretInterpolations(source: Source): Hit[] {
  const hits: Hit[] = [];
  walk(source.ast, (node) => {
    const sink = isSink(node);
    if (!sink) return;
    for (const expression of interpolations(node as ts.CallExpression | ts.NewExpression)) {
      if (namesIn(expression).some((name) => secretName.test(name))) hits.push(hit(source, expression, `${sink}(… ${expression.getText(source.ast)} …)`));
    }
  });
  return hits;
}

/**
 * Matches (e) reports that were read and are not a token or a secret value, each with why.
 * Keyed by file and the interpolated text; every entry must still match something, so the
 * list cannot outlive the code it excuses.
 */
const notSecrets: ReadonlyArray<{ file: string; text: string; why: string }> = [];

// ------------------------------------------------------------------------------------------------

describe('static checks over src/ and package.json', () => {
  const sources = sourceFiles(srcDir);

  it('parses the sources', () => {
    assert.ok(sources.length >= 40, `only ${sources.length} files under src/`);
    assert.ok(sources.some((s) => s.file === 'src/connections/clients.ts'));
  });

  describe('(a) workspace files are read only by "Import .env File…", "Upload .env…" and a value\'s "From File…"', () => {
    it('detects file reads in fabricated code', () => {
      const fake = parse('src/fake.ts', [
        "import * as fs from 'node:fs';",
        'const a = await vscode.workspace.fs.readFile(uri);',
        "const b = await vscode.workspace.findFiles('**/.env');",
        'const c = await vscode.workspace.openTextDocument(uri);',
        "const d = fs.readFileSync('x');",
        'const e = vscode.workspace.workspaceFolders;',
        "// vscode.workspace.findFiles('in a comment') is not a read",
      ].join('\n'));
      assert.deepEqual(workspaceFileReads(fake).map((h) => `${h.line}:${h.what}`), [
        '1:import of node:fs', '2:vscode.workspace.fs.readFile', '2:vscode.workspace.fs', '3:vscode.workspace.findFiles',
        '4:vscode.workspace.openTextDocument', '5:fs.readFileSync', '6:vscode.workspace.workspaceFolders',
      ]);
    });

    it('finds no read outside the allowed place, and the allowed reads are still there', () => {
      const hits = sources.flatMap(workspaceFileReads);
      const allowed = (h: Hit) => allowedFileReads.some((a) => a.file === h.file && a.what === h.what);
      assert.deepEqual(hits.filter((h) => !allowed(h)), [], `file reads outside the allowed place:\n${show(hits.filter((h) => !allowed(h)))}`);
      for (const a of allowedFileReads) {
        assert.ok(hits.some((h) => h.file === a.file && h.what === a.what), `allowed read "${a.what}" in ${a.file} no longer exists: update the list`);
      }
      console.log(`      file reads in src/: ${hits.length}, all in ${[...new Set(hits.map((h) => h.file))].join(', ')}`);
    });
  });

  describe('(b) the API URL setting is never read in a way that takes a workspace value', () => {
    it('detects get() of an API URL in fabricated code: chained, through a variable, by a constant', () => {
      const fake = parse('src/fake.ts', [
        "const apiUrlKey = 'vercel.apiUrl';",
        "const a = vscode.workspace.getConfiguration('projectSecrets').get<string>('vercel.apiUrl');",
        "const config = vscode.workspace.getConfiguration('projectSecrets');",
        'const b = config.get(apiUrlKey);',
        "const c = vscode.workspace.getConfiguration('projectSecrets.vercel').get('apiUrl');",
        "const d = vscode.workspace.getConfiguration().get('projectSecrets.vercel.apiUrl');",
        "const e = vscode.workspace.getConfiguration('projectSecrets').inspect<string>(apiUrlKey)?.workspaceValue;",
      ].join('\n'));
      const gets = configReads([fake]).filter((r) => r.method === 'get' && /apiUrl/i.test(r.key)).map((r) => `${r.line}:${r.key}`);
      assert.deepEqual(gets, ['2:projectSecrets.vercel.apiUrl', '4:projectSecrets.vercel.apiUrl', '5:projectSecrets.vercel.apiUrl', '6:projectSecrets.vercel.apiUrl']);
      assert.deepEqual(workspaceValueReads(fake).map((h) => h.line), [7]);
    });

    it('reads projectSecrets.vercel.apiUrl only with inspect(), and no workspace value of any setting', () => {
      const reads = configReads(sources);
      const unresolved = reads.filter((r) => r.key === '?');
      assert.deepEqual(unresolved, [], `configuration reads whose key cannot be resolved:\n${show(unresolved)}`);
      const apiUrlReads = reads.filter((r) => /apiurl/i.test(r.key));
      const notInspect = apiUrlReads.filter((r) => r.method !== 'inspect');
      assert.deepEqual(notInspect, [], `API URL read without inspect():\n${show(notInspect)}`);
      assert.ok(apiUrlReads.some((r) => r.file === 'src/connections/clients.ts' && r.key === 'projectSecrets.vercel.apiUrl'),
        `the one inspect() in src/connections/clients.ts was not found; saw ${show(reads)}`);
      const workspaceValues = sources.flatMap(workspaceValueReads);
      assert.deepEqual(workspaceValues, [], `reads of workspace values:\n${show(workspaceValues)}`);
      // And the inspect() result is used through globalValue (and the default) only.
      const clients = sources.find((s) => s.file === 'src/connections/clients.ts')!.ast.getFullText();
      assert.match(clients, /inspected\?\.globalValue \?\? inspected\?\.defaultValue/);
      console.log(`      configuration reads in src/: ${reads.map((r) => `${r.method}(${r.key})`).join(', ')}`);
    });
  });

  describe('(c) package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
    };

    it('declares support for untrusted workspaces', () => {
      assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
    });

    it('gives every projectSecrets.*apiUrl* setting machine or application scope', () => {
      const configuration = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
      const properties = Object.assign({}, ...configuration.map((c) => c.properties)) as Record<string, { scope?: string }>;
      const apiUrls = Object.entries(properties).filter(([key]) => /^projectSecrets\..*apiurl/i.test(key));
      assert.ok(apiUrls.length >= 1, 'no API URL setting found');
      const wrong = apiUrls.filter(([, p]) => p.scope !== 'machine' && p.scope !== 'application');
      assert.deepEqual(wrong.map(([key, p]) => `${key}: ${p.scope ?? '(default: window)'}`), []);
      console.log(`      API URL settings: ${apiUrls.map(([key, p]) => `${key} (${p.scope})`).join(', ')}`);
    });
  });

  describe('(d) no console output from src/', () => {
    it('detects console calls in fabricated code, not in comments or strings', () => {
      const fake = parse('src/fake.ts', "console.log('x');\n// console.log('y')\nconst s = 'console.log(1)';\nconsole.error(err);");
      assert.deepEqual(consoleCalls(fake).map((h) => `${h.line}:${h.what}`), ['1:console.log', '4:console.error']);
    });

    it('finds none (console.log, nor any other console method)', () => {
      const hits = sources.flatMap(consoleCalls);
      assert.deepEqual(hits, [], show(hits));
    });
  });

  describe('(e) no log line, error message or notification interpolates a token or secret value by name', () => {
    it('detects it in fabricated code: template literals, +, l10n.t arguments, the value passed as is, in logs, errors and notifications', () => {
      const fake = parse('src/fake.ts', [
        'logger.info(`Checking ${token}`);',
        'this.logger.warn(`Saving ${at.env.value} now`);',
        "services.logger.error('key: ' + apiKey);",
        "throw new InputError(vscode.l10n.t('Bad {0}', secret));",
        'throw new ApiError(400, undefined, `x ${newValue}`);',
        'logger.info(password);',
        'logger.info(`Saved ${key} in ${project.name} (${values.length})`);',
        'throw new InputError(`${describeValue(x)} and ${tokenRejected}`);',
        'throw new InputError(`Bad ${token.trim()}`);',
        'logger.warn(`Bad ${String(value)}`);',
        "void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}', value));",
      ].join('\n'));
      assert.deepEqual(secretInterpolations(fake).map((h) => h.line), [1, 2, 3, 4, 5, 6, 9, 10, 11],
        'line 7 names no secret (values.length is a count); line 8 neither (a call\'s own name and a flag do not count)');
    });

    it('finds none in src/ beyond the reviewed list', () => {
      const hits = sources.flatMap(secretInterpolations);
      const excused = (h: Hit) => notSecrets.some((n) => n.file === h.file && h.what.includes(n.text));
      assert.deepEqual(hits.filter((h) => !excused(h)), [], `log or error text interpolating a secret-named variable:\n${show(hits.filter((h) => !excused(h)))}`);
      for (const n of notSecrets) assert.ok(hits.some((h) => h.file === n.file && h.what.includes(n.text)), `stale entry: ${n.file} ${n.text}`);
      const sinks = sources.reduce((count, s) => {
        let n = 0;
        walk(s.ast, (node) => {
          if (isSink(node)) n += 1;
        });
        return count + n;
      }, 0);
      assert.ok(sinks >= 50, `only ${sinks} log and error calls found: the detector is looking in the wrong place`);
      console.log(`      log and error calls checked in src/: ${sinks}; reviewed exceptions: ${notSecrets.length}`);
    });
  });
});
