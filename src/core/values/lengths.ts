/**
 * Lengths counted the way each API counts them, and messages that name the same unit.
 *
 * - `characters`: Unicode code points. JSON Schema's `maxLength` counts these (Ajv too),
 *   so every field limited by `maxLength` in Vercel's OpenAPI document is counted so: an
 *   emoji is one character.
 * - `utf16Units`: UTF-16 code units, JavaScript's `length`: what a Node server that checks
 *   `value.length` counts (the Secrets API emulator, written from seed 002). An emoji is 2.
 * - `bytes`: UTF-8 bytes, for limits stated in bytes (Vercel's 64 KB value).
 */
export type LengthUnit = 'characters' | 'utf16Units' | 'bytes';

/** The length of `text` in `unit`. */
export function lengthIn(text: string, unit: LengthUnit): number {
  if (unit === 'bytes') return Buffer.byteLength(text, 'utf8');
  if (unit === 'utf16Units') return text.length;
  let count = 0;
  // A surrogate pair is one code point: count every UTF-16 unit that does not end a pair.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
    count++;
  }
  return count;
}

/**
 * "The comment is 501 characters long; the maximum is 500." when `text` is over `max`
 * counted in `unit`, else undefined. `what` is the subject ("comment", "key", "prefix").
 * For UTF-16 units the message says "characters" only when every character counts as one
 * unit (no character outside the Basic Multilingual Plane), and otherwise says "UTF-16
 * units" and why, so the number shown is always the number counted.
 */
export function lengthProblem(text: string, max: number, unit: LengthUnit, what: string): string | undefined {
  const length = lengthIn(text, unit);
  if (length <= max) return undefined;
  if (unit === 'bytes') {
    return `The ${what} is ${Math.ceil(length / 1024)} KB; the maximum is ${max / 1024} KB (${max} bytes in UTF-8; it has ${length}).`;
  }
  if (unit === 'utf16Units' && length !== lengthIn(text, 'characters')) {
    return `The ${what} is ${length} UTF-16 units long (emoji and other characters outside the Basic Multilingual Plane count as 2); the maximum is ${max}.`;
  }
  return `The ${what} is ${length} characters long; the maximum is ${max}.`;
}
