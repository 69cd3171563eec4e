import * as assert from 'node:assert/strict';
import { ApiError, describeError, InputError } from '../../src/core/errors';
import { JsonApi } from '../../src/core/http/jsonApi';
import type { Transport } from '../../src/core/http/types';
import { createUndiciTransport } from '../../src/core/http/undiciTransport';
import { VercelClient } from '../../src/core/vercel/client';
import { assertNoProblem as assertValid } from '../../src/core/validation/problems';
import {
  commentProblem, keyProblem, maxCommentLength, maxGitBranchLength, maxKeyLength, maxValueBytes,
  reservedKeys, targetsProblem, valueProblem,
} from '../../src/core/vercel/envRules';
import type { EnvMutationTarget } from '../../src/core/vercel/envWriter';
import type { EnvTarget, EnvType } from '../../src/core/vercel/models';
import { startEmulator, type Emulator } from '../../emulator';
import { reservedKeys as serverReservedKeys } from '../../emulator';
import { demoTokens } from '../../emulator';

/** Vercel docs, "Reserved Environment Variables": names the platform sets itself, matched exactly. */
const documentedReserved = [
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'NOW_REGION', 'TZ', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

const kib64 = 64 * 1024;

interface BadKey {
  readonly name: string;
  readonly key: string;
  /** Fragments the client's message must contain: what is wrong, in words. */
  readonly says: readonly string[];
  /** Vercel's code for the same key, answered with 400. */
  readonly code: string;
}

const badKeys: readonly BadKey[] = [
  { name: 'empty', key: '', says: ['Enter a name'], code: 'MISSING_KEY' },
  { name: 'a leading space', key: ' API_KEY', says: ['start or end with a space'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a trailing space', key: 'API_KEY ', says: ['start or end with a space'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a leading tab', key: '\tAPI_KEY', says: ['start or end with a space'], code: 'KEY_INVALID_CHARACTERS' },
  { name: '257 characters', key: 'A'.repeat(257), says: ['257 characters', 'maximum is 256'], code: 'KEY_INVALID_LENGTH' },
  { name: '257 characters that are also invalid (length is checked first)', key: '-'.repeat(257), says: ['257 characters', 'maximum is 256'], code: 'KEY_INVALID_LENGTH' },
  { name: 'a leading digit', key: '1API_KEY', says: ['must not start with a digit'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a digit only', key: '9', says: ['must not start with a digit'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a hyphen', key: 'API-KEY', says: ['letters, digits and underscores', '"-"'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a dot', key: 'API.KEY', says: ['letters, digits and underscores', '"."'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a space inside', key: 'API KEY', says: ['letters, digits and underscores', '" "'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'an equals sign', key: 'API=KEY', says: ['letters, digits and underscores', '"="'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a dollar sign', key: 'API$KEY', says: ['letters, digits and underscores', '"$"'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'a non-ASCII letter', key: 'CAFÉ_URL', says: ['ASCII letters, digits and underscores', '"É"'], code: 'KEY_INVALID_CHARACTERS' },
  { name: 'an emoji (outside the BMP: named whole, not as half a surrogate pair)', key: 'KEY_😀', says: ['letters, digits and underscores', '"😀"'], code: 'KEY_INVALID_CHARACTERS' },
  ...documentedReserved.map((key): BadKey => ({ name: `reserved ${key}`, key, says: [key, 'reserved by Vercel'], code: 'KEY_RESERVED' })),
];

/** Keys Vercel accepts: the client must not refuse them. */
const goodKeys: ReadonlyArray<{ readonly name: string; readonly key: string }> = [
  { name: 'a leading underscore', key: '_X' },
  { name: 'a lone underscore', key: '_' },
  { name: 'a letter and a digit', key: 'A1' },
  { name: 'a typical public name', key: 'NEXT_PUBLIC_URL' },
  { name: 'lower case', key: 'database_url' },
  { name: 'mixed case', key: 'apiKey2' },
  { name: 'exactly 256 characters', key: 'A'.repeat(256) },
  { name: 'a reserved name as a prefix', key: 'AWS_REGION_NAME' },
  { name: 'a reserved name as a suffix', key: 'MY_TZ' },
  // Vercel reserves these names exactly (environment names are case-sensitive: `tz` is not `TZ`
  // to the runtime), and the server accepts other cases; the client must not be stricter.
  { name: 'lower-case tz', key: 'tz' },
  { name: 'mixed-case Tz', key: 'Tz' },
  { name: 'lower-case aws_region', key: 'aws_region' },
  { name: 'mixed-case Now_Region', key: 'Now_Region' },
];

interface ValueCase {
  readonly name: string;
  readonly value: string;
  readonly bytes: number;
}

const badValues: readonly ValueCase[] = [
  { name: '64 KiB + 1 byte of ASCII', value: 'a'.repeat(kib64 + 1), bytes: kib64 + 1 },
  { name: '64 KiB + 1 byte with 2-byte characters (32,769 characters)', value: 'é'.repeat(kib64 / 2) + 'a', bytes: kib64 + 1 },
  { name: '64 KiB + 2 bytes of 3-byte characters (21,846 characters)', value: '€'.repeat(21846), bytes: kib64 + 2 },
  { name: '64 KiB + 1 byte with 4-byte emoji (32,769 UTF-16 units)', value: '😀'.repeat(kib64 / 4) + 'a', bytes: kib64 + 1 },
];

const goodValues: readonly ValueCase[] = [
  { name: 'one character', value: 'x', bytes: 1 },
  { name: 'a single space', value: ' ', bytes: 1 },
  { name: 'exactly 64 KiB of ASCII', value: 'a'.repeat(kib64), bytes: kib64 },
  { name: 'exactly 64 KiB of 2-byte characters', value: 'é'.repeat(kib64 / 2), bytes: kib64 },
  { name: 'exactly 64 KiB of 3-byte characters plus one ASCII byte', value: '€'.repeat(21845) + 'a', bytes: kib64 },
  { name: 'exactly 64 KiB of 4-byte emoji', value: '😀'.repeat(kib64 / 4), bytes: kib64 },
];

interface TargetsCase {
  readonly name: string;
  readonly type: EnvType;
  readonly targets: readonly EnvTarget[];
  readonly gitBranch?: string;
  readonly says?: readonly string[];
}

const targetCases: readonly TargetsCase[] = [
  { name: 'no environment', type: 'encrypted', targets: [], says: ['at least one environment'] },
  { name: 'no environment, sensitive', type: 'sensitive', targets: [], says: ['at least one environment'] },
  { name: 'sensitive for Development alone', type: 'sensitive', targets: ['development'], says: ['Sensitive', 'cannot target Development'] },
  { name: 'sensitive for all three', type: 'sensitive', targets: ['production', 'preview', 'development'], says: ['Sensitive', 'cannot target Development'] },
  { name: 'a git branch with Production', type: 'encrypted', targets: ['production'], gitBranch: 'feature/x', says: ['git branch', 'only when Preview is the only environment'] },
  { name: 'a git branch with Preview and Development', type: 'encrypted', targets: ['preview', 'development'], gitBranch: 'feature/x', says: ['git branch', 'only when Preview is the only environment'] },
  { name: 'a git branch with all three', type: 'plain', targets: ['production', 'preview', 'development'], gitBranch: 'feature/x', says: ['git branch', 'only when Preview is the only environment'] },
  { name: 'a branch with a space', type: 'encrypted', targets: ['preview'], gitBranch: 'feature login', says: ['branch name', 'no spaces'] },
  { name: 'a branch with a tab', type: 'encrypted', targets: ['preview'], gitBranch: 'feature\tlogin', says: ['branch name', 'no spaces'] },
  { name: 'a branch of 251 characters', type: 'encrypted', targets: ['preview'], gitBranch: 'b'.repeat(251), says: ['branch name is too long', '250'] },
  // Good ones: no `says`.
  { name: 'encrypted for Development alone', type: 'encrypted', targets: ['development'] },
  { name: 'plain for all three', type: 'plain', targets: ['production', 'preview', 'development'] },
  { name: 'sensitive for Production and Preview', type: 'sensitive', targets: ['production', 'preview'] },
  { name: 'a git branch with Preview alone', type: 'encrypted', targets: ['preview'], gitBranch: 'feature/login' },
  { name: 'a sensitive git-branch variable', type: 'sensitive', targets: ['preview'], gitBranch: 'release/2.0' },
  { name: 'a branch of 250 characters', type: 'encrypted', targets: ['preview'], gitBranch: 'b'.repeat(250) },
];

function assertSays(problem: string | undefined, fragments: readonly string[]): void {
  assert.ok(problem !== undefined, `expected a problem mentioning ${fragments.join(' / ')}`);
  for (const fragment of fragments) assert.ok(problem.includes(fragment), `"${problem}" should mention ${JSON.stringify(fragment)}`);
}

describe('envRules: the limits', () => {
  it('match Vercel\'s documented limits', () => {
    assert.equal(maxKeyLength, 256);
    assert.equal(maxValueBytes, kib64);
    assert.equal(maxCommentLength, 500);
    assert.equal(maxGitBranchLength, 250);
  });

  it('reserve exactly the documented names, the same as the server', () => {
    assert.deepEqual([...reservedKeys].sort(), [...documentedReserved].sort());
    assert.deepEqual([...reservedKeys].sort(), [...serverReservedKeys].sort());
  });
});

describe('envRules: keyProblem', () => {
  for (const c of badKeys) {
    it(`refuses ${c.name}`, () => assertSays(keyProblem(c.key), c.says));
  }
  for (const c of goodKeys) {
    it(`accepts ${c.name}`, () => assert.equal(keyProblem(c.key), undefined));
  }
});

describe('envRules: valueProblem', () => {
  it('refuses an empty value', () => assertSays(valueProblem(''), ['Enter a value']));

  for (const c of badValues) {
    it(`refuses ${c.name}, counting bytes, not characters`, () => {
      assert.equal(Buffer.byteLength(c.value, 'utf8'), c.bytes, 'test data');
      const problem = valueProblem(c.value);
      assertSays(problem, ['maximum is 64 KB']);
      const stated = /value is (\d+) KB/.exec(problem ?? '');
      assert.ok(stated, `"${problem}" should state the value's size`);
      assert.ok(Number(stated[1]) > 64, `"${problem}" states a size above the limit`);
    });
  }
  for (const c of goodValues) {
    it(`accepts ${c.name}`, () => {
      assert.equal(Buffer.byteLength(c.value, 'utf8'), c.bytes, 'test data');
      assert.equal(valueProblem(c.value), undefined);
    });
  }
});

describe('envRules: targetsProblem', () => {
  for (const c of targetCases) {
    if (c.says) it(`refuses ${c.name}`, () => assertSays(targetsProblem(c.type, c.targets, c.gitBranch), c.says ?? []));
    else it(`accepts ${c.name}`, () => assert.equal(targetsProblem(c.type, c.targets, c.gitBranch), undefined));
  }
});

describe('envRules: commentProblem', () => {
  it('accepts no comment', () => assert.equal(commentProblem(''), undefined));
  it('accepts 500 characters', () => assert.equal(commentProblem('c'.repeat(500)), undefined));
  it('refuses 501 characters, saying how long it is and the maximum', () =>
    assertSays(commentProblem('c'.repeat(501)), ['comment', '501 characters', 'maximum is 500']));
});

describe('envRules: assertValid', () => {
  it('does nothing when there is no problem', () => {
    assert.doesNotThrow(() => assertValid());
    assert.doesNotThrow(() => assertValid(undefined, undefined, undefined));
    assert.doesNotThrow(() => assertValid(keyProblem('API_KEY'), valueProblem('v'), targetsProblem('encrypted', ['production']), commentProblem('ok')));
  });

  it('throws the first problem as an InputError', () => {
    assert.throws(() => assertValid(undefined, 'first problem', 'second problem'),
      (e: unknown) => e instanceof InputError && e.message === 'first problem');
  });

  it('reports the key before the value and the targets', () => {
    const err = (() => {
      try {
        assertValid(keyProblem('1API'), valueProblem(''), targetsProblem('encrypted', []));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof InputError, 'an InputError');
    assertSays(err.message, ['must not start with a digit']);
    assert.ok(!err.message.includes('Enter a value'));
    assert.equal(describeError(err), err.message, 'shown to the user as is');
  });

  it('reports the value when only the value is wrong', () => {
    assert.throws(() => assertValid(keyProblem('API_KEY'), valueProblem(''), targetsProblem('encrypted', ['production'])),
      (e: unknown) => e instanceof InputError && e.message.includes('Enter a value'));
  });

  it('reports the targets when only the targets are wrong', () => {
    assert.throws(() => assertValid(keyProblem('API_KEY'), valueProblem('v'), targetsProblem('sensitive', ['development'])),
      (e: unknown) => e instanceof InputError && e.message.includes('cannot target Development'));
  });
});

describe('envRules: the client\'s pre-check and the server agree', () => {
  const blog: EnvMutationTarget = { scope: { kind: 'personal' }, projectId: 'prj_aliceblog' };
  let emulator: Emulator;
  let transport: Transport;
  let client: VercelClient;
  /** The wire call without the client's pre-check: the server must refuse on its own. */
  let raw: JsonApi;
  const rawCreate = (env: { key: string; value: string; type: string; targets: string[] }) =>
    raw.send('POST', '/v10/projects/prj_aliceblog/env', undefined, { key: env.key, value: env.value, type: env.type, target: env.targets });

  function keysIn(projectId: string): string[] {
    const project = emulator.state.projects.find((p) => p.id === projectId);
    assert.ok(project, `project ${projectId}`);
    return project.envs.map((e) => e.key);
  }

  async function refusal(call: Promise<unknown>): Promise<ApiError> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiError, `expected the server to refuse, got ${String(err)}`);
    assert.ok(!err.message.includes(demoTokens.alice));
    return err;
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, validateContract: true });
    transport = createUndiciTransport();
    raw = new JsonApi({ baseUrl: new URL(emulator.url), token: demoTokens.alice, transport, service: 'Vercel' });
    client = new VercelClient(raw);
  });
  beforeEach(() => emulator.reset());
  afterEach(() => assert.deepEqual(emulator.contractViolations, []));
  after(async () => {
    await transport.close();
    await emulator.close();
  });

  for (const c of badKeys) {
    it(`the server refuses ${c.name} with 400 ${c.code}`, async () => {
      const before = keysIn('prj_aliceblog');
      const err = await refusal(rawCreate({ key: c.key, value: 'a-valid-value', type: 'encrypted', targets: ['production'] }));
      assert.equal(err.status, 400);
      assert.equal(err.code, c.code);
      assert.deepEqual(keysIn('prj_aliceblog'), before);
      assert.ok(keyProblem(c.key) !== undefined, 'and the client refuses it before sending');
    });
  }

  for (const c of goodKeys) {
    it(`the server accepts ${c.name}, and so does the client`, async () => {
      const created = await client.envs.create(blog, { key: c.key, value: 'a-valid-value', type: 'encrypted', targets: ['production'] }, false);
      assert.equal(created.key, c.key);
      assert.equal(keysIn('prj_aliceblog').filter((k) => k === c.key).length, 1);
      assert.equal(keyProblem(c.key), undefined, 'the client accepts what the server accepts');
    });
  }

  for (const c of badValues) {
    it(`the server refuses a value of ${c.name} with 400 VALUE_INVALID_LENGTH`, async () => {
      const err = await refusal(rawCreate({ key: 'BIG_VALUE', value: c.value, type: 'encrypted', targets: ['production'] }));
      assert.equal(err.status, 400);
      assert.equal(err.code, 'VALUE_INVALID_LENGTH');
      assert.ok(!keysIn('prj_aliceblog').includes('BIG_VALUE'));
      assert.ok(valueProblem(c.value) !== undefined, 'and the client refuses it before sending');
    });
  }

  for (const c of goodValues) {
    it(`the server accepts a value of ${c.name}, stored byte for byte`, async () => {
      await client.envs.create(blog, { key: 'BIG_VALUE', value: c.value, type: 'encrypted', targets: ['production'] }, false);
      const stored = emulator.state.projects.find((p) => p.id === 'prj_aliceblog')?.envs.find((e) => e.key === 'BIG_VALUE');
      assert.equal(stored?.value, c.value);
      assert.equal(valueProblem(c.value), undefined, 'the client accepts what the server accepts');
    });
  }
});
