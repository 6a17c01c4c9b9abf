/**
 * Writes the scan fixtures under tests/fixtures/scans/, rendered from text we own (the seed letters):
 *
 *   <seed id>/page-<n>.png   each seed letter as A4 pages, 300 dpi, 8-bit grayscale, DejaVu Serif
 *   <seed id>/page-<n>.txt   the text drawn on that page, line by line (the OCR benchmark's reference)
 *   <seed id>.pdf            the same PNGs as an image-only PDF (one image per page, no text layer)
 *   photographed/page-1.png  one seed page as if photographed: rotated, uneven light, blur, noise (200 dpi)
 *   photographed/page-1.txt  its text
 *
 *   npm run scans            (tsx scripts/make-scans.ts)
 *
 * Output is deterministic: a seeded PRNG, fixed PDF dates, our own PNG encoder (no time stamps). It depends
 * on the DejaVu Serif font as @napi-rs/canvas finds it on the system (Debian: fonts-dejavu-core); the script
 * stops if the font is missing rather than render with a fallback.
 *
 * Layout: a seed's lines are paragraphs (wrapped to the text width; blank lines are kept as space, at most
 * three in a row). Markdown emphasis (**bold**, *italic*) is drawn as bold or italic, without the asterisks,
 * and markdown hard breaks (two trailing spaces) are dropped. When a letter's first block of lines (its
 * letterhead) comes back after a run of blank lines, as it does in a letter pasted from a multi-page
 * original, a new page starts there and the letterhead is set small and centred, as printed on each page.
 * A page that overflows continues on the next one.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { mulberry32 } from '../bench/random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SEEDS_DIR = path.join(ROOT, 'seeds');
export const SCANS_DIR = path.join(ROOT, 'tests/fixtures/scans');
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export const FONT = 'DejaVu Serif';
/** Resolution of the clean pages and of the photographed page. */
export const CLEAN_DPI = 300;
export const PHOTO_DPI = 200;
/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const MARGIN = { left: 25 * MM, right: 22 * MM, top: 18 * MM, bottom: 18 * MM };
const BODY = { size: 10, leading: 13.2 };
const LETTERHEAD = { size: 7.5, leading: 10 };
const INK = '#141414';

/** The seed letter page photographed: which seed (by file-name prefix) and which page. */
export const PHOTO_SOURCE = { seed: '001_', page: 1 };
const SEED = 0x5ca11ed;

// ---------------------------------------------------------------- text to lines

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

/** One input line: a paragraph of styled runs, a blank line, or a letterhead line. */
type Block = { kind: 'para'; runs: Run[]; letterhead: boolean } | { kind: 'blank' };

/** Splits a line into styled runs; `state` carries emphasis across lines (a bold block spans several). */
function parseEmphasis(line: string, state: { bold: boolean; italic: boolean }): Run[] {
  const runs: Run[] = [];
  let text = '';
  const flush = () => {
    if (text) runs.push({ text, bold: state.bold, italic: state.italic });
    text = '';
  };
  for (let i = 0; i < line.length; i++) {
    if (line.startsWith('**', i)) {
      flush();
      state.bold = !state.bold;
      i++;
    } else if (line[i] === '*' && (state.italic ? /\S/.test(line[i - 1] ?? '') : /\S/.test(line[i + 1] ?? ''))) {
      flush();
      state.italic = !state.italic;
    } else text += line[i];
  }
  flush();
  return runs;
}

/** A seed's text as original pages of blocks (see the header comment for the rules). */
export function seedPages(source: string): Block[][] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l);
  if (first < 0) return [];
  // The letterhead: the first block of non-blank lines; set as such only when it comes back later.
  let end = first;
  while (end < lines.length && lines[end]) end++;
  const letterhead = lines.slice(first, end);
  const startsPage = (i: number, blanks: number) => lines[i] === letterhead[0] && (i === first || blanks >= 3);
  const running = letterhead.length > 1 && lines.some((_, i) => i > first && startsPage(i, blankRun(lines, i)));
  const pages: Block[][] = [];
  let page: Block[] = [];
  let blanks = 0;
  /** Index of the next letterhead line expected, or -1 outside a letterhead. */
  let head = -1;
  const state = { bold: false, italic: false };
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (!line) {
      blanks++;
      head = -1;
      state.bold = state.italic = false;
      continue;
    }
    if (startsPage(i, blanks)) {
      if (page.length) {
        pages.push(page);
        page = [];
      }
      head = 0;
    }
    if (page.length) for (let b = 0; b < Math.min(blanks, 3); b++) page.push({ kind: 'blank' });
    blanks = 0;
    const isHead = running && head >= 0 && head < letterhead.length && fold(line) === fold(letterhead[head]);
    head = isHead ? head + 1 : -1;
    page.push({ kind: 'para', runs: parseEmphasis(line, state), letterhead: isHead });
  }
  if (page.length) pages.push(page);
  return pages;
}

/** Case- and accent-folded (a letterhead's copy may differ by an accent). */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** How many blank lines come just before line i. */
function blankRun(lines: string[], i: number): number {
  let n = 0;
  while (i - n - 1 >= 0 && !lines[i - n - 1]) n++;
  return n;
}

// ---------------------------------------------------------------- layout

interface Word {
  text: string;
  font: string;
  width: number;
}

interface Line {
  words: Word[];
  /** Baseline, points from the top of the page. */
  y: number;
  x: number;
  size: number;
}

export interface LaidOutPage {
  lines: Line[];
  /** The text drawn, one line per drawn line, blank lines kept. */
  text: string;
}

function fontFor(run: { bold: boolean; italic: boolean }, size: number): string {
  return `${run.italic ? 'italic ' : ''}${run.bold ? 'bold ' : ''}${size}px "${FONT}"`;
}

/** Lays out a seed letter on A4 pages (points). */
export function layout(source: string, ctx: SKRSContext2D): LaidOutPage[] {
  const width = A4.width - MARGIN.left - MARGIN.right;
  const out: LaidOutPage[] = [];
  for (const original of seedPages(source)) {
    let page: LaidOutPage = { lines: [], text: '' };
    let textLines: string[] = [];
    let y = MARGIN.top;
    const newPage = () => {
      page.text = textLines.join('\n').replace(/\n{4,}/g, '\n\n\n').trim() + '\n';
      out.push(page);
      page = { lines: [], text: '' };
      textLines = [];
      y = MARGIN.top;
    };
    for (const block of original) {
      if (block.kind === 'blank') {
        if (page.lines.length) {
          y += BODY.leading;
          textLines.push('');
        }
        continue;
      }
      const style = block.letterhead ? LETTERHEAD : BODY;
      const words: Word[] = [];
      for (const run of block.runs) {
        ctx.font = fontFor(run, style.size);
        for (const w of run.text.split(/\s+/).filter(Boolean)) words.push({ text: w, font: ctx.font, width: ctx.measureText(w).width });
      }
      ctx.font = fontFor({ bold: false, italic: false }, style.size);
      const space = ctx.measureText(' ').width;
      let line: Word[] = [];
      let lineWidth = 0;
      const emit = () => {
        if (y + style.leading > A4.height - MARGIN.bottom) newPage();
        y += style.leading;
        const x = block.letterhead ? MARGIN.left + (width - lineWidth) / 2 : MARGIN.left;
        page.lines.push({ words: line, y, x, size: style.size });
        textLines.push(line.map((w) => w.text).join(' '));
        line = [];
        lineWidth = 0;
      };
      for (const w of words) {
        const added = line.length ? space + w.width : w.width;
        if (line.length && lineWidth + added > width) emit();
        lineWidth += line.length ? space + w.width : w.width;
        line.push(w);
      }
      if (line.length) emit();
    }
    if (page.lines.length) newPage();
  }
  return out;
}

// ---------------------------------------------------------------- rendering

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, 0 black to 255 white. */
  data: Uint8Array;
  dpi: number;
}

function toGray(ctx: SKRSContext2D, width: number, height: number): Uint8Array {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) gray[i] = Math.round((rgba[j] * 299 + rgba[j + 1] * 587 + rgba[j + 2] * 114) / 1000);
  return gray;
}

/**
 * Draws a laid-out page at `dpi`, near-black on white, anti-aliased; grey levels are rounded to 16 (as a
 * 4-bit scanner gives them), which keeps the PNGs about a third smaller.
 */
export function renderPage(page: LaidOutPage, dpi: number): GrayImage {
  const scale = dpi / 72;
  const width = Math.round(A4.width * scale);
  const height = Math.round(A4.height * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.scale(scale, scale);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  for (const line of page.lines) {
    let x = line.x;
    for (const w of line.words) {
      ctx.font = w.font;
      ctx.fillText(w.text, x, line.y);
      ctx.font = w.font.replace(/^(italic )?(bold )?/, '');
      x += w.width + ctx.measureText(' ').width;
    }
  }
  const data = toGray(ctx, width, height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i] / 17) * 17;
  return { width, height, data, dpi };
}

/** A standard normal deviate (Box–Muller) from a uniform PRNG. */
function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * A clean page as if photographed on a desk with a phone: the page set on a darker background, rotated by
 * 1–3°, slightly out of focus, lit unevenly (brighter at one corner, about 40% darker at the opposite one),
 * with sensor noise. Returned at `dpi`; `rand` decides the angle, the lamp's side and the noise.
 */
export function photograph(clean: GrayImage, dpi: number, rand: () => number): { image: GrayImage; degrees: number } {
  const degrees = Math.round((1 + 2 * rand()) * (rand() < 0.5 ? -1 : 1) * 100) / 100;
  const scale = dpi / clean.dpi;
  const border = Math.round((8 / 25.4) * dpi);
  const pageW = Math.round(clean.width * scale);
  const pageH = Math.round(clean.height * scale);
  const width = pageW + 2 * border;
  const height = pageH + 2 * border;
  // The clean page as an image, drawn scaled and rotated about the frame's centre on a desk-grey background.
  const src = createCanvas(clean.width, clean.height);
  const sctx = src.getContext('2d');
  const img = sctx.createImageData(clean.width, clean.height);
  for (let i = 0, j = 0; i < clean.data.length; i++, j += 4) {
    img.data[j] = img.data[j + 1] = img.data[j + 2] = clean.data[i];
    img.data[j + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#5a5a5a';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.translate(width / 2, height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(src, -pageW / 2, -pageH / 2, pageW, pageH);
  const gray = toGray(ctx, width, height);
  // Out of focus: a 3×3 blur, weights 1-2-1.
  const blurred = new Uint8Array(gray.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let weight = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const w = (2 - Math.abs(dx)) * (2 - Math.abs(dy));
          sum += gray[yy * width + xx] * w;
          weight += w;
        }
      }
      blurred[y * width + x] = Math.round(sum / weight);
    }
  }
  // Uneven light: a lamp beyond one top corner, falling off across the page; the paper a little grey; sensor
  // noise (σ 6 grey levels, in 2×2-pixel grains as after demosaicing); 64 grey levels kept (size).
  const lampX = rand() < 0.5 ? -0.1 * width : 1.1 * width;
  const lampY = -0.15 * height;
  const far = Math.hypot(1.2 * width, 1.15 * height);
  const grainW = Math.ceil(width / 2);
  const noise = new Float32Array(grainW * Math.ceil(height / 2));
  for (let i = 0; i < noise.length; i++) noise[i] = 6 * gaussian(rand);
  const data = new Uint8Array(gray.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - lampX, y - lampY) / far;
      const light = 0.97 - 0.4 * d * d;
      const paper = 0.94 * blurred[y * width + x] + 6;
      const v = paper * light + noise[(y >> 1) * grainW + (x >> 1)];
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v / 4) * 4));
    }
  }
  return { image: { width, height, data, dpi }, degrees };
}

// ---------------------------------------------------------------- PNG and PDF

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** PNG scanlines with the filter of least absolute sum per row (libpng's heuristic). */
function filterRows(image: GrayImage): Buffer {
  const { width, height, data } = image;
  const out = Buffer.alloc((width + 1) * height);
  const candidates = [0, 1, 2, 3, 4].map(() => Buffer.alloc(width));
  const zero = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * width, (y + 1) * width);
    const up = y ? data.subarray((y - 1) * width, y * width) : zero;
    let best = 0;
    let bestSum = Infinity;
    for (let f = 0; f < 5; f++) {
      const c = candidates[f];
      let sum = 0;
      for (let x = 0; x < width; x++) {
        const a = x ? row[x - 1] : 0;
        const b = up[x];
        const cc = x ? up[x - 1] : 0;
        let pred = 0;
        if (f === 1) pred = a;
        else if (f === 2) pred = b;
        else if (f === 3) pred = (a + b) >> 1;
        else if (f === 4) {
          const p = a + b - cc;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - cc);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : cc;
        }
        const v = (row[x] - pred) & 0xff;
        c[x] = v;
        sum += v < 128 ? v : 256 - v;
      }
      if (sum < bestSum) {
        bestSum = sum;
        best = f;
      }
    }
    out[y * (width + 1)] = best;
    candidates[best].copy(out, y * (width + 1) + 1);
  }
  return out;
}

/** An 8-bit grayscale PNG with its resolution (pHYs); no time or text chunks. */
export function encodePng(image: GrayImage): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(image.dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // metres
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(filterRows(image), { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** From pHYs, when given in metres. */
  dpi?: number;
  /** The concatenated IDAT data (zlib stream of filtered scanlines). */
  idat: Buffer;
}

/** Reads a PNG's header, resolution and image data (no decoding of the pixels). */
export function readPng(png: Buffer): PngInfo {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  const idat: Buffer[] = [];
  const info: Partial<PngInfo> = {};
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') Object.assign(info, { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colorType: body[9] });
    else if (type === 'pHYs' && body[8] === 1) info.dpi = Math.round((body.readUInt32BE(0) * 0.0254) * 10) / 10;
    else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  return { ...(info as PngInfo), idat: Buffer.concat(idat) };
}

/**
 * An image-only PDF: one A4 page per PNG, the PNG's own compressed data embedded as a DeviceGray image
 * (FlateDecode with PNG predictors, as scanners write them), drawn over the whole page. No text, no fonts.
 */
export async function imagePdf(pngs: Buffer[], title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  pdf.setProducer('pdf-lib');
  pdf.setCreator('scripts/make-scans.ts');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  for (const png of pngs) {
    const info = readPng(png);
    const page = pdf.addPage([A4.width, A4.height]);
    const image = pdf.context.stream(info.idat, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: info.width,
      Height: info.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: info.width },
    });
    const ref = pdf.context.register(image);
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(A4.width, 0, 0, A4.height, 0, 0), drawObject(name), popGraphicsState());
  }
  return pdf.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------- the fixtures

/** Every fixture file, relative to tests/fixtures/scans, with its bytes. */
export async function makeScans(opts: { log?: (s: string) => void } = {}): Promise<Map<string, Buffer>> {
  if (!GlobalFonts.has(FONT)) throw new Error(`font "${FONT}" not found by @napi-rs/canvas (install fonts-dejavu-core)`);
  const log = opts.log ?? (() => {});
  const rand = mulberry32(SEED);
  const files = new Map<string, Buffer>();
  const measure = createCanvas(10, 10).getContext('2d');
  const seeds = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  let photoSource: { image: GrayImage; text: string } | undefined;
  for (const file of seeds) {
    const id = file.replace(/\.txt$/, '');
    const pages = layout(readFileSync(path.join(SEEDS_DIR, file), 'utf8'), measure);
    const pngs: Buffer[] = [];
    pages.forEach((page, i) => {
      const image = renderPage(page, CLEAN_DPI);
      const png = encodePng(image);
      pngs.push(png);
      files.set(`${id}/page-${i + 1}.png`, png);
      files.set(`${id}/page-${i + 1}.txt`, Buffer.from(page.text));
      log(`${id}/page-${i + 1}.png ${image.width}×${image.height} (${png.length} bytes)`);
      if (file.startsWith(PHOTO_SOURCE.seed) && i + 1 === PHOTO_SOURCE.page) photoSource = { image, text: page.text };
    });
    files.set(`${id}.pdf`, Buffer.from(await imagePdf(pngs, `${id} (scanned)`)));
  }
  if (!photoSource) throw new Error(`no seed page ${PHOTO_SOURCE.seed}* page ${PHOTO_SOURCE.page} to photograph`);
  const { image, degrees } = photograph(photoSource.image, PHOTO_DPI, rand);
  const png = encodePng(image);
  files.set('photographed/page-1.png', png);
  files.set('photographed/page-1.txt', Buffer.from(photoSource.text));
  log(`photographed/page-1.png ${image.width}×${image.height}, rotated ${degrees}° (${png.length} bytes)`);
  return files;
}

async function main(): Promise<void> {
  const files = await makeScans({ log: (s) => console.log(s) });
  rmSync(SCANS_DIR, { recursive: true, force: true });
  let total = 0;
  for (const [rel, data] of files) {
    mkdirSync(path.dirname(path.join(SCANS_DIR, rel)), { recursive: true });
    writeFileSync(path.join(SCANS_DIR, rel), data);
    total += data.length;
  }
  console.log(`${files.size} files, ${(total / 1024 / 1024).toFixed(2)} MB in ${path.relative(ROOT, SCANS_DIR)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
