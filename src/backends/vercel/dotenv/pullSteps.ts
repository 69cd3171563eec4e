import * as vscode from 'vscode';
import { branchMatcherText, type CustomEnvironment } from '../../../core/vercel/customEnvironments';
import type { PullSource } from '../../../core/vercel/envPull';
import { gitBranchProblem, previewBranches } from '../../../core/vercel/envPullPlan';
import { envTargets, type EnvVar } from '../../../core/vercel/models';
import { runSteps, type Step } from '../../../platform/steps';
import { targetLabel } from '../envPrompts';

/** What "Download as .env…" asks: the environment (and a Preview branch), then the file. */
export interface PullAnswers {
  source?: PullSource;
  /** "Preview · feature/login", "staging (custom)": names the environment in messages. */
  where?: string;
  /** The file, when the linked folder's `.env.local` (or a name there) was picked; else a save dialog asks. */
  file?: vscode.Uri;
  /** Whether the file step was answered with "Choose another file…". */
  otherFile?: boolean;
}

export interface PullContext {
  readonly projectName: string;
  readonly customEnvironments: readonly CustomEnvironment[];
  /** The project's variables (loaded once, when a step needs them: the tree's, or one request). */
  readonly variables: () => Promise<readonly EnvVar[]>;
  /** The folder linked to the project (`.vercel/project.json`), if any. */
  readonly linked?: vscode.Uri;
  /** What to start on (the variable row the command was run on). */
  readonly initial?: PullSource;
}

type EnvItem = vscode.QuickPickItem & { readonly source: PullSource['target'] };
type BranchItem = vscode.QuickPickItem & { readonly branch?: string; readonly type?: true };

/** Asks with the multi-step input (Back, step counter); throws CancelledError on Escape at step 1. */
export function askPull(context: PullContext): Promise<PullAnswers> {
  const title = vscode.l10n.t('Download {0} as .env', context.projectName);
  return runSteps<PullAnswers>(title, {}, (state) => [
    environmentStep(context),
    ...(state.source?.target === 'preview' ? [branchStep(context)] : []),
    ...(context.linked ? [fileStep(context.linked)] : []),
  ]);
}

function environmentStep(context: PullContext): Step<PullAnswers> {
  return async (ask, state) => {
    const items: EnvItem[] = [
      ...envTargets.map((t) => ({ label: targetLabel(t), source: t })),
      ...context.customEnvironments.map((c) => ({
        label: c.slug,
        description: c.branchMatcher ? vscode.l10n.t('custom environment · {0}', branchMatcherText(c.branchMatcher)) : vscode.l10n.t('custom environment'),
        source: { customEnvironmentId: c.id },
      })),
    ];
    const start = state.source?.target ?? context.initial?.target ?? 'development';
    const picked = await ask.pick({
      items, placeHolder: vscode.l10n.t('Environment to download'),
      active: (item) => sameTarget(item.source, start),
    });
    const custom = context.customEnvironments.find((c) => typeof picked.source !== 'string' && c.id === picked.source.customEnvironmentId);
    const sameAsBefore = state.source !== undefined && sameTarget(state.source.target, picked.source);
    state.source = { target: picked.source, gitBranch: sameAsBefore ? state.source?.gitBranch : undefined };
    if (!sameAsBefore && picked.source === 'preview' && context.initial?.target === 'preview') state.source = { ...state.source, gitBranch: context.initial.gitBranch };
    state.where = custom ? vscode.l10n.t('{0} (custom environment)', custom.slug) : picked.label;
  };
}

function branchStep(context: PullContext): Step<PullAnswers> {
  return async (ask, state) => {
    const envs = await context.variables();
    const counts = new Map<string, number>();
    for (const e of envs) if (e.gitBranch && e.targets.includes('preview')) counts.set(e.gitBranch, (counts.get(e.gitBranch) ?? 0) + 1);
    const items: BranchItem[] = [
      { label: vscode.l10n.t('All branches'), description: vscode.l10n.t('the Preview values without a branch') },
      ...previewBranches(envs).map((branch) => ({
        label: `$(git-branch) ${branch}`, branch,
        description: counts.get(branch) === 1 ? vscode.l10n.t('1 variable of its own') : vscode.l10n.t('{0} variables of its own', counts.get(branch) ?? 0),
      })),
      { label: vscode.l10n.t('Type a Branch…'), description: vscode.l10n.t('any git branch'), type: true },
    ];
    const earlier = state.source?.gitBranch;
    const picked = await ask.pick({
      items, placeHolder: vscode.l10n.t('Preview values for which git branch? A branch gets its own values over the general ones'),
      active: (item) => (earlier === undefined ? !item.branch && !item.type : item.branch === earlier),
    });
    let branch = picked.branch;
    if (picked.type) {
      branch = await ask.inputBox({
        prompt: vscode.l10n.t('Git branch'), placeHolder: vscode.l10n.t('e.g. feature/login'), value: earlier,
        validateInput: gitBranchProblem,
      });
    }
    state.source = { target: 'preview', gitBranch: branch };
    state.where = branch ? `${targetLabel('preview')} · ${branch}` : targetLabel('preview');
  };
}

function fileStep(linked: vscode.Uri): Step<PullAnswers> {
  return async (ask, state) => {
    const names = ['.env.local', '.env.development.local', '.env'];
    const items = [
      ...names.map((name) => ({ label: `$(file) ${name}`, description: vscode.workspace.asRelativePath(vscode.Uri.joinPath(linked, name)), file: vscode.Uri.joinPath(linked, name) })),
      { label: vscode.l10n.t('Choose Another File…'), description: '', file: undefined },
    ];
    const picked = await ask.pick({
      items, placeHolder: vscode.l10n.t('File to write (the folder linked to the project); an existing file is shown as a diff first'),
      active: (item) => (state.otherFile ? item.file === undefined : item.file?.toString() === (state.file ?? items[0].file)?.toString()),
    });
    state.file = picked.file;
    state.otherFile = picked.file === undefined;
  };
}

function sameTarget(a: PullSource['target'], b: PullSource['target']): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.customEnvironmentId === b.customEnvironmentId;
}
