/**
 * Reading a .env file for an import, without losing anything silently.
 *
 * Values come from the `dotenv` package (its quotes, `\n` escapes in double quotes,
 * multi-line quoted values), so a file means here what it means to the tools that load it.
 * But `dotenv.parse` skips what it cannot read and keeps the last of duplicate names, so a
 * line check of ours runs first: it finds each entry's lines, reports every malformed one
 * with its line number, and hands dotenv one entry at a time. Messages never quote a value
 * (a .env file is full of secrets); they name lines, names and single characters only.
 */
import { parse } from 'dotenv';

export interface DotenvEntry {
  readonly name: string;
  readonly value: string;
  /** 1-based line of the name. */
  readonly line: number;
}

export interface DotenvProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export interface DotenvResult {
  /** In file order; a duplicate name keeps its first entry (and is reported). */
  readonly entries: DotenvEntry[];
  readonly problems: DotenvProblem[];
}

/** The portable environment-variable name (POSIX): what every runtime can read. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quotes = ['"', "'", '`'];

export function parseDotenv(text: string): DotenvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const firstLine = new Map<string, number>();
  const problem = (line: number, message: string): void => { problems.push({ line, message }); };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = raw.indexOf('=');
    if (eq < 0) {
      problem(line, /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*:\s/.test(raw)
        ? 'Write NAME=value: the "NAME: value" form is not supported.'
        : 'Expected NAME=value: this line has no "=".');
      continue;
    }
    const name = raw.slice(0, eq).replace(/^\s*export\s+/, '').trim();
    const nameIssue = nameProblem(name);
    const span = valueSpan(lines, i, eq + 1);
    if (span.problem) problem(line, span.problem);
    if (nameIssue) problem(line, nameIssue);
    // A value that ran over several lines is one entry: carry on after its last line.
    i = span.lastLine;
    if (nameIssue || span.problem) continue;

    const earlier = firstLine.get(name);
    if (earlier !== undefined) {
      problem(line, `${name} is already set on line ${earlier}: keep one of them.`);
      continue;
    }
    const value = parse(lines.slice(line - 1, span.lastLine + 1).join('\n'))[name];
    if (value === undefined) {
      // Our check and dotenv disagree: say so rather than drop the entry.
      problem(line, `${name} could not be read: check its quotes.`);
      continue;
    }
    firstLine.set(name, line);
    entries.push({ name, value, line });
  }
  return { entries, problems };
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'There is no name before "=".';
  if (namePattern.test(name)) return undefined;
  if (/^[0-9]/.test(name)) return 'A name must not start with a digit.';
  const bad = name.match(/[^A-Za-z0-9_]/u)?.[0] ?? '';
  return `A name may contain only ASCII letters, digits and underscores, not "${bad === ' ' ? 'a space' : bad}".`;
}

/**
 * Where the value that starts at `lines[index][start]` ends, and what is wrong with it.
 * Quoted values end at the first unescaped closing quote, possibly lines later, and only
 * whitespace or a comment may follow it (what dotenv requires to read them as quoted).
 */
function valueSpan(lines: readonly string[], index: number, start: number): { lastLine: number; problem?: string } {
  const rest = (lines[index] ?? '').slice(start);
  const opening = rest.trimStart()[0];
  if (opening === undefined || !quotes.includes(opening)) return { lastLine: index, problem: unquotedProblem(rest) };

  let from = start + rest.indexOf(opening) + 1;
  for (let j = index; j < lines.length; j++, from = 0) {
    const text = lines[j] ?? '';
    const close = closingQuote(text, opening, from);
    if (close < 0) continue;
    const after = text.slice(close + 1).trim();
    if (after !== '' && !after.startsWith('#')) {
      const where = j === index ? '' : ` on line ${j + 1}`;
      return { lastLine: j, problem: `Unexpected text after the closing ${opening}${where}: quote the whole value, or add "#" before a comment.` };
    }
    return { lastLine: j };
  }
  // Like dotenv (which then reads the line as unquoted text), go on with the next line.
  return { lastLine: index, problem: `The ${opening} that opens the value is never closed.` };
}

/** dotenv ends an unquoted value at any "#": report one that is not a comment (no space before it). */
function unquotedProblem(rest: string): string | undefined {
  for (let k = rest.indexOf('#'); k >= 0; k = rest.indexOf('#', k + 1)) {
    if (k === 0 || !/\s/.test(rest[k - 1] ?? '')) {
      return 'The value contains "#", which would cut it short as a comment: put the value in quotes.';
    }
  }
  return undefined;
}

/** The first `quote` at or after `from` not escaped by an odd number of backslashes; -1 if none. */
function closingQuote(text: string, quote: string, from: number): number {
  for (let k = text.indexOf(quote, from); k >= 0; k = text.indexOf(quote, k + 1)) {
    let backslashes = 0;
    while (k - 1 - backslashes >= 0 && text[k - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return k;
  }
  return -1;
}
