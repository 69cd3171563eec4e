/**
 * The fault hook: `POST /_emulator/faults` with `[{method, pathPattern, status, body?, times?, delayMs?}]`
 * makes the next `times` matching API requests get that answer instead of the real one.
 * Extensions: `headers` (extra response headers); `status` left out = only delay the real
 * answer; `status: 0` = drop the connection without an answer (a network failure);
 * `skip: N` lets N matching requests through first (fail the N+1th call); `applyFirst: true`
 * does the real work (state changes) and then answers the fault (or, with `status: 0`, drops the connection): a write that happened
 * although the client saw a failure.
 */
import { badRequest, isObject, type Reply } from './http';

export interface FaultSpec {
  /** HTTP method, case-insensitive; `*` for any. */
  method: string;
  /** A regular expression tested against the request path (no query string). */
  pathPattern: string;
  status?: number;
  /** JSON body; a string is sent as plain text. Default: an error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
  delayMs?: number;
  skip?: number;
  applyFirst?: boolean;
}

export interface Fault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
  /** Matching requests still to let through before this fault applies. */
  toSkip: number;
}

export function parseFaults(body: unknown): Fault[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map((item, i): Fault => {
    const where = `fault #${i}`;
    if (!isObject(item)) throw badRequest(`${where} should be an object.`);
    const { method, pathPattern, status, headers, times = 1, delayMs = 0, skip = 0, applyFirst = false } = item;
    if (typeof method !== 'string' || method === '') throw badRequest(`${where}: \`method\` is required.`);
    if (typeof pathPattern !== 'string') throw badRequest(`${where}: \`pathPattern\` (a regex string) is required.`);
    let pattern: RegExp;
    try {
      pattern = new RegExp(pathPattern);
    } catch {
      throw badRequest(`${where}: \`pathPattern\` is not a valid regular expression.`);
    }
    if (status !== undefined && (!Number.isInteger(status) || (status !== 0 && ((status as number) < 100 || (status as number) > 599)))) {
      throw badRequest(`${where}: \`status\` should be an HTTP status (or 0 to drop the connection).`);
    }
    if (!Number.isInteger(times) || (times as number) < 1) throw badRequest(`${where}: \`times\` should be a positive integer.`);
    if (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 60_000) throw badRequest(`${where}: \`delayMs\` should be 0..60000.`);
    if (!Number.isInteger(skip) || (skip as number) < 0) throw badRequest(`${where}: \`skip\` should be a non-negative integer.`);
    if (typeof applyFirst !== 'boolean') throw badRequest(`${where}: \`applyFirst\` should be boolean.`);
    if (headers !== undefined && (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
      throw badRequest(`${where}: \`headers\` should map names to strings.`);
    }
    const lowerHeaders = headers === undefined ? undefined
      : Object.fromEntries(Object.entries(headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      spec: { method: method.toUpperCase(), pathPattern, status: status as number | undefined, body: item.body,
        headers: lowerHeaders, times: times as number, delayMs, skip: skip as number, applyFirst },
      pattern,
      remaining: times as number,
      toSkip: skip as number,
    };
  });
}

/** The first armed fault for this request, used up by one; undefined when none matches. */
export function takeFault(faults: Fault[], method: string, pathname: string): Fault | undefined {
  const index = faults.findIndex((f) => (f.spec.method === '*' || f.spec.method === method) && f.pattern.test(pathname));
  const fault = faults[index];
  if (!fault) return undefined;
  if (fault.toSkip > 0) {
    fault.toSkip -= 1;
    return undefined;
  }
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault;
}

export function faultReply(spec: FaultSpec & { status: number }): Reply {
  const headers: Record<string, string> = { ...spec.headers };
  if (typeof spec.body === 'string') return { status: spec.status, body: undefined, raw: spec.body, headers };
  if (spec.body !== undefined) return { status: spec.status, body: spec.body, headers };
  if (spec.status === 429) {
    // A believable rate limit: one second to wait, as the real answer would say.
    const resetMs = Date.now() + 1000;
    headers['retry-after'] ??= '1';
    return { status: 429, headers, body: { error: { code: 'rate_limited', message: 'Rate limit exceeded',
      limit: { remaining: 0, reset: Math.ceil(resetMs / 1000), resetMs, total: 1 } } } };
  }
  const code = spec.status >= 500 ? 'internal_server_error' : spec.status === 404 ? 'not_found' : spec.status === 403 ? 'forbidden' : 'bad_request';
  return { status: spec.status, headers, body: { error: { code, message: `Injected fault (HTTP ${spec.status})` } } };
}
