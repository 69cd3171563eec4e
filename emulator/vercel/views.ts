/**
 * Records → API JSON, shaped after the OpenAPI subset's response schemas.
 * This is the one place that decides which env values leave the server.
 */
import { createHash } from 'node:crypto';
import { projectDeploymentFields } from './deploymentRecords';
import type { EmulatorState, EnvRecord, ProjectRecord, TeamRecord, UserRecord } from './state';
import { isWriteOnly, membership } from './state';

export function authUserView(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    username: user.username,
    avatar: null,
    defaultTeamId: user.defaultTeamId,
    createdAt: user.createdAt,
    softBlock: null,
    billing: null,
    resourceConfig: { concurrentBuilds: 1 },
    stagingPrefix: stagingPrefix(user.id),
    hasTrialAvailable: false,
    version: 'northstar',
  };
}

export function teamView(team: TeamRecord, userId: string): Record<string, unknown> {
  const member = membership(team, userId);
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    avatar: null,
    description: null,
    creatorId: team.creatorId,
    createdAt: team.createdAt,
    updatedAt: team.updatedAt,
    stagingPrefix: stagingPrefix(team.id),
    ...(team.sensitiveEnvironmentVariablePolicy ? { sensitiveEnvironmentVariablePolicy: team.sensitiveEnvironmentVariablePolicy } : {}),
    membership: {
      confirmed: true,
      role: member?.role ?? 'VIEWER',
      createdAt: member?.createdAt ?? team.createdAt,
      created: member?.createdAt ?? team.createdAt,
    },
  };
}

export function projectView(project: ProjectRecord, state?: EmulatorState): Record<string, unknown> {
  const regions = { functionDefaultRegions: ['iad1'] };
  return {
    id: project.id,
    name: project.name,
    accountId: project.accountId,
    framework: project.framework ?? undefined,
    nodeVersion: project.nodeVersion,
    directoryListing: false,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    resourceConfig: regions,
    defaultResourceConfig: regions,
    live: false,
    // No domains are emulated, so none point at the project.
    alias: [],
    // `targets.production` (the deployment serving production) and `latestDeployments` (deployments.ts).
    ...(state ? projectDeploymentFields(project, state) : {}),
    // Vercel's default retention (Project Settings → Deployment Retention), in days.
    deploymentExpiration: {
      expirationDays: 180, expirationDaysProduction: 365, expirationDaysCanceled: 30, expirationDaysErrored: 90, deploymentsToKeep: 10,
    },
    // The project's variables, as the schema of the project answers has them: metadata, and
    // never a readable value (see projectEnvView).
    env: project.envs.map(projectEnvView),
  };
}

/**
 * A variable inside a project object (`env[]` of GET /v10/projects and /v9/projects/{idOrName}):
 * the schema's fields; `value` (required there) is the opaque encrypted form for every readable
 * type, plain ones too, and `""` for write-only and system ones: no value is readable here.
 */
export function projectEnvView(env: EnvRecord): Record<string, unknown> {
  const hidden = isWriteOnly(env) || env.type === 'sensitive' || env.type === 'system';
  return {
    id: env.id,
    key: env.key,
    type: env.type,
    target: [...env.target],
    ...(env.gitBranch !== undefined ? { gitBranch: env.gitBranch } : {}),
    customEnvironmentIds: [...env.customEnvironmentIds],
    ...(env.comment !== undefined ? { comment: env.comment } : {}),
    configurationId: null,
    createdAt: env.createdAt,
    updatedAt: env.updatedAt,
    createdBy: env.createdBy,
    updatedBy: env.updatedBy,
    value: hidden ? '' : cipher(env),
    decrypted: false,
  };
}

/**
 * How much of a value a response shows:
 * - `cipher`: as Vercel lists without `decrypt`: plain in clear, encrypted/secret as an opaque blob;
 * - `clear`: decrypted where possible (`decrypt=true`, or reading one variable).
 * Sensitive (and `visibility: secret`) values never leave in either mode (write-only): `""`, `decrypted: false`.
 */
export type ValueMode = 'cipher' | 'clear';

export function envView(env: EnvRecord, mode: ValueMode, withoutValueWhenHidden = false): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: env.id,
    key: env.key,
    type: env.type,
    target: [...env.target],
    configurationId: null,
    createdAt: env.createdAt,
    updatedAt: env.updatedAt,
    createdBy: env.createdBy,
    updatedBy: env.updatedBy,
    customEnvironmentIds: [...env.customEnvironmentIds],
  };
  if (env.gitBranch !== undefined) view.gitBranch = env.gitBranch;
  if (env.comment !== undefined) view.comment = env.comment;
  if (env.type === 'system') view.system = true;
  if (env.visibility !== undefined) view.visibility = env.visibility;
  // Vercel's findings about a variable (`readable-secret`, `flags-secret-needs-split`); the emulator makes none.
  view.securityIssues = [];
  const { value, decrypted } = revealed(env, mode);
  // getProjectEnv's "not decryptable" variant has no value at all; the lists require one.
  if (value !== undefined || !withoutValueWhenHidden) view.value = value ?? '';
  view.decrypted = decrypted;
  return view;
}

function revealed(env: EnvRecord, mode: ValueMode): { value: string | undefined; decrypted: boolean } {
  if (isWriteOnly(env)) return { value: undefined, decrypted: false };
  switch (env.type) {
    case 'sensitive':
      return { value: undefined, decrypted: false };
    case 'system':
      // Computed at build time by Vercel; the API shows no value for them.
      return { value: undefined, decrypted: false };
    case 'plain':
      return { value: env.value, decrypted: false };
    case 'encrypted':
    case 'secret':
      return mode === 'clear' ? { value: env.value, decrypted: true } : { value: cipher(env), decrypted: false };
  }
}

/** A stable stand-in for Vercel's ciphertext: never contains (or reveals) the clear value. */
export function cipher(env: EnvRecord): string {
  return createHash('sha256').update(`${env.id}\0${env.value}`).digest('base64');
}

function stagingPrefix(id: string): string {
  return createHash('sha1').update(id).digest('hex').slice(0, 8);
}
