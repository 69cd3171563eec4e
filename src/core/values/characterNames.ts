/**
 * Unicode character names for messages ("U+200B ZERO WIDTH SPACE").
 *
 * The characters a value or name check flags (controls, invisible and bidi characters,
 * unusual spaces, the common Cyrillic and Greek look-alikes of Latin letters) are named
 * from the small table below, so the usual message costs nothing. Any other character is
 * named by the `unicode-name` package (Unicode 18 data, about 1.7 MB of source), loaded on
 * the first such character only: from dist/unicodeNames.js in the bundle (its own esbuild
 * entry, so activation never parses it), or from the package itself under plain Node.
 */
import * as path from 'node:path';

/** Names as in UnicodeData.txt, or the control alias where a control has no name (NameAliases.txt). */
const table: ReadonlyMap<number, string> = new Map<number, string>([
  [0x00, 'NULL'], [0x01, 'START OF HEADING'], [0x02, 'START OF TEXT'], [0x03, 'END OF TEXT'],
  [0x04, 'END OF TRANSMISSION'], [0x05, 'ENQUIRY'], [0x06, 'ACKNOWLEDGE'], [0x07, 'ALERT'],
  [0x08, 'BACKSPACE'], [0x09, 'CHARACTER TABULATION'], [0x0a, 'LINE FEED'], [0x0b, 'LINE TABULATION'],
  [0x0c, 'FORM FEED'], [0x0d, 'CARRIAGE RETURN'], [0x0e, 'SHIFT OUT'], [0x0f, 'SHIFT IN'],
  [0x10, 'DATA LINK ESCAPE'], [0x11, 'DEVICE CONTROL ONE'], [0x12, 'DEVICE CONTROL TWO'],
  [0x13, 'DEVICE CONTROL THREE'], [0x14, 'DEVICE CONTROL FOUR'], [0x15, 'NEGATIVE ACKNOWLEDGE'],
  [0x16, 'SYNCHRONOUS IDLE'], [0x17, 'END OF TRANSMISSION BLOCK'], [0x18, 'CANCEL'], [0x19, 'END OF MEDIUM'],
  [0x1a, 'SUBSTITUTE'], [0x1b, 'ESCAPE'], [0x1c, 'INFORMATION SEPARATOR FOUR'], [0x1d, 'INFORMATION SEPARATOR THREE'],
  [0x1e, 'INFORMATION SEPARATOR TWO'], [0x1f, 'INFORMATION SEPARATOR ONE'], [0x20, 'SPACE'], [0x7f, 'DELETE'],
  [0x85, 'NEXT LINE'], [0xa0, 'NO-BREAK SPACE'], [0xad, 'SOFT HYPHEN'], [0x34f, 'COMBINING GRAPHEME JOINER'],
  [0x61c, 'ARABIC LETTER MARK'], [0x115f, 'HANGUL CHOSEONG FILLER'], [0x1160, 'HANGUL JUNGSEONG FILLER'],
  [0x1680, 'OGHAM SPACE MARK'], [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x2000, 'EN QUAD'], [0x2001, 'EM QUAD'], [0x2002, 'EN SPACE'], [0x2003, 'EM SPACE'], [0x2004, 'THREE-PER-EM SPACE'],
  [0x2005, 'FOUR-PER-EM SPACE'], [0x2006, 'SIX-PER-EM SPACE'], [0x2007, 'FIGURE SPACE'], [0x2008, 'PUNCTUATION SPACE'],
  [0x2009, 'THIN SPACE'], [0x200a, 'HAIR SPACE'], [0x200b, 'ZERO WIDTH SPACE'], [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'], [0x200e, 'LEFT-TO-RIGHT MARK'], [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2028, 'LINE SEPARATOR'], [0x2029, 'PARAGRAPH SEPARATOR'], [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'], [0x202c, 'POP DIRECTIONAL FORMATTING'], [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'], [0x202f, 'NARROW NO-BREAK SPACE'], [0x205f, 'MEDIUM MATHEMATICAL SPACE'],
  [0x2060, 'WORD JOINER'], [0x2061, 'FUNCTION APPLICATION'], [0x2062, 'INVISIBLE TIMES'], [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'], [0x2066, 'LEFT-TO-RIGHT ISOLATE'], [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'], [0x2069, 'POP DIRECTIONAL ISOLATE'], [0x3000, 'IDEOGRAPHIC SPACE'],
  [0x3164, 'HANGUL FILLER'], [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'], [0xffa0, 'HALFWIDTH HANGUL FILLER'],
  [0xfffd, 'REPLACEMENT CHARACTER'],
  // Look-alikes of Latin letters (homoglyphs.ts).
  [0x391, 'GREEK CAPITAL LETTER ALPHA'], [0x392, 'GREEK CAPITAL LETTER BETA'], [0x395, 'GREEK CAPITAL LETTER EPSILON'],
  [0x396, 'GREEK CAPITAL LETTER ZETA'], [0x397, 'GREEK CAPITAL LETTER ETA'], [0x399, 'GREEK CAPITAL LETTER IOTA'],
  [0x39a, 'GREEK CAPITAL LETTER KAPPA'], [0x39c, 'GREEK CAPITAL LETTER MU'], [0x39d, 'GREEK CAPITAL LETTER NU'],
  [0x39f, 'GREEK CAPITAL LETTER OMICRON'], [0x3a1, 'GREEK CAPITAL LETTER RHO'], [0x3a4, 'GREEK CAPITAL LETTER TAU'],
  [0x3a5, 'GREEK CAPITAL LETTER UPSILON'], [0x3a7, 'GREEK CAPITAL LETTER CHI'], [0x3bf, 'GREEK SMALL LETTER OMICRON'],
  [0x405, 'CYRILLIC CAPITAL LETTER DZE'], [0x406, 'CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I'],
  [0x408, 'CYRILLIC CAPITAL LETTER JE'], [0x410, 'CYRILLIC CAPITAL LETTER A'], [0x412, 'CYRILLIC CAPITAL LETTER VE'],
  [0x415, 'CYRILLIC CAPITAL LETTER IE'], [0x41a, 'CYRILLIC CAPITAL LETTER KA'], [0x41c, 'CYRILLIC CAPITAL LETTER EM'],
  [0x41d, 'CYRILLIC CAPITAL LETTER EN'], [0x41e, 'CYRILLIC CAPITAL LETTER O'], [0x420, 'CYRILLIC CAPITAL LETTER ER'],
  [0x421, 'CYRILLIC CAPITAL LETTER ES'], [0x422, 'CYRILLIC CAPITAL LETTER TE'], [0x423, 'CYRILLIC CAPITAL LETTER U'],
  [0x425, 'CYRILLIC CAPITAL LETTER HA'], [0x430, 'CYRILLIC SMALL LETTER A'], [0x435, 'CYRILLIC SMALL LETTER IE'],
  [0x43e, 'CYRILLIC SMALL LETTER O'], [0x440, 'CYRILLIC SMALL LETTER ER'], [0x441, 'CYRILLIC SMALL LETTER ES'],
  [0x443, 'CYRILLIC SMALL LETTER U'], [0x445, 'CYRILLIC SMALL LETTER HA'], [0x455, 'CYRILLIC SMALL LETTER DZE'],
  [0x456, 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I'], [0x458, 'CYRILLIC SMALL LETTER JE'],
  [0x4bb, 'CYRILLIC SMALL LETTER SHHA'], [0x501, 'CYRILLIC SMALL LETTER KOMI DE'],
]);

interface NameLibrary {
  unicodeReadableName(char: string): string | undefined;
}

/** undefined: not tried yet; null: could not be loaded (names then fall back to the code point alone). */
let library: NameLibrary | null | undefined;
let loads = 0;

/**
 * The Unicode name of one code point ("ZERO WIDTH SPACE"), or undefined for an unassigned
 * code point or when the name data cannot be loaded. Synchronous: the data loads on the
 * first call that needs it (a few ms), never at import.
 */
export function characterName(codePoint: number): string | undefined {
  const known = table.get(codePoint);
  if (known !== undefined) return known;
  library ??= loadLibrary();
  const name = library?.unicodeReadableName(String.fromCodePoint(codePoint));
  // Labels such as "<private-use-E000>" are not names: show the code point alone.
  return name === undefined || name.startsWith('<') ? undefined : name;
}

/** The built-in table (code point → name), for the test that checks it against the Unicode data. */
export function builtInCharacterNames(): ReadonlyMap<number, string> {
  return table;
}

/** How often the name data was loaded: 0 until a character outside the table was named. For tests. */
export function characterNameLoads(): number {
  return loads;
}

function loadLibrary(): NameLibrary | null {
  loads++;
  // The bundle's own file first; under tsc's output (tests) there is none, so the package.
  for (const id of [path.join(__dirname, 'unicodeNames.js'), 'unicode-name']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path esbuild must not bundle
      return require(id) as NameLibrary;
    } catch {
      // try the next place
    }
  }
  return null;
}
