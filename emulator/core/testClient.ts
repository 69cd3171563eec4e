/**
 * A few lines of real HTTP (Node's fetch) for tests that talk to the emulator,
 * plus the shapes of its answers as tests read them.
 */
import { demoTokens } from '../vercel/seed';

export interface CallOptions {
  /** Bearer token; default alice's; `null` sends no Authorization header. */
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (to send malformed JSON). */
  rawBody?: string;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = unknown>(base: { url: string }, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(base.url + path);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? demoTokens.alice : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export interface ErrorBody {
  error: { code: string; message: string; [extra: string]: unknown };
}

export interface EnvView {
  id: string;
  key: string;
  value?: string;
  type: string;
  target: string[];
  gitBranch?: string;
  comment?: string;
  decrypted?: boolean;
}

export interface ProjectView {
  id: string;
  name: string;
  accountId: string;
  updatedAt: number;
}

export interface TeamView {
  id: string;
  slug: string;
  name: string;
  createdAt: number;
  membership: { role: string };
}

export interface PageInfo {
  count: number;
  next: string | number | null;
  prev?: number | null;
}

export interface CreateResult {
  created: EnvView | EnvView[];
  failed: ErrorBody[];
}
