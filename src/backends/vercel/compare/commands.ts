import * as vscode from 'vscode';
import { nodeContext, pickConnection, selected } from '../../../commands/target';
import type { SharedEnvironment } from '../../../core/compare/read';
import { CancelledError } from '../../../core/errors';
import { envTargets } from '../../../core/vercel/models';
import { withLoading } from '../../../platform/prompts';
import type { TreeNode } from '../../../tree/node';
import { pickBelow } from '../../../tree/pick';
import type { Command, Services } from '../../backend';
import { vercelClient } from '../account';
import { AccountNode } from '../accountNode';
import { targetLabel } from '../envPrompts';
import { ProjectNode } from '../projectNode';
import { ScopeNode } from '../scopeNode';
import { customEnvironmentsOf, type ProjectRef } from '../target';
import { EnvironmentsComparison, ProjectsComparison, sameProject } from './comparison';
import { ComparePanel } from './panel';

/**
 * "Compare Environments…" (a project: keys × its environments) and "Compare Projects…" (one
 * environment across two or more projects of any connected account). Each opens the
 * comparison editor (panel.ts) and resolves to its panel.
 */
export const compareEnvironments: Command = {
  id: 'projectSecrets.compareEnvironments',
  async run(services, node?: unknown) {
    const project = await projectOf(services, node);
    return ComparePanel.show(services, new EnvironmentsComparison(project));
  },
};

export const compareProjects: Command = {
  id: 'projectSecrets.compareProjects',
  async run(services, node?: unknown) {
    const first = await projectOf(services, node, true);
    const projects = await pickMore(services, first ? [first] : []);
    const environment = await pickEnvironment(services, projects);
    return ComparePanel.show(services, new ProjectsComparison(projects, environment.environment, environment.label));
  },
};

/** The project the command was run on (or the one whose row, or a row below it, is selected); else picked. */
async function projectOf(services: Services, node: unknown, optional: true): Promise<ProjectNode | undefined>;
async function projectOf(services: Services, node: unknown): Promise<ProjectNode>;
async function projectOf(services: Services, node: unknown, optional = false): Promise<ProjectNode | undefined> {
  for (let up = (node ?? selected(services)) as TreeNode | undefined; up && typeof up === 'object'; up = up.parent) {
    if (up instanceof ProjectNode) return up;
  }
  if (optional && !(node instanceof AccountNode || node instanceof ScopeNode)) return undefined;
  return pickProject(services, node);
}

async function pickProject(services: Services, node?: unknown): Promise<ProjectNode> {
  let root: TreeNode;
  if (node instanceof AccountNode || node instanceof ScopeNode) root = node;
  else {
    const connection = await pickConnection(services, (b) => b.kind === 'vercel');
    root = services.backends.of(connection).createRoot(connection);
  }
  return pickBelow(nodeContext(services), root, { family: 'secret', accepts: (n: TreeNode): n is ProjectNode => n instanceof ProjectNode });
}

/** Adds projects one at a time (from any connected Vercel account) until the user compares at least two. */
async function pickMore(services: Services, chosen: ProjectRef[]): Promise<ProjectRef[]> {
  for (;;) {
    if (chosen.length >= 2) {
      const compare = { label: vscode.l10n.t('$(check) Compare {0} Projects', chosen.length), compare: true };
      const add = { label: vscode.l10n.t('$(add) Add Another Project…'), compare: false };
      const picked = await vscode.window.showQuickPick([compare, add], {
        title: vscode.l10n.t('Compare Projects'), placeHolder: chosen.map((p) => p.project.name).join(', '),
      });
      if (!picked) throw new CancelledError();
      if (picked.compare) return chosen;
    }
    const next = await pickProject(services);
    if (chosen.some((p) => sameProject(p, next))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is already in the comparison.', next.project.name));
      continue;
    }
    chosen = [...chosen, next];
  }
}

/** Production, Preview, Development, or a custom environment every chosen project has (by name). */
async function pickEnvironment(services: Services, projects: readonly ProjectRef[]): Promise<{ environment: SharedEnvironment; label: string }> {
  const customs = await withLoading(vscode.l10n.t('Loading the environments…'), () => Promise.all(projects.map(async (p) =>
    customEnvironmentsOf(services, await vercelClient(services.clients, p.account), p))));
  const shared = customs[0].map((c) => c.slug).filter((slug) => customs.every((list) => list.some((c) => c.slug === slug)));
  const items: Array<vscode.QuickPickItem & { environment: SharedEnvironment }> = [
    ...envTargets.map((t) => ({ label: targetLabel(t), environment: t as SharedEnvironment })),
    ...shared.map((slug) => ({ label: slug, description: vscode.l10n.t('custom environment'), environment: { slug } })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Compare {0}', projects.map((p) => p.project.name).join(', ')), placeHolder: vscode.l10n.t('Environment to compare'),
  });
  if (!picked) throw new CancelledError();
  return { environment: picked.environment, label: picked.label };
}

export const compareCommands: readonly Command[] = [compareEnvironments, compareProjects];

