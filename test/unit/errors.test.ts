import * as assert from 'node:assert/strict';
import { ApiError, asNetworkError, CancelledError, describeError, InvalidResponseError, isCancellation, NetworkError } from '../../src/core/errors';
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
