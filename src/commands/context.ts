import type { Config } from '../config.js';
import { createEmbedder } from '../indexing/embedders/select.js';
import type { Embedder } from '../indexing/embedders/embedder.js';

/** What every command gets from the composition root. */
export interface Context {
  config: Config;
  out: (s: string) => void;
  warn: (s: string) => void;
}

/** The embedder the configuration asks for (auto falls back to bundled with one message). */
export function embedderFor(ctx: Context): Promise<Embedder> {
  return createEmbedder({
    embedder: ctx.config.EMBEDDER,
    model: ctx.config.EMBEDDING_MODEL,
    modelDir: ctx.config.EMBEDDING_MODEL_DIR,
    cacheDir: ctx.config.EMBEDDING_CACHE_DIR,
    workers: ctx.config.EMBED_WORKERS,
    log: ctx.warn,
  });
}
