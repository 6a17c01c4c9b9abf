import type { ExtractedText, LetterFormat } from '../types.js';

/** One reader per file format. `read` throws LetterReadError with a one-line reason on bad input. */
export interface LetterReader {
  format: LetterFormat;
  /** Lower-case extensions with the dot, e.g. [".txt"]. */
  extensions: string[];
  /** True when the first bytes of a file show it is in this format, whatever its extension. */
  sniff?(head: Buffer): boolean;
  read(bytes: Buffer, file: string): Promise<ExtractedText>;
}
