import chardet from 'chardet';
import iconv from 'iconv-lite';
import { LetterReadError } from './types.js';

/**
 * Decodes the bytes of a text letter: BOM-marked UTF-8/UTF-16, BOM-less UTF-16,
 * strict UTF-8, else the legacy encoding chardet names. Strips the BOM and turns
 * CRLF and CR line endings into "\n". Throws LetterReadError on binary content and
 * on UTF-8 that is damaged rather than legacy-encoded.
 */
export function decodeText(bytes: Buffer, _file: string): string {
  return normaliseLineEndings(decodeBytes(bytes));
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function decodeBytes(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8AfterBom(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeUtf16(bytes.subarray(2), 'utf-16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeUtf16(bytes.subarray(2), 'utf-16be');
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);

  if (looksBinary(bytes)) throw new LetterReadError('binary content, not a text letter');

  const scan = scanUtf8(bytes);
  if (scan.firstInvalid < 0) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  // Valid multi-byte sequences alongside invalid ones mean UTF-8 with damage:
  // a legacy decoding would garble the valid ones ("Ã©" for "é").
  if (scan.validMultibyte > 0 && scan.validMultibyte >= scan.invalid) {
    throw new LetterReadError(
      `invalid UTF-8 at byte ${scan.firstInvalid} in a file that is otherwise UTF-8; re-save it as UTF-8`,
    );
  }
  return decodeLegacy(bytes, scan.firstInvalid);
}

function decodeUtf8AfterBom(bytes: Buffer): string {
  const { firstInvalid } = scanUtf8(bytes);
  if (firstInvalid >= 0) {
    throw new LetterReadError(
      `invalid UTF-8 at byte ${firstInvalid + 3} after a UTF-8 byte-order mark; re-save it as UTF-8`,
    );
  }
  // ignoreBOM keeps a second BOM (if any) as text; the first one was already cut off.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function decodeUtf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): string {
  const label = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  if (bytes.length % 2 !== 0) {
    throw new LetterReadError(`truncated ${label} text (odd number of bytes)`);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new LetterReadError(`invalid ${label} text (unpaired surrogate)`);
  }
  if (controlRatio(text) > MAX_CONTROL_RATIO) throw new LetterReadError('binary content, not a text letter');
  return text;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position (for Latin text). */
function guessBomlessUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.02) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.02) return 'utf-16be';
  return null;
}

/** Share of control characters above which a file is taken for binary. */
const MAX_CONTROL_RATIO = 0.01;

/** C0 controls other than tab, LF, VT, FF and CR, plus DEL. */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) || b === 0x7f;
}

function looksBinary(bytes: Buffer): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (isControlByte(b)) controls++;
  }
  return controls > 0 && controls / bytes.length > MAX_CONTROL_RATIO;
}

/**
 * Decoded text that is really binary: a NUL, or C0/C1 controls past MAX_CONTROL_RATIO. For text
 * that did not come through decodeText (e-mail bodies), where U+FFFD may be a mislabelled charset.
 */
export function isBinaryText(text: string): boolean {
  if (text.includes('\0')) return true;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x80 && isControlByte(c)) || (c >= 0x80 && c <= 0x9f)) controls++;
  }
  return controls > 0 && controls / text.length > MAX_CONTROL_RATIO;
}

/** Share of C0/C1 control characters (as in looksBinary) and U+FFFD in decoded text. */
function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x80 && isControlByte(c)) || (c >= 0x80 && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

/** Counts valid multi-byte sequences and runs of invalid bytes. */
function scanUtf8(bytes: Buffer): { validMultibyte: number; invalid: number; firstInvalid: number } {
  let validMultibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let inInvalidRun = false;
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      if (!inInvalidRun) invalid++;
      inInvalidRun = true;
      i++;
    } else {
      inInvalidRun = false;
      if (len > 1) validMultibyte++;
      i += len;
    }
  }
  return { validMultibyte, invalid, firstInvalid };
}

/** Length of the well-formed UTF-8 sequence at i (per the Unicode table of well-formed sequences), or 0. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const b0 = b[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function decodeLegacy(bytes: Buffer, firstInvalid: number): string {
  const candidates = chardet
    .analyse(bytes)
    .map((m) => m.name)
    .filter((name) => !/^(UTF-|ISO-2022)/i.test(name) && iconv.encodingExists(name));
  const encoding = candidates[0];
  if (!encoding) {
    throw new LetterReadError('not UTF-8 and no known legacy encoding fits; re-save it as UTF-8');
  }
  const text = iconv.decode(bytes, encoding);
  // C1 controls and U+FFFD come from bytes the encoding leaves undefined.
  if (/[\u0080-\u009f\ufffd]/.test(text)) {
    throw new LetterReadError(
      `invalid UTF-8 at byte ${firstInvalid}, and not sensible as ${encoding} either; re-save it as UTF-8`,
    );
  }
  return text;
}
