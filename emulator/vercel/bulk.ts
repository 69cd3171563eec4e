/**
 * Generated volume for paging tests and `npm run bench`: many projects in one scope, many
 * variables in one project. Names and values are predictable (`<prefix>-0001`, `BULK_0001`)
 * so tests can name what must be on which page.
 */
import { HttpError, isObject } from '../core/http';
import { stableEnvId } from './seed';
import type { EmulatorState, EnvRecord } from './state';

export interface BulkSpec {
  /** `count` projects named `<prefix>-0001`… owned by `accountId` (a user or team id), newest first. */
  readonly projects?: {
    readonly accountId: string; readonly count: number; readonly prefix: string;
    /** Each project also gets `DATABASE_URL` (encrypted) and `FEATURE_<number>` (plain), e.g. for Find Variable. */
    readonly withEnvs?: boolean;
  };
  /** `count` encrypted variables `BULK_0001`… added to project `projectId`. */
  readonly envs?: { readonly projectId: string; readonly count: number };
}

const maxBulk = 5000;

/** Adds what `spec` asks for to `state`; returns how many projects and variables were added. */
export function addBulk(state: EmulatorState, spec: BulkSpec): { projects: number; envs: number } {
  const now = Date.now();
  if (spec.projects) {
    const { accountId, count, prefix, withEnvs } = spec.projects;
    // Older than every project there, so the seed's own order and pages stay as they were.
    const base = Math.min(now, ...state.projects.map((p) => p.updatedAt)) - 24 * 3_600_000;
    for (let n = 1; n <= count; n++) {
      const num = String(n).padStart(4, '0');
      const updatedAt = base - n * 60_000;
      const id = `prj_${prefix.replace(/[^a-z0-9]/gi, '')}${num}`;
      const env = (key: string, type: 'encrypted' | 'plain', value: string): EnvRecord => ({
        id: stableEnvId(`${id}/${key}/bulk`), key, value, type, target: ['production', 'preview'],
        customEnvironmentIds: [], createdAt: updatedAt, updatedAt, createdBy: null, updatedBy: null,
      });
      state.projects.push({
        id, name: `${prefix}-${num}`, accountId, framework: null, nodeVersion: '22.x',
        createdAt: updatedAt, updatedAt, customEnvironments: [],
        envs: withEnvs ? [env('DATABASE_URL', 'encrypted', `postgres://bulk:bulk-db-pass-${num}@db.example.com/${num}`), env(`FEATURE_${num}`, 'plain', `bulk-feature-${num}`)] : [],
      });
    }
  }
  if (spec.envs) {
    const project = state.projects.find((p) => p.id === spec.envs!.projectId);
    if (!project) throw new HttpError(404, 'not_found', `No project ${spec.envs.projectId}.`);
    for (let n = 1; n <= spec.envs.count; n++) {
      const key = `BULK_${String(n).padStart(4, '0')}`;
      project.envs.push({
        id: stableEnvId(`${project.id}/${key}/bulk`), key, value: `bulk-value-${n}`, type: 'encrypted', target: ['production', 'preview'],
        customEnvironmentIds: [], createdAt: now - n, updatedAt: now - n, createdBy: null, updatedBy: null,
      });
    }
  }
  return { projects: spec.projects?.count ?? 0, envs: spec.envs?.count ?? 0 };
}

/** The body of `POST /_emulator/bulk`, checked. */
export function parseBulkSpec(body: unknown): BulkSpec {
  if (!isObject(body)) throw new HttpError(400, 'bad_request', 'The bulk spec should be a JSON object.');
  const count = (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxBulk) {
      throw new HttpError(400, 'bad_request', `\`count\` should be an integer from 1 to ${maxBulk}.`);
    }
    return value;
  };
  const text = (value: unknown, name: string): string => {
    if (typeof value !== 'string' || !/^[a-z0-9_-]{1,40}$/i.test(value)) throw new HttpError(400, 'bad_request', `\`${name}\` should be a short id.`);
    return value;
  };
  const spec: { projects?: BulkSpec['projects']; envs?: BulkSpec['envs'] } = {};
  if (body.projects !== undefined) {
    if (!isObject(body.projects)) throw new HttpError(400, 'bad_request', '`projects` should be an object.');
    spec.projects = { accountId: text(body.projects.accountId, 'accountId'), count: count(body.projects.count), prefix: text(body.projects.prefix, 'prefix'),
      ...(body.projects.withEnvs === true ? { withEnvs: true } : {}) };
  }
  if (body.envs !== undefined) {
    if (!isObject(body.envs)) throw new HttpError(400, 'bad_request', '`envs` should be an object.');
    spec.envs = { projectId: text(body.envs.projectId, 'projectId'), count: count(body.envs.count) };
  }
  return spec;
}
