import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { builtInCharacterNames } from '../../src/core/values/characterNames';
import {
  applyValueFixes, describeCharacter, emptyValueNotice, lengthIn, nameFindings, showInvisibles, valueFindings,
  type NameFindingKind, type ValueFindingKind,
} from '../../src/core/values';
import { resourceSecretNameProblem, resourceSecretProblem, valueProblem as resourceValueProblem } from '../../src/core/marketplace/rules';
import { maxSecretValueLength, secretKeyProblem, secretValueProblem } from '../../src/core/secretsApi/rules';
import { accountSecretNameProblem, accountSecretValueProblem } from '../../src/core/vercel/accountSecretModels';
import { commentProblem, keyProblem, maxCommentLength, targetsProblem, valueProblem } from '../../src/core/vercel/envRules';

/** Every backend's name and value rules, with the form of DATABASE_URL each accepts. */
const backends = [
  { backend: 'Vercel variables', name: keyProblem, value: valueProblem, base: 'DATABASE_URL' },
  { backend: 'Vercel account secrets', name: accountSecretNameProblem, value: accountSecretValueProblem, base: 'database_url' },
  { backend: 'Marketplace', name: resourceSecretNameProblem, value: (v: string) => resourceValueProblem(v), base: 'DATABASE_URL' },
  { backend: 'Secrets API', name: secretKeyProblem, value: secretValueProblem, base: 'DATABASE_URL' },
] as const;

/** Characters no message may show as themselves. */
const hidden = /[\p{Cc}\p{Cf}\p{M}\p{Zl}\p{Zp}\u00a0\u2000-\u200b\u3000]/u;

interface NameCase {
  readonly kind: NameFindingKind;
  readonly label: string;
  /** Makes the odd name from a backend's valid one. */
  readonly make: (base: string) => string;
  /** What every backend's message must say. */
  readonly says: (base: string) => string;
}

const nameCases: readonly NameCase[] = [
  { kind: 'invisibleCharacter', label: 'a zero-width space (issue 14: DATABASE_\\u200BURL)', make: (b) => `${b.slice(0, 9)}\u200b${b.slice(9)}`, says: () => 'not U+200B ZERO WIDTH SPACE at position 10' },
  { kind: 'bidiControl', label: 'a right-to-left mark', make: (b) => `${b.slice(0, 9)}\u200f${b.slice(9)}`, says: () => 'not U+200F RIGHT-TO-LEFT MARK at position 10' },
  { kind: 'controlCharacter', label: 'a NUL', make: (b) => `${b.slice(0, 9)}\u0000${b.slice(9)}`, says: () => 'not U+0000 NULL at position 10' },
  {
    kind: 'homoglyph', label: 'a Cyrillic letter that looks Latin',
    make: (b) => (b === b.toLowerCase() ? `d\u0430${b.slice(2)}` : `D\u0410${b.slice(2)}`),
    says: (b) => (b === b.toLowerCase()
      ? 'not "\u0430" (U+0430 CYRILLIC SMALL LETTER A at position 2, which looks like the Latin "a")'
      : 'not "\u0410" (U+0410 CYRILLIC CAPITAL LETTER A at position 2, which looks like the Latin "A")'),
  },
  { kind: 'combiningMark', label: 'a combining accent', make: (b) => `${b.slice(0, 8)}\u0301${b.slice(8)}`, says: () => 'not U+0301 COMBINING ACUTE ACCENT at position 9' },
];

describe('Name hygiene: every backend names the odd character by code point, name and position', () => {
  for (const c of nameCases) {
    for (const b of backends) {
      it(`${b.backend}: ${c.label}`, () => {
        assert.equal(b.name(b.base), undefined, 'the base name is valid');
        const name = c.make(b.base);
        const problem = b.name(name) ?? '';
        assert.ok(problem.includes(c.says(b.base)), `${JSON.stringify(problem)} should say ${c.says(b.base)}`);
        assert.doesNotMatch(problem.replace(/"[\u0410\u0430]"/u, ''), hidden, 'no invisible character in the message');
        assert.ok(nameFindings(name).some((f) => f.kind === c.kind), `nameFindings finds ${c.kind}`);
      });
    }
  }

  it('counts positions in characters, not UTF-16 units: after an emoji the next character is one further', () => {
    assert.match(keyProblem('KEY_🔑\u200b') ?? '', /not "🔑" \(U\+1F511 KEY at position 5\)/);
    assert.equal(describeCharacter('\u200b', 6), 'U+200B ZERO WIDTH SPACE at position 6');
    assert.deepEqual(nameFindings('🔑\u200b').map((f) => f.position), [2]);
  });

  it('puts a name that holds an invisible character into a message with the character spelt out', () => {
    assert.equal(showInvisibles('DATABASE_\u200bURL'), 'DATABASE_[U+200B]URL');
    const problem = resourceSecretProblem({ name: 'DATABASE_\u200bURL', value: 'v' }) ?? '';
    assert.match(problem, /^DATABASE_\[U\+200B\]URL: .*not U\+200B ZERO WIDTH SPACE at position 10/);
    assert.doesNotMatch(problem, hidden);
  });
});

interface ValueCase {
  readonly kind: ValueFindingKind;
  readonly label: string;
  readonly value: string;
  readonly positions: readonly number[];
  readonly says: string;
  /** The value after "Remove it"; undefined: no fix applies. */
  readonly fixed: string | undefined;
}

const pem = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+XQmcT',
  'W1RkJzbCuNq0wQIDAQABAkBfGLe7Y1B8f0Zq7w1p5j9p0pQy3N3m9cX4r8aL2VbA',
  'kR7q2==',
  '-----END PRIVATE KEY-----',
].join('\n');

const valueCases: readonly ValueCase[] = [
  { kind: 'trailingWhitespace', label: 'CRON_SECRET with a trailing space (issue 14)', value: 'my-api-key ', positions: [11], says: 'The value ends with U+0020 SPACE at position 11.', fixed: 'my-api-key' },
  { kind: 'leadingWhitespace', label: 'a leading tab', value: '\tsk_live_1', positions: [1], says: 'starts with U+0009 CHARACTER TABULATION at position 1', fixed: 'sk_live_1' },
  { kind: 'trailingWhitespace', label: 'a trailing no-break space', value: 'token\u00a0', positions: [6], says: 'ends with U+00A0 NO-BREAK SPACE at position 6', fixed: 'token' },
  { kind: 'trailingNewline', label: 'one trailing newline on a single line', value: 'secret\n', positions: [7], says: 'ends with a line break (U+000A LINE FEED at position 7)', fixed: 'secret' },
  { kind: 'trailingNewline', label: 'a trailing CR LF on a single line', value: 'secret\r\n', positions: [7, 8], says: 'U+000D CARRIAGE RETURN at position 7 and U+000A LINE FEED at position 8', fixed: 'secret' },
  { kind: 'controlCharacter', label: 'a NUL inside', value: 'ab\u0000cd', positions: [3], says: 'U+0000 NULL at position 3', fixed: 'abcd' },
  { kind: 'controlCharacter', label: 'an escape character', value: 'x\u001b[0m', positions: [2], says: 'U+001B ESCAPE at position 2', fixed: 'x[0m' },
  { kind: 'invisibleCharacter', label: 'a zero-width space', value: 'pass\u200bword', positions: [5], says: 'U+200B ZERO WIDTH SPACE at position 5', fixed: 'password' },
  { kind: 'invisibleCharacter', label: 'a byte order mark inside', value: 'ab\ufeffc', positions: [3], says: 'U+FEFF ZERO WIDTH NO-BREAK SPACE at position 3', fixed: 'abc' },
  { kind: 'invisibleCharacter', label: 'a soft hyphen, after an emoji (positions count characters)', value: '🔑ab\u00adc', positions: [4], says: 'U+00AD SOFT HYPHEN at position 4', fixed: '🔑abc' },
  { kind: 'bidiControl', label: 'a right-to-left mark', value: '\u200fabc', positions: [1], says: 'U+200F RIGHT-TO-LEFT MARK at position 1', fixed: 'abc' },
  { kind: 'bidiControl', label: 'a right-to-left override', value: 'abc\u202edef', positions: [4], says: 'U+202E RIGHT-TO-LEFT OVERRIDE at position 4', fixed: 'abcdef' },
  { kind: 'surroundingQuotes', label: 'double quotes around the value', value: '"s3cret"', positions: [1, 8], says: 'wrapped in double quotes (positions 1 and 8)', fixed: 's3cret' },
  { kind: 'surroundingQuotes', label: 'single quotes around the value', value: "'s3cret'", positions: [1, 8], says: 'wrapped in single quotes', fixed: 's3cret' },
  { kind: 'flattenedPemBlock', label: 'a PEM key pasted into a password box (newlines became spaces, issue 14)', value: pem.replace(/\n/g, ' '), positions: [], says: 'PEM block (-----BEGIN …-----) that lost its line breaks', fixed: pem },
  { kind: 'flattenedPemBlock', label: 'a PEM key with literal \\n escapes', value: pem.replace(/\n/g, '\\n'), positions: [], says: 'lost its line breaks', fixed: pem },
  { kind: 'crlfLineEndings', label: 'a multi-line value with CR LF', value: 'line one\r\nline two\r\nline three', positions: [9, 19], says: 'Windows line endings (U+000D CARRIAGE RETURN before 2 line feeds, first at position 9)', fixed: 'line one\nline two\nline three' },
];

describe('Value hygiene: findings, never refusals, with the fix each "Remove it" gives', () => {
  for (const c of valueCases) {
    for (const b of backends) {
      it(`${b.backend}: ${c.label}`, () => {
        assert.equal(b.value(c.value), undefined, `${b.backend} does not refuse it: hygiene is for the user to decide`);
        const finding = valueFindings(c.value).find((f) => f.kind === c.kind);
        assert.ok(finding, `finds ${c.kind} in ${JSON.stringify(c.value)}: ${JSON.stringify(valueFindings(c.value).map((f) => f.kind))}`);
        assert.deepEqual(finding.positions, c.positions);
        assert.ok(finding.message.includes(c.says), `${JSON.stringify(finding.message)} should say ${c.says}`);
        assert.doesNotMatch(finding.message, hidden, 'no invisible character in the message');
        assert.ok(!finding.message.includes(c.value.trim()), 'never quotes the value');
        assert.equal(finding.fixed, c.fixed);
        assert.equal(applyValueFixes(c.value, [c.kind]), c.fixed ?? c.value);
      });
    }
  }

  it('an empty value is a finding with no fix, and every backend refuses it', () => {
    assert.deepEqual(valueFindings(''), [{ kind: 'empty', positions: [], message: 'The value is empty.', fixed: undefined }]);
    for (const b of backends) assert.ok(b.value('') !== undefined, `${b.backend} refuses an empty value`);
  });

  it('leaves ordinary values alone: multi-line PEM with its final newline, tabs inside, emoji with joiners and selectors, RTL text', () => {
    for (const value of [`${pem}\n`, pem, 'a\tb', '👨\u200d👩\u200d👧 ❤\ufe0f 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', 'שלום', 'postgres://u:p@h/db', 'é', 'e\u0301']) {
      assert.deepEqual(valueFindings(value), [], JSON.stringify(value));
    }
  });

  it('never changes a value unless asked: no kinds chosen, same value', () => {
    for (const c of valueCases) assert.equal(applyValueFixes(c.value, []), c.value);
  });

  it('applies several chosen fixes in a fixed order', () => {
    assert.equal(applyValueFixes(' "x\u200by" \n', ['trailingNewline', 'leadingWhitespace', 'trailingWhitespace', 'invisibleCharacter', 'surroundingQuotes']), 'xy');
    assert.equal(applyValueFixes('a\r\nb\u0000\r\n', ['crlfLineEndings', 'controlCharacter']), 'a\nb\n');
  });

  it('names the value in messages as asked', () => {
    assert.equal(valueFindings('x ', 'production value')[0]?.message, 'The production value ends with U+0020 SPACE at position 2.');
  });
});

describe('Lengths counted as each API counts them', () => {
  it('counts characters, UTF-16 units and UTF-8 bytes', () => {
    assert.deepEqual(['😀', 'é', 'e\u0301', 'a'].map((t) => [lengthIn(t, 'characters'), lengthIn(t, 'utf16Units'), lengthIn(t, 'bytes')]),
      [[1, 2, 4], [1, 1, 2], [2, 2, 3], [1, 1, 1]]);
    assert.equal(lengthIn('\ud800x', 'characters'), 2, 'a lone surrogate is one code point');
  });

  it('Vercel comment (OpenAPI maxLength 500, code points): 499 x plus an emoji is 500 characters and accepted (issue 14)', () => {
    assert.equal(commentProblem(`${'x'.repeat(maxCommentLength - 1)}😀`), undefined);
    assert.equal(commentProblem(`${'x'.repeat(maxCommentLength)}😀`), 'The comment is 501 characters long; the maximum is 500.');
  });

  it('Vercel git branch (OpenAPI maxLength 250, code points)', () => {
    assert.equal(targetsProblem('encrypted', ['preview'], `${'b'.repeat(249)}😀`), undefined);
    assert.match(targetsProblem('encrypted', ['preview'], `${'b'.repeat(250)}😀`) ?? '', /too long: 251 characters; the maximum is 250/);
  });

  it('Secrets API value (counted in UTF-16 units, as its server does): says "UTF-16 units" when that differs from characters', () => {
    assert.equal(secretValueProblem(`${'v'.repeat(maxSecretValueLength - 2)}😀`), undefined);
    const problem = secretValueProblem(`${'v'.repeat(maxSecretValueLength - 1)}😀`);
    assert.equal(problem, 'The value is 4097 UTF-16 units long (emoji and other characters outside the Basic Multilingual Plane count as 2); the maximum is 4096.');
    assert.equal(secretValueProblem('v'.repeat(maxSecretValueLength + 1)), 'The value is 4097 characters long; the maximum is 4096.');
  });

  it('Vercel value: 64 KB in UTF-8 bytes, saying so', () => {
    assert.equal(valueProblem('é'.repeat(32 * 1024 + 1)), 'The value is 65 KB; the maximum is 64 KB (65536 bytes in UTF-8; it has 65538).');
  });
});

describe('Copy Value of an empty value', () => {
  it('says it is empty instead of copying (issue 14); a value or an unreadable one is not "empty"', () => {
    assert.equal(emptyValueNotice('', 'CRON_SECRET'), 'CRON_SECRET has an empty value: there is nothing to copy, and the clipboard was left as it was.');
    assert.equal(emptyValueNotice('x', 'CRON_SECRET'), undefined);
    assert.equal(emptyValueNotice(undefined, 'CRON_SECRET'), undefined);
  });
});

describe('Character names', () => {
  it('the built-in table agrees with the Unicode data of unicode-name, name for name', async () => {
    const id = 'unicode-name'; // an ES module without types
    const { unicodeReadableName } = await import(id) as { unicodeReadableName(c: string): string };
    const wrong = [...builtInCharacterNames()].filter(([cp, name]) => unicodeReadableName(String.fromCodePoint(cp)) !== name)
      .map(([cp, name]) => `${cp.toString(16)}: ${name} ≠ ${unicodeReadableName(String.fromCodePoint(cp))}`);
    assert.deepEqual(wrong, []);
  });

  it('loads the Unicode name data only when a character outside the table is named', () => {
    const module = path.join(__dirname, '../../src/core/values/characterNames.js');
    const script = `const n = require(${JSON.stringify(module)});
      const a = [n.characterName(0x200b), n.characterName(0x410), n.characterNameLoads()];
      const b = [n.characterName(0xe9), n.characterNameLoads(), n.characterName(0x1f511), n.characterNameLoads()];
      console.log(JSON.stringify([a, b]));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as unknown;
    assert.deepEqual(out, [['ZERO WIDTH SPACE', 'CYRILLIC CAPITAL LETTER A', 0], ['LATIN SMALL LETTER E WITH ACUTE', 1, 'KEY', 1]]);
  });
});
