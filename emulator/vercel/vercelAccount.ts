/**
 * The token's user and teams: GET /v2/user, GET /v2/teams, GET /v1/teams, GET /v2/teams/{teamId}
 * (also unversioned, as the CLI calls it). None takes a team scope.
 */
import { badRequest, HttpError, ok, type ApiContext, type Reply } from '../core/http';
import type { TeamRecord } from './state';
import { membership, teamsOf } from './state';
import { parseLimit } from './vercelProjects';
import { authUserView, teamView } from './views';

export const teamsDefaultLimit = 20;
export const teamsMaxLimit = 100;

export function getUser(ctx: ApiContext): Reply {
  return ok({ user: authUserView(ctx.user) });
}

/**
 * Teams newest first, paged by creation time in ms: `pagination.next` is the createdAt of
 * the page's last team, to pass back as `until` (exclusive); `prev` is the first team's,
 * to pass as `since` (exclusive). Each is null when nothing lies beyond it.
 */
export function listTeams(ctx: ApiContext): Reply {
  const limit = parseLimit(ctx.query.limit, teamsDefaultLimit, teamsMaxLimit);
  const since = timestamp(ctx.query.since, 'since');
  // The official CLI (`teams ls`) pages with `next=<pagination.next>`; the spec names it `until`.
  const until = timestamp(ctx.query.until ?? ctx.query.next, ctx.query.until !== undefined ? 'until' : 'next');
  const mine = teamsOf(ctx.state, ctx.user.id).sort(newestFirst);
  const matching = mine.filter((t) => (since === undefined || t.createdAt > since) && (until === undefined || t.createdAt < until));
  // With only `since`, the page is the one just newer than it (walking back towards the newest).
  const page = since !== undefined && until === undefined ? matching.slice(-limit) : matching.slice(0, limit);
  const first = page[0];
  const last = page[page.length - 1];
  const next = last && mine.some((t) => t.createdAt < last.createdAt) ? last.createdAt : null;
  const prev = first && mine.some((t) => t.createdAt > first.createdAt) ? first.createdAt : null;
  return ok({
    teams: page.map((t) => teamView(t, ctx.user.id)),
    pagination: { count: page.length, next, prev },
  });
}

/** The older, unpaged list the CLI still reads (`getTeams`, apiVersion 1): every team of the user. */
export function listAllTeams(ctx: ApiContext): Reply {
  return ok({ teams: teamsOf(ctx.state, ctx.user.id).sort(newestFirst).map((t) => teamView(t, ctx.user.id)) });
}

/**
 * One team by id (or slug, as the CLI's `/teams/{idOrSlug}` allows). A team the user is not
 * a member of is answered like an unknown one, 403, as project calls answer a foreign `teamId`.
 */
export function getTeam(ctx: ApiContext): Reply {
  const idOrSlug = ctx.params.teamId;
  const team = ctx.state.teams.find((t) => t.id === idOrSlug) ?? ctx.state.teams.find((t) => t.slug === idOrSlug);
  if (!team || !membership(team, ctx.user.id)) {
    throw new HttpError(403, 'forbidden', 'You do not have access to this team, or it does not exist.');
  }
  return ok(teamView(team, ctx.user.id));
}

function newestFirst(a: TeamRecord, b: TeamRecord): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}

function timestamp(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest(`Invalid request: \`${name}\` should be number.`);
  return value;
}
