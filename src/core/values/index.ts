/** Value and name hygiene, character description and lengths, shared by every backend's rules and the .env reader. */
export { characterName, characterNameLoads } from './characterNames';
export {
  codePointLabel, codePoints, describeCharacter, describeCharacters, firstDisallowed, homoglyphOf, isBidiControl,
  isCombiningMark, isControl, isInvisible, isVisible, positionAt, showCharacter, showInvisibles,
} from './characters';
export { emptyValueNotice } from './emptyValue';
export { decodeText, type DecodedText, type TextEncodingName } from './encoding';
export { lengthIn, lengthProblem, type LengthUnit } from './lengths';
export { nameFindings, type NameFinding, type NameFindingKind } from './nameFindings';
export { applyValueFixes, valueFindings, type ValueFinding, type ValueFindingKind } from './valueFindings';
