// The vault file is written as compact, pure-ASCII JSON: an all-ASCII file decodes as latin1 into a one-byte
// string, several times faster than decoding UTF-8 text with a single "…" in it (about 6 against 60 ms at 10,000
// tokens). Files written pretty or with raw UTF-8 (every Keyward before this) still read the same.
import { isAscii } from 'node:buffer';

// Outside strings JSON.stringify writes only ASCII, so every non-ASCII UTF-16 unit it gives is inside a string.
const NON_ASCII = /[\u0080-\uffff]/g;
const escapeUnit = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify's text with each non-ASCII UTF-16 unit written as \uXXXX: the same JSON value, all ASCII. */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, escapeUnit);
}

/** The bytes of asciiJson(json): one byte per character (latin1 of ASCII text is ASCII, and faster than utf8). */
export function asciiJsonBytes(json: string): Buffer {
  return Buffer.from(asciiJson(json), 'latin1');
}

/** A vault file's text: for all-ASCII bytes latin1 gives exactly what utf8 would, several times faster. */
export function decodeVaultText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
