import { createHash } from 'node:crypto';
import { embedderLabel, type EmbedKind, type Embedder, type EmbedderId } from './embedders/embedder.js';

/** The cache's file in the index folder. Only builds read it; the manifest lists its checksum. */
export const EMBEDDING_CACHE_FILE = 'embeddings.bin';

/**
 * Vectors already computed, by (embedder, kind, text hash): a `--full` build, a changed sidecar or new
 * chunking embeds only the texts it has not seen. It lives in the index folder (`embeddings.bin`), is checked
 * by the manifest's checksum like the other files, and keeps only the texts the index still uses.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly used = new Set<string>();
  /** Texts embedded by this cache's owner, and texts found in it (this build). */
  readonly stats = { embedded: 0, reused: 0 };

  constructor(readonly embedder: EmbedderId) {}

  static key(kind: EmbedKind, text: string): string {
    return createHash('sha256').update(kind).update('\u0000').update(text).digest('base64url').slice(0, 32);
  }

  get size(): number {
    return this.vectors.size;
  }

  /**
   * One vector per text, in order: texts seen before come from the cache, the others are embedded once each
   * (a text that occurs twice is embedded once).
   */
  async embed(embedder: Embedder, texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const keys = texts.map((t) => EmbeddingCache.key(kind, t));
    const missing = new Map<string, string>();
    keys.forEach((k, i) => {
      if (!this.vectors.has(k)) missing.set(k, texts[i]);
    });
    if (missing.size) {
      const fresh = await embedder.embed([...missing.values()], kind);
      [...missing.keys()].forEach((k, i) => this.vectors.set(k, fresh[i]));
    }
    this.stats.embedded += missing.size;
    this.stats.reused += texts.length - missing.size;
    for (const k of keys) this.used.add(k);
    return keys.map((k) => this.vectors.get(k)!);
  }

  /** Marks texts as still used by the index without embedding them (the letters that did not change). */
  keep(kind: EmbedKind, texts: Iterable<string>): void {
    for (const t of texts) {
      const k = EmbeddingCache.key(kind, t);
      if (this.vectors.has(k)) this.used.add(k);
    }
  }

  /**
   * `[header length: uint32][header JSON][keys: 24 bytes each][vectors: float32 × dimensions each]`: the texts
   * used by this build only, so that texts no letter uses any more are dropped.
   */
  toBuffer(): Buffer {
    const keys = [...this.used].filter((k) => this.vectors.has(k)).sort();
    const dims = this.embedder.dimensions;
    const header = Buffer.from(JSON.stringify({ embedder: embedderLabel(this.embedder), dimensions: dims, count: keys.length }));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(header.length, 0);
    const keyBytes = Buffer.concat(keys.map((k) => Buffer.from(k, 'base64url')));
    const data = new Float32Array(keys.length * dims);
    keys.forEach((k, i) => data.set(this.vectors.get(k)!, i * dims));
    return Buffer.concat([head, header, keyBytes, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  }

  /** A cache read back; an empty one when the file is for another embedder or not a cache file (the reason is returned). */
  static fromBuffer(buf: Buffer, embedder: EmbedderId): { cache: EmbeddingCache; problem: string | null } {
    const cache = new EmbeddingCache(embedder);
    try {
      const length = buf.readUInt32LE(0);
      const header = JSON.parse(buf.toString('utf8', 4, 4 + length)) as { embedder?: unknown; dimensions?: unknown; count?: unknown };
      if (header.embedder !== embedderLabel(embedder) || header.dimensions !== embedder.dimensions) {
        return { cache, problem: `it holds the vectors of ${String(header.embedder)}` };
      }
      const count = Number(header.count);
      const dims = embedder.dimensions;
      const keysAt = 4 + length;
      const dataAt = keysAt + count * 24;
      if (!Number.isInteger(count) || count < 0 || buf.length !== dataAt + count * dims * 4) return { cache, problem: 'its size does not match its header' };
      const data = new Float32Array(buf.buffer.slice(buf.byteOffset + dataAt, buf.byteOffset + buf.length));
      for (let i = 0; i < count; i++) {
        const key = buf.subarray(keysAt + i * 24, keysAt + (i + 1) * 24).toString('base64url');
        cache.vectors.set(key, data.subarray(i * dims, (i + 1) * dims));
      }
      return { cache, problem: null };
    } catch (err) {
      return { cache: new EmbeddingCache(embedder), problem: `it is not readable (${(err as Error).message})` };
    }
  }
}
