import { createHash } from 'node:crypto';
import type { OcrCache } from './cache.js';
import { engineKey, OCR_LANGUAGES, OcrEngine, OcrTimeout, type OcrPage } from './recognise.js';

/**
 * A scanned page whose mean word confidence is below this is reported as hard to read.
 *
 * Measured on the whole pipeline (page cleaning, then tesseract eng+fra), on 1,400 characters of prose of each
 * seed letter rendered at 300 dpi with @napi-rs/canvas in 10 pt DejaVu Serif, then degraded 34 ways: rotated 3–20°,
 * Gaussian noise σ 60–150, salt-and-pepper noise 10–40%, blurred 4–9 px, contrast down to 5%, light falling off
 * to 10%, 40–100 dpi, and combinations of these; character error rate (CER) against the rendered text. Of the 68
 * pages, 4 took over 60 s; of the 64 read, the 28 with a CER of 5% or less all had a mean word confidence of
 * 88.7 or more (clean pages 95.3–95.7), and the 35 with a CER of 6.7% or more all had 81.0 or less; one page
 * read at 5.3% had 87.6. 85 sits in that gap: a page below it is one a reader should check against the image.
 */
export const LOW_CONFIDENCE = 85;

/**
 * A scanned page read with a mean word confidence below this is left out of the letter's text (and reported):
 * in the measurements above, the 11 pages under 50 all had a CER of 31% or more, 9 of them over 50%; the test
 * fixture "scan" of random strokes reads as invented words at 27.5.
 */
export const UNREADABLE_CONFIDENCE = 50;

/**
 * A page that takes longer than this is abandoned (its worker restarted) and read as empty: heavy speckle can keep
 * tesseract in page layout for minutes (salt-and-pepper noise at 40%: over 60 s), where a dense clean page of 450
 * words takes about 5 s on 2 cores.
 */
export const OCR_PAGE_TIMEOUT_MS = 120_000;

export interface OcrSessionOptions {
  /** Where results are cached by file hash (the index's ocr-cache folder); null: no cache. */
  cache?: OcrCache | null;
  /** Ignore cached results (they are still written). */
  again?: boolean;
  languages?: readonly string[];
  /** Pages of the file being read: `done` of `total` (fractions while a page is read). */
  onProgress?: (done: number, total: number, file: string) => void;
  log?: (message: string) => void;
  pageTimeoutMs?: number;
}

export interface OcrStats {
  /** Pages read by OCR. */
  recognised: number;
  /** Pages taken from the cache. */
  cached: number;
  /** sha256 of every scan read or looked up, so the cache keeps them. */
  hashes: Set<string>;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * OCR for one build (or one read): one worker, started on the first page that is not cached and reused for
 * every other, then terminated by `close()`.
 */
export class OcrSession {
  readonly stats: OcrStats = { recognised: 0, cached: 0, hashes: new Set() };
  private engine: Promise<OcrEngine> | null = null;
  readonly languages: readonly string[];

  constructor(private readonly opts: OcrSessionOptions = {}) {
    this.languages = opts.languages ?? OCR_LANGUAGES;
  }

  private warn(message: string): void {
    this.opts.log?.(message);
  }

  private async getEngine(): Promise<OcrEngine> {
    this.engine ??= OcrEngine.create(this.languages);
    try {
      return await this.engine;
    } catch (err) {
      this.engine = null;
      throw err;
    }
  }

  /**
   * The text of pages `pages` (1-based) of a scanned file: from the cache when this file (by hash) was read
   * before, else rendered one at a time by `render` and read by OCR, then cached.
   */
  async read(file: string, bytes: Buffer, pages: number[], render: (page: number) => Promise<Buffer>): Promise<OcrPage[]> {
    const hash = sha256Hex(bytes);
    this.stats.hashes.add(hash);
    const engine = engineKey(this.languages);
    const cache = this.opts.cache ?? null;
    if (cache && !this.opts.again) {
      const entry = cache.get(hash, engine, (m) => this.warn(m));
      if (entry && entry.pages.length === pages.length && entry.pages.every((p, i) => p.page === pages[i])) {
        this.stats.cached += pages.length;
        return entry.pages.map(({ text, confidence }) => ({ text, confidence }));
      }
    }
    const results: OcrPage[] = [];
    let complete = true;
    this.opts.onProgress?.(0, pages.length, file);
    for (const page of pages) {
      const image = await render(page);
      const ocr = await this.getEngine();
      try {
        const done = results.length;
        const progress = this.opts.onProgress && ((f: number) => this.opts.onProgress!(done + Math.min(f, 0.99), pages.length, file));
        results.push(await ocr.recognise(image, progress, this.opts.pageTimeoutMs ?? OCR_PAGE_TIMEOUT_MS));
      } catch (err) {
        if (!(err instanceof OcrTimeout)) throw err;
        this.warn(`${file}: page ${page} took over ${Math.round(err.ms / 1000)} s to read and was skipped`);
        results.push({ text: '', confidence: 0 });
        complete = false;
      }
      this.stats.recognised++;
      this.opts.onProgress?.(results.length, pages.length, file);
    }
    // A page abandoned for time may read on a less busy machine: only complete readings are kept.
    if (cache && complete) {
      try {
        cache.put({ sha256: hash, engine, pages: results.map((r, i) => ({ page: pages[i], ...r })) });
      } catch (err) {
        this.warn(`${file}: could not save its OCR in ${cache.dir} (${(err as Error).message.split('\n')[0]}); it will be read again next time`);
      }
    }
    return results;
  }

  /** Terminates the worker, if one was started. */
  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await (await engine?.catch(() => null))?.terminate();
  }
}
