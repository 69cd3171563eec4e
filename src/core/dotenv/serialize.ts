/**
 * Writing one variable as a .env line that `dotenv` (its default `parse`, the one `config()`
 * uses) reads back as exactly the same value.
 *
 * dotenv has no general escape: unquoted text is trimmed and ends at "#"; single quotes and
 * backticks keep their text as is (new lines included); double quotes turn `\n` and `\r`
 * into a line feed and a carriage return and nothing else; a quote of the kind that encloses
 * the value can never be inside it (`\"` stays two characters, and lets dotenv's pattern run
 * on past the quote into later lines). So each value is tried in the forms below, in order,
 * and the first whose reading by dotenv itself is the value wins; a value no form carries
 * (e.g. all three quote kinds and a line break) is reported, never written wrong.
 */
import { parse } from 'dotenv';
import { parseDotenv } from './parse';

/** A line for the file, or why the value cannot be written so that dotenv reads it back. */
export type FormattedEntry = { readonly line: string } | { readonly unwritable: string };

/** The portable environment-variable name (POSIX), as parse.ts accepts it. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `NAME=value` in the plainest form dotenv reads back exactly: unquoted, then single quotes,
 * double quotes (line breaks as `\n`/`\r`), backticks. A value with `$` prefers single quotes,
 * which tools that expand `$NAME` (dotenv-expand, shells, Docker Compose) leave alone.
 * `shell`: the line is an `export NAME=…` line that a shell may `source` too, so a value is
 * left unquoted only when a shell reads it as one word, and single quotes come next (a value
 * no quotes can hold, such as a lone trailing backslash, is still written for dotenv).
 * Never throws; `unwritable` names the reason (never the value).
 */
export function formatDotenvEntry(name: string, value: string, options: { readonly shell?: boolean } = {}): FormattedEntry {
  if (!namePattern.test(name)) return { unwritable: 'the name is not a portable environment variable name' };
  const forms = options.shell ? [shellWord, single, double, backtick, unquoted]
    : value.includes('$') ? [single, unquoted, double, backtick] : [unquoted, single, double, backtick];
  for (const form of forms) {
    const text = form(value);
    if (text === undefined) continue;
    const line = `${name}=${text}`;
    if (readsBack(line, name, value)) return { line };
  }
  return { unwritable: whyNot(value) };
}

/** Whether dotenv reads `line` as `name` = `value`, and parse.ts finds nothing to refuse in it. */
function readsBack(line: string, name: string, value: string): boolean {
  const read = parse(line);
  if (Object.keys(read).length !== 1 || read[name] !== value) return false;
  return parseDotenv(line).problems.length === 0;
}

function unquoted(value: string): string | undefined {
  // Trimmed, cut at "#", ends at a line break, and a leading quote makes dotenv look for its closing one.
  if (value === '' || /[#\r\n\u2028\u2029]/u.test(value) || value.trim() !== value || /^['"`]/.test(value)) return undefined;
  return value;
}

/** Unquoted only when a POSIX shell would read the same word (no spaces, quotes, `$`, globs…). */
function shellWord(value: string): string | undefined {
  return /^[A-Za-z0-9_./:@%+,=-]+$/.test(value) ? value : undefined;
}

/** Text between quotes is bounded only when it holds no such quote and does not end with "\". */
function quoted(quote: string, body: string): string | undefined {
  if (body.includes(quote) || body.endsWith('\\')) return undefined;
  return `${quote}${body}${quote}`;
}

function single(value: string): string | undefined {
  return value.includes('\r') ? undefined : quoted("'", value);
}

function double(value: string): string | undefined {
  // `\n` and `\r` already in the value would be read as line breaks.
  if (/\\[nr]/.test(value)) return undefined;
  return quoted('"', value.replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
}

function backtick(value: string): string | undefined {
  return value.includes('\r') ? undefined : quoted('`', value);
}

/** Why no form fits, in words for the user (no part of the value). */
function whyNot(value: string): string {
  const quotes = ["'", '"', '`'].filter((q) => value.includes(q));
  if (value.endsWith('\\')) return 'the value ends with a backslash and needs quotes, which dotenv would then read past';
  if (value.includes('\r')) return 'the value has a carriage return, which dotenv keeps only inside double quotes, and it cannot be double-quoted';
  if (quotes.length === 3) {
    return /[\n\u2028\u2029]/u.test(value) || value.trim() !== value || value.includes('#')
      ? 'the value has all three quote kinds (\' " `) and needs quotes, which dotenv cannot read'
      : 'the value has all three quote kinds (\' " `) in a form dotenv cannot read unquoted';
  }
  return 'dotenv cannot read the value back exactly in any quoting';
}
