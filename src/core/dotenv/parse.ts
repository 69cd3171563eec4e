/**
 * Reading a .env file for an import, the way the `dotenv` package reads it, without
 * losing anything silently.
 *
 * Entries are found with dotenv's own line pattern (`LINE` in dotenv's main.js; its default
 * parser, the one `config()` uses) and each value comes from `dotenv.parse` of that entry's
 * text, so a name and value read here are exactly what dotenv reads: a property test
 * compares both over many files (test/unit/dotenvParity.test.ts), which also catches a
 * dotenv upgrade that changes the pattern. On top of that reading:
 * - problems (refusals, each at the 1-based line where it is): lines dotenv skips without
 *   a word (no "=", no name, a character no name may have), names no environment variable
 *   can have, the "NAME: value" form, duplicate names (dotenv silently keeps the last), and
 *   readings that differ from what the line says (text after a closing quote, a quote that
 *   does not close, an unquoted "#" that cuts the value short);
 * - findings (not refusals) on each entry: the value hygiene of values/valueFindings.ts.
 * Messages never quote a value (a .env file is full of secrets); they name lines, names
 * and characters (by code point and name when not printable ASCII).
 */
import { parse } from 'dotenv';
import { decodeText, firstDisallowed, showCharacter, valueFindings, type DecodedText, type ValueFinding } from '../values';

export interface DotenvEntry {
  readonly name: string;
  /** Exactly what dotenv reads. Holds a secret: never log or show it. */
  readonly value: string;
  /** 1-based line of the name (a CR LF or a lone CR ends a line, as for dotenv). */
  readonly line: number;
  /** What is odd about the value (valueFindings): shown to the user, never a reason to refuse. */
  readonly findings: readonly ValueFinding[];
}

export interface DotenvProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export interface DotenvResult {
  /** In file order; an entry with a problem is left out; a duplicate name keeps its first entry (and is reported). */
  readonly entries: DotenvEntry[];
  /** Refusals, in line order: an import should send nothing while there are any. */
  readonly problems: DotenvProblem[];
}

/** dotenv's LINE pattern, copied verbatim plus the `d` flag for match positions. */
export const dotenvLine = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dmg;
/** The portable environment-variable name (POSIX): what every runtime can read. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads `text` (already decoded; a leading U+FEFF is ignored) as dotenv does. Never
 * throws; every issue is a problem or a finding.
 */
export function parseDotenv(text: string): DotenvResult {
  // dotenv reads CR LF and a lone CR as LF; so do line numbers here.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };

  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const read: Array<readonly [number, number]> = [];
  const firstLine = new Map<string, number>();

  for (const match of source.matchAll(dotenvLine)) {
    const start = match.index ?? 0;
    read.push([start, start + match[0].length]);
    const name = match[1] ?? '';
    const [nameStart, nameEnd] = match.indices?.[1] ?? [start, start];
    const line = lineAt(nameStart);
    const valueStart = match.indices?.[2]?.[0] ?? start + match[0].length;
    // A name read twice is reported even when one of its lines is refused for another reason:
    // dotenv would silently take the last one.
    const earlier = firstLine.get(name);
    if (earlier !== undefined) problems.push({ line, message: `${name} is already set on line ${earlier}: keep one of them.` });
    else firstLine.set(name, line);
    const problem = namedProblem(name) ?? formProblem(source, nameEnd, valueStart, lineAt);
    if (problem !== undefined) problems.push({ line, message: problem });
    if (problem !== undefined || earlier !== undefined) continue;
    const value = parse(match[0])[name];
    if (value === undefined) {
      // dotenv's pattern and dotenv.parse disagree (a changed dotenv?): say so rather than drop the entry.
      problems.push({ line, message: `${name} could not be read: check its quotes.` });
      continue;
    }
    entries.push({ name, value, line, findings: valueFindings(value, `value of ${name}`) });
  }

  // Lines dotenv skipped: every one that is not blank or a comment is a problem.
  let r = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const lineStart = lineStarts[l];
    const raw = source.slice(lineStart, (lineStarts[l + 1] ?? source.length + 1) - 1);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const first = lineStart + raw.search(/\S/u);
    while (r < read.length && read[r][1] <= first) r++;
    if (r < read.length && read[r][0] <= first) continue;
    problems.push({ line: l + 1, message: skippedLineProblem(raw) });
  }
  problems.sort((a, b) => a.line - b.line); // stable: a line's own problems keep their order
  return { entries, problems };
}

/**
 * Decodes a .env file's bytes (values/encoding.ts: BOMs detected, invalid UTF-8 refused)
 * and reads it with `parseDotenv`. Throws InputError when the bytes are not text it can
 * decode.
 */
export function readDotenvFile(bytes: Uint8Array, fileName?: string): DotenvResult & Omit<DecodedText, 'text'> {
  const { text, encoding, bom } = decodeText(bytes, fileName);
  return { ...parseDotenv(text), encoding, bom };
}

function namedProblem(name: string): string | undefined {
  if (name === '') return 'There is no name before "=".';
  if (namePattern.test(name)) return undefined;
  if (/^[0-9]/.test(name)) return 'A name must not start with a digit.';
  const bad = firstDisallowed(name, /^[A-Za-z0-9_]$/);
  return `A name may contain only ASCII letters, digits and underscores, not ${bad === undefined ? 'that' : showCharacter(bad.char, bad.position, '"a space"')}.`;
}

/** What is wrong with how an entry is written, though dotenv reads it; undefined when nothing is. */
function formProblem(source: string, nameEnd: number, valueStart: number, lineAt: (i: number) => number): string | undefined {
  if (/^\s*:/.test(source.slice(nameEnd, valueStart))) return 'Write NAME=value: the "NAME: value" form is not supported.';
  const lineEnd = source.indexOf('\n', valueStart) < 0 ? source.length : source.indexOf('\n', valueStart);
  const rest = source.slice(valueStart, lineEnd);
  const opening = rest.trimStart()[0];
  if (opening === '"' || opening === "'" || opening === '`') {
    const openAt = valueStart + rest.indexOf(opening);
    if (readsQuoted(source, openAt, opening)) return undefined;
    // dotenv found no closing quote it accepts and read the line as unquoted text, quote and all.
    if (source.slice(openAt + 1, lineEnd).includes(opening)) {
      return `Unexpected text after the closing ${opening}: quote the whole value, or add "#" before a comment.`;
    }
    const next = source.indexOf(opening, lineEnd);
    const hint = next < 0 ? '' : ` (the next ${opening}, on line ${lineAt(next)}, has more text after it, so it does not close the value)`;
    return `The ${opening} that opens the value is never closed${hint}.`;
  }
  // dotenv ends an unquoted value at any "#": one with no space before it is not a comment.
  const separatorAndValue = source.slice(source.lastIndexOf('\n', valueStart - 1) + 1, lineEnd);
  const afterEquals = separatorAndValue.slice(separatorAndValue.search(/[=:]/) + 1);
  for (let k = afterEquals.indexOf('#'); k >= 0; k = afterEquals.indexOf('#', k + 1)) {
    if (k === 0 || !/\s/.test(afterEquals[k - 1] ?? '')) {
      return 'The value contains "#", which would cut it short as a comment: put the value in quotes.';
    }
  }
  return undefined;
}

/** Whether dotenv's quoted alternative for `quote` matches at `openAt` (same pattern and suffix as `dotenvLine`). */
function readsQuoted(source: string, openAt: number, quote: string): boolean {
  const q = quote === '`' ? '`' : quote;
  const pattern = new RegExp(`${q}(?:\\\\${q}|[^${q}])*${q}\\s*(?:#.*)?(?:$)`, 'my');
  pattern.lastIndex = openAt;
  return pattern.test(source);
}

function skippedLineProblem(raw: string): string {
  const eq = raw.indexOf('=');
  if (eq < 0) {
    return /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*:\s/.test(raw)
      ? 'Write NAME=value: the "NAME: value" form is not supported.'
      : 'Expected NAME=value: this line has no "=".';
  }
  const name = raw.slice(0, eq).replace(/^\s*export\s+/, '').trim();
  return namedProblem(name) ?? 'dotenv cannot read this line: write NAME=value.';
}
