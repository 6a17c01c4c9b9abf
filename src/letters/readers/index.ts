import { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import { LetterReadError } from '../types.js';
import type { ExtractedText } from '../types.js';
import { docxReader } from './docx.js';
import { emlReader } from './eml.js';
import { htmlReader } from './html.js';
import { imageReader } from './image.js';
import { markdownReader } from './markdown.js';
import { pdfReader } from './pdf.js';
import type { LetterReader } from './reader.js';
import { OcrSession } from '../ocr/session.js';
import { textReader } from './text.js';

export const readers: LetterReader[] = [textReader, markdownReader, emlReader, pdfReader, docxReader, htmlReader, imageReader];

export const SUPPORTED_EXTENSIONS: readonly string[] = readers.flatMap((r) => r.extensions);

/** Content checks, most specific first; a match overrides the extension. */
const SNIFF_ORDER: LetterReader[] = [pdfReader, docxReader, htmlReader, emlReader];

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Lower-case extension with the dot ("" when there is none). */
function extensionOf(file: string): string {
  const base = baseName(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function unsupported(ext: string): LetterReadError {
  const what = ext ? `unsupported file type ${ext}` : 'unsupported file type (no extension)';
  return new LetterReadError(`${what} (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
}

/** A file the letters folder should be read for: supported extension, not hidden, not a sidecar or an Office lock file. */
export function isLetterFile(name: string): boolean {
  const base = baseName(name);
  if (base.startsWith('.') || base.startsWith('~$') || base.toLowerCase().endsWith('.meta.json')) return false;
  return SUPPORTED_EXTENSIONS.includes(extensionOf(base));
}

/**
 * The reader for a file: by extension, unless its first bytes show another format
 * (a ".txt" that starts with "%PDF-" is read as PDF). Throws for unsupported extensions.
 */
export function readerFor(file: string, head: Buffer): LetterReader {
  const ext = extensionOf(file);
  const byExtension = readers.find((r) => r.extensions.includes(ext));
  if (!byExtension) throw unsupported(ext);
  return SNIFF_ORDER.find((r) => r.sniff?.(head)) ?? byExtension;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Characters of extracted text one letter may have. Past it a file is a dump, not a letter: a 10 MB line
 * would become thousands of passages to embed.
 */
export const MAX_LETTER_CHARS = 1_000_000;

function tooBig(size: number, maxBytes: number): LetterReadError {
  return new LetterReadError(`file is ${formatSize(size)}, over the ${formatSize(maxBytes)} limit (MAX_LETTER_BYTES)`);
}

/** "EACCES: permission denied, open '/x'" → "cannot read file: EACCES: permission denied". */
function fsError(err: unknown): LetterReadError {
  const e = err as NodeJS.ErrnoException;
  const m = /^([A-Z0-9_]+): ([^,\n]+)/.exec(e?.message ?? '');
  const reason = m ? `${m[1]}: ${m[2]}` : e?.code ?? String(e?.message ?? err).split('\n')[0];
  return new LetterReadError(`cannot read file: ${reason}`);
}

function describeNonFile(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads one letter file. Checks type, size and emptiness before reading a byte, and the length of
 * the text read (`maxChars`, default MAX_LETTER_CHARS); every failure is a LetterReadError with a
 * one-line reason (without the file name).
 */
export async function extractLetter(
  path: string,
  opts: { maxBytes: number; maxChars?: number; ocr?: OcrSession; file?: string },
): Promise<ExtractedText> {
  const ext = extensionOf(path);
  if (!readers.some((r) => r.extensions.includes(ext))) throw unsupported(ext);

  let stat: Awaited<ReturnType<typeof fsp.stat>>;
  try {
    stat = await fsp.stat(path);
  } catch (err) {
    throw fsError(err);
  }
  if (!stat.isFile()) throw new LetterReadError(`cannot read file: it is ${describeNonFile(stat)}`);
  if (stat.size > opts.maxBytes) throw tooBig(stat.size, opts.maxBytes);
  if (stat.size === 0) throw new LetterReadError('empty file');

  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path);
  } catch (err) {
    throw fsError(err);
  }
  if (bytes.length > opts.maxBytes) throw tooBig(bytes.length, opts.maxBytes);
  if (bytes.length === 0) throw new LetterReadError('empty file');

  const reader = readerFor(path, bytes);
  let extracted: ExtractedText;
  // Without a build's OCR session, a scan gets a worker of its own (started only if a page needs it).
  const ocr = opts.ocr ?? new OcrSession();
  try {
    extracted = await reader.read(bytes, path, { ocr, name: opts.file ?? path });
  } catch (err) {
    if (err instanceof LetterReadError) throw new LetterReadError(err.message.split('\n')[0]);
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new LetterReadError(`cannot read ${reader.format} file: nested too deeply`);
    throw new LetterReadError(`cannot read ${reader.format} file: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  } finally {
    if (!opts.ocr) await ocr.close();
  }
  if (extracted.text.trim() === '') {
    throw new LetterReadError(`no text in this ${reader.format.toUpperCase()} file`);
  }
  const maxChars = opts.maxChars ?? MAX_LETTER_CHARS;
  if (extracted.text.length > maxChars) {
    const n = (x: number) => x.toLocaleString('en-US');
    throw new LetterReadError(`text is ${n(extracted.text.length)} characters, over the ${n(maxChars)}-character limit for one letter; split it into several letters`);
  }
  return extracted;
}
