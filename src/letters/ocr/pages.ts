import type { ExtractedText, LetterFormat, PageInfo, ScanInfo, SourceRun } from '../types.js';
import { toSourceOffset } from '../clean.js';
import { LetterReadError } from '../types.js';
import { LOW_CONFIDENCE, UNREADABLE_CONFIDENCE } from './session.js';

/** One page of a letter as read: OCR text (scanned) or a text layer. */
export interface PageText {
  text: string;
  scanned: boolean;
  /** Mean word confidence of a scanned page, 0–100; null for a text layer. */
  confidence: number | null;
}

/**
 * A letter's text from its pages, joined with "\f" (as the PDF reader joins pages), and where each page
 * starts in that text: the page of any offset is known, and quotes are verbatim against this text. A scanned
 * page read with a mean word confidence under UNREADABLE_CONFIDENCE is left out (it stays a page, empty): its
 * text would be noise. `noText` words the error when no text is left: "no text" or "no readable text", and
 * a detail (" (mean word confidence 27.5, below 50)") or "".
 */
export function scannedText(format: LetterFormat, sha256: string, pages: PageText[], noText: (what: string, detail: string) => string): ExtractedText {
  const infos: PageInfo[] = [];
  let text = '';
  let unreadable = 0;
  pages.forEach((p, i) => {
    if (i > 0) text += '\f';
    const confidence = p.confidence === null ? null : Math.round(p.confidence * 10) / 10;
    infos.push({ start: text.length, scanned: p.scanned, confidence });
    if (p.scanned && confidence !== null && confidence < UNREADABLE_CONFIDENCE && p.text.trim()) {
      unreadable = Math.max(unreadable, confidence);
      return;
    }
    // Tesseract ends a page with a newline, and may start one with blank lines.
    text += p.text.replace(/\f/g, '\n').replace(/^\s*\n/, '').trimEnd();
  });
  if (text.replace(/\f/g, '').trim() === '') {
    throw new LetterReadError(unreadable ? noText('no readable text', ` (mean word confidence ${unreadable}, below ${UNREADABLE_CONFIDENCE})`) : noText('no text', ''));
  }
  const scan: ScanInfo = { sha256, pages: infos };
  return { format, text, meta: {}, scan };
}

/**
 * The page (1-based) that holds an offset of a letter's cleaned body, and whether OCR read it; null for a
 * letter without page data (only scanned letters keep it).
 */
export function pageAt(letter: { scan?: ScanInfo; sourceRuns: SourceRun[] }, bodyOffset: number): { page: number; scanned: boolean } | null {
  const pages = letter.scan?.pages;
  if (!pages?.length) return null;
  const at = toSourceOffset(letter.sourceRuns, bodyOffset);
  let page = 0;
  while (page + 1 < pages.length && pages[page + 1].start <= at) page++;
  return { page: page + 1, scanned: pages[page].scanned };
}

/** Pages of scanned letters whose mean word confidence is below `threshold`, by file. */
export function lowConfidencePages(letters: Iterable<{ file: string; scan?: ScanInfo }>, threshold: number): { file: string; page: number; confidence: number }[] {
  const out: { file: string; page: number; confidence: number }[] = [];
  for (const l of letters) {
    l.scan?.pages.forEach((p, i) => {
      if (p.scanned && p.confidence !== null && p.confidence < threshold) out.push({ file: l.file, page: i + 1, confidence: p.confidence });
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.page - b.page);
}

/** The log line for a page below LOW_CONFIDENCE. */
export function lowConfidenceMessage(low: { file: string; page: number; confidence: number }): string {
  return low.confidence < UNREADABLE_CONFIDENCE
    ? `${low.file}: page ${low.page} could not be read (OCR confidence ${low.confidence}, below ${UNREADABLE_CONFIDENCE}); its text is left out`
    : `${low.file}: page ${low.page} was hard to read (OCR confidence ${low.confidence}, below ${LOW_CONFIDENCE}); check its quotes against the scan`;
}
