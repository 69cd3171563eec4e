import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'dotenv';
import * as fc from 'fast-check';
import { mergeDotenv, type PulledEntry } from '../../src/core/dotenv/merge';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { formatDotenvEntry } from '../../src/core/dotenv/serialize';

/** Characters dotenv treats specially, and others a value may well hold. */
const tricky = ['"', "'", '`', '#', '$', '\\', '\n', '\r', '\r\n', ' ', '\t', '=', 'n', 'r', '{', '}', 'a', 'Z', '0', '\u00a0', '\ufeff', '\u2028', '\u0000', 'é', '🔑', '${X}', '\\n', '\\r', '# ', ' #'];
const value = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...tricky), { maxLength: 14 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
).filter((v) => v !== '');
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);

/** When a value can be written at all (the quoting forms' conditions): any such value must be written. */
function surelyWritable(v: string): boolean {
  if (v.endsWith('\\') && !/^[^#\r\n\u2028\u2029'"`]/u.test(v)) return false;
  const singleOk = !v.includes("'") && !v.includes('\r') && !v.endsWith('\\');
  const backtickOk = !v.includes('`') && !v.includes('\r') && !v.endsWith('\\');
  const doubleOk = !v.includes('"') && !/\\[nr]/.test(v) && !v.endsWith('\\');
  return singleOk || backtickOk || doubleOk;
}

describe('.env serializer (core/dotenv/serialize)', () => {
  it('round trip: dotenv reads back exactly every value written, alone and in one file with others', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, value), { minLength: 1, maxLength: 8, selector: ([n]) => n }), (pairs) => {
      const lines: string[] = [];
      const written = new Map<string, string>();
      for (const [n, v] of pairs) {
        const out = formatDotenvEntry(n, v);
        const forShell = formatDotenvEntry(n, v, { shell: true });
        assert.equal('line' in forShell, 'line' in out, 'an export line is writable exactly when a plain one is');
        if ('line' in forShell) assert.equal(parse(forShell.line)[n], v, `export line: ${JSON.stringify(forShell.line)}`);
        if ('line' in out) {
          assert.equal(parse(out.line)[n], v, `alone: ${JSON.stringify(out.line)}`);
          lines.push(out.line);
          written.set(n, v);
        } else {
          assert.ok(!surelyWritable(v), `refused a writable value ${JSON.stringify(v)}: ${out.unwritable}`);
          assert.ok(!out.unwritable.includes(v) || v.length < 3, 'the reason never quotes the value');
        }
      }
      const file = `${lines.join('\n')}\n`;
      assert.deepEqual(new Map(Object.entries(parse(file))), written, JSON.stringify(file));
      // The hygiene reader of the push half reads the same and refuses nothing of it.
      const read = parseDotenv(file);
      assert.deepEqual(read.problems, []);
      assert.deepEqual(new Map(read.entries.map((e) => [e.name, e.value])), written);
    }), { numRuns: 2000 });
  });

  it('round trip through a merge into a file with local-only keys and comments', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, value), { minLength: 1, maxLength: 6, selector: ([n]) => n }), (pairs) => {
      const existing = '# local settings\nLOCAL_ONLY=keep me # note\n\nexport SHARED=old\n';
      const pulled = pairs.filter(([n]) => n !== 'LOCAL_ONLY').map(([n, v]) => ({ name: n, value: v }));
      const merged = mergeDotenv(existing, pulled);
      const read = parse(merged.text);
      assert.equal(read.LOCAL_ONLY, 'keep me');
      assert.ok(merged.text.startsWith('# local settings\nLOCAL_ONLY=keep me # note\n\nexport SHARED='));
      for (const { name: n, value: v } of pulled) {
        if (merged.unwritable.some((u) => u.name === n)) assert.equal(read[n], n === 'SHARED' ? 'old' : undefined);
        else assert.equal(read[n], v);
      }
    }), { numRuns: 1000 });
  });

  const cases: Array<[string, string, string | undefined]> = [
    ['plain', 'abc', 'K=abc'],
    ['inner spaces need no quotes', 'a b c', 'K=a b c'],
    ['leading and trailing spaces', '  padded  ', "K='  padded  '"],
    ['a hash', 'pa#ss', "K='pa#ss'"],
    ['a dollar prefers single quotes (no expansion by dotenv-expand or shells)', 'pa$word', "K='pa$word'"],
    ['a newline keeps single quotes, the line break as is', 'line1\nline2', "K='line1\nline2'"],
    ['a carriage return needs double quotes', 'a\r\nb', 'K="a\\r\\nb"'],
    ['a single quote', "it's", "K=it's"],
    ['a single quote and a newline', "it's\nme", 'K="it\'s\\nme"'],
    ['a backslash before n stays two characters', 'C:\\new', 'K=C:\\new'],
    ['backslash-n and a newline: single quotes', 'C:\\new\nx', "K='C:\\new\nx'"],
    ['double and single quotes and a hash: backticks', `"a" 'b' #c`, 'K=`"a" \'b\' #c`'],
    ['a value that starts with a quote', '"quoted"', "K='\"quoted\"'"],
    ['a trailing backslash unquoted', 'C:\\dumps\\', 'K=C:\\dumps\\'],
    ['a trailing backslash that needs quotes (a leading space)', ' C:\\dumps\\', undefined],
    ['all three quotes and a newline', `'"\`\n`, undefined],
    ['all three quotes and a hash', `a'b"c\`#`, undefined],
    ['all three quotes but nothing else odd: unquoted', `a'b"c\`d`, 'K=a\'b"c`d'],
    ['a carriage return and a double quote', 'a"\rb', undefined],
  ];
  for (const [title, v, expected] of cases) {
    it(`edge case: ${title}`, () => {
      const out = formatDotenvEntry('K', v);
      if (expected === undefined) {
        assert.ok('unwritable' in out, JSON.stringify(out));
      } else {
        assert.deepEqual(out, { line: expected });
        assert.equal(parse(expected).K, v);
      }
    });
  }

  it('refuses a name no environment can have, without writing the value', () => {
    assert.ok('unwritable' in formatDotenvEntry('1BAD', 'x'));
    assert.ok('unwritable' in formatDotenvEntry('dash-name', 'x'));
  });
});

describe('.env merge (core/dotenv/merge)', () => {
  it('quotes the values of `export` lines for a shell too: `source` and dotenv read the same values', () => {
    const values = ['x y', 'plain', 'a$HOME', 'glob*', "it's", 'semi;colon', 'tab\there'];
    const existing = values.map((_, i) => `export K${i}="old"`).join('\n') + '\n';
    const merged = mergeDotenv(existing, values.map((value, i) => ({ name: `K${i}`, value })));
    assert.match(merged.text, /^export K0='x y'$/m);
    assert.match(merged.text, /^export K1=plain$/m, 'a single shell word stays unquoted');
    const read = parse(merged.text);
    values.forEach((value, i) => assert.equal(read[`K${i}`], value));
    const dir = mkdtempSync(path.join(tmpdir(), 'dotenv-shell-'));
    try {
      const file = path.join(dir, '.env');
      writeFileSync(file, merged.text);
      const script = `. "$1"; ${values.map((_, i) => `printf '%s\\0' "$K${i}"`).join('; ')}`;
      const out = execFileSync('sh', ['-c', script, 'sh', file], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/nonexistent-home' } });
      assert.deepEqual(out.split('\0').slice(0, -1), values);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const header = ['# header'];

  it('a new file: header, sorted lines, write-only as a comment, unwritable as a comment naming the reason', () => {
    const pulled: PulledEntry[] = [
      { name: 'B', value: 'two words' },
      { name: 'A', value: '1' },
      { name: 'SECRET', withheld: 'write-only on Vercel: set it locally' },
      { name: 'ODD', value: `'"\`\n` },
    ];
    const m = mergeDotenv(undefined, pulled, header);
    assert.equal(m.text, [
      '# header', 'A=1', 'B=two words', '# ODD not written: the value has all three quote kinds (\' " `) and needs quotes, which dotenv cannot read.',
      '# SECRET=  (write-only on Vercel: set it locally)', '',
    ].join('\n'));
    assert.deepEqual(parse(m.text), { A: '1', B: 'two words' });
    assert.deepEqual([m.added, m.withheld, m.unwritable.map((u) => u.name)], [['A', 'B'], ['SECRET'], ['ODD']]);
  });

  it('an existing file: updates in place (export, comments, order kept), appends new keys, keeps local-only keys', () => {
    const existing = '# mine\nexport A=old # why\nLOCAL=x\n\n# section\nB="same"\nC=stale#tag\n';
    const m = mergeDotenv(existing, [{ name: 'A', value: 'new value' }, { name: 'B', value: 'same' }, { name: 'C', value: 'v' }, { name: 'D', value: 'd' }]);
    assert.equal(m.text, '# mine\nexport A=\'new value\' # why\nLOCAL=x\n\n# section\nB="same"\nC=v #tag\nD=d\n');
    assert.deepEqual([m.added, m.updated, m.unchanged, m.keptLocal], [['D'], ['A', 'C'], ['B'], ['LOCAL']]);
  });

  it('a write-only variable set locally keeps the local line; a placeholder from an earlier pull is not repeated', () => {
    const first = mergeDotenv(undefined, [{ name: 'S', withheld: 'write-only on Vercel: set it locally' }], header);
    const again = mergeDotenv(first.text, [{ name: 'S', withheld: 'write-only on Vercel: set it locally' }]);
    assert.equal(again.text, first.text);
    const local = mergeDotenv('S=typed locally\n', [{ name: 'S', withheld: 'write-only on Vercel: set it locally' }]);
    assert.equal(local.text, 'S=typed locally\n');
    // Readable again later: the placeholder line becomes the value, in place.
    const readable = mergeDotenv(`${first.text}Z=1\n`, [{ name: 'S', value: 'now readable' }]);
    assert.equal(readable.text, '# header\nS=now readable\nZ=1\n');
  });

  it('keeps CR LF line ends and a file without a final newline', () => {
    assert.equal(mergeDotenv('A=1\r\nB=2\r\n', [{ name: 'B', value: '3' }]).text, 'A=1\r\nB=3\r\n');
    assert.equal(mergeDotenv('A=1', [{ name: 'B', value: '2' }]).text, 'A=1\nB=2\n');
  });

  it('a value that cannot be written leaves the local line as it is', () => {
    const m = mergeDotenv('ODD=local\n', [{ name: 'ODD', value: `'"\`\n` }]);
    assert.equal(m.text, 'ODD=local\n');
    assert.deepEqual(m.unwritable.map((u) => u.name), ['ODD']);
  });

  it('updates the last of duplicate lines (the one dotenv reads)', () => {
    assert.equal(mergeDotenv('A=1\nA=2\n', [{ name: 'A', value: '3' }]).text, 'A=1\nA=3\n');
  });

  it('refuses an answer that names a variable twice', () => {
    assert.throws(() => mergeDotenv(undefined, [{ name: 'A', value: '1' }, { name: 'A', value: '2' }]), /A twice/);
  });
});
