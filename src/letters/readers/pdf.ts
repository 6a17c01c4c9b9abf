import type { StructuredTextItem } from 'unpdf';
import { MAX_SCAN_PAGES, renderPdfPage } from '../ocr/images.js';
import { scannedText, type PageText } from '../ocr/pages.js';
import { sha256Hex } from '../ocr/session.js';
import { LetterReadError } from '../types.js';
import type { LetterReader } from './reader.js';

/** "%PDF-" in the first 1024 bytes, where readers accept it. */
export function sniffPdf(head: Buffer): boolean {
  return head.subarray(0, 1024).includes('%PDF-');
}

interface PdfLine {
  text: string;
  /** Baseline, PDF units from the bottom of the page. */
  y: number;
  fontSize: number;
}

/** Text items to lines: a line ends at an item marked end-of-line or where the baseline moves. */
function pageLines(items: StructuredTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | null = null;
  for (const item of items) {
    if (current && item.str !== '' && Math.abs(item.y - current.y) > current.fontSize / 2) {
      lines.push(current);
      current = null;
    }
    if (!current && item.str !== '') current = { text: '', y: item.y, fontSize: item.fontSize };
    if (current) current.text += item.str;
    if (item.hasEOL && current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** The most common gap between consecutive baselines: the document's line spacing. */
function lineSpacing(pages: PdfLine[][]): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const gap = Math.round((lines[i - 1].y - lines[i].y) * 2) / 2;
      if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) [best, bestCount] = [gap, count];
  }
  return best;
}

/** Lines joined by "\n"; a gap clearly wider than the line spacing becomes a blank line (a paragraph break). */
function pageText(lines: PdfLine[], spacing: number): string {
  let text = '';
  lines.forEach((line, i) => {
    if (i > 0) {
      const prev = lines[i - 1];
      const gap = prev.y - line.y;
      const threshold = Math.max(1.5 * Math.max(prev.fontSize, line.fontSize), 1.3 * spacing);
      text += gap > threshold ? '\n\n' : '\n';
    }
    text += line.text;
  });
  return text;
}

/**
 * PDF: the text layer, pages joined with "\f"; wide vertical gaps become blank lines. Pages without a text
 * layer (scans) are rendered and read by OCR; a PDF with a text layer on every page reads as before.
 */
export const pdfReader: LetterReader = {
  format: 'pdf',
  extensions: ['.pdf'],
  sniff: sniffPdf,
  async read(bytes, _file, ctx) {
    let pages: PdfLine[][];
    let pdf: Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>> | undefined;
    try {
      try {
        // pdf.js takes ownership of the array it is given, so it gets a copy.
        const { extractTextItems, getDocumentProxy } = await import('unpdf');
        pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
        pages = (await extractTextItems(pdf)).items.map(pageLines);
      } catch (err) {
        const e = err as Error;
        if (e?.name === 'PasswordException') throw new LetterReadError('PDF is password-protected');
        if (!sniffPdf(bytes)) throw new LetterReadError('not a readable PDF: no "%PDF-" header, so not a PDF file');
        // A PDF ends with "%%EOF"; without it the file was cut short (an interrupted download or copy).
        if (!bytes.subarray(-1024).includes('%%EOF')) throw new LetterReadError('not a readable PDF: the file is truncated (no %%EOF at its end)');
        throw new LetterReadError(`not a readable PDF: ${String(e?.message ?? err).split('\n')[0]}`);
      }
      const blank = (lines: PdfLine[]) => lines.every((line) => line.text.trim() === '');
      const spacing = lineSpacing(pages);
      if (!pages.some(blank)) return { format: 'pdf', text: pages.map((lines) => pageText(lines, spacing)).join('\f'), meta: {} };

      // Pages without a text layer: rendered and read by OCR.
      const scanned = pages.flatMap((lines, i) => (blank(lines) ? [i + 1] : []));
      if (!ctx) throw new LetterReadError('PDF has no text layer (scanned image?), and no OCR was given');
      if (scanned.length > MAX_SCAN_PAGES) throw new LetterReadError(`PDF has ${scanned.length} pages without a text layer, over the ${MAX_SCAN_PAGES}-page limit for OCR`);
      const doc = pdf as NonNullable<typeof pdf>;
      const read = await ctx.ocr.read(ctx.name, bytes, scanned, (n) => renderPdfPage(doc, n));
      const byPage = new Map(scanned.map((n, i) => [n, read[i]]));
      const texts: PageText[] = pages.map((lines, i) => {
        const ocr = byPage.get(i + 1);
        return ocr ? { text: ocr.text, scanned: true, confidence: ocr.confidence } : { text: pageText(lines, spacing), scanned: false, confidence: null };
      });
      const where = scanned.length === 1 ? 'its page' : `its ${scanned.length} pages`;
      const noText = (what: string, detail: string) => `PDF has no text layer, and OCR found ${what} on ${where}${detail}`;
      return scannedText('pdf', sha256Hex(bytes), texts, noText);
    } finally {
      await pdf?.destroy().catch(() => undefined);
    }
  },
};
