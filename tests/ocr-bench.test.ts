import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { A4, CLEAN_DPI, FONT, makeScans, PHOTO_DPI, readPng, SCANS_DIR, SEEDS_DIR } from '../scripts/make-scans.js';
import { characterErrorRate, editDistance, normaliseForCer, pooledCer } from '../bench/cer.js';

describe('character error rate', () => {
  it('is the Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
    // A transposition is two edits (not Damerau), and the distance is symmetric.
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('intention', 'execution')).toBe(5);
    expect(editDistance('execution', 'intention')).toBe(5);
    // Not merely the count of differing positions or the length difference.
    expect(editDistance('abcdef', 'bcdefa')).toBe(2);
    expect(editDistance('abc', 'xyzabc')).toBe(3);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(editDistance('𝔸b', 'Ab')).toBe(1);
    expect(characterErrorRate('x', '𝔸').length).toBe(1);
  });

  it('divides by the reference length, not the OCR text length', () => {
    expect(characterErrorRate('abcd', 'abcdefgh')).toEqual({ errors: 4, length: 8, rate: 0.5 });
    expect(characterErrorRate('abcdefgh', 'abcd')).toEqual({ errors: 4, length: 4, rate: 1 });
    expect(characterErrorRate('Mr Ablyazov', 'Mr Ablyazov').rate).toBe(0);
    expect(characterErrorRate('Mr AbIyazov', 'Mr Ablyazov').rate).toBeCloseTo(1 / 11, 10);
    expect(characterErrorRate('', '')).toEqual({ errors: 0, length: 0, rate: 0 });
    expect(characterErrorRate('junk', '').rate).toBe(1);
  });

  it('normalises whitespace and Unicode composition, and nothing else', () => {
    expect(normaliseForCer('  Dear\tPrime\u00a0Minister,\n\n\nI am\r\nwriting  ')).toBe('Dear Prime Minister, I am writing');
    expect(characterErrorRate('Dear Prime\nMinister,\n\n', '  Dear  Prime Minister,').rate).toBe(0);
    expect(characterErrorRate('He\u0301tel', 'Hétel').rate).toBe(0);
    // Case, accents, quotes, dashes and a missing space between words all count.
    expect(characterErrorRate('hotel', 'Hôtel').errors).toBe(2);
    expect(characterErrorRate('Ablyazov’s', "Ablyazov's").errors).toBe(1);
    expect(characterErrorRate('a - b', 'a – b').errors).toBe(1);
    expect(characterErrorRate('PrimeMinister', 'Prime Minister').errors).toBe(1);
  });

  it('pools pages by characters, not by averaging page rates', () => {
    const pooled = pooledCer([characterErrorRate('ab', 'ax'), characterErrorRate('a'.repeat(98), 'a'.repeat(98))]);
    expect(pooled).toEqual({ errors: 1, length: 100, rate: 0.01 });
  });
});

const seedIds = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''))
  .sort();

function pageNumbers(dir: string, ext: string): number[] {
  return readdirSync(dir)
    .map((f) => new RegExp(`^page-(\\d+)\\.${ext}$`).exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function allFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? allFiles(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

describe('scan fixtures (tests/fixtures/scans, npm run scans)', () => {
  it('has every seed letter as PNG pages, each with its text, and an image-only PDF; and the photographed page', () => {
    for (const id of [...seedIds, 'photographed']) {
      const dir = path.join(SCANS_DIR, id);
      const pngs = pageNumbers(dir, 'png');
      expect(pngs.length, id).toBeGreaterThan(0);
      expect(pngs, id).toEqual(pngs.map((_, i) => i + 1));
      expect(pageNumbers(dir, 'txt'), id).toEqual(pngs);
      for (const n of pngs) expect(readFileSync(path.join(dir, `page-${n}.txt`), 'utf8').trim().length, `${id} page ${n}`).toBeGreaterThan(100);
      if (id !== 'photographed') expect(existsSync(path.join(SCANS_DIR, `${id}.pdf`)), id).toBe(true);
    }
  });

  it('draws all of each seed letter, markdown emphasis marks aside', () => {
    for (const id of seedIds) {
      const dir = path.join(SCANS_DIR, id);
      const pages = pageNumbers(dir, 'txt').map((n) => readFileSync(path.join(dir, `page-${n}.txt`), 'utf8'));
      const seed = readFileSync(path.join(SEEDS_DIR, `${id}.txt`), 'utf8').replace(/\*/g, '');
      expect(normaliseForCer(pages.join('\n')), id).toBe(normaliseForCer(seed));
    }
  });

  it('has 8-bit grayscale PNGs at 200–300 dpi, clean pages A4 at 300 dpi', () => {
    for (const id of [...seedIds, 'photographed']) {
      const dir = path.join(SCANS_DIR, id);
      for (const n of pageNumbers(dir, 'png')) {
        const png = readPng(readFileSync(path.join(dir, `page-${n}.png`)));
        expect([png.bitDepth, png.colorType], `${id} page ${n}`).toEqual([8, 0]);
        expect(png.dpi, `${id} page ${n}`).toBeGreaterThanOrEqual(200);
        expect(png.dpi, `${id} page ${n}`).toBeLessThanOrEqual(300);
        const a4 = { width: Math.round((A4.width / 72) * png.dpi!), height: Math.round((A4.height / 72) * png.dpi!) };
        if (id === 'photographed') {
          expect(png.dpi).toBe(PHOTO_DPI);
          // The page and some desk around it.
          expect(png.width).toBeGreaterThan(a4.width);
          expect(png.height).toBeGreaterThan(a4.height);
          expect(png.width).toBeLessThan(a4.width * 1.15);
        } else {
          expect(png.dpi).toBe(CLEAN_DPI);
          expect({ width: png.width, height: png.height }).toEqual(a4);
        }
      }
    }
  });

  it('has PDFs of the same PNGs with no text layer', async () => {
    for (const id of seedIds) {
      const bytes = readFileSync(path.join(SCANS_DIR, `${id}.pdf`));
      const pngs = pageNumbers(path.join(SCANS_DIR, id), 'png').map((n) => readPng(readFileSync(path.join(SCANS_DIR, id, `page-${n}.png`))));
      const proxy = await getDocumentProxy(new Uint8Array(bytes));
      const { totalPages, text } = await extractText(proxy, { mergePages: false });
      expect(totalPages, id).toBe(pngs.length);
      expect(text.map((t) => t.trim()), id).toEqual(pngs.map(() => ''));
      const pdf = await PDFDocument.load(bytes);
      const images = pdf.context
        .enumerateIndirectObjects()
        .map(([, obj]) => obj)
        .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
      expect(images.length, id).toBe(pngs.length);
      images.forEach((image, i) => {
        expect(Buffer.from(image.contents).equals(pngs[i].idat), `${id} page ${i + 1}`).toBe(true);
        expect(image.dict.get(PDFName.of('ColorSpace')), id).toBe(PDFName.of('DeviceGray'));
      });
      const fonts = pdf.context.enumerateIndirectObjects().filter(([, obj]) => 'get' in obj && (obj as { get: (n: PDFName) => unknown }).get(PDFName.of('Type')) === PDFName.of('Font'));
      expect(fonts, id).toEqual([]);
      for (const page of pdf.getPages()) expect(page.getSize(), id).toEqual({ width: A4.width, height: A4.height });
    }
  });

  it.skipIf(!GlobalFonts.has(FONT))('are exactly what scripts/make-scans.ts makes', async () => {
    const made = await makeScans();
    expect(allFiles(SCANS_DIR).sort()).toEqual([...made.keys()].sort());
    for (const [rel, data] of made) expect(readFileSync(path.join(SCANS_DIR, rel)).equals(data), rel).toBe(true);
  });
});
