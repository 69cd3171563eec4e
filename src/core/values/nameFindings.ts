/**
 * What is odd about a name (a key) beyond a backend's character rule: characters that
 * hide (invisible, control, bidi), look like ASCII letters (homoglyphs such as Cyrillic
 * "А"), or attach to the letter before them (combining marks). Every backend refuses
 * these already (names are ASCII); the findings say precisely which character it is.
 */
import { codePoints, describeCharacter, homoglyphOf, isBidiControl, isCombiningMark, isControl, isInvisible } from './characters';

export type NameFindingKind = 'invisibleCharacter' | 'controlCharacter' | 'bidiControl' | 'homoglyph' | 'combiningMark';

export interface NameFinding {
  readonly kind: NameFindingKind;
  /** 1-based code-point position. */
  readonly position: number;
  /** E.g. "The name contains U+200B ZERO WIDTH SPACE at position 10, which cannot be seen." */
  readonly message: string;
}

/** One finding per odd character of `name`, in order; `what` names it in messages ("name", "key"). */
export function nameFindings(name: string, what = 'name'): NameFinding[] {
  const findings: NameFinding[] = [];
  for (const { char, position } of codePoints(name)) {
    const cp = char.codePointAt(0) ?? 0;
    const described = describeCharacter(char, position);
    const like = homoglyphOf(char);
    if (isBidiControl(cp)) findings.push({ kind: 'bidiControl', position, message: `The ${what} contains ${described}, which changes how text is shown.` });
    else if (isControl(cp)) findings.push({ kind: 'controlCharacter', position, message: `The ${what} contains ${described}, a control character.` });
    else if (isInvisible(char)) findings.push({ kind: 'invisibleCharacter', position, message: `The ${what} contains ${described}, which cannot be seen.` });
    else if (isCombiningMark(char)) findings.push({ kind: 'combiningMark', position, message: `The ${what} contains ${described}, a combining mark on the character before it.` });
    else if (like !== undefined) findings.push({ kind: 'homoglyph', position, message: `The ${what} contains "${char}" (${described}), which looks like the Latin "${like}".` });
  }
  return findings;
}
