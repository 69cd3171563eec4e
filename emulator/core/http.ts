import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorConfig } from './server';
import type { EmulatorState, UserRecord } from '../vercel/state';

/** What a route handler returns; the server serialises it as JSON. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON (a fault imitating a proxy's HTML page, say). */
  raw?: string;
}

/** Everything a Vercel route handler may look at. Auth is done before it runs. */
export interface ApiContext {
  state: EmulatorState;
  user: UserRecord;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The switches of `/_emulator/config` (e.g. `legacySecretsGone`), read at request time. */
  config: Readonly<EmulatorConfig>;
}

export type Handler = (ctx: ApiContext) => Reply;

/**
 * An API error answered as Vercel does: `{"error":{"code","message",...extra}}`.
 * Thrown by handlers; the server turns it into the reply.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);
export const badRequest = (message: string, extra?: Record<string, unknown>): HttpError =>
  new HttpError(400, 'bad_request', message, extra);

export function errorReply(err: HttpError, headers?: Record<string, string>): Reply {
  return { status: err.status, body: err.toBody(), headers };
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

/** Bodies are capped: the largest legitimate one is a batch of 64 KB values. */
const maxBodyBytes = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw badRequest('The request body is too large.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body is `undefined`, malformed JSON is Vercel's 400. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Invalid JSON');
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const text = reply.raw ?? JSON.stringify(reply.body ?? null);
  res.writeHead(reply.status, {
    'content-type': reply.raw === undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    ...reply.headers,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function queryRecord(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return query;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/v9/projects/{idOrName}` → a matcher returning the decoded path parameters, or undefined. */
export function templateMatcher(template: string): (pathname: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${source}$`);
  return (pathname) => {
    const found = regex.exec(pathname);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, i) => { params[name] = safeDecode(found[i + 1] ?? ''); });
    return params;
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
