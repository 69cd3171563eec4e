import * as assert from 'node:assert/strict';
import { ApiError, asNetworkError, CancelledError, describeError, describeWait, InvalidResponseError, isCancellation, NetworkError, requestNotSent } from '../../src/core/errors';
import { parseRetryAfter, redactedPath } from '../../src/core/http/jsonApi';
import { Redactor } from '../../src/core/redactor';

function apiError(status: number, code?: string, message?: string, retryAfterMs?: number): ApiError {
  const err = new ApiError(status, code, message, retryAfterMs);
  err.service = 'Vercel';
  return err;
}

describe('describeError', () => {
  const cases: Array<[ApiError, RegExp]> = [
    [apiError(400, 'bad_request', 'Invalid limit'), /^Vercel refused the request as invalid\. Vercel says: Invalid limit\.$/],
    [apiError(401), /rejected the token.*add it again/],
    [apiError(402, 'payment_required'), /payment/],
    [apiError(403, 'forbidden', 'Not authorized'), /denied access.*token is invalid, expired or lacks access/],
    [apiError(403, 'ENV_ALREADY_EXISTS', 'A variable with the name `A` already exists'), /refused the change.*already exists/],
    [apiError(404, 'not_found', 'Project not found'), /Not found on Vercel.*Refresh/],
    [apiError(409, 'conflict'), /Conflict.*Refresh and try again/],
    [apiError(410, 'gone'), /retired this API/],
    [apiError(422, 'unprocessable'), /could not process/],
    [apiError(429, 'rate_limited', 'Rate limit exceeded', 12_300), /rate limiting.*Try again in 13 s/],
    [apiError(503), /server error \(HTTP 503\)\. Try again later/],
  ];
  for (const [err, expected] of cases) {
    it(`explains HTTP ${err.status}${err.code ? ` ${err.code}` : ''}`, () => {
      assert.match(describeError(err), expected);
    });
  }

  it('explains network failures and unreadable answers', () => {
    const unreachable = new NetworkError('unreachable', 'Could not reach api.vercel.com (ECONNREFUSED).');
    unreachable.service = 'Vercel';
    assert.match(describeError(unreachable), /ECONNREFUSED.*Check your connection and the projectSecrets\.vercel\.apiUrl setting/);
    assert.match(describeError(new NetworkError('timeout', 'api.vercel.com did not answer in time.')), /in time\. Check your connection/);
    assert.match(describeError(new InvalidResponseError('expected projects to be a list.')), /cannot read: expected projects to be a list/);
  });

  it('treats prompt dismissal and aborted requests as cancellation, nothing else', () => {
    assert.ok(isCancellation(new CancelledError()));
    assert.ok(isCancellation(new NetworkError('cancelled', 'x')));
    assert.ok(!isCancellation(new NetworkError('timeout', 'x')));
    assert.ok(!isCancellation(apiError(500)));
  });

  it('recognises a NetworkError from the separately bundled transport by its shape', () => {
    const foreign = Object.assign(new Error('api.vercel.com did not answer in time.'), { name: 'NetworkError', failure: 'timeout' });
    const err = asNetworkError(foreign);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.failure, 'timeout');
    assert.equal(asNetworkError(new Error('other')), undefined);
  });

  it('keeps notSent, host and code of a NetworkError from the separately bundled transport', () => {
    const foreign = Object.assign(new Error("Can't reach api.vercel.com: connection refused (ECONNREFUSED)."),
      { name: 'NetworkError', failure: 'unreachable', notSent: true, host: 'api.vercel.com', code: 'ECONNREFUSED' });
    const err = asNetworkError(foreign);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.notSent, true);
    assert.equal(err.host, 'api.vercel.com');
    assert.equal(err.code, 'ECONNREFUSED');
    assert.ok(requestNotSent(foreign));
    const unknown = asNetworkError(Object.assign(new Error('x'), { name: 'NetworkError', failure: 'timeout' }));
    assert.equal(unknown?.notSent, false, 'without the mark the outcome is unknown');
    assert.ok(!requestNotSent(new NetworkError('timeout', 'x')));
    assert.ok(!requestNotSent(new ApiError(503, undefined, undefined)));
  });

  it('says "can\'t reach" for a request never sent, once, without "gave up after"', () => {
    const err = new NetworkError('unreachable', "Can't reach api.vercel.com: host not found (ENOTFOUND).", { notSent: true, host: 'api.vercel.com', code: 'ENOTFOUND' });
    err.service = 'Vercel';
    assert.equal(describeError(err), "Can't reach api.vercel.com: host not found (ENOTFOUND). Check your connection and the projectSecrets.vercel.apiUrl setting.");
  });
});

describe('describeWait', () => {
  const wait = (kind: Parameters<typeof describeWait>[0]['kind'], reason: string, waitMs = 1500) => describeWait({ kind, reason, waitMs }, 'Vercel');

  it('calls the server busy for 429 and 503 only', () => {
    assert.equal(wait('rate-limited', 'HTTP 429', 5000), 'Vercel is rate limiting requests (HTTP 429); retrying in 5 s…');
    assert.equal(wait('busy', 'HTTP 503'), 'Vercel is busy (HTTP 503); retrying in 2 s…');
    assert.equal(wait('server-error', 'HTTP 502', 1000), 'Vercel had a server error (HTTP 502); retrying in 1 s…');
    const broke = wait('connection', 'The connection to api.vercel.com broke off before the answer was complete (ECONNRESET).', 2000);
    assert.equal(broke, 'The connection to api.vercel.com broke off before the answer was complete (ECONNRESET); retrying in 2 s…');
    assert.ok(!/busy/.test(broke) && !/busy/.test(wait('server-error', 'HTTP 504')));
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('7'), 7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('redactedPath', () => {
  it('keeps query keys and drops their values', () => {
    assert.equal(redactedPath(new URL('https://x/v10/projects?teamId=team_secret&from=abc')), '/v10/projects?teamId=…&from=…');
    assert.equal(redactedPath(new URL('https://x/v2/user')), '/v2/user');
  });
});

describe('Redactor', () => {
  it('masks every registered secret and ignores very short strings', () => {
    const redactor = new Redactor();
    redactor.add('tok_123456');
    redactor.add('abc');
    redactor.add(undefined);
    assert.equal(redactor.redact('Bearer tok_123456 and tok_123456; abc'), 'Bearer *** and ***; abc');
  });
});
