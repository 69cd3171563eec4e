/**
 * Naming characters in messages so a user can see what is meant even when the character
 * itself is invisible: "U+200B ZERO WIDTH SPACE at position 10".
 *
 * Positions are 1-based and count code points, i.e. characters as a person counts them
 * (an emoji is one character, not two UTF-16 units). A combining mark is its own code
 * point, so "é" written as "e" + U+0301 is two positions. Every message of src/core that
 * gives a position counts this way.
 */
import { characterName } from './characterNames';

/** "U+200B": the code point in the standard notation (at least four hex digits). */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * "U+200B ZERO WIDTH SPACE at position 10" for one character (a string of one code
 * point; only the first code point is described). `position` is 1-based in code points
 * (see the module comment); leave it out where the position is given elsewhere.
 */
export function describeCharacter(char: string, position?: number): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const name = characterName(codePoint);
  const at = position === undefined ? '' : ` at position ${position}`;
  return `${codePointLabel(codePoint)}${name === undefined ? '' : ` ${name}`}${at}`;
}

/**
 * A character as a name rule shows it after "not": printable ASCII quoted as itself
 * (`"-"`), a space as `a space`, a visible non-ASCII character quoted and named
 * (`"ß" (U+00DF LATIN SMALL LETTER SHARP S at position 5)`, with the Latin letter it looks
 * like for a homoglyph), and anything invisible, a control or a combining mark by code
 * point and name only (`U+200B ZERO WIDTH SPACE at position 10`), never as itself.
 * `spaceAs` keeps each backend's established wording for a plain space.
 */
export function showCharacter(char: string, position: number, spaceAs = 'a space'): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint === 0x20) return spaceAs;
  if (codePoint > 0x20 && codePoint < 0x7f) return `"${char}"`;
  if (!isVisible(char)) return describeCharacter(char, position);
  const like = homoglyphOf(char);
  const looksLike = like === undefined ? '' : `, which looks like the Latin "${like}"`;
  return `"${char}" (${describeCharacter(char, position)}${looksLike})`;
}

/** Whether a character shows as a glyph of its own: not a control, format character, combining mark, space or unassigned. */
export function isVisible(char: string): boolean {
  return !/^[\p{C}\p{M}\p{Z}\s\p{Default_Ignorable_Code_Point}]/u.test(char);
}

/** Bidirectional controls: marks, embeddings, overrides and isolates (Unicode UAX #9). */
export function isBidiControl(codePoint: number): boolean {
  return codePoint === 0x61c || codePoint === 0x200e || codePoint === 0x200f
    || (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069);
}

/** C0 and C1 controls and DELETE (general category Cc), which includes NUL. */
export function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Combining marks (general category M): they attach to the character before them. */
export function isCombiningMark(char: string): boolean {
  return /^\p{M}/u.test(char);
}

/**
 * Characters that take no room or look like a plain space: format characters (Cf, except
 * bidi controls, which are their own kind), default-ignorable code points (zero-width
 * space, joiners, fillers, variation selectors), line and paragraph separators, and
 * spaces other than U+0020. Does not look at context; see `isInvisibleInContext`.
 */
export function isInvisible(char: string): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  if (isBidiControl(codePoint) || isControl(codePoint) || codePoint === 0x20) return false;
  return /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Zs}]/u.test(char);
}

/** Latin letters and digits that Cyrillic and Greek letters look like in most fonts (Unicode confusables.txt, the common ones). */
const lookAlikes: ReadonlyMap<number, string> = new Map<number, string>([
  [0x391, 'A'], [0x392, 'B'], [0x395, 'E'], [0x396, 'Z'], [0x397, 'H'], [0x399, 'I'], [0x39a, 'K'], [0x39c, 'M'],
  [0x39d, 'N'], [0x39f, 'O'], [0x3a1, 'P'], [0x3a4, 'T'], [0x3a5, 'Y'], [0x3a7, 'X'], [0x3bf, 'o'],
  [0x405, 'S'], [0x406, 'I'], [0x408, 'J'], [0x410, 'A'], [0x412, 'B'], [0x415, 'E'], [0x41a, 'K'], [0x41c, 'M'],
  [0x41d, 'H'], [0x41e, 'O'], [0x420, 'P'], [0x421, 'C'], [0x422, 'T'], [0x423, 'Y'], [0x425, 'X'],
  [0x430, 'a'], [0x435, 'e'], [0x43e, 'o'], [0x440, 'p'], [0x441, 'c'], [0x443, 'y'], [0x445, 'x'],
  [0x455, 's'], [0x456, 'i'], [0x458, 'j'], [0x4bb, 'h'], [0x501, 'd'],
]);

/**
 * The ASCII letter or digit a non-ASCII character is easily mistaken for ("А" U+0410 →
 * "A"), or undefined. Covers the common Cyrillic and Greek look-alikes and every
 * character whose compatibility form (NFKC) is one ASCII letter or digit, such as the
 * fullwidth "Ａ" and mathematical "𝐀".
 */
export function homoglyphOf(char: string): string | undefined {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return undefined;
  const known = lookAlikes.get(codePoint);
  if (known !== undefined) return known;
  const folded = char.normalize('NFKC');
  return /^[A-Za-z0-9]$/.test(folded) ? folded : undefined;
}

/** The code points of `text` with their 1-based positions (see the module comment). */
export function codePoints(text: string): Array<{ char: string; position: number }> {
  return [...text].map((char, i) => ({ char, position: i + 1 }));
}

/** The 1-based code-point position of the character at UTF-16 index `index` of `text`. */
export function positionAt(text: string, index: number): number {
  return [...text.slice(0, index)].length + 1;
}

/** "U+200B ZERO WIDTH SPACE at position 10, U+200B ZERO WIDTH SPACE at position 12 and 3 more": at most `max` named. */
export function describeCharacters(found: ReadonlyArray<{ char: string; position: number }>, max = 3): string {
  const named = found.slice(0, max).map((c) => describeCharacter(c.char, c.position));
  const more = found.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * The first character of `text` that `allowed` (a one-character test, no flags needed)
 * refuses, with its 1-based code-point position; undefined when every character passes.
 */
export function firstDisallowed(text: string, allowed: RegExp): { char: string; position: number } | undefined {
  let position = 0;
  for (const char of text) {
    position++;
    if (!allowed.test(char)) return { char, position };
  }
  return undefined;
}

/**
 * `text` with every character that cannot be seen or that changes what is around it
 * (invisible, control, bidi, combining mark) written as "[U+200B]", so a name can be put
 * in a message safely: "DATABASE_[U+200B]URL". Other characters stay as they are.
 */
export function showInvisibles(text: string): string {
  let shown = '';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    shown += cp !== 0x20 && (!isVisible(char) || isCombiningMark(char)) ? `[${codePointLabel(cp)}]` : char;
  }
  return shown;
}
