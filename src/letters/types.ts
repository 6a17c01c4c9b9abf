/** A named person with an optional role ("Manuel Valls", "Prime Minister of the Republic of France"). */
export interface Person {
  name: string;
  role: string | null;
}

export type LetterFormat = 'txt' | 'md' | 'eml' | 'pdf' | 'docx' | 'html' | 'image';

/** One page of a letter whose pages are known: where it starts in the source text, and how it was read. */
export interface PageInfo {
  /** Offset of the page's first character in the source text (pages are separated by "\f"). */
  start: number;
  /** Read by OCR from an image (a scan, a photo, a PDF page without a text layer). */
  scanned: boolean;
  /** A scanned page's mean word confidence, 0–100; null for a text layer. */
  confidence: number | null;
}

/** A letter read, in whole or in part, by OCR. */
export interface ScanInfo {
  /** sha256 of the file's bytes: the key of its OCR cache entry. */
  sha256: string;
  pages: PageInfo[];
}

/** Metadata of one letter. Every field may be overridden by a sidecar. */
export interface LetterMeta {
  sender: string | null;
  senderRole: string | null;
  /** Committees, delegations, party: lines from the letterhead or signature block. */
  senderAffiliations: string[];
  recipients: Person[];
  cc: Person[];
  /** Everyone who signed, in the order listed, when more than one did (the sender is the first); else empty. */
  signatories?: string[];
  /** The sender's e-mail address, from an e-mail's From: header. */
  senderAddress?: string;
  /** ISO date, YYYY-MM-DD. */
  date: string | null;
  place: string | null;
  /** ISO 639-1 code, e.g. "en". */
  language: string | null;
  subject: string | null;
}

/** What a reader extracts from a file, before cleaning. */
export interface ExtractedText {
  format: LetterFormat;
  /**
   * The letter's text as the file presents it: the file itself for text formats,
   * the text layer for PDF/DOCX/HTML, the body for e-mail. Quotes are verified against it.
   * Page breaks that the format knows of are marked with "\f".
   */
  text: string;
  /** Metadata the format states outright (e-mail headers, front matter, HTML meta). */
  meta: Partial<LetterMeta>;
  /** Problems that did not stop the letter from loading (an invalid Date header), one line each. */
  warnings?: string[];
  /** Set when OCR read some or all of the pages: `text` is then the OCR text. */
  scan?: ScanInfo;
}

/** Maps runs of the cleaned body back to the extracted source text. */
export interface SourceRun {
  /** Offset in the cleaned body. */
  body: number;
  /** Offset in the source text. */
  source: number;
  length: number;
}

export interface Passage {
  /** `${letterId}#${index}` */
  id: string;
  letterId: string;
  index: number;
  /** Character offsets into the cleaned body: body.slice(start, end) === text. */
  start: number;
  end: number;
  text: string;
}

export interface Letter {
  /** Path under the letters folder without its extension, with "/" separators. */
  id: string;
  /** Path under the letters folder. */
  file: string;
  format: LetterFormat;
  meta: LetterMeta;
  /** The cleaned body: furniture removed, emphasis markers dropped, whitespace tidied. */
  body: string;
  /** The extracted source text that `sourceRuns` point into. */
  source: string;
  sourceRuns: SourceRun[];
  /** Furniture blocks removed from the body (each once), as they first appeared. */
  furniture: string[];
  passages: Passage[];
  /** A scanned letter's pages (offsets into `source`) and the file hash its OCR is cached under. */
  scan?: ScanInfo;
}

/** A file that could not be read, with a reason fit for one line on stderr. */
export interface LetterError {
  file: string;
  reason: string;
}

export class LetterReadError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LetterReadError';
  }
}
