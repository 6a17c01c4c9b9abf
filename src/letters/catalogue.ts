import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listLetterFiles } from './files.js';

export { listLetterFiles } from './files.js';
import { cleanText } from './clean.js';
import { extractMetadata } from './metadata.js';
import { splitPassages } from './passages.js';
import { extractLetter } from './readers/index.js';
import { parseSidecar, sidecarPathFor } from './sidecar-schema.js';
import type { ExtractedText, Letter, LetterError, LetterMeta } from './types.js';
import { LetterReadError } from './types.js';
import { OcrSession } from './ocr/session.js';

export interface ReadOptions {
  maxBytes: number;
  /** Characters of extracted text per letter (default MAX_LETTER_CHARS). */
  maxChars?: number;
  /** Adds the time spent in each stage, for benchmarks. */
  stages?: StageTimes;
  /** OCR for scans (a build's, with its cache); without it, a scan is read by a worker started for it alone. */
  ocr?: OcrSession;
}

export interface StageTimes {
  /** Reading and decoding the file (the format's reader). */
  readMs: number;
  /** Cleaning and metadata. */
  cleanMs: number;
  /** Splitting into passages. */
  chunkMs: number;
}

export interface LoadResult {
  letters: Letter[];
  errors: LetterError[];
}

/** "sub/a.txt" → "sub/a". */
export function letterIdOf(file: string): string {
  return file.replace(/\.[^./]+$/, '');
}

/**
 * Metadata from three sources, field by field: what the body says, then what the format states
 * (e-mail headers, front matter; a missing or empty value there keeps the body's), then the sidecar,
 * whose every given field wins, null included.
 */
export function mergeMeta(fromBody: LetterMeta, fromFormat: Partial<LetterMeta>, sidecar: Partial<LetterMeta>): LetterMeta {
  const meta = { ...fromBody } as Record<string, unknown>;
  for (const [key, value] of Object.entries(fromFormat)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    meta[key] = value;
  }
  for (const [key, value] of Object.entries(sidecar)) if (value !== undefined) meta[key] = value;
  return meta as unknown as LetterMeta;
}

/** Builds a letter from its extracted text: cleaning, metadata, passages. */
export function buildLetter(file: string, extracted: ExtractedText, sidecar: Partial<LetterMeta> = {}, stages?: StageTimes): Letter {
  const id = letterIdOf(file);
  const t0 = performance.now();
  const cleaned = cleanText(extracted.text);
  if (!cleaned.body.trim()) throw new LetterReadError('no letter text found');
  const meta = mergeMeta(extractMetadata(cleaned.body, cleaned.furniture), extracted.meta, sidecar);
  const t1 = performance.now();
  const passages = splitPassages(id, cleaned.body, meta.language ?? 'en');
  if (stages) {
    stages.cleanMs += t1 - t0;
    stages.chunkMs += performance.now() - t1;
  }
  return {
    id,
    file,
    format: extracted.format,
    meta,
    body: cleaned.body,
    source: extracted.text,
    sourceRuns: cleaned.runs,
    furniture: cleaned.furniture,
    passages,
    ...(extracted.scan ? { scan: extracted.scan } : {}),
  };
}

/** A sidecar holds a few fields; anything bigger is not one. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

async function readSidecar(dir: string, file: string, errors: LetterError[]): Promise<Partial<LetterMeta>> {
  const sidecar = sidecarPathFor(file);
  let json: string;
  try {
    const { size } = await stat(join(dir, sidecar));
    if (size > MAX_SIDECAR_BYTES) {
      errors.push({ file: sidecar, reason: `sidecar is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit; ignored, using the letter's own metadata` });
      return {};
    }
    json = await readFile(join(dir, sidecar), 'utf8');
  } catch {
    return {};
  }
  try {
    return parseSidecar(json);
  } catch (err) {
    // The letter still loads with what was extracted from it.
    errors.push({ file: sidecar, reason: `${(err as Error).message}; ignored, using the letter's own metadata` });
    return {};
  }
}

/** Reads one letter file (path relative to `dir`); pushes its problems to `errors`. */
export async function readLetter(dir: string, file: string, opts: ReadOptions, errors: LetterError[]): Promise<Letter | null> {
  try {
    const t0 = performance.now();
    const extracted = await extractLetter(join(dir, file), { maxBytes: opts.maxBytes, maxChars: opts.maxChars, ocr: opts.ocr, file });
    const sidecar = await readSidecar(dir, file, errors);
    if (opts.stages) opts.stages.readMs += performance.now() - t0;
    const letter = buildLetter(file, extracted, sidecar, opts.stages);
    // Only once the letter loads: a file that fails has one error, its reason.
    for (const warning of extracted.warnings ?? []) errors.push({ file, reason: warning.split('\n')[0] });
    return letter;
  } catch (err) {
    const reason = err instanceof LetterReadError ? err.message : `cannot read: ${(err as Error).message}`;
    errors.push({ file, reason: reason.split('\n')[0] });
    return null;
  }
}

/** Reads every letter under `dir`. A bad file costs only itself. */
export async function loadLetters(dir: string, opts: ReadOptions): Promise<LoadResult> {
  const files = await listLetterFiles(dir);
  const errors: LetterError[] = [];
  const letters: Letter[] = [];
  const queue = [...files];
  // Scans share one OCR worker (started only if one needs it).
  const ocr = opts.ocr ?? new OcrSession();
  const worker = async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
      const letter = await readLetter(dir, f, { ...opts, ocr }, errors);
      if (letter) letters.push(letter);
    }
  };
  try {
    await Promise.all(Array.from({ length: 4 }, worker));
  } finally {
    if (!opts.ocr) await ocr.close();
  }
  letters.sort((a, b) => a.id.localeCompare(b.id));
  errors.sort((a, b) => a.file.localeCompare(b.file));
  return { letters, errors };
}
