import type { OcrSession } from '../ocr/session.js';
import type { ExtractedText, LetterFormat } from '../types.js';

/** What a reader may use besides the file's bytes. */
export interface ReadContext {
  /** OCR for pages that are images. */
  ocr: OcrSession;
  /** The file's name for messages (relative to the letters folder when known). */
  name: string;
}

/** One reader per file format. `read` throws LetterReadError with a one-line reason on bad input. */
export interface LetterReader {
  format: LetterFormat;
  /** Lower-case extensions with the dot, e.g. [".txt"]. */
  extensions: string[];
  /** True when the first bytes of a file show it is in this format, whatever its extension. */
  sniff?(head: Buffer): boolean;
  read(bytes: Buffer, file: string, ctx?: ReadContext): Promise<ExtractedText>;
}
