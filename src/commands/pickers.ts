import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { EnvVar, Scope, VercelProject } from '../core/vercel/models';
import type { VercelClient } from '../core/vercel/client';
import type { Account, VercelAccount } from '../accounts/accountStore';
import { kindLabel } from '../tree/connectionNodes';
import { EnvVarNode } from '../tree/nodes/envVarNode';
import { ProjectNode } from '../tree/nodes/projectNode';
import type { Services } from './command';

/** Where a command acts: resolved from a tree node, or asked for with quick picks from the palette. */
export interface ProjectContext {
  readonly account: VercelAccount;
  readonly scope: Scope;
  readonly project: VercelProject;
  readonly client: VercelClient;
}

export interface EnvContext extends ProjectContext {
  readonly env: EnvVar;
}

/** From a project node, or with pickers (starting at `account` when the caller picked it already). */
export async function resolveProject(services: Services, node: unknown, picked?: VercelAccount): Promise<ProjectContext> {
  if (node instanceof ProjectNode) {
    return { account: node.account, scope: node.scope, project: node.project, client: await services.clients.vercelForAccount(node.account) };
  }
  const account = picked ?? await pickConnection(services, ['vercel']) as VercelAccount;
  const client = await services.clients.vercelForAccount(account);
  const scope = await pickScope(client);
  const project = await pickProject(client, scope);
  return { account, scope, project, client };
}

export async function resolveEnv(services: Services, node: unknown, filter: (env: EnvVar) => boolean = () => true, account?: VercelAccount): Promise<EnvContext> {
  if (node instanceof EnvVarNode) {
    const project = node.parent;
    return {
      account: project.account, scope: project.scope, project: project.project, env: node.env,
      client: await services.clients.vercelForAccount(project.account),
    };
  }
  const target = await resolveProject(services, node, account);
  const envs = await withLoading(() => target.client.listEnvs(target.scope, target.project.id));
  const choices = envs.filter(filter);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no variable this command applies to.', target.project.name));
    throw new CancelledError();
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((env) => ({ label: env.key, description: `${env.type} · ${env.targets.join(', ')}${env.gitBranch ? ` · ${env.gitBranch}` : ''}`, env })),
    { title: vscode.l10n.t('Variable of {0}', target.project.name), placeHolder: vscode.l10n.t('Pick a variable') });
  if (!picked) throw new CancelledError();
  return { ...target, env: picked.env };
}

/** A connection of one of `kinds`: the only one, or picked from a list. */
export async function pickConnection({ accounts }: Services, kinds: ReadonlyArray<Account['kind']>): Promise<Account> {
  const list = accounts.list().filter((a) => kinds.includes(a.kind));
  if (list.length === 0) {
    const add = vscode.l10n.t('Add Vercel Account');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Connect an account first.'), add);
    if (choice === add) await vscode.commands.executeCommand('projectSecrets.addVercelAccount');
    throw new CancelledError();
  }
  if (list.length === 1) return list[0];
  const picked = await vscode.window.showQuickPick(list.map((account) => ({ label: account.label, description: kindLabel(account), account })),
    { title: vscode.l10n.t('Account'), placeHolder: vscode.l10n.t('Pick an account or connection') });
  if (!picked) throw new CancelledError();
  return picked.account;
}

export async function pickScope(client: VercelClient): Promise<Scope> {
  const teams = await withLoading(() => client.listTeams());
  const scopes: Array<{ label: string; description?: string; scope: Scope }> = [
    { label: vscode.l10n.t('Personal'), scope: { kind: 'personal' } },
    ...teams.map((team) => ({
      label: team.name, description: team.slug,
      scope: { kind: 'team' as const, teamId: team.id, slug: team.slug, name: team.name, sensitivePolicy: team.sensitivePolicy },
    })),
  ];
  if (scopes.length === 1) return scopes[0].scope;
  const picked = await vscode.window.showQuickPick(scopes, { title: vscode.l10n.t('Scope'), placeHolder: vscode.l10n.t('Personal account or team') });
  if (!picked) throw new CancelledError();
  return picked.scope;
}

/** Projects page by page, as in the tree: a "Load more…" item fetches the next page. */
export async function pickProject(client: VercelClient, scope: Scope): Promise<VercelProject> {
  const projects: VercelProject[] = [];
  let next: string | undefined;
  let first = true;
  for (;;) {
    if (first || next) {
      const page = await withLoading(() => client.listProjects(scope, next));
      projects.push(...page.items);
      next = page.next;
      first = false;
    }
    const more = { label: `$(more) ${vscode.l10n.t('Load more…')}`, project: undefined };
    const items: Array<{ label: string; description?: string; project: VercelProject | undefined }> = [
      ...projects.map((project) => ({ label: project.name, description: project.framework, project })),
      ...(next ? [more] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Project'), placeHolder: vscode.l10n.t('Pick a project') });
    if (!picked) throw new CancelledError();
    if (picked.project) return picked.project;
  }
}

function withLoading<T>(task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading from Vercel…') }, task);
}
