import * as assert from 'node:assert/strict';
import { parseDotenv } from '../../src/core/dotenv/parse';

describe('parseDotenv', () => {
  it('reads a good file: comments, export, quotes, escapes, multi-line values, CRLF', () => {
    const text = [
      '# Database',
      'DATABASE_URL=postgres://u:p@host/db',
      '',
      'export API_KEY = abc123   # a trailing comment',
      "SINGLE='it has \\n and $VAR literally'",
      'DOUBLE="line one\\nline two"',
      'MULTI="first',
      'second',
      'third"',
      'BACKTICK=`say "hi" and \'bye\'`',
      'HASH_QUOTED="pa#ss"',
      'EMPTY=',
      '   INDENTED=yes',
      '_UNDERSCORE=1',
    ].join('\r\n');
    const { entries, problems } = parseDotenv(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.line, e.name, e.value]), [
      [2, 'DATABASE_URL', 'postgres://u:p@host/db'],
      [4, 'API_KEY', 'abc123'],
      [5, 'SINGLE', 'it has \\n and $VAR literally'],
      [6, 'DOUBLE', 'line one\nline two'],
      [7, 'MULTI', 'first\nsecond\nthird'],
      [10, 'BACKTICK', 'say "hi" and \'bye\''],
      [11, 'HASH_QUOTED', 'pa#ss'],
      [12, 'EMPTY', ''],
      [13, 'INDENTED', 'yes'],
      [14, '_UNDERSCORE', '1'],
    ]);
  });

  it('ignores a byte order mark and an empty file', () => {
    assert.deepEqual(parseDotenv('\uFEFFA=1\n').entries.map((e) => e.name), ['A']);
    assert.deepEqual(parseDotenv(''), { entries: [], problems: [] });
  });

  it('reports each malformed line with its number, and keeps the good ones', () => {
    const text = [
      'GOOD=1',                   // 1
      'no equals sign here',      // 2
      'COLON: value',             // 3
      '1STARTS_WITH_DIGIT=x',     // 4
      'HAS-DASH=x',               // 5
      '=no name',                 // 6
      'MY VAR=x',                 // 7
      'TRAILING="abc" junk',      // 8
      'CUT=abc#def',              // 9
      'UNTERMINATED="abc',        // 10: no quote follows, so dotenv reads it as one line
      'AFTER=2',                  // 11
      'LAST=3',                   // 12
    ].join('\n');
    const { entries, problems } = parseDotenv(text);
    assert.deepEqual(entries.map((e) => [e.line, e.name, e.value]), [[1, 'GOOD', '1'], [11, 'AFTER', '2'], [12, 'LAST', '3']]);
    assert.deepEqual(problems.map((p) => p.line), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const message = (line: number) => problems.find((p) => p.line === line)?.message ?? '';
    assert.match(message(2), /Expected NAME=value: this line has no "="/);
    assert.match(message(3), /"NAME: value" form is not supported/);
    assert.match(message(4), /must not start with a digit/);
    assert.match(message(5), /not "-"/);
    assert.match(message(6), /no name before "="/);
    assert.match(message(7), /not "a space"/);
    assert.match(message(8), /Unexpected text after the closing "/);
    assert.match(message(9), /"#".*put the value in quotes/);
    assert.match(message(10), /The " that opens the value is never closed/);
  });

  it('reports a quote that does not close where dotenv reads it, and reads the following lines as dotenv does (issue 14)', () => {
    // dotenv reads A as the unquoted text `"abc` and then B, C and D: the " on line 3 opens C, it does not close A.
    const { entries, problems } = parseDotenv('A="abc\nB=1\nC="x"\nD=4');
    assert.deepEqual(problems, [{ line: 1, message: 'The " that opens the value is never closed (the next ", on line 3, has more text after it, so it does not close the value).' }]);
    assert.deepEqual(entries.map((e) => [e.name, e.value]), [['B', '1'], ['C', 'x'], ['D', '4']]);
  });

  it('reports an unterminated single quote and backtick too', () => {
    assert.deepEqual(parseDotenv("A='abc\nB=`def").problems.map((p) => [p.line, p.message]), [
      [1, "The ' that opens the value is never closed."],
      [2, 'The ` that opens the value is never closed.'],
    ]);
  });

  it('reads backslashes before quotes as dotenv does: a backslash-quote at the end of a line closes the value (issue 14)', () => {
    const { entries, problems } = parseDotenv('A="say \\"hi\\""\nB="ends with \\\\"\nC="open \\"');
    assert.deepEqual(entries.map((e) => [e.name, e.value]), [['A', 'say \\"hi\\"'], ['B', 'ends with \\\\'], ['C', 'open \\']]);
    assert.deepEqual(problems, []);
  });

  it('reports duplicates at the later line and keeps the first value', () => {
    const { entries, problems } = parseDotenv('TOKEN=first\nOTHER=x\nexport TOKEN=second');
    assert.deepEqual(entries.map((e) => [e.name, e.value]), [['TOKEN', 'first'], ['OTHER', 'x']]);
    assert.deepEqual(problems, [{ line: 3, message: 'TOKEN is already set on line 1: keep one of them.' }]);
  });

  it('never quotes a value in a message', () => {
    const secret = 'sk_live_do_not_echo_1234';
    const text = [`B="${secret}" ${secret}`, `A="${secret}`, `C=${secret}#x`, `${secret}`, `D=${secret}`, `D=${secret}`].join('\n');
    const { problems } = parseDotenv(text);
    assert.equal(problems.length, 5);
    for (const p of problems) assert.ok(!p.message.includes(secret), p.message);
  });
});
