import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickBelow } from '../../../tree/pick';
import { nodeContext, pickConnection, selected } from '../../../commands/target';
import { CancelledError, InputError } from '../../../core/errors';
import { mergeDotenv, type MergeResult } from '../../../core/dotenv/merge';
import { decodeText } from '../../../core/values';
import type { PullSource } from '../../../core/vercel/envPull';
import { needsVariableList, pulledEntries } from '../../../core/vercel/envPullPlan';
import type { EnvVar } from '../../../core/vercel/models';
import { withCancellableProgress } from '../../../platform/progress';
import { withLoading } from '../../../platform/prompts';
import type { TreeNode } from '../../../tree/node';
import type { Command, Services } from '../../backend';
import { vercelClient } from '../account';
import { AccountNode } from '../accountNode';
import { EnvVarNode } from '../envVarNode';
import { EnvironmentNode } from '../environmentNode';
import { ProjectNode } from '../projectNode';
import { ScopeNode } from '../scopeNode';
import { shownEnvs } from '../target';
import { offerGitignore } from './gitignore';
import { linkedFolder } from './linkedFolder';
import { askPull } from './pullSteps';
import { acceptReview, cancelReview, reviewInDiff } from './review';

/**
 * "Download as .env…" on a project (or a variable: its environment and branch come first):
 * choose the environment, a Preview branch and the file; read every value in one request
 * (`GET /v3/env/pull`), plus the variable list only when a value came back empty (write-only)
 * and the tree has not loaded it; merge into the file (core/dotenv/merge) and write it — at
 * once for a new file, after Accept in the diff editor for an existing one. Nothing is
 * written when a request fails or the user cancels.
 */
export const pullDotenv: Command = {
  id: 'projectSecrets.pullDotenv',
  async run(services, node?: unknown) {
    const { project, initial } = await projectOf(services, node);
    const client = await vercelClient(services.clients, project.account);
    const at = { scope: project.scope, projectId: project.project.id };
    // The custom environments the tree loaded with the variables, else one request.
    const loadedCustoms = project.loadedCustomEnvironments();
    const [customEnvironments, linked] = await withLoading(vscode.l10n.t('Loading the environments of {0}…', project.project.name),
      () => Promise.all([loadedCustoms ? Promise.resolve(loadedCustoms) : client.listCustomEnvironments(at.scope, at.projectId), linkedFolder(at.projectId)]));
    let listed: Promise<readonly EnvVar[]> | undefined;
    const variables = () => {
      const shown = shownEnvs(services, project);
      if (shown) return Promise.resolve(shown);
      listed ??= client.listEnvs(at.scope, at.projectId);
      return listed;
    };
    const answers = await askPull({ projectName: project.project.name, customEnvironments, variables, linked, initial });
    const source = answers.source!;
    const where = answers.where ?? '';
    const file = answers.file ?? await saveDialog(project.project.name, linked);

    const existing = await readExisting(file);
    const values = await withCancellableProgress(vscode.l10n.t('Downloading the variables of {0} ({1})…', project.project.name, where),
      (signal) => client.pullEnv(at.scope, at.projectId, source, signal));
    for (const value of values.values()) if (value !== '') services.logger.addSecret(value);
    const envs = needsVariableList(values) ? await variables() : undefined;
    const header = [`# Downloaded from Vercel by Project Secrets: ${project.project.name}, ${where}.`,
      '# Write-only (sensitive) variables are commented out: Vercel never returns their values.'];
    const merged = mergeDotenv(existing?.text, pulledEntries(values, envs, source), header);
    const shortName = path.basename(file.fsPath);

    if (existing === undefined) {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(merged.text));
    } else {
      if (merged.text === existing.text) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} is up to date with {1} ({2}): nothing to change.', shortName, project.project.name, where));
        await offerGitignore(services, file);
        return;
      }
      const accepted = await reviewInDiff(file, merged.text,
        vscode.l10n.t('{0} ↔ {1} ({2})', shortName, project.project.name, where),
        vscode.l10n.t('Review the changes to {0}: {1}. Accept writes the file.', shortName, summary(merged)));
      if (!accepted) throw new CancelledError();
      // The file may have been edited during the review: then nothing is written, nothing lost.
      const now = await readExisting(file);
      if (now?.text !== existing.text) {
        throw new InputError(vscode.l10n.t('{0} changed while you reviewed it, so it was not written. Run "Download as .env…" again.', shortName));
      }
      await vscode.workspace.fs.writeFile(file, encode(merged.text, existing.bom));
    }
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Wrote {0} ({1} of {2}): {3}.', file.fsPath, where, project.project.name, summary(merged)), open)
      .then((choice) => (choice === open ? vscode.window.showTextDocument(file) : undefined));
    await offerGitignore(services, file);
  },
};

export const acceptPull: Command = { id: 'projectSecrets.acceptPull', run: (_services, uri?: unknown) => acceptReview(uri) };
export const cancelPull: Command = { id: 'projectSecrets.cancelPull', run: (_services, uri?: unknown) => cancelReview(uri) };

/**
 * The project a command acts on, and where to start: the environment row (view by
 * environment) or the variable row it was run on (or that is selected), if any.
 */
async function projectOf(services: Services, node: unknown): Promise<{ project: ProjectNode; initial?: PullSource }> {
  const start = node ?? selected(services);
  for (let up = start as TreeNode | undefined, row: EnvVar | undefined, group: EnvironmentNode | undefined; up && typeof up === 'object'; up = up.parent) {
    if (up instanceof EnvVarNode) row ??= up.env;
    if (up instanceof EnvironmentNode) group ??= up;
    if (up instanceof ProjectNode) return { project: up, initial: group ? fromEnvironment(group, row) : row && fromVariable(row) };
  }
  const wanted = { family: 'secret', accepts: (n: TreeNode): n is ProjectNode => n instanceof ProjectNode };
  let root: TreeNode;
  if (node instanceof AccountNode || node instanceof ScopeNode) root = node;
  else {
    const connection = await pickConnection(services, (b) => b.kind === 'vercel');
    root = services.backends.of(connection).createRoot(connection);
  }
  return { project: await pickBelow(nodeContext(services), root, wanted) };
}

function fromEnvironment(group: EnvironmentNode, row: EnvVar | undefined): PullSource {
  const e = group.environment;
  if (e.kind !== 'standard') return { target: { customEnvironmentId: e.id } };
  return { target: e.target, gitBranch: e.target === 'preview' ? row?.gitBranch : undefined };
}

function fromVariable(from: EnvVar): PullSource {
  if (from.customEnvironmentIds.length && !from.targets.length) return { target: { customEnvironmentId: from.customEnvironmentIds[0] } };
  return { target: from.targets.includes('development') ? 'development' : from.targets[0] ?? 'development', gitBranch: from.gitBranch };
}

async function saveDialog(projectName: string, linked: vscode.Uri | undefined): Promise<vscode.Uri> {
  const folder = linked ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Download {0} as .env', projectName), saveLabel: vscode.l10n.t('Download'),
    defaultUri: folder && vscode.Uri.joinPath(folder, '.env.local'),
  });
  if (!file) throw new CancelledError();
  return file;
}

/** The file's text (BOM removed) if it exists; undefined when it does not. Refuses encodings it would not write back. */
async function readExisting(file: vscode.Uri): Promise<{ text: string; bom: boolean } | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(file);
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
  const decoded = decodeText(bytes, path.basename(file.fsPath));
  if (decoded.encoding !== 'utf-8') {
    throw new InputError(vscode.l10n.t('{0} is in {1}: save it as UTF-8 first, then download again. Nothing was written.', path.basename(file.fsPath), decoded.encoding.toUpperCase()));
  }
  return { text: decoded.text, bom: decoded.bom };
}

function encode(text: string, bom: boolean): Uint8Array {
  return new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
}

/** "2 added, 1 updated, 3 unchanged, 1 write-only (commented), 2 only in the file (kept)": names only, never values. */
function summary(m: MergeResult): string {
  const parts: string[] = [];
  if (m.added.length) parts.push(vscode.l10n.t('{0} added', m.added.length));
  if (m.updated.length) parts.push(vscode.l10n.t('{0} updated', m.updated.length));
  if (m.unchanged.length) parts.push(vscode.l10n.t('{0} unchanged', m.unchanged.length));
  if (m.withheld.length) parts.push(vscode.l10n.t('{0} write-only on Vercel (not written: {1})', m.withheld.length, m.withheld.join(', ')));
  if (m.unwritable.length) parts.push(vscode.l10n.t('{0} skipped, as dotenv could not read them back ({1})', m.unwritable.length, m.unwritable.map((u) => `${u.name}: ${u.reason}`).join('; ')));
  if (m.keptLocal.length) parts.push(vscode.l10n.t('{0} only in the file (kept)', m.keptLocal.length));
  return parts.length ? parts.join(', ') : vscode.l10n.t('no variables');
}
