import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../src/core/errors';
import {
  accountSecretNameProblem, accountSecretValueProblem, maxAccountSecretNameLength, parseAccountSecret, parseRenamedSecret,
} from '../../src/core/vercel/accountSecretModels';

describe('legacy account secret rules', () => {
  it('accepts lower-case letters, digits, "-" and "_" up to 100 characters', () => {
    for (const name of ['a', 'my-api-key', 'db_password', 'stripe-live-key-2', '0-leading-digit', 'x'.repeat(maxAccountSecretNameLength)]) {
      assert.equal(accountSecretNameProblem(name), undefined, name);
    }
  });

  it('refuses every other name with a message that says what to do', () => {
    const table: Array<[string, RegExp]> = [
      ['', /^Enter a name\.$/],
      ['   ', /only spaces/],
      ['x'.repeat(101), /101 characters long; the maximum is 100\./],
      ['@db-password', /Leave out the "@"/],
      ['Stripe-Key', /lower case: use "stripe-key"/],
      ['has space', /not "a space"/],
      ['dotted.name', /not "\."/],
      ['slash/name', /not "\/"/],
      ['emoji-🔑', /not "🔑"/],
      ['tab\tname', /not U\+0009 CHARACTER TABULATION at position 4\./],
    ];
    for (const [name, message] of table) assert.match(accountSecretNameProblem(name) ?? 'accepted', message, JSON.stringify(name));
  });

  it('refuses an empty value only', () => {
    assert.match(accountSecretValueProblem('') ?? '', /cannot be empty/);
    assert.equal(accountSecretValueProblem(' '), undefined);
  });
});

describe('legacy account secret parsing', () => {
  const created = {
    value: { type: 'Buffer', data: [115, 51, 99, 114, 51, 116] },
    created: '2021-02-10T13:11:49.180Z', name: 'my-api-key', teamId: 'team_LLHUOMOoDlqOp8wPE4kFo9pE',
    uid: 'sec_XCG7t7AIHuO2SBA8667zNUiM', userId: '2qDDuGFTWXBLDNnqZfWPDp1A', createdAt: 1609492210000,
    projectId: 'prj_2WjyKQmM8ZnGcJsPWMrHRHrE', decryptable: true,
  };

  it('reads seed 000\'s create answer and drops its Buffer echo of the value', () => {
    const secret = parseAccountSecret(created);
    assert.deepEqual(secret, {
      uid: 'sec_XCG7t7AIHuO2SBA8667zNUiM', name: 'my-api-key', teamId: 'team_LLHUOMOoDlqOp8wPE4kFo9pE', userId: '2qDDuGFTWXBLDNnqZfWPDp1A',
      created: '2021-02-10T13:11:49.180Z', createdAt: 1609492210000, projectId: 'prj_2WjyKQmM8ZnGcJsPWMrHRHrE', decryptable: true,
    });
    assert.ok(!JSON.stringify(secret).includes('115'), 'no trace of the value bytes');
  });

  it('takes a numeric `created`, treats null ids as absent, and a missing `decryptable` as false', () => {
    const secret = parseAccountSecret({ uid: 'sec_1', name: 'n', created: 1609492210000, teamId: null });
    assert.equal(secret.created, '2021-01-01T09:10:10.000Z');
    assert.equal(secret.teamId, undefined);
    assert.equal(secret.decryptable, false);
  });

  it('refuses answers without uid or name, or with an unreadable date', () => {
    assert.throws(() => parseAccountSecret({ name: 'n' }), InvalidResponseError);
    assert.throws(() => parseAccountSecret({ uid: 'sec_1' }), InvalidResponseError);
    assert.throws(() => parseAccountSecret({ uid: 'sec_1', name: 'n', created: { when: 'now' } }), InvalidResponseError);
    assert.throws(() => parseAccountSecret('sec_1'), InvalidResponseError);
  });

  it('reads the rename answer and requires oldName', () => {
    assert.deepEqual(parseRenamedSecret({ uid: 'sec_1', name: 'b', created: '2025-04-02T04:18:45.334Z', oldName: 'a' }),
      { uid: 'sec_1', name: 'b', oldName: 'a', created: '2025-04-02T04:18:45.334Z' });
    assert.throws(() => parseRenamedSecret({ uid: 'sec_1', name: 'b' }), /has no oldName/);
  });
});
