import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The OCR cache's folder inside the index folder. */
export const OCR_CACHE_DIR = 'ocr-cache';

const entrySchema = z.object({
  /** sha256 of the file's bytes: the entry's name. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** How the pages were read (engine, languages, models): another reading is not reused. */
  engine: z.string(),
  /** The pages read by OCR (1-based page numbers of the file), in order. */
  pages: z.array(z.object({ page: z.number().int().positive(), text: z.string(), confidence: z.number().min(0).max(100) })),
});

export type OcrCacheEntry = z.infer<typeof entrySchema>;

/**
 * OCR results by the content hash of the scanned file, one JSON file each (`<sha256>.json`), written atomically
 * (temporary file, fsync, rename) and validated on read: a damaged entry is reported and read again.
 */
export class OcrCache {
  constructor(readonly dir: string) {}

  private path(sha256: string): string {
    return join(this.dir, `${sha256}.json`);
  }

  /** The entry for a file hash and engine; null when there is none, it was made otherwise, or it is damaged (`warn` says so). */
  get(sha256: string, engine: string, warn: (message: string) => void): OcrCacheEntry | null {
    const path = this.path(sha256);
    if (!existsSync(path)) return null;
    let entry: OcrCacheEntry;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (!parsed.success) throw new Error('it does not match the expected schema');
      if (parsed.data.sha256 !== sha256) throw new Error('it belongs to another file');
      entry = parsed.data;
    } catch (err) {
      const reason = err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message;
      warn(`the OCR cache entry ${path} is damaged (${reason}); reading the scan again`);
      rmSync(path, { force: true });
      return null;
    }
    return entry.engine === engine ? entry : null;
  }

  put(entry: OcrCacheEntry): void {
    mkdirSync(this.dir, { recursive: true });
    const path = this.path(entry.sha256);
    const tmp = `${path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(entry));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }
}
