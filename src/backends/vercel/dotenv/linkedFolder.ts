import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The workspace folder linked to a Vercel project, the way the official CLI links one:
 * `.vercel/project.json` (`vercel link`: `{projectId, orgId}`) or, in a monorepo,
 * `.vercel/repo.json` (`vercel link --repo`: `{projects: [{id, directory}]}`). Workspace
 * folder roots are read first (one small file each); then up to 20 such files below them.
 * Undefined when none names `projectId`. Never throws (an unreadable file is no link).
 */
export async function linkedFolder(projectId: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders) {
    const found = await linkAt(folder.uri, projectId);
    if (found) return found;
  }
  if (folders.length === 0) return undefined;
  const files = await Promise.resolve(vscode.workspace.findFiles('**/.vercel/{project,repo}.json', '**/node_modules/**', 20)).catch(() => []);
  for (const file of files) {
    const found = await linkAt(vscode.Uri.joinPath(file, '..', '..'), projectId);
    if (found) return found;
  }
  return undefined;
}

async function linkAt(folder: vscode.Uri, projectId: string): Promise<vscode.Uri | undefined> {
  const project = await readJson(vscode.Uri.joinPath(folder, '.vercel', 'project.json'));
  if (project?.projectId === projectId) return folder;
  const repo = await readJson(vscode.Uri.joinPath(folder, '.vercel', 'repo.json'));
  const projects = Array.isArray(repo?.projects) ? repo.projects as unknown[] : [];
  for (const p of projects) {
    const { id, directory } = (p ?? {}) as { id?: unknown; directory?: unknown };
    if (id !== projectId) continue;
    if (typeof directory !== 'string' || directory === '.' || directory === '') return folder;
    // A folder of the repository, never outside it ("../x", an absolute path): else no link.
    const inside = vscode.Uri.joinPath(folder, directory);
    const relative = path.relative(folder.fsPath, inside.fsPath);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? inside : undefined;
  }
  return undefined;
}

async function readJson(uri: vscode.Uri): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    return typeof value === 'object' && value !== null ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
