/**
 * `GET /v3/env/pull/{idOrName}/{target}[/{gitBranch}]`: what the official CLI's `env pull`
 * and `vercel dev` read. Undocumented (not in the OpenAPI document); the shape follows the
 * CLI (vercel/vercel packages/cli, `pullEnvRecords`): `{env: {KEY: value}}`, values decrypted,
 * write-only values (sensitive, `visibility: secret`) as "" (the CLI then reports them as not returned).
 */
import { badRequest, ok, type ApiContext, type Reply } from '../core/http';
import { envTargets, isWriteOnly, type EnvRecord, type EnvTarget } from './state';
import { findProject } from './vercelProjects';

export function pullEnv(ctx: ApiContext): Reply {
  const project = findProject(ctx);
  const target = ctx.params.target ?? '';
  const branch = ctx.params.gitBranch || undefined;
  const custom = project.customEnvironments.find((c) => c.id === target || c.slug === target);
  if (!custom && !envTargets.includes(target as EnvTarget)) {
    throw badRequest(`Invalid request: \`target\` should be one of ${envTargets.join(', ')} or a custom environment of the project.`);
  }
  const applies = (e: EnvRecord): boolean => (custom ? e.customEnvironmentIds.includes(custom.id) : e.target.includes(target as EnvTarget));
  const env: Record<string, string> = {};
  // Branch-less values first, then the branch's own ones override them (Vercel's precedence on a preview branch).
  for (const e of project.envs.filter((x) => applies(x) && x.gitBranch === undefined)) env[e.key] = valueOf(e);
  if (branch !== undefined) {
    for (const e of project.envs.filter((x) => applies(x) && x.gitBranch === branch)) env[e.key] = valueOf(e);
  }
  return ok({ env });
}

function valueOf(env: EnvRecord): string {
  return isWriteOnly(env) ? '' : env.value;
}
