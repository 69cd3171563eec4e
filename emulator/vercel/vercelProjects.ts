/**
 * Team scope, projects and custom environments: GET /v10/projects (and the CLI's /v9/projects),
 * GET /v9/projects/{idOrName}. Custom environments are in customEnvironments.ts.
 */
import { badRequest, HttpError, notFound, ok, type ApiContext, type Reply } from '../core/http';
import type { ProjectRecord } from './state';
import { membership } from './state';
import { projectView } from './views';

export const projectsDefaultLimit = 20;
/** The spec gives no maximum; Vercel's documented page size maximum is 100. */
export const projectsMaxLimit = 100;

/**
 * The account a project/env call acts on: the user's own account, or the team named by
 * `teamId` (preferred) or `slug`. An unknown team is answered like a team the user is not
 * a member of, 403 `forbidden`: the spec declares 403 on every scoped operation but 404 on
 * only some, and a distinct answer would tell a caller which team ids exist.
 */
export function scopeAccountId(ctx: ApiContext): string {
  const teamId = ctx.query.teamId || undefined;
  const slug = ctx.query.slug || undefined;
  if (teamId === undefined && slug === undefined) return ctx.user.id;
  const team = teamId !== undefined
    ? ctx.state.teams.find((t) => t.id === teamId)
    : ctx.state.teams.find((t) => t.slug === slug);
  if (!team || !membership(team, ctx.user.id)) {
    throw new HttpError(403, 'forbidden', 'You do not have access to this team, or it does not exist.');
  }
  return team.id;
}

/** The project named by the `idOrName` path parameter, in the request's scope; 404 otherwise. */
export function findProject(ctx: ApiContext): ProjectRecord {
  const accountId = scopeAccountId(ctx);
  const idOrName = ctx.params.idOrName;
  const project = ctx.state.projects.find((p) => p.accountId === accountId && (p.id === idOrName || p.name === idOrName));
  if (!project) throw notFound('Project not found');
  return project;
}

/** Newest update first; the id breaks ties so the cursor is exact. */
function compareProjects(a: ProjectRecord, b: ProjectRecord): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function listProjects(ctx: ApiContext): Reply {
  const { page, more } = projectsPage(ctx);
  const last = page[page.length - 1];
  // The continuation-token form of the spec's pagination: `count` and `next`, no `prev`.
  return ok({ projects: page.map((p) => projectView(p, ctx.state)), pagination: { count: page.length, next: more && last ? encodeCursor(last) : null } });
}

/**
 * `GET /v9/projects`, the older list the official CLI still calls (`projects ls`, `link`):
 * the same projects, paged by time in ms, `next` to pass back as `until` (CLI `fetchPaginated`).
 */
export function listProjectsV9(ctx: ApiContext): Reply {
  const { page, more } = projectsPage(ctx);
  const first = page[0];
  const last = page[page.length - 1];
  return ok({
    projects: page.map((p) => projectView(p, ctx.state)),
    pagination: { count: page.length, next: more && last ? last.updatedAt : null, prev: first && ctx.query.until ? first.updatedAt : null },
  });
}

function projectsPage(ctx: ApiContext): { page: ProjectRecord[]; more: boolean } {
  const accountId = scopeAccountId(ctx);
  const limit = parseLimit(ctx.query.limit, projectsDefaultLimit, projectsMaxLimit);
  const search = ctx.query.search?.toLowerCase();
  let projects = ctx.state.projects
    .filter((p) => p.accountId === accountId && (!search || p.name.toLowerCase().includes(search)))
    .sort(compareProjects);
  // `from` is the spec's continuation parameter; `until` is accepted as the older alias.
  const cursor = ctx.query.from || ctx.query.until;
  if (cursor) projects = projects.filter(afterCursor(cursor));
  return { page: projects.slice(0, limit), more: projects.length > limit };
}

export function getProject(ctx: ApiContext): Reply {
  return ok(projectView(findProject(ctx), ctx.state));
}

export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw badRequest(`Invalid request: \`limit\` should be an integer between 1 and ${max}.`);
  }
  return limit;
}

// --- Continuation token: Base32 (RFC 4648, no padding) of "<updatedAt>:<id>" of the page's last project.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function encodeCursor(project: ProjectRecord): string {
  const bytes = Buffer.from(`${project.updatedAt}:${project.id}`, 'utf8');
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(acc << (5 - bits)) & 31];
  return out;
}

function decodeCursor(token: string): { updatedAt: number; id: string } | undefined {
  let bits = 0;
  let acc = 0;
  const bytes: number[] = [];
  for (const ch of token.toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const match = /^(\d+):(.+)$/.exec(Buffer.from(bytes).toString('utf8'));
  return match ? { updatedAt: Number(match[1]), id: match[2] } : undefined;
}

/**
 * Keeps the projects that come after the cursor in list order. A plain number is the
 * older timestamp cursor (`pagination.next` of v9): projects updated strictly before it.
 */
function afterCursor(cursor: string): (p: ProjectRecord) => boolean {
  if (/^\d+$/.test(cursor)) {
    const ts = Number(cursor);
    return (p) => p.updatedAt < ts;
  }
  const pos = decodeCursor(cursor);
  if (!pos) throw badRequest('Invalid request: `from` is not a valid continuation token.');
  return (p) => p.updatedAt < pos.updatedAt || (p.updatedAt === pos.updatedAt && p.id > pos.id);
}
