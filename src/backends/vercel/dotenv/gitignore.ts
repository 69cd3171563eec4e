import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../backend';

/**
 * After a .env file is written: if git would not ignore it, offer (once per file, kept in
 * globalState by path: no secret) to add it to `.gitignore`. Asks `git check-ignore` in a
 * trusted workspace; untrusted, without git or outside a repository, reads the `.gitignore` of the file's folder, its
 * workspace folder and the folders between, simply (see `simplyIgnored`). Never commits.
 * Resolves when the offer is answered or dismissed; never throws (the file is written already).
 */
export async function offerGitignore(services: Services, file: vscode.Uri): Promise<void> {
  if (file.scheme !== 'file') return;
  const key = `projectSecrets.gitignoreOffered:${file.fsPath}`;
  if (services.globalState.get<boolean>(key)) return;
  try {
    // Git runs hooks and programs a repository configures (core.fsmonitor…): only in a trusted
    // workspace, as VS Code's own git extension. Untrusted: the simple .gitignore reading below.
    const git = vscode.workspace.isTrusted ? await gitIgnored(file.fsPath) : undefined;
    const top = git?.top ?? vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? path.dirname(file.fsPath);
    const ignored = git ? git.ignored : await simplyIgnored(file.fsPath, top);
    if (ignored) return;
    await services.globalState.update(key, true);
    const add = vscode.l10n.t('Add to .gitignore');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not ignored by git: add it to .gitignore so its secrets are never committed?', path.basename(file.fsPath)),
      add, vscode.l10n.t('Not Now'));
    if (choice !== add) return;
    const gitignore = vscode.Uri.file(path.join(top, '.gitignore'));
    const entry = `/${path.relative(top, file.fsPath).split(path.sep).join('/')}`;
    let old = '';
    try {
      old = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
    } catch { /* no .gitignore yet */ }
    const text = `${old}${old === '' || old.endsWith('\n') ? '' : '\n'}${entry}\n`;
    await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to {1}.', entry, gitignore.fsPath));
  } catch (err) {
    services.logger.warn(`Could not check or update .gitignore: ${services.describe(err)}`);
  }
}

/** `git check-ignore` and the repository's top folder; undefined without git or outside a repository. */
async function gitIgnored(file: string): Promise<{ ignored: boolean; top: string } | undefined> {
  const cwd = path.dirname(file);
  const top = await run('git', ['rev-parse', '--show-toplevel'], cwd);
  if (top === undefined || top.code !== 0) return undefined;
  const check = await run('git', ['check-ignore', '-q', '--', file], cwd);
  if (check === undefined || (check.code !== 0 && check.code !== 1)) return undefined;
  return { ignored: check.code === 0, top: top.stdout.trim() };
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string } | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 10_000 }, (err, stdout) => {
      if (!err) resolve({ code: 0, stdout });
      else if (typeof (err as { code?: unknown }).code === 'number') resolve({ code: (err as { code: number }).code, stdout });
      else resolve(undefined); // no git
    });
  });
}

/**
 * Without git: whether a `.gitignore` from `top` down to the file's folder has a line that
 * matches the file's name or its path from there (`*` and `?` within a name; a leading "/"
 * anchors; negations and `**` are not read, so a negated file counts as not ignored).
 */
export async function simplyIgnored(file: string, top: string): Promise<boolean> {
  const folders: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (dir === top || path.dirname(dir) === dir || !dir.startsWith(top)) break;
  }
  for (const dir of folders) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(dir, '.gitignore'))));
    } catch {
      continue;
    }
    const relative = path.relative(dir, file).split(path.sep).join('/');
    if (text.split(/\r?\n/).some((line) => patternMatches(line.trim(), relative))) return true;
  }
  return false;
}

function patternMatches(pattern: string, relative: string): boolean {
  if (pattern === '' || pattern.startsWith('#') || pattern.startsWith('!') || pattern.endsWith('/')) return false;
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const glob = pattern.replace(/^\//, '');
  const re = new RegExp(`^${glob.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return anchored ? re.test(relative) : re.test(relative.split('/').pop() ?? relative);
}
