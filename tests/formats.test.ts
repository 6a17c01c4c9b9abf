import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLetters } from '../src/letters/catalogue.js';
import { summarise } from '../src/letters/summary.js';
import { isVerbatimQuote } from '../src/letters/verbatim.js';

const LETTERS = 'tests/fixtures/letters';
const BAD = 'tests/fixtures/bad';
const MAX = 20 * 1024 * 1024;
const expected = JSON.parse(readFileSync('tests/fixtures/expected-letters.json', 'utf8')) as Record<string, Record<string, unknown>>;

describe('one fixture per format, through the whole letter pipeline', () => {
  it('reads every format with the metadata a careful reader would take', async () => {
    const { letters, errors } = await loadLetters(LETTERS, { maxBytes: MAX });
    expect(errors).toEqual([]);
    expect(letters.map((l) => l.file).sort()).toEqual(Object.keys(expected).sort());
    for (const l of letters) {
      const got = summarise(l);
      const want = expected[l.file];
      for (const key of Object.keys(want)) expect({ file: l.file, key, value: got[key as keyof typeof got] }).toEqual({ file: l.file, key, value: want[key] });
    }
    expect(new Set(letters.map((l) => l.format))).toEqual(new Set(['txt', 'md', 'eml', 'pdf', 'docx', 'html']));
  });

  it('removes the PDF running header and page numbers, and re-joins the sentence cut by the page break', async () => {
    const { letters } = await loadLetters(LETTERS, { maxBytes: MAX });
    const pdf = letters.find((l) => l.format === 'pdf')!;
    expect(pdf.source).toContain('\f');
    expect(pdf.furniture.length).toBeGreaterThan(0);
    for (const f of pdf.furniture) for (const line of f.split('\n')) expect(pdf.body).not.toContain(line);
    // Every passage of every format is verbatim against its extracted source.
    for (const l of letters) for (const p of l.passages) expect(isVerbatimQuote(p.text, l.source, l.furniture)).toBe(true);
    const lastOfPage1 = pdf.source.split('\f')[0].trim().split('\n').filter((x) => x.trim() && !/^\s*(page\s*)?\d+/i.test(x)).pop()!;
    expect(lastOfPage1.trim().endsWith('.')).toBe(false);
    const tail = lastOfPage1.trim().split(' ').slice(-3).join(' ');
    const passage = pdf.passages.find((p) => p.text.includes(tail))!;
    expect(passage).toBeDefined();
    const after = passage.text.slice(passage.text.indexOf(tail) + tail.length);
    expect(after).toMatch(/^ \p{Ll}/u);
  });

  it('decodes legacy encodings instead of rejecting them', async () => {
    const { letters } = await loadLetters(LETTERS, { maxBytes: MAX });
    expect(letters.find((l) => l.file === 'legacy-1252.txt')!.body).toMatch(/[é€“”]/);
    expect(letters.find((l) => l.file === 'utf16.txt')!.body).not.toContain('\u0000');
  });
});

describe('bad input: one clear line per file, and every other letter still loads', () => {
  it('names the file and the reason for each bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-bad-'));
    cpSync(BAD, dir, { recursive: true });
    cpSync('seeds', dir, { recursive: true });
    // A 50 MB file, sparse: refused by size without being read.
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    const { letters, errors } = await loadLetters(dir, { maxBytes: MAX });
    const reasons = Object.fromEntries(errors.map((e) => [e.file, e.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ['bad-sidecar.meta.json', 'empty.txt', 'garbage.txt', 'huge.txt', 'image.png', 'invalid-utf8.txt', 'scan.pdf'].sort(),
    );
    for (const r of Object.values(reasons)) expect(r).not.toContain('\n');
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['garbage.txt']).toMatch(/binary/);
    expect(reasons['huge.txt']).toMatch(/50\.0 MB.*MAX_LETTER_BYTES/);
    expect(reasons['image.png']).toMatch(/OCR found no text in this PNG image/);
    expect(reasons['invalid-utf8.txt']).toMatch(/UTF-8/);
    expect(reasons['scan.pdf']).toMatch(/no text layer/);
    expect(reasons['bad-sidecar.meta.json']).toMatch(/date/);
    // The seeds, and the letter whose sidecar is bad, still load.
    expect(letters.map((l) => l.id).sort()).toEqual(['000_54ce065e8f9db68d', '001_87c08d64c831245f', 'bad-sidecar'].sort());
  });
});
