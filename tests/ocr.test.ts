import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import UTIF from 'utif2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../src/answer/answer.js';
import { Answerer } from '../src/answer/answerer.js';
import { citationLine } from '../src/answer/render-text.js';
import { quoteBlock } from '../src/discord/render.js';
import { letterCommand } from '../src/discord/commands/letter.js';
import { buildIndex, type BuildReport } from '../src/indexing/build.js';
import { reportJson, reportText } from '../src/commands/index-letters.js';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import { LetterIndex } from '../src/indexing/letter-index.js';
import { cleanText } from '../src/letters/clean.js';
import { OCR_CACHE_DIR, OcrCache } from '../src/letters/ocr/cache.js';
import { OcrEngine, recognisePages } from '../src/letters/ocr/recognise.js';
import { LOW_CONFIDENCE, OcrSession } from '../src/letters/ocr/session.js';
import { extractLetter } from '../src/letters/readers/index.js';
import { isVerbatimQuote } from '../src/letters/verbatim.js';
import { runCli } from './helpers/cli.js';
import { SEEDS } from './helpers/corpus.js';
import { SEED_QUESTIONS } from './questions.js';

/**
 * Scanned letters: the two seed letters rendered to page images here (PNG at 300 dpi, and a PDF of page images
 * with no text layer), read by OCR, indexed and asked the seed questions. Everything is made at test time and
 * read offline: the language models come from the @tesseract.js-data npm packages.
 */

const MAX = 20 * 1024 * 1024;
const KELAM = '000_54ce065e8f9db68d';
const DELVAUX = '001_87c08d64c831245f';
const DPI = 300;
const FONT = '"DejaVu Serif", "Liberation Serif", "Times New Roman", serif';

// ------------------------------------------------------------------------------------------- rendering

/** A4 pages of `text` in 10 pt at `dpi`: lines wrapped to the margins, "\f" or a full page starting a new page. */
function renderText(text: string, dpi = DPI, pt = 10): Canvas[] {
  const width = Math.round(8.27 * dpi);
  const height = Math.round(11.69 * dpi);
  const px = (pt / 72) * dpi;
  const margin = 0.75 * dpi;
  const pages: Canvas[] = [];
  let g: ReturnType<Canvas['getContext']> | null = null;
  let y = 0;
  const newPage = () => {
    const canvas = createCanvas(width, height);
    g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#000';
    g.font = `${px}px ${FONT}`;
    pages.push(canvas);
    y = margin + px;
  };
  const line = (s: string) => {
    if (!g || y > height - margin) newPage();
    g!.fillText(s, margin, y);
    y += px * 1.3;
  };
  for (const [i, page] of text.split('\f').entries()) {
    if (i > 0 || !g) newPage();
    for (const para of page.split('\n')) {
      if (!para.trim()) {
        y += px * 0.6;
        continue;
      }
      let current = '';
      for (const word of para.trim().split(/\s+/)) {
        const next = current ? `${current} ${word}` : word;
        if (current && g!.measureText(next).width > width - 2 * margin) {
          line(current);
          current = word;
        } else current = next;
      }
      line(current);
    }
  }
  return pages;
}

/** The seed text as it would be printed: no Markdown emphasis, no trailing spaces; Kelam's letterheads start pages. */
function printed(id: string): string {
  const text = readFileSync(join(SEEDS, `${id}.txt`), 'utf8')
    .replace(/\*/g, '')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return text.replace(/\s*\n{3,}(?=ЕВРОПЕЙСКИ)/g, '\f');
}

const png = (c: Canvas) => c.encode('png');

/** An image-only PDF: each page image drawn over a whole A4 page, no text layer. */
async function imagePdf(images: Buffer[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const image of images) {
    const embedded = await pdf.embedPng(image);
    const page = pdf.addPage([595.28, 841.89]);
    page.drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await pdf.save());
}

/** Speckle: a share of pixels turned black or white at random (seeded), as a bad photocopy. */
function speckled(source: Canvas, share: number, seed = 7): Canvas {
  const canvas = createCanvas(source.width, source.height);
  const g = canvas.getContext('2d');
  g.drawImage(source, 0, 0);
  const image = g.getImageData(0, 0, canvas.width, canvas.height);
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < image.data.length; i += 4) {
    if (next() < share) image.data[i] = image.data[i + 1] = image.data[i + 2] = next() < 0.5 ? 0 : 255;
  }
  g.putImageData(image, 0, 0);
  return canvas;
}

// ------------------------------------------------------------------------------------------- fixtures

let embedder: BundledEmbedder;
let scanDir: string;
let scanIndex: LetterIndex;
let textIndex: LetterIndex;
let firstBuild: BuildReport;
let recognised: ReturnType<typeof vi.spyOn>;
let started: ReturnType<typeof vi.spyOn>;
const scanAnswers: Answer[] = [];
const textAnswers: Answer[] = [];
const log: string[] = [];

beforeAll(async () => {
  expect(GlobalFonts.families.length, 'a system font to render test pages with').toBeGreaterThan(0);
  embedder = await BundledEmbedder.load({});
  recognised = vi.spyOn(OcrEngine.prototype, 'recognise');
  started = vi.spyOn(OcrEngine, 'create');

  // Only the scans in the letters folder: Kelam's three pages as an image-only PDF, Delvaux-Stehres's page as a PNG.
  scanDir = mkdtempSync(join(tmpdir(), 'epistle-ocr-'));
  const letters = join(scanDir, 'letters');
  mkdirSync(letters);
  const kelamPages = await Promise.all(renderText(printed(KELAM)).map(png));
  const delvauxPages = await Promise.all(renderText(printed(DELVAUX)).map(png));
  expect([kelamPages.length, delvauxPages.length]).toEqual([3, 1]);
  writeFileSync(join(letters, `${KELAM}.pdf`), await imagePdf(kelamPages));
  writeFileSync(join(letters, `${DELVAUX}.png`), delvauxPages[0]);

  firstBuild = await buildIndex({ lettersDir: letters, indexDir: join(scanDir, 'index'), embedder, maxBytes: MAX, log: (m) => log.push(m) });
  scanIndex = LetterIndex.load(join(scanDir, 'index'));
  const seconds = firstBuild.timings.readMs / 1000;
  console.log(`OCR of the seed scans: ${firstBuild.ocr.pages} pages in ${seconds.toFixed(1)} s (${(firstBuild.ocr.pages / seconds).toFixed(2)} pages/s, worker start included)`);

  // The text versions, for comparison.
  const textDir = mkdtempSync(join(tmpdir(), 'epistle-ocr-text-'));
  await buildIndex({ lettersDir: SEEDS, indexDir: join(textDir, 'index'), embedder, maxBytes: MAX });
  textIndex = LetterIndex.load(join(textDir, 'index'));

  const scanAnswerer = new Answerer(scanIndex, embedder);
  const textAnswerer = new Answerer(textIndex, embedder);
  for (const q of SEED_QUESTIONS) {
    scanAnswers.push(await scanAnswerer.answer(q.question));
    textAnswers.push(await textAnswerer.answer(q.question));
  }
}, 600_000);

afterAll(() => {
  recognised.mockRestore();
  started.mockRestore();
});

// ------------------------------------------------------------------------------------------- tests

describe('scanned seed letters, with no text version beside them', () => {
  it('are read by OCR: every page once, on one worker', () => {
    expect(firstBuild.errors).toEqual([]);
    expect(firstBuild.added).toBe(2);
    expect(firstBuild.ocr).toMatchObject({ pages: 4, cached: 0 });
    expect(recognised).toHaveBeenCalledTimes(4);
    expect(started).toHaveBeenCalledTimes(1);
    const kelam = scanIndex.letters.get(KELAM)!;
    expect(kelam.format).toBe('pdf');
    expect(kelam.scan!.pages.map((p) => [p.scanned, p.confidence! >= LOW_CONFIDENCE])).toEqual([[true, true], [true, true], [true, true]]);
    expect(scanIndex.letters.get(DELVAUX)!.format).toBe('image');
    // Pages are separated by "\f", and each page's start offset is kept.
    expect(kelam.scan!.pages.slice(1).map((p) => kelam.source[p.start - 1])).toEqual(['\f', '\f']);
    expect(firstBuild.ocr.lowConfidence).toEqual([]);
  });

  it('read dates, senders, recipients and copies into the metadata as the text versions do', () => {
    for (const id of [KELAM, DELVAUX]) {
      const scan = scanIndex.letters.get(id)!.meta;
      const text = textIndex.letters.get(id)!.meta;
      expect({ id, date: scan.date, sender: scan.sender, recipients: scan.recipients.map((r) => r.name), cc: scan.cc.map((c) => c.name) }).toEqual({
        id,
        date: text.date,
        sender: text.sender,
        recipients: text.recipients.map((r) => r.name),
        cc: text.cc.map((c) => c.name),
      });
    }
    expect(scanIndex.letters.get(KELAM)!.meta.date).toBe('2016-06-29');
    expect(scanIndex.letters.get(DELVAUX)!.meta.date).toBe('2015-05-25');
  });

  it('answer the seed questions citing the same letters as the text versions', () => {
    const letters = (a: Answer) => (a.abstained ? 'abstained' : [...new Set(a.citations.slice(0, 3).map((c) => c.letterId))].sort().join(','));
    const compared = SEED_QUESTIONS.map((q, i) => ({ q: q.question, scan: letters(scanAnswers[i]), text: letters(textAnswers[i]) }));
    const differ = compared.filter((c) => c.scan !== c.text);
    expect(differ).toEqual([]);
    // And the expected letter is the first cited wherever the text version's is.
    SEED_QUESTIONS.forEach((q, i) => {
      if (q.letters.length && !textAnswers[i].abstained && q.letters.includes(textAnswers[i].citations[0].letterId)) {
        expect({ q: q.question, first: scanAnswers[i].citations[0]?.letterId }).toEqual({ q: q.question, first: textAnswers[i].citations[0].letterId });
      }
    });
  });

  it('quote verbatim from the OCR text, and cite the page, marked scanned', async () => {
    let checked = 0;
    const pagesSeen = new Set<string>();
    for (const a of scanAnswers) {
      for (const c of a.citations) {
        const letter = scanIndex.letters.get(c.letterId)!;
        expect(letter.body.slice(c.start, c.end)).toBe(c.quote);
        expect(isVerbatimQuote(c.quote, letter.source, letter.furniture)).toBe(true);
        expect(c.scanned).toBe(true);
        expect(c.page).toBeGreaterThanOrEqual(1);
        expect(c.page).toBeLessThanOrEqual(letter.scan!.pages.length);
        // The page holds the quote's start (offsets in the OCR text).
        const page = letter.scan!.pages[c.page! - 1];
        const next = letter.scan!.pages[c.page!]?.start ?? Infinity;
        expect(letter.source.indexOf(c.quote.split('\n')[0].slice(0, 30), page.start)).toBeLessThan(next);
        expect(citationLine(c)).toContain(`, p. ${c.page} (scanned) [${c.letterId}]`);
        expect(quoteBlock(c)).toMatch(new RegExp(`, p\\. ${c.page} \\(scanned\\) · \`${c.letterId}\`$`));
        pagesSeen.add(`${c.letterId}:${c.page}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(pagesSeen).toContain(`${KELAM}:3`);
    // The OCR text, not the image: read again (from the OCR cache), it is the letter's source.
    const ocr = new OcrSession({ cache: new OcrCache(join(scanDir, 'index', OCR_CACHE_DIR)) });
    const again = await extractLetter(join(scanDir, 'letters', `${KELAM}.pdf`), { maxBytes: MAX, ocr });
    expect(ocr.stats).toMatchObject({ recognised: 0, cached: 3 });
    expect(again.text).toBe(scanIndex.letters.get(KELAM)!.source);
    const furniture = cleanText(again.text).furniture;
    const quote = scanAnswers[SEED_QUESTIONS.findIndex((q) => q.kind === 'page-break')].citations[0].quote;
    expect(isVerbatimQuote(quote, again.text, furniture)).toBe(true);
    expect(isVerbatimQuote(quote.replace('leaked', 'leaks'), again.text, furniture)).toBe(false);
  }, 120_000);

  it('are not read again: a second build and --full take the OCR cache', async () => {
    const before = recognised.mock.calls.length;
    const letters = join(scanDir, 'letters');
    const index = join(scanDir, 'index');
    const same = await buildIndex({ lettersDir: letters, indexDir: index, embedder, maxBytes: MAX });
    expect(same).toMatchObject({ added: 0, unchanged: 2, ocr: { pages: 0, cached: 0 } });
    const full = await buildIndex({ lettersDir: letters, indexDir: index, embedder, maxBytes: MAX, full: true });
    expect(full).toMatchObject({ added: 2, ocr: { pages: 0, cached: 4 } });
    expect(recognised.mock.calls.length).toBe(before);
    expect(readdirSync(join(index, OCR_CACHE_DIR)).sort()).toEqual([scanIndex.letters.get(KELAM)!.scan!.sha256, scanIndex.letters.get(DELVAUX)!.scan!.sha256].map((h) => `${h}.json`).sort());
    expect(LetterIndex.load(index).letters.get(KELAM)!.source).toBe(scanIndex.letters.get(KELAM)!.source);
  }, 300_000);
});

// ------------------------------------------------------------------------------------------- small scans

/** A short page: `lines` in 12 pt on a 6.5 × 3 inch card at `dpi`. */
function card(lines: string[], dpi = 200): Canvas {
  const canvas = createCanvas(Math.round(6.5 * dpi), Math.round(3 * dpi));
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  const px = (12 / 72) * dpi;
  g.font = `${px}px ${FONT}`;
  lines.forEach((l, i) => g.fillText(l, 0.4 * dpi, 0.4 * dpi + px + i * px * 1.4));
  return canvas;
}

/** An uncompressed 8-bit grey TIFF of several pages (utif2 writes the directories). */
function greyTiff(pages: Canvas[]): Buffer {
  const grey = pages.map((c) => {
    const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const g = new Uint8Array(c.width * c.height);
    for (let i = 0; i < g.length; i++) g[i] = rgba[i * 4];
    return g;
  });
  const HEAD = 4096;
  let offset = HEAD;
  const ifds = pages.map((c, i) => {
    const ifd = { t256: [c.width], t257: [c.height], t258: [8], t259: [1], t262: [1], t273: [offset], t277: [1], t278: [c.height], t279: [grey[i].length], t284: [1] };
    offset += grey[i].length;
    return ifd;
  });
  const head = new Uint8Array(UTIF.encode(ifds as never));
  const out = Buffer.alloc(offset);
  out.set(head, 0);
  let at = HEAD;
  for (const g of grey) {
    out.set(g, at);
    at += g.length;
  }
  return out;
}

const CARD_ONE = ['Brussels, 3 March 2021', '', 'Dear Minister,', 'We write about the harbour at Ostend.'];
const CARD_TWO = ['The dredging must wait until spring.', '', 'Yours sincerely,', 'Anna Peeters'];

describe('reading scans', () => {
  it('recognisePages reads on a worker thread, reports progress, and leaves the event loop free', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const progress: [number, number][] = [];
    delay.enable();
    const pages = await recognisePages([await card(CARD_ONE).encode('png'), await card(CARD_TWO).encode('jpeg', 90)], {
      languages: ['eng', 'fra'],
      onProgress: (done, total) => progress.push([done, total]),
    });
    delay.disable();
    expect(progress).toEqual([[0, 2], [1, 2], [2, 2]]);
    expect(pages[0].text).toBe(CARD_ONE.join('\n'));
    expect(pages[1].text).toContain('The dredging must wait until spring.');
    for (const p of pages) expect(p.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    // Reading took seconds; the main thread was never held for long.
    expect(delay.max / 1e6).toBeLessThan(1000);
  }, 60_000);

  it('never downloads language data: a language without its npm package is refused', async () => {
    await expect(recognisePages([await card(CARD_ONE).encode('png')], { languages: ['deu'] })).rejects.toThrow(
      'no OCR data for language "deu": the npm package @tesseract.js-data/deu is not installed',
    );
  });

  it('reads a two-page TIFF, pages joined by "\\f" with their offsets kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-ocr-tiff-'));
    writeFileSync(join(dir, 'two.tiff'), greyTiff([card(CARD_ONE), card(CARD_TWO)]));
    const got = await extractLetter(join(dir, 'two.tiff'), { maxBytes: MAX });
    expect(got.format).toBe('image');
    expect(got.scan!.pages.map((p) => p.scanned)).toEqual([true, true]);
    expect(got.text.slice(got.scan!.pages[1].start)).toMatch(/^The dredging must wait until spring\./);
    expect(got.text[got.scan!.pages[1].start - 1]).toBe('\f');
    expect(got.text).toContain('We write about the harbour at Ostend.');
  }, 60_000);

  it('reads a PDF page without a text layer by OCR, and a page with one from its text', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const first = pdf.addPage([595.28, 841.89]);
    CARD_ONE.forEach((l, i) => first.drawText(l, { x: 60, y: 760 - i * 18, size: 12, font }));
    const image = await pdf.embedPng(await card(CARD_TWO).encode('png'));
    pdf.addPage([595.28, 841.89]).drawImage(image, { x: 60, y: 500, width: 468, height: 216 });
    const dir = mkdtempSync(join(tmpdir(), 'epistle-ocr-pdf-'));
    writeFileSync(join(dir, 'mixed.pdf'), await pdf.save());
    const got = await extractLetter(join(dir, 'mixed.pdf'), { maxBytes: MAX });
    expect(got.format).toBe('pdf');
    expect(got.scan!.pages.map((p) => [p.scanned, p.confidence === null])).toEqual([[false, true], [true, false]]);
    expect(got.text.slice(0, got.scan!.pages[1].start)).toContain('We write about the harbour at Ostend.\f');
    expect(got.text.slice(got.scan!.pages[1].start)).toContain('Yours sincerely,');
  }, 60_000);

  it('refuses what is not an image, or holds no text, without reading nonsense', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-ocr-bad-'));
    const create = started.mock.calls.length;
    writeFileSync(join(dir, 'noise.png'), Buffer.from('not a PNG at all, just text'));
    await expect(extractLetter(join(dir, 'noise.png'), { maxBytes: MAX })).rejects.toThrow('not a readable image: neither PNG, JPEG nor TIFF');
    writeFileSync(join(dir, 'tiny.png'), await createCanvas(8, 8).encode('png'));
    await expect(extractLetter(join(dir, 'tiny.png'), { maxBytes: MAX })).rejects.toThrow('the image is 8×8 pixels, too small to hold text');
    expect(started.mock.calls.length).toBe(create);
    const blank = createCanvas(1200, 800);
    blank.getContext('2d').fillStyle = '#fff';
    blank.getContext('2d').fillRect(0, 0, 1200, 800);
    writeFileSync(join(dir, 'blank.jpg'), await blank.encode('jpeg', 90));
    await expect(extractLetter(join(dir, 'blank.jpg'), { maxBytes: MAX })).rejects.toThrow('OCR found no text in this JPEG image');
  }, 60_000);
});

// ------------------------------------------------------------------------------------------- the CLI

describe('npm run index with scans', () => {
  let letters: string;
  let index: string;
  const run = (...flags: string[]) => {
    const r = runCli(['index', '--letters', letters, '--index', index, '--json', ...flags]);
    expect(r.status, r.stderr).toBe(0);
    return { report: JSON.parse(r.stdout), stderr: r.stderr };
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-ocr-cli-'));
    letters = join(dir, 'letters');
    index = join(dir, 'index');
    mkdirSync(letters);
    writeFileSync(join(letters, 'peeters.png'), await card([...CARD_ONE, ...CARD_TWO]).encode('png'));
  });

  it('reads a scan once: the OCR cache serves --full, --ocr-again reads it again', () => {
    const first = run().report;
    expect(first).toMatchObject({ added: 1, ocr: { pages: 1, cached: 0, lowConfidence: [] } });
    // The contract's keys are all still there.
    for (const key of ['added', 'changed', 'removed', 'unchanged', 'passagesEmbedded', 'embedder', 'durationMs']) expect(first).toHaveProperty(key);
    expect(run('--full').report).toMatchObject({ added: 1, ocr: { pages: 0, cached: 1 } });
    expect(run().report).toMatchObject({ unchanged: 1, added: 0 });
    expect(run('--ocr-again').report).toMatchObject({ changed: 1, ocr: { pages: 1, cached: 0 } });
  }, 180_000);

  it('re-reads a damaged cache entry, with a warning', () => {
    const [entry] = readdirSync(join(index, OCR_CACHE_DIR));
    writeFileSync(join(index, OCR_CACHE_DIR, entry), '{"sha256": "cut sho');
    const { report, stderr } = run('--full');
    expect(report).toMatchObject({ ocr: { pages: 1, cached: 0 } });
    expect(stderr).toMatch(/the OCR cache entry .* is damaged \(it is not valid JSON\); reading the scan again/);
    expect(JSON.parse(readFileSync(join(index, OCR_CACHE_DIR, entry), 'utf8')).pages).toHaveLength(1);
  }, 120_000);

  it('lists --ocr-again in --help', () => {
    expect(runCli(['--help']).stdout).toContain('npm run index   -- [--letters DIR] [--index DIR] [--full] [--ocr-again] [--json]');
  });
});

// ------------------------------------------------------------------------------------------- low confidence

describe('pages that are hard to read', () => {
  it('are reported for their file, with their confidence, and logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-ocr-low-'));
    const letters = join(dir, 'letters');
    mkdirSync(letters);
    // Page 2 of the Delvaux-Stehres letter photocopied badly: a fifth of its pixels turned black or white.
    const [page] = renderText(printed(DELVAUX).slice(0, 1400));
    writeFileSync(join(letters, 'copied.pdf'), await imagePdf([await renderText(CARD_ONE.join('\n'))[0].encode('png'), await speckled(page, 0.2).encode('png')]));
    const messages: string[] = [];
    const report = await buildIndex({ lettersDir: letters, indexDir: join(dir, 'index'), embedder, maxBytes: MAX, log: (m) => messages.push(m) });
    console.log('speckled page:', report.ocr.lowConfidence);
    expect(report.errors).toEqual([]);
    expect(report.ocr.lowConfidence).toEqual([{ file: 'copied.pdf', page: 2, confidence: expect.any(Number) }]);
    const { confidence } = report.ocr.lowConfidence[0];
    expect(confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(messages).toContainEqual(expect.stringMatching(/^copied\.pdf: page 2 (was hard to read|could not be read) \(OCR confidence [\d.]+, below \d+\)/));
    // In the text report too.
    expect(reportText(report, 'index')).toContain(`hard to read (OCR confidence below ${LOW_CONFIDENCE}): copied.pdf p. 2 (${confidence})`);
    expect(reportJson(report).ocr).toEqual(report.ocr);
  }, 180_000);
});

// ------------------------------------------------------------------------------------------- /letter

describe('/letter on a scanned letter', () => {
  /** Just what /letter uses of an interaction. */
  function interaction(id: string) {
    const sent: { how: string; message: { files?: { name: string | null; attachment: unknown }[]; embeds?: { data: { footer?: { text: string } } }[] } }[] = [];
    const i = {
      deferred: false,
      options: { getString: () => id },
      deferReply: async () => {
        i.deferred = true;
      },
      reply: async (message: never) => void sent.push({ how: 'reply', message }),
      editReply: async (message: never) => void sent.push({ how: 'editReply', message }),
    };
    return { i, sent };
  }

  it('attaches the original scan beside the text', async () => {
    const { i, sent } = interaction(KELAM);
    await letterCommand.execute(i as never, { service: { letter: (id: string) => scanIndex.letters.get(id) }, lettersDir: join(scanDir, 'letters') } as never);
    expect(sent.map((s) => s.how)).toEqual(['editReply']);
    const files = sent[0].message.files!;
    expect(files.map((f) => f.name)).toEqual([`${KELAM}.txt`, `${KELAM}.pdf`]);
    expect(Buffer.compare(files[1].attachment as Buffer, readFileSync(join(scanDir, 'letters', `${KELAM}.pdf`)))).toBe(0);
    expect(sent[0].message.embeds![0].data.footer!.text).toMatch(/scanned, read by OCR \(3 pages\)$/);
  });

  it('attaches only the text of a letter that is not a scan', async () => {
    const { i, sent } = interaction(KELAM);
    await letterCommand.execute(i as never, { service: { letter: (id: string) => textIndex.letters.get(id) }, lettersDir: SEEDS } as never);
    expect(sent.map((s) => s.how)).toEqual(['reply']);
    expect(sent[0].message.files!.map((f) => f.name)).toEqual([`${KELAM}.txt`]);
  });
});
