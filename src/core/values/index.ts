/**
 * Value and name hygiene, character description and lengths, shared by every backend's
 * rules and the .env reader (src/core/dotenv). How the VS Code layer uses it:
 * - before sending a value typed, pasted, edited or read from a file: `valueFindings(value)`;
 *   when it returns anything, show each `message` and offer "Remove it" →
 *   `applyValueFixes(value, findings.map((f) => f.kind))` and "Keep as typed" → `value`;
 *   send nothing before the user chose. The backend's own rule (`valueProblem`…) still refuses
 *   what the API refuses (an empty value, a length over its limit).
 * - "From File…": `decodeText(bytes, fileName)` (throws InputError) → `text`, then as above.
 * - Copy Value: `emptyValueNotice(value, name)`; when defined, show it and leave the clipboard alone.
 */
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
