/**
 * Value hygiene: what is odd about a value before it is sent, so the user can fix it or
 * keep it as typed. Nothing here changes a value by itself: `valueFindings` only reports
 * (with the fixed value each "Remove it" would give), and `applyValueFixes` applies the
 * fixes the user chose. Messages never quote the value; they name characters by code point
 * and name, at 1-based code-point positions (characters.ts).
 *
 * What is flagged follows what breaks values in practice and what the Vercel CLI warns
 * about (whitespace, newlines, NUL, empty values, surrounding quotes; it also strips one
 * trailing newline from single-line input).
 */
import { codePoints, describeCharacters, isBidiControl, isControl, isInvisible } from './characters';

export type ValueFindingKind =
  | 'empty'
  | 'leadingWhitespace'
  | 'trailingWhitespace'
  | 'trailingNewline'
  | 'controlCharacter'
  | 'invisibleCharacter'
  | 'bidiControl'
  | 'surroundingQuotes'
  | 'flattenedPemBlock'
  | 'crlfLineEndings';

export interface ValueFinding {
  readonly kind: ValueFindingKind;
  /** 1-based code-point positions of the characters concerned; empty when the finding is about the whole value. */
  readonly positions: readonly number[];
  /** One sentence for the user, e.g. "The value ends with U+0020 SPACE at position 11." Never contains the value. */
  readonly message: string;
  /**
   * The value with this one fix applied ("Remove it"), or undefined when no fix applies
   * (an empty value). Holds a secret: never log or show it.
   */
  readonly fixed: string | undefined;
}

type Found = Array<{ char: string; position: number }>;

/** The order fixes are applied in, so that each sees the value the earlier ones left. */
const fixOrder: readonly ValueFindingKind[] = [
  'flattenedPemBlock', 'crlfLineEndings', 'bidiControl', 'invisibleCharacter', 'controlCharacter',
  'trailingNewline', 'leadingWhitespace', 'trailingWhitespace', 'surroundingQuotes',
];

/**
 * Everything odd about `value`, in the order above; empty when nothing is. `what` names
 * the value in messages ("value", "production value").
 */
export function valueFindings(value: string, what = 'value'): ValueFinding[] {
  if (value === '') return [{ kind: 'empty', positions: [], message: `The ${what} is empty.`, fixed: undefined }];
  const findings: ValueFinding[] = [];
  for (const kind of fixOrder) {
    const finding = detect(kind, value, what);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * `value` with the fixes of the chosen kinds applied, in a fixed order (each sees the
 * value the earlier ones left). Kinds that do not apply to the value change nothing.
 */
export function applyValueFixes(value: string, kinds: Iterable<ValueFindingKind>): string {
  const chosen = new Set(kinds);
  let result = value;
  for (const kind of fixOrder) {
    if (!chosen.has(kind)) continue;
    result = detect(kind, result, 'value')?.fixed ?? result;
  }
  return result;
}

function detect(kind: ValueFindingKind, value: string, what: string): ValueFinding | undefined {
  const chars = codePoints(value);
  const multiLine = isMultiLine(value);
  const finding = (positions: Found, message: string, fixed: string | undefined): ValueFinding =>
    ({ kind, positions: positions.map((c) => c.position), message, fixed });
  const without = (found: Found): string => {
    const drop = new Set(found.map((c) => c.position));
    return chars.filter((c) => !drop.has(c.position)).map((c) => c.char).join('');
  };

  switch (kind) {
    case 'flattenedPemBlock': {
      const fixed = unflattenPem(value);
      if (fixed === undefined) return undefined;
      return finding([], `The ${what} looks like a PEM block (-----BEGIN …-----) that lost its line breaks: keys only work with them.`, fixed);
    }
    case 'crlfLineEndings': {
      const found = chars.filter((c, i) => c.char === '\r' && chars[i + 1]?.char === '\n');
      if (found.length === 0) return undefined;
      return finding(found, `The ${what} has Windows line endings (U+000D CARRIAGE RETURN before ${found.length === 1 ? 'a line feed' : `${found.length} line feeds`}, first at position ${found[0].position}).`,
        value.replace(/\r\n/g, '\n'));
    }
    case 'bidiControl': {
      const found = chars.filter((c) => isBidiControl(c.char.codePointAt(0) ?? 0));
      if (found.length === 0) return undefined;
      return finding(found, `The ${what} contains ${plural(found, 'a bidirectional control, which reorders', 'bidirectional controls, which reorder')} how text is shown: ${describeCharacters(found)}.`, without(found));
    }
    case 'invisibleCharacter': {
      const lead = [...(/^\s*/u.exec(value)?.[0] ?? '')].length;
      const trail = chars.length - [...(/\s*$/u.exec(value)?.[0] ?? '')].length;
      // Space-like characters at either end are leading or trailing whitespace instead.
      const found = chars.filter((c, i) => isInvisible(c.char) && !partOfEmoji(chars, i) && i >= lead && i < trail);
      if (found.length === 0) return undefined;
      const spaces = found.every((c) => /^\p{Zs}$/u.test(c.char));
      const noun = spaces ? plural(found, 'a space other than U+0020', 'spaces other than U+0020') : plural(found, 'an invisible character', 'invisible characters');
      return finding(found, `The ${what} contains ${noun}: ${describeCharacters(found)}.`, without(found));
    }
    case 'controlCharacter': {
      // Tabs and line breaks inside a value are ordinary; the other rules cover them at the edges.
      const found = chars.filter((c, i) => {
        const cp = c.char.codePointAt(0) ?? 0;
        if (!isControl(cp) || cp === 0x09 || cp === 0x0a) return false;
        if (cp === 0x0d) return chars[i + 1]?.char !== '\n';
        return true;
      });
      if (found.length === 0) return undefined;
      return finding(found, `The ${what} contains ${plural(found, 'a control character', 'control characters')}: ${describeCharacters(found)}.`, without(found));
    }
    case 'trailingNewline': {
      // Only a single-line value with one line break at its end: the Vercel CLI strips it too.
      const match = /(\r?\n)$/.exec(value);
      if (!match || isMultiLine(value.slice(0, match.index))) return undefined;
      const found = codePoints(value).slice(chars.length - [...match[1]].length);
      return finding(found, `The ${what} ends with a line break (${describeCharacters(found)}), usually left over from a copy.`, value.slice(0, match.index));
    }
    case 'leadingWhitespace': {
      const lead = /^\s+/u.exec(value)?.[0];
      if (lead === undefined) return undefined;
      const found = chars.slice(0, [...lead].length);
      return finding(found, `The ${what} starts with ${describeCharacters(found)}.`, value.slice(lead.length));
    }
    case 'trailingWhitespace': {
      // One line break at the end is the trailing-newline finding's (or, in a multi-line value such as a PEM file, normal).
      const keep = /\r?\n$/.exec(value)?.[0] ?? '';
      const body = value.slice(0, value.length - keep.length);
      const tail = /\s+$/u.exec(body)?.[0];
      if (tail === undefined) return undefined;
      const from = [...body].length - [...tail].length;
      const found = chars.slice(from, from + [...tail].length);
      return finding(found, `The ${what} ends with ${describeCharacters(found)}.`, body.slice(0, body.length - tail.length) + keep);
    }
    case 'surroundingQuotes': {
      const match = /^(["'`])([\s\S]*)\1$/.exec(value);
      if (!match || multiLine) return undefined;
      return finding([chars[0], chars[chars.length - 1]], `The ${what} is wrapped in ${match[1] === '"' ? 'double quotes' : match[1] === "'" ? 'single quotes' : 'backticks'} (positions 1 and ${chars.length}); they would be part of the value.`, match[2]);
    }
    default:
      return undefined;
  }
}

function isMultiLine(text: string): boolean {
  return /[\r\n]/.test(text.replace(/\r?\n$/, ''));
}

/** Joiners, variation selectors and tags are part of emoji such as 👨‍👩‍👧 and ❤️: not flagged there. */
function partOfEmoji(chars: ReadonlyArray<{ char: string }>, index: number): boolean {
  const cp = chars[index]?.char.codePointAt(0) ?? 0;
  const joiner = cp === 0x200d || cp === 0xfe0f || cp === 0xfe0e || (cp >= 0xe0020 && cp <= 0xe007f);
  if (!joiner) return false;
  for (let i = index - 1; i >= 0; i--) {
    const prev = chars[i]?.char ?? '';
    if (/^\p{Extended_Pictographic}/u.test(prev) || /^\p{Emoji_Modifier}/u.test(prev)) return true;
    const p = prev.codePointAt(0) ?? 0;
    if (!(p === 0xfe0f || (p >= 0xe0020 && p <= 0xe007f))) return false;
  }
  return false;
}

function plural(found: Found, one: string, many: string): string {
  return found.length === 1 ? one : many;
}

const pemPattern = /^\s*(-----BEGIN ([A-Z0-9 ]+)-----)([\s\S]*?)(-----END \2-----)\s*$/;

/**
 * The PEM block with its line breaks back, or undefined when `value` is not a flattened
 * one. Line breaks turned into spaces (a password box does that) come back where they
 * were; removed ones are put back every 64 characters (RFC 7468; 70 for OpenSSH keys);
 * literal "\n" escapes become line breaks. A block with header lines (Proc-Type: …)
 * cannot be rebuilt without its breaks and is left alone.
 */
function unflattenPem(value: string): string | undefined {
  if (/\n/.test(value.trim())) return undefined;
  const escaped = value.includes('\\n');
  const text = escaped ? value.replace(/\\r\\n|\\n/g, '\n') : value;
  const match = pemPattern.exec(text);
  if (!match) return undefined;
  const [, begin, label, rawBody, end] = match;
  if (escaped) return text;
  const body = rawBody.trim();
  if (body === '' || body.includes(':')) return undefined;
  const lines = /\s/.test(body) ? body.split(/\s+/) : (body.match(new RegExp(`.{1,${label === 'OPENSSH PRIVATE KEY' ? 70 : 64}}`, 'g')) ?? []);
  const trailing = /\n$/.test(value) ? '\n' : '';
  return `${begin}\n${lines.join('\n')}\n${end}${trailing}`;
}
