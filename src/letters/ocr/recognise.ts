import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker as TesseractWorker } from 'tesseract.js';
import { PagePreparer } from './prepare.js';

/** What OCR read on one page. */
export interface OcrPage {
  text: string;
  /** Mean word confidence, 0–100 (0 when no word was found). */
  confidence: number;
}

/** The languages letters are read in: English first, French second. */
export const OCR_LANGUAGES: readonly string[] = ['eng', 'fra'];

/** The trained models used: tesseract's LSTM "best" models, integerised (the npm packages' 4.0.0_best_int). */
const MODEL = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** The version of tesseract.js, part of the OCR cache key: another engine may read differently. */
export const TESSERACT_VERSION: string = (require('tesseract.js/package.json') as { version: string }).version;

/** Bump when the text made of tesseract's output changes (layoutText, parameters): cached readings are then redone. */
const READING_VERSION = 1;

/** Identifies how a page was read; an OCR cache entry made otherwise is not reused. */
export function engineKey(languages: readonly string[]): string {
  return `tesseract.js@${TESSERACT_VERSION} ${languages.join('+')} ${MODEL} reading ${READING_VERSION}`;
}

export class OcrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrError';
  }
}

/** The gzipped traineddata of a language, from its @tesseract.js-data npm package (never downloaded). */
export function traineddataPath(language: string): string {
  if (!/^[a-z_]{3,16}$/.test(language)) throw new OcrError(`not an OCR language code: ${JSON.stringify(language)}`);
  let pkg: string;
  try {
    pkg = require.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    throw new OcrError(`no OCR data for language "${language}": the npm package @tesseract.js-data/${language} is not installed`);
  }
  const path = join(dirname(pkg), MODEL, `${language}.traineddata.gz`);
  if (!existsSync(path)) throw new OcrError(`no OCR data for language "${language}" at ${path}`);
  return path;
}

interface OcrLine {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  baseline: { x0: number; y0: number; x1: number; y1: number };
  words: { confidence: number }[];
}
interface OcrBlocks {
  text: string;
  confidence: number;
  blocks: { paragraphs: { lines: OcrLine[] }[] }[] | null;
}

function meanWordConfidence(page: OcrBlocks): number {
  if (!page.blocks) return page.confidence;
  let sum = 0;
  let n = 0;
  for (const w of page.blocks.flatMap((b) => b.paragraphs).flatMap((p) => p.lines).flatMap((l) => l.words)) {
    sum += w.confidence;
    n++;
  }
  return n ? Math.round((sum / n) * 10) / 10 : 0;
}

/** A gap between baselines wider than this many line pitches is a paragraph break (a blank line). */
const PARAGRAPH_GAP = 1.25;

/**
 * The page's text laid out as the PDF reader lays out a text layer: one line a line, and a blank line only
 * where the gap between two lines is clearly wider than the page's line pitch, or where a new layout block
 * starts. Tesseract's own text puts a blank line after every line it takes for a paragraph of its own, which
 * breaks up address blocks and signatures.
 */
function layoutText(page: OcrBlocks): string {
  if (!page.blocks) return page.text;
  const lines: { text: string; y: number; block: number }[] = [];
  page.blocks.forEach((b, block) => {
    for (const p of b.paragraphs) {
      for (const l of p.lines) {
        const text = l.text.replace(/\s+$/, '');
        // The baseline at its left end: lines start at the same margin, so a slight rotation cancels out.
        if (text.trim()) lines.push({ text, y: l.baseline?.y0 ?? l.bbox.y1, block });
      }
    }
  });
  const gaps = lines.slice(1).flatMap((l, i) => (l.block === lines[i].block && l.y > lines[i].y ? [l.y - lines[i].y] : [])).sort((x, y) => x - y);
  // The lower quartile: most gaps on a page are one line apart, and so is it even when few lines are.
  const pitch = gaps.length ? gaps[Math.floor((gaps.length - 1) / 4)] : 0;
  let text = '';
  lines.forEach((l, i) => {
    if (i > 0) {
      const prev = lines[i - 1];
      const gap = l.y - prev.y;
      text += l.block !== prev.block || gap <= 0 || (pitch > 0 && gap > PARAGRAPH_GAP * pitch) ? '\n\n' : '\n';
    }
    text += l.text;
  });
  return text;
}

export class OcrTimeout extends OcrError {
  constructor(readonly ms: number) {
    super(`OCR of a page took over ${Math.round(ms / 1000)} s`);
    this.name = 'OcrTimeout';
  }
}

type Tesseract = typeof import('tesseract.js');

/**
 * tesseract.js reads every language from one folder (`langPath`), and each npm package has its own: a
 * temporary folder links to them while the worker loads them. A local path is read from disk; tesseract.js
 * fetches from a CDN only when no `langPath` is set, or when it is a URL.
 */
async function startWorker(languages: readonly string[], handlers: { progress: (fraction: number) => void; error: (message: string) => void }): Promise<TesseractWorker> {
  const paths = languages.map(traineddataPath);
  const langPath = mkdtempSync(join(tmpdir(), 'epistle-tessdata-'));
  try {
    languages.forEach((lang, i) => {
      const target = join(langPath, `${lang}.traineddata.gz`);
      try {
        symlinkSync(paths[i], target);
      } catch {
        copyFileSync(paths[i], target);
      }
    });
    const tesseract = ((await import('tesseract.js')) as unknown as { default: Tesseract }).default;
    return await tesseract.createWorker([...languages], tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      // Nothing is written beside the process (tesseract.js would otherwise cache the models in the working folder).
      cacheMethod: 'none',
      logger: (m) => {
        if (m.status === 'recognizing text') handlers.progress(m.progress);
      },
      // Without a handler, tesseract.js throws a worker's error inside its message listener (uncaught);
      // with one, the job's promise rejects and the handler says why.
      errorHandler: (err: unknown) => handlers.error(String(err).split('\n')[0]),
    });
  } catch (err) {
    throw new OcrError(`could not start OCR: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  } finally {
    rmSync(langPath, { recursive: true, force: true });
  }
}

/**
 * One tesseract.js worker: a worker_thread holding the WebAssembly engine and the language models, so that
 * recognition never blocks the caller's event loop. Create once, recognise many pages (one at a time),
 * terminate. A page past its time limit has its worker terminated; the next page starts a new one.
 */
export class OcrEngine {
  private worker: Promise<TesseractWorker> | null = null;
  private onPage: ((fraction: number) => void) | null = null;
  private failure: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly preparer = new PagePreparer();

  private constructor(readonly languages: readonly string[]) {}

  /** Starts the worker and loads the languages' models (from their npm packages). */
  static async create(languages: readonly string[] = OCR_LANGUAGES): Promise<OcrEngine> {
    if (!languages.length) throw new OcrError('no OCR language given');
    const engine = new OcrEngine(languages);
    await engine.ready();
    return engine;
  }

  private ready(): Promise<TesseractWorker> {
    if (this.closed) return Promise.reject(new OcrError('the OCR engine was terminated'));
    if (!this.worker) {
      const started = startWorker(this.languages, { progress: (f) => this.onPage?.(f), error: (m) => (this.failure = m) });
      this.worker = started;
      started.catch(() => {
        if (this.worker === started) this.worker = null;
      });
    }
    return this.worker;
  }

  private async restart(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await (await worker?.catch(() => null))?.terminate().catch(() => undefined);
  }

  /**
   * Reads one image (PNG or JPEG); `onProgress` gets the fraction of the page done. Throws OcrTimeout when
   * the page takes over `timeoutMs`.
   */
  recognise(image: Buffer, onProgress?: (fraction: number) => void, timeoutMs = 0): Promise<OcrPage> {
    const run = async (): Promise<OcrPage> => {
      // Prepared first: an image that cannot be decoded does not start tesseract.
      let page: Buffer;
      try {
        page = await this.preparer.prepare(image);
      } catch (err) {
        throw new OcrError((err as Error).message);
      }
      const worker = await this.ready();
      this.onPage = onProgress ?? null;
      this.failure = null;
      let timer: NodeJS.Timeout | undefined;
      try {
        // rotateAuto: tesseract measures the skew of the lines and reads the page straightened (a page 8° off:
        // 5.3% of characters wrong without it, 0.1% with it). debug_file: its diagnostics ("Estimating
        // resolution as …") would otherwise go to stderr.
        const options = { rotateAuto: true, debug_file: '/dev/null' } as Parameters<TesseractWorker['recognize']>[1];
        const job = worker.recognize(page, options, { text: true, blocks: true });
        const timeout = new Promise<never>((_, reject) => {
          if (timeoutMs > 0) timer = setTimeout(() => reject(new OcrTimeout(timeoutMs)), timeoutMs);
        });
        const { data } = await Promise.race([job, timeout]);
        return { text: layoutText(data as unknown as OcrBlocks), confidence: meanWordConfidence(data as unknown as OcrBlocks) };
      } catch (err) {
        if (err instanceof OcrTimeout) {
          await this.restart();
          throw err;
        }
        throw new OcrError(`OCR failed: ${this.failure ?? String((err as Error)?.message ?? err).split('\n')[0]}`);
      } finally {
        clearTimeout(timer);
        this.onPage = null;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async terminate(): Promise<void> {
    this.closed = true;
    await Promise.all([this.restart(), this.preparer.terminate()]);
  }
}

/**
 * OCR of page images (PNG or JPEG), in order, on one worker thread that is terminated at the end.
 * `onProgress(done, total)` is called with 0 first, then after each page.
 */
export async function recognisePages(
  images: Buffer[],
  opts: { languages: string[]; onProgress?: (done: number, total: number) => void },
): Promise<OcrPage[]> {
  const engine = await OcrEngine.create(opts.languages);
  try {
    const pages: OcrPage[] = [];
    opts.onProgress?.(0, images.length);
    for (const image of images) {
      pages.push(await engine.recognise(image));
      opts.onProgress?.(pages.length, images.length);
    }
    return pages;
  } finally {
    await engine.terminate();
  }
}
