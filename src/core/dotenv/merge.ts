/**
 * Putting pulled variables into a .env file's text without losing anything local: a name
 * already in the file is updated in place (its `export`, its line and a comment after it
 * stay), new names are appended, names only in the file are kept as they are, and so are
 * blank lines and comments. Write-only variables never get a value: a comment stands in
 * for them. The result is checked by reading it with `dotenv` itself before it is offered.
 */
import { parse } from 'dotenv';
import { InvalidResponseError } from '../errors';
import { dotenvLine } from './parse';
import { formatDotenvEntry } from './serialize';

/** One variable of a pull: its value, or a note saying why there is none (write-only). */
export type PulledEntry =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly withheld: string };

export interface MergeResult {
  /** The new file text (LF, or CR LF when the file had it). Holds secrets: never log it. */
  readonly text: string;
  /** Names, sorted. */
  readonly added: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Names only in the local file, kept. */
  readonly keptLocal: string[];
  /** Write-only names: a comment line, or the file's own line kept. */
  readonly withheld: string[];
  /** Names whose value dotenv cannot read back in any quoting: a comment line says why (no value). */
  readonly unwritable: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

/** Our comment lines from an earlier pull, found again so a new pull replaces them instead of adding another. */
const placeholderLine = /^# ([A-Za-z_][A-Za-z0-9_]*)(?:= {2}\(.*\)| not written: .*)$/;

/** `# NAME=  (write-only on Vercel: set it locally)`: a line dotenv skips; the name shows where the value goes. */
export function withheldLine(name: string, note: string): string {
  return `# ${name}=  (${note})`;
}

export function unwritableLine(name: string, reason: string): string {
  return `# ${name} not written: ${reason}.`;
}

interface Span { readonly start: number; readonly end: number }

/**
 * The text of `existing` (undefined: a new file, which starts with `header` comment lines)
 * with `pulled` merged in, as described above. Appended lines are sorted by name.
 * Throws InvalidResponseError for a name pulled twice, and Error when the merged text
 * would not read back as planned (a bug; nothing should be written then).
 */
export function mergeDotenv(existing: string | undefined, pulled: readonly PulledEntry[], header: readonly string[] = []): MergeResult {
  const crlf = existing?.includes('\r\n') ?? false;
  const src = (existing ?? '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const before = parse(src);

  // Where each name is set (the last time: that is the one dotenv keeps), and our placeholder comments.
  const entries = new Map<string, Span>();
  const covered: Span[] = [];
  for (const match of src.matchAll(dotenvLine)) {
    const [nameStart, nameEnd] = match.indices![1];
    const valueEnd = match.indices![2]?.[1] ?? nameEnd + (/^\s*=|^:/.exec(src.slice(nameEnd))?.[0].length ?? 0);
    entries.set(match[1], { start: nameStart, end: valueEnd });
    covered.push({ start: nameStart, end: valueEnd });
  }
  const placeholders = new Map<string, Span>();
  let at = 0;
  for (const line of src.split('\n')) {
    const m = placeholderLine.exec(line);
    if (m && !covered.some((c) => c.start <= at && at < c.end)) placeholders.set(m[1], { start: at, end: at + line.length });
    at += line.length + 1;
  }

  const edits: Array<Span & { readonly text: string }> = [];
  const appended: Array<{ readonly name: string; readonly text: string }> = [];
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const withheld: string[] = [];
  const unwritable: Array<{ name: string; reason: string }> = [];
  const expected = new Map<string, string | undefined>(Object.entries(before));
  const put = (name: string, text: string) => {
    const place = placeholders.get(name);
    if (place) edits.push({ ...place, text });
    else appended.push({ name, text });
  };

  const seen = new Set<string>();
  for (const entry of pulled) {
    if (seen.has(entry.name)) throw new InvalidResponseError(`the pull answer has ${entry.name} twice.`);
    seen.add(entry.name);
    const local = entries.get(entry.name);
    if ('withheld' in entry) {
      withheld.push(entry.name);
      if (!local) put(entry.name, withheldLine(entry.name, entry.withheld));
      continue;
    }
    if (local && before[entry.name] === entry.value) {
      unchanged.push(entry.name);
      continue;
    }
    // An `export` line may be sourced by a shell as well: quote for it (see formatDotenvEntry).
    const exported = local !== undefined && /(^|\n)[ \t]*export[ \t]+$/.test(src.slice(Math.max(0, src.lastIndexOf('\n', local.start - 1)), local.start));
    const formatted = formatDotenvEntry(entry.name, entry.value, { shell: exported });
    if ('unwritable' in formatted) {
      unwritable.push({ name: entry.name, reason: formatted.unwritable });
      if (!local) put(entry.name, unwritableLine(entry.name, formatted.unwritable));
      continue;
    }
    expected.set(entry.name, entry.value);
    if (local) {
      // A comment right after the old value keeps a space before its "#", so it stays a comment.
      const next = src[local.end];
      const text = next === undefined || /\s/.test(next) ? formatted.line : `${formatted.line} `;
      edits.push({ ...local, text });
      updated.push(entry.name);
    } else {
      put(entry.name, formatted.line);
      added.push(entry.name);
    }
  }

  let text = src;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  const tail = appended.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((a) => a.text);
  if (existing === undefined) text = [...header, ...tail].join('\n') + '\n';
  else if (tail.length > 0) text = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${tail.join('\n')}\n`;

  checkReadsBack(text, expected);
  const keptLocal = Object.keys(before).filter((name) => !seen.has(name));
  const sorted = (names: string[]) => names.sort();
  return {
    text: crlf ? text.replace(/\n/g, '\r\n') : text,
    added: sorted(added), updated: sorted(updated), unchanged: sorted(unchanged), keptLocal: sorted(keptLocal), withheld: sorted(withheld),
    unwritable: unwritable.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/** dotenv reads exactly `expected` from `text`: every name, no other. Names only in the message. */
function checkReadsBack(text: string, expected: ReadonlyMap<string, string | undefined>): void {
  const read = parse(text);
  const wrong = [...new Set([...expected.keys(), ...Object.keys(read)])].filter((name) => read[name] !== expected.get(name));
  if (wrong.length > 0) throw new Error(`The merged .env text would not read back as planned for ${wrong.join(', ')}; nothing was written.`);
}
