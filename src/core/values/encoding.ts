/**
 * Text from a file's bytes, with the encoding read from the bytes, never guessed: a
 * byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE; without one the bytes must be
 * UTF-8. Invalid UTF-8 is refused, not decoded with U+FFFD replacement characters: a
 * replaced byte inside a secret would change the secret silently (dotenv, reading with
 * `encoding: 'utf8'`, would do just that). The mark itself is not part of the text.
 */
import { InputError } from '../errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** Whether the file started with a byte-order mark (removed from `text`). */
  readonly bom: boolean;
}

/**
 * Decodes a file's bytes. Throws InputError naming the byte offset (0-based) and line
 * (1-based) for invalid UTF-8, for UTF-16 with an odd number of bytes or an unpaired
 * surrogate, and for UTF-32 byte-order marks (not supported).
 */
export function decodeText(bytes: Uint8Array, fileName = 'The file'): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new InputError(`${fileName} is in UTF-32, which is not supported: save it as UTF-8.`);
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: utf8(bytes.subarray(3), fileName, 3), encoding: 'utf-8', bom: true };
  for (const [mark, encoding] of [[[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']] as const) {
    if (!startsWith(bytes, mark)) continue;
    if (bytes.length % 2 !== 0) throw new InputError(`${fileName} says it is ${encoding.toUpperCase()} but ends in half a character: it is damaged or not UTF-16.`);
    try {
      return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2)), encoding, bom: true };
    } catch {
      throw new InputError(`${fileName} says it is ${encoding.toUpperCase()} but contains an unpaired surrogate: it is damaged. Save it as UTF-8.`);
    }
  }
  return { text: utf8(bytes, fileName, 0), encoding: 'utf-8', bom: false };
}

function utf8(bytes: Uint8Array, fileName: string, offset: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new InputError(`${fileName} is not valid UTF-8: byte 0x${byte} at offset ${bad + offset} (line ${line}) is not part of a UTF-8 character. `
      + 'It may be saved in another encoding such as Windows-1252: save it as UTF-8 and try again.');
  }
}

/** The index of the first byte that does not start or continue a well-formed UTF-8 sequence (Unicode Table 3-7). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) { i++; continue; }
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
