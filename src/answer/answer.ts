import type { Intent } from '../search/question.js';
import type { Evidence } from './calibration.js';

/** One verbatim quote and the letter it comes from. */
export interface Citation {
  letterId: string;
  file: string;
  sender: string | null;
  recipients: string[];
  date: string | null;
  /** A contiguous run of the letter's cleaned body, copied exactly. */
  quote: string;
  /** Offsets of the quote in the letter's cleaned body. */
  start: number;
  end: number;
  /** How well the quote answers the question, 0..1. */
  score: number;
  /** The page the quote starts on, for letters whose pages are known (scanned letters). */
  page?: number;
  /** The quote is OCR text read from an image of the page: the reader should check it against the scan. */
  scanned?: boolean;
}

/** A letter offered when Epistle abstains: the nearest it found. */
export interface NearbyLetter {
  letterId: string;
  sender: string | null;
  recipients: string[];
  date: string | null;
}

/** What Epistle answers: plain data, rendered by the console, the CLI and Discord alike. */
export interface Answer {
  question: string;
  intent: Intent;
  /** A short line that introduces the quotes; never itself presented as a quote. */
  lead: string;
  /** Best first. The first few are shown; the rest are "more sources". */
  citations: Citation[];
  /** Quotes meant to be shown together (a summary's 3–5 in letter order); renderers show their default otherwise. */
  show?: number;
  abstained: boolean;
  /** When abstaining: the closest letters, for the reader to look at. */
  closest: NearbyLetter[];
  /** Why the answer looks as it does, for logs and --json debugging. */
  confidence: number;
  /** For answers from passages: what the best quotes have of the question. */
  evidence?: Evidence;
  /** A follow-up's context: the letters it took from the previous question. */
  followUp?: { letterIds: string[]; previous: string };
  /** While the first build runs: the answer comes from `indexed` letters of `total`. */
  progress?: { indexed: number; total: number };
  timings: { parseMs: number; searchMs: number; composeMs: number; totalMs: number };
}

/** "(indexed 340 of 1,000 letters so far)": what an answer given during the first build adds. */
export function progressNote(progress: { indexed: number; total: number }): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return `(indexed ${n(progress.indexed)} of ${n(progress.total)} letters so far)`;
}
