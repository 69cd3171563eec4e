import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../src/core/errors';
import { parseEnvVar, parseNext, parseProject, parseTeam, parseUser } from '../../src/core/vercel/models';

describe('Vercel models', () => {
  it('parses a user', () => {
    const user = parseUser({ user: { id: 'u1', username: 'alice', email: 'a@example.com', name: 'Alice', extra: 1 } });
    assert.deepEqual(user, { id: 'u1', username: 'alice', email: 'a@example.com', name: 'Alice', defaultTeamId: undefined });
  });

  it('parses teams, marking limited ones', () => {
    assert.deepEqual(parseTeam({ id: 't1', slug: 'acme', name: 'Acme', limited: true, sensitiveEnvironmentVariablePolicy: 'on' }),
      { id: 't1', slug: 'acme', name: 'Acme', limited: true, sensitivePolicy: 'on' });
    assert.equal(parseTeam({ id: 't1', slug: 'acme', name: null }).name, 'acme');
  });

  it('parses an env var without keeping its value', () => {
    const env = parseEnvVar({ id: 'e1', key: 'API_KEY', value: 'hunter2-value', type: 'encrypted', target: ['preview', 'production'], gitBranch: 'main' });
    assert.deepEqual(env.targets, ['production', 'preview']);
    assert.equal(env.gitBranch, 'main');
    assert.ok(!JSON.stringify(env).includes('hunter2-value'));
  });

  it('accepts a single target string', () => {
    assert.deepEqual(parseEnvVar({ id: 'e1', key: 'K', value: '', type: 'plain', target: 'development' }).targets, ['development']);
  });

  const malformed: Array<[string, () => unknown]> = [
    ['a user answer without user', () => parseUser({})],
    ['a user without id', () => parseUser({ user: { username: 'x' } })],
    ['a team that is a string', () => parseTeam('acme')],
    ['a project without name', () => parseProject({ id: 'p' })],
    ['an env var of unknown type', () => parseEnvVar({ id: 'e', key: 'K', type: 'weird' })],
    ['an env var without key', () => parseEnvVar({ id: 'e', type: 'plain' })],
    ['pagination that is a list', () => parseNext({ pagination: [] }, 'x')],
    ['a next cursor that is an object', () => parseNext({ pagination: { next: {} } }, 'x')],
  ];
  for (const [what, parse] of malformed) {
    it(`refuses ${what} with a clear error`, () => {
      assert.throws(parse, InvalidResponseError);
    });
  }

  it('reads next cursors as strings, null as the end', () => {
    assert.equal(parseNext({ pagination: { count: 20, next: 1700000000000, prev: null } }, 'x'), '1700000000000');
    assert.equal(parseNext({ pagination: { count: 20, next: 'JBSWY3DP' } }, 'x'), 'JBSWY3DP');
    assert.equal(parseNext({ pagination: { count: 2, next: null, prev: null } }, 'x'), undefined);
    assert.equal(parseNext({}, 'x'), undefined);
  });
});
