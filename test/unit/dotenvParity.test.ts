import * as assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { parseDotenv, readDotenvFile, type DotenvResult } from '../../src/core/dotenv/parse';
import { InputError } from '../../src/core/errors';
import { decodeText } from '../../src/core/values';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters values are made of: ordinary ones and every kind the issue names. */
const valueChars = [
  'a', 'Z', '0', '9', '_', '-', '/', ':', '@', '.', '=', '$', '{', '}', ' ', ' ', '\t', '\\', '#', '"', "'", '`',
  '\u0000', '\u200b', '\u200f', '\u202e', '\u0410', '\u0430', '\u0301', 'é', '🔑', '\ufeff', '\u00a0', '\u2028',
];
const names = ['A', 'DB_URL', 'api_key', '_X', 'KEY2', 'dotted.name', 'dash-name', '1DIGIT', 'EXPORT_ME', 'DUMP_DIR', 'a'];
const newlines = ['\n', '\n', '\r\n', '\r'];

function generateFile(next: () => number, wellFormed: boolean): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const text = (max: number, chars = valueChars) => Array.from({ length: Math.floor(next() * max) }, () => pick(chars)).join('');
  const eol = pick(newlines);
  const lines: string[] = [];
  if (next() < 0.1) lines.push('\ufeff');
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    // Well-formed files name each variable once (a name set twice is refused, see the duplicate test).
    const name = wellFormed ? `${pick(names.filter((n) => /^[A-Za-z_]\w*$/.test(n)))}_${i}` : pick(names);
    const lead = pick(['', '', ' ', '  ', 'export ', '\t']);
    const sep = pick(wellFormed ? ['=', ' = ', '= ', '\t=\t'] : ['=', '=', '=', ' = ', '= ', ': ']);
    const plain = text(12, valueChars.filter((c) => !['"', "'", '`', '#'].includes(c)));
    const quote = pick(['"', "'", '`']);
    const inQuotes = (max: number) => text(max, valueChars.filter((c) => c !== quote));
    const value = wellFormed ? pick([
      () => plain,
      () => `${quote}${inQuotes(10)}${quote}`,
      () => `${quote}${inQuotes(6)}${eol}${inQuotes(6)}${quote}`,
      () => `"${text(6, valueChars.filter((c) => c !== '"'))}\\n${text(4, valueChars.filter((c) => c !== '"'))}"`,
      () => `"C:\\dumps\\"`,
      () => `${plain} # comment ${text(4)}`,
      () => `${quote}${inQuotes(5)}${quote} # note`,
    ])() : pick([
      () => plain,
      () => `${quote}${text(10)}${quote}`,
      () => `${quote}${text(6)}${eol}${text(6)}${quote}`,
      () => `${quote}${text(8)}`,
      () => `"${text(6)}\\n${text(4)}"`,
      () => `"C:\\dumps\\"`,
      () => `${plain} # comment ${text(4)}`,
      () => `${plain}#${text(3)}`,
      () => `${quote}${text(5)}${quote} ${text(3)}`,
      () => `${quote}${text(5)}${quote} # note`,
    ])();
    lines.push(`${lead}${name}${sep}${value}`);
    if (next() < 0.3) lines.push(pick(wellFormed ? ['', '# a comment', '   '] : ['', '# a comment', '   ', 'no equals here', '=orphan', 'MY VAR=x', `DATABASE_\u200bURL=x`, `D\u0410TA=y`]));
  }
  const joined = lines.join(eol).replace(/^\ufeff\r?\n?/, '\ufeff');
  return next() < 0.5 ? joined + eol : joined;
}

/**
 * What "reads it the same way" means, checked on one file:
 * - no problem at all: exactly dotenv's names and values;
 * - otherwise: every entry read here has dotenv's value (a refused duplicate aside), and
 *   every name dotenv reads that is not an entry here is refused on a line where it is written;
 * - messages never contain an invisible character, nor a value.
 */
function assertSameReading(text: string, label: string): DotenvResult {
  const ours = parseDotenv(text);
  const theirs = parse(text);
  const context = `${label}: ${JSON.stringify(text)}\nours: ${JSON.stringify(ours)}\ndotenv: ${JSON.stringify(theirs)}`;
  if (ours.problems.length === 0) {
    assert.deepEqual(Object.fromEntries(ours.entries.map((e) => [e.name, e.value])), { ...theirs }, context);
  }
  const duplicated = new Set(ours.problems.map((p) => /^(\S+) is already set on line/.exec(p.message)?.[1]).filter((n) => n !== undefined));
  for (const e of ours.entries) {
    if (!duplicated.has(e.name)) assert.equal(e.value, theirs[e.name], `${e.name}: ${context}`);
  }
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const name of Object.keys(theirs)) {
    if (ours.entries.some((e) => e.name === name)) continue;
    assert.ok(ours.problems.some((p) => (lines[p.line - 1] ?? '').includes(name)), `dotenv reads ${name}; it must be an entry or refused where it is written. ${context}`);
  }
  for (const p of ours.problems) {
    assert.doesNotMatch(p.message, /[\p{Cc}\p{Cf}\p{M}\u2028]/u, `a message shows an invisible character: ${JSON.stringify(p.message)}`);
    assert.ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} is in the file`);
  }
  return ours;
}

describe('.env reading: the same as dotenv.parse', () => {
  it('over 3000 generated files (CRLF, lone CR, BOM, NUL, RTL marks, homoglyphs, combining marks, quotes, #, backslashes, multi-line)', () => {
    const next = random(14);
    let clean = 0;
    for (let i = 0; i < 3000; i++) {
      // Half are well formed (dotenv reads every line as written), half have every kind of mistake.
      const result = assertSameReading(generateFile(next, i % 2 === 0), `file #${i}`);
      if (result.problems.length === 0) clean++;
    }
    console.log(`      ${clean} of 3000 generated files read without a problem, name for name and value for value as dotenv`);
    assert.ok(clean > 1200, `too few clean files to prove the exact reading: ${clean}`);
  });

  const handWritten: ReadonlyArray<readonly [label: string, text: string]> = [
    ['issue 14: DUMP_DIR="C:\\dumps\\" and two more lines', 'DUMP_DIR="C:\\dumps\\"\nLOG_LEVEL=debug\nPORT=3000\n'],
    ['the same with CR LF', 'DUMP_DIR="C:\\dumps\\"\r\nLOG_LEVEL=debug\r\nPORT=3000\r\n'],
    ['UTF-8 BOM', '\ufeffA=1\nB=2'],
    ['NUL inside a value', 'TOKEN=ab\u0000cd\n'],
    ['RTL mark and override inside values', 'A=\u200fabc\nB="x\u202ey"\n'],
    ['homoglyph and combining mark inside values', 'A=\u0410BC\nB=e\u0301\n'],
    ['multi-line double-quoted value', 'KEY="-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"\nNEXT=1'],
    ['escaped newlines only in double quotes', "D=\"a\\nb\"\nS='a\\nb'\nB=`a\\nb`"],
    ['comments and hashes', 'A=abc # comment\nB="a#b"\nC=\'#\'\n# only a comment\n  # indented comment'],
    ['export and spaces around =', 'export A = 1\n  B=  two  \nexport\tC=3'],
    ['escaped quotes inside', 'A="say \\"hi\\""\nB=\'it\\\'s\''],
    ['empty values', 'A=\nB=""\nC=\'\'\nD= # nothing'],
    ['a line separator inside a value', 'A=x\u2028y\nB=2'],
  ];
  for (const [label, text] of handWritten) {
    it(`hand-written: ${label}`, () => {
      const result = assertSameReading(text, label);
      assert.deepEqual(result.problems, [], 'dotenv reads the whole file, and so do we');
    });
  }

  it('issue 14: DUMP_DIR reads as three entries, C:\\dumps\\ first, with no problem', () => {
    const { entries, problems } = parseDotenv('DUMP_DIR="C:\\dumps\\"\nLOG_LEVEL=debug\nPORT=3000\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.line, e.name, e.value]), [[1, 'DUMP_DIR', 'C:\\dumps\\'], [2, 'LOG_LEVEL', 'debug'], [3, 'PORT', '3000']]);
  });

  it('names an invisible character or a homoglyph in a line dotenv skips, at its line', () => {
    const { entries, problems } = parseDotenv('A=1\nDATABASE_\u200bURL=postgres://x\nD\u0410TA=y\nE\u0301=z\n');
    assert.deepEqual(entries.map((e) => e.name), ['A']);
    assert.deepEqual(problems, [
      { line: 2, message: 'A name may contain only ASCII letters, digits and underscores, not U+200B ZERO WIDTH SPACE at position 10.' },
      { line: 3, message: 'A name may contain only ASCII letters, digits and underscores, not "\u0410" (U+0410 CYRILLIC CAPITAL LETTER A at position 2, which looks like the Latin "A").' },
      { line: 4, message: 'A name may contain only ASCII letters, digits and underscores, not U+0301 COMBINING ACUTE ACCENT at position 2.' },
    ]);
    assert.equal(parse('A=1\nDATABASE_\u200bURL=postgres://x\n').DATABASE_URL, undefined, 'dotenv skips it too');
  });

  it('runs the value hygiene over each entry: findings, not problems', () => {
    const { entries, problems } = parseDotenv('CRON_SECRET="my-api-key "\nRTL=\u200fabc\nNUL="a\u0000b"\nEMPTY=\nPEM="-----BEGIN PRIVATE KEY----- MIIB AAAA -----END PRIVATE KEY-----"\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.name, e.findings.map((f) => f.kind)]), [
      ['CRON_SECRET', ['trailingWhitespace']], ['RTL', ['bidiControl']], ['NUL', ['controlCharacter']], ['EMPTY', ['empty']], ['PEM', ['flattenedPemBlock']],
    ]);
    assert.equal(entries[0]?.findings[0]?.message, 'The value of CRON_SECRET ends with U+0020 SPACE at position 11.');
  });
});

describe('.env encoding: detected from the bytes', () => {
  const text = 'A=1\r\nB="\u200fé🔑"\r\n';
  const utf16 = (t: string, bigEndian: boolean): Uint8Array => {
    const bytes = Buffer.from(t, 'utf16le');
    if (bigEndian) bytes.swap16();
    return Uint8Array.from([...(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), ...bytes]);
  };
  const cases: ReadonlyArray<readonly [string, Uint8Array, string, boolean]> = [
    ['UTF-8 without a BOM', Buffer.from(text, 'utf8'), 'utf-8', false],
    ['UTF-8 with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]), 'utf-8', true],
    ['UTF-16 LE with its BOM', utf16(text, false), 'utf-16le', true],
    ['UTF-16 BE with its BOM', utf16(text, true), 'utf-16be', true],
  ];
  for (const [label, bytes, encoding, bom] of cases) {
    it(`${label}: same text, same entries`, () => {
      assert.deepEqual(decodeText(bytes), { text, encoding, bom });
      const read = readDotenvFile(bytes, '.env');
      assert.deepEqual(read.entries.map((e) => [e.name, e.value]), [['A', '1'], ['B', '\u200fé🔑']]);
      assert.equal(read.encoding, encoding);
    });
  }

  it('refuses invalid UTF-8 (never U+FFFD in a secret), naming the byte, its offset and line', () => {
    const bytes = Uint8Array.from([...Buffer.from('A=1\nB=caf'), 0xe9, ...Buffer.from('\n')]);
    assert.throws(() => decodeText(bytes, '.env.local'), (e: unknown) => e instanceof InputError
      && e.message.startsWith('.env.local is not valid UTF-8: byte 0xE9 at offset 9 (line 2)'));
    assert.throws(() => decodeText(Uint8Array.from([0xed, 0xa0, 0x80])), /byte 0xED at offset 0/, 'an encoded surrogate is not UTF-8');
    assert.throws(() => decodeText(Uint8Array.from([0xc0, 0xaf])), /byte 0xC0 at offset 0/, 'an overlong form is not UTF-8');
  });

  it('refuses UTF-32 and damaged UTF-16', () => {
    assert.throws(() => decodeText(Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])), /UTF-32, which is not supported/);
    assert.throws(() => decodeText(Uint8Array.from([0xff, 0xfe, 0x41])), /half a character/);
    assert.throws(() => decodeText(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])), /unpaired surrogate/);
  });
});
