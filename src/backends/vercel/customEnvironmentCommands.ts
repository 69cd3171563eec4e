import * as vscode from 'vscode';
import { CancelledError, InputError } from '../../core/errors';
import { assertNoProblem } from '../../core/validation/problems';
import {
  branchMatcherText, branchPatternProblem, slugProblem, type BranchMatcher, type CustomEnvironment,
} from '../../core/vercel/customEnvironments';
import { envTargets } from '../../core/vercel/models';
import { withCancellableProgress } from '../../platform/progress';
import { confirm } from '../../platform/prompts';
import { runSteps, type Prompter } from '../../platform/steps';
import { writeVerified } from '../../platform/verifiedWrite';
import { changed } from '../../tree/changed';
import { selected } from '../../commands/target';
import type { Command, Services } from '../backend';
import { vercelClient } from './account';
import { targetLabel } from './envPrompts';
import { EnvironmentNode } from './environmentNode';
import { ProjectNode } from './projectNode';

/**
 * A project's custom environments from the tree: create (copying the variables of another
 * environment, or none), rename, delete; and the project viewed by environment or by variable.
 * Input is checked before any request; each write is one request, then the project reloads.
 */

function projectOf(node: unknown): ProjectNode {
  const project = node instanceof ProjectNode ? node : node instanceof EnvironmentNode && node.project instanceof ProjectNode ? node.project : undefined;
  if (!project) throw new InputError(vscode.l10n.t('Run this from a Vercel project in the Project Secrets view.'));
  return project;
}

/** The custom environment row `node`, or (from F2/Delete, which pass no row) the selected one. */
function customOf(services: Services, node: unknown): { project: ProjectNode; custom: CustomEnvironment } {
  node ??= selected(services);
  const custom = node instanceof EnvironmentNode ? node.custom : undefined;
  if (!custom) throw new InputError(vscode.l10n.t('Run this from a custom environment of a project viewed by environment.'));
  return { project: projectOf(node), custom };
}

/** Shows the project's variables under each environment (Production, Preview, Development, custom ones). */
export const viewByEnvironment: Command = {
  id: 'projectSecrets.viewByEnvironment',
  async run(services, node?: unknown) { await setView(services, projectOf(node), 'environments'); },
};

/** Shows each variable once, with the environments it applies to. */
export const viewByVariable: Command = {
  id: 'projectSecrets.viewByVariable',
  async run(services, node?: unknown) { await setView(services, projectOf(node), 'variables'); },
};

async function setView(services: Services, project: ProjectNode, view: 'variables' | 'environments'): Promise<void> {
  const shown = (services.tree.shownNode(project.id) as ProjectNode | undefined) ?? project;
  shown.setView(view);
  services.tree.rerender(shown);
  await services.treeView.reveal(shown, { expand: true, select: true, focus: false }).then(undefined, () => undefined);
}

interface NewEnvironmentAnswers {
  slug?: string;
  copyFrom?: string | null;
  matcherType?: BranchMatcher['type'] | null;
  pattern?: string;
}

/** "Create Custom Environment…": name, the environment to copy variables from (or none), an optional branch matcher; one POST. */
export const createCustomEnvironment: Command = {
  id: 'projectSecrets.createCustomEnvironment',
  async run(services, node?: unknown) {
    const project = projectOf(node);
    const client = await vercelClient(services.clients, project.account);
    const customs = project.loadedCustomEnvironments() ?? await client.listCustomEnvironments(project.scope, project.project.id);
    const taken = customs.map((c) => c.slug);
    const title = vscode.l10n.t('New custom environment of {0}', project.project.name);
    const s = await runSteps<NewEnvironmentAnswers>(title, {}, (a) => [
      async (ask) => {
        a.slug = await ask.inputBox({
          prompt: vscode.l10n.t('Name of the environment: lowercase letters, digits and hyphens (e.g. staging).'),
          placeHolder: 'staging', value: a.slug, validateInput: (text) => slugProblem(text, taken),
        });
      },
      async (ask) => { a.copyFrom = await pickCopySource(ask, customs, a.copyFrom); },
      async (ask) => { a.matcherType = await pickMatcherType(ask, a.matcherType); },
      ...(a.matcherType ? [async (ask: Prompter) => {
        a.pattern = await ask.inputBox({
          prompt: vscode.l10n.t('Branch name or part of one ({0})', matcherVerb(a.matcherType!)),
          placeHolder: a.matcherType === 'endsWith' ? '-rc' : 'release/', value: a.pattern, validateInput: branchPatternProblem,
        });
      }] : []),
    ]);
    const slug = s.slug!;
    const branchMatcher = s.matcherType && s.pattern ? { type: s.matcherType, pattern: s.pattern } : undefined;
    assertNoProblem(slugProblem(slug, taken), branchMatcher && branchPatternProblem(branchMatcher.pattern));
    await writeVerified(services, {
      what: vscode.l10n.t('Creating the environment {0}', slug), verb: 'create',
      write: () => withCancellableProgress(vscode.l10n.t('Creating {0}…', slug), (signal) => client.createCustomEnvironment(project.scope, project.project.id,
        { slug, branchMatcher, copyEnvVarsFrom: s.copyFrom ?? undefined }, signal).then(() => undefined)),
      happened: async () => (await client.listCustomEnvironments(project.scope, project.project.id)).some((c) => c.slug === slug),
    });
    changed(services.tree, project.id, vscode.l10n.t('Created the environment {0} in {1}.', slug, project.project.name));
  },
};

async function pickCopySource(ask: Prompter, customs: readonly CustomEnvironment[], current: string | null | undefined): Promise<string | null> {
  const items: Array<vscode.QuickPickItem & { from: string | null }> = [
    { label: vscode.l10n.t('No variables'), description: vscode.l10n.t('start empty'), from: null },
    ...envTargets.map((t) => ({ label: vscode.l10n.t('Copy from {0}', targetLabel(t)), from: t as string })),
    ...customs.map((c) => ({ label: vscode.l10n.t('Copy from {0}', c.slug), description: vscode.l10n.t('custom environment'), from: c.id })),
  ];
  const picked = await ask.pick({ items, placeHolder: vscode.l10n.t('Variables of the new environment'), active: (item) => item.from === current });
  return picked.from;
}

function matcherVerb(type: BranchMatcher['type']): string {
  return branchMatcherText({ type, pattern: '' }).trim();
}

async function pickMatcherType(ask: Prompter, current: BranchMatcher['type'] | null | undefined): Promise<BranchMatcher['type'] | null> {
  const items: Array<vscode.QuickPickItem & { type: BranchMatcher['type'] | null }> = [
    { label: vscode.l10n.t('No branch matcher'), description: vscode.l10n.t('deploy to it only when asked'), type: null },
    ...(['startsWith', 'equals', 'endsWith'] as const).map((type) => ({ label: matcherVerb(type), type })),
  ];
  const picked = await ask.pick({ items, placeHolder: vscode.l10n.t('Which git branches deploy to it'), active: (item) => item.type === current });
  return picked.type;
}

/** "Rename Custom Environment…": one PATCH of its slug; its variables keep it (same id). */
export const renameCustomEnvironment: Command = {
  id: 'projectSecrets.renameCustomEnvironment',
  async run(services, node?: unknown) {
    const { project, custom } = customOf(services, node);
    const client = await vercelClient(services.clients, project.account);
    const taken = (project.loadedCustomEnvironments() ?? []).map((c) => c.slug).filter((s) => s !== custom.slug);
    const slug = await runSteps<{ slug?: string }>(vscode.l10n.t('Rename {0}', custom.slug), {}, (a) => [async (ask) => {
      a.slug = await ask.inputBox({
        prompt: vscode.l10n.t('New name of the environment: lowercase letters, digits and hyphens.'), value: custom.slug,
        validateInput: (text) => (text === custom.slug ? vscode.l10n.t('Type a new name.') : slugProblem(text, taken)),
      });
    }]).then((a) => a.slug!);
    assertNoProblem(slug === custom.slug ? vscode.l10n.t('Type a new name.') : slugProblem(slug, taken));
    await writeVerified(services, {
      what: vscode.l10n.t('Renaming the environment {0} to {1}', custom.slug, slug), verb: 'rename',
      write: () => withCancellableProgress(vscode.l10n.t('Renaming {0}…', custom.slug),
        (signal) => client.updateCustomEnvironment(project.scope, project.project.id, custom.id, { slug }, signal).then(() => undefined)),
      happened: async () => (await client.listCustomEnvironments(project.scope, project.project.id)).some((c) => c.id === custom.id && c.slug === slug),
    });
    changed(services.tree, project.id, vscode.l10n.t('Renamed the environment {0} to {1} in {2}.', custom.slug, slug, project.project.name));
  },
};

/**
 * "Delete Custom Environment…": a modal names how many variables are only in it; they are
 * deleted with it (`deleteUnassignedEnvironmentVariables`) or kept unassigned, as chosen.
 * Variables also in other environments keep those.
 */
export const deleteCustomEnvironment: Command = {
  id: 'projectSecrets.deleteCustomEnvironment',
  async run(services, node?: unknown) {
    const { project, custom } = customOf(services, node);
    const client = await vercelClient(services.clients, project.account);
    const envs = project.loadedEnvs() ?? await client.listEnvs(project.scope, project.project.id);
    const inIt = envs.filter((e) => e.customEnvironmentIds.includes(custom.id));
    const onlyInIt = inIt.filter((e) => e.targets.length === 0 && e.customEnvironmentIds.length === 1);
    const deleteAll = vscode.l10n.t('Delete Environment and Its Variables');
    const keep = vscode.l10n.t('Delete Environment, Keep Variables');
    const choices = onlyInIt.length ? [deleteAll, keep] : [vscode.l10n.t('Delete Environment')];
    const choice = await confirm(
      vscode.l10n.t('Delete the environment {0} of {1}?', custom.slug, project.project.name),
      [
        inIt.length === 0 ? vscode.l10n.t('No variable is in it.')
          : onlyInIt.length === 0 ? (inIt.length === 1 ? vscode.l10n.t('Its one variable is also in other environments and stays there.')
            : vscode.l10n.t('Its {0} variables are also in other environments and stay there.', inIt.length))
            : onlyInIt.length === 1 ? vscode.l10n.t('1 variable is only in {0}: {1}.', custom.slug, onlyInIt[0].key)
              : vscode.l10n.t('{0} variables are only in {1}: {2}.', onlyInIt.length, custom.slug, onlyInIt.map((e) => e.key).join(', ')),
        onlyInIt.length && inIt.length > onlyInIt.length ? vscode.l10n.t('The others stay in their other environments.') : '',
        onlyInIt.length ? vscode.l10n.t('Keeping them leaves them in no environment until you add them to one.') : '',
        vscode.l10n.t('This cannot be undone.'),
      ].filter(Boolean).join(' '),
      ...choices);
    if (!choices.includes(choice)) throw new CancelledError();
    const deleteUnassigned = choice === deleteAll;
    await writeVerified(services, {
      what: vscode.l10n.t('Deleting the environment {0}', custom.slug), verb: 'delete',
      write: () => withCancellableProgress(vscode.l10n.t('Deleting {0}…', custom.slug),
        (signal) => client.removeCustomEnvironment(project.scope, project.project.id, custom.id, deleteUnassigned, signal)),
      happened: async () => !(await client.listCustomEnvironments(project.scope, project.project.id)).some((c) => c.id === custom.id),
    });
    changed(services.tree, project.id, vscode.l10n.t('Deleted the environment {0} from {1}.', custom.slug, project.project.name));
  },
};

export const customEnvironmentCommands: readonly Command[] = [
  viewByEnvironment, viewByVariable, createCustomEnvironment, renameCustomEnvironment, deleteCustomEnvironment,
];
