import { BundledEmbedder } from './bundled.js';
import type { Embedder } from './embedder.js';
import { TransformersEmbedder, type TransformersDtype } from './transformers.js';
import { WorkerPoolEmbedder } from './worker-pool.js';

export type EmbedderChoice = 'auto' | 'transformers' | 'bundled';

export interface CreateEmbedderOptions {
  embedder: EmbedderChoice;
  model: string;
  /** EMBEDDING_MODEL_DIR: folder holding `<model>/onnx/...`. */
  modelDir?: string;
  log: (msg: string) => void;
  cacheDir?: string;
  dtype?: TransformersDtype;
  /** Try the Hugging Face hub when the model is neither in modelDir nor cached (default true). */
  allowRemote?: boolean;
  remoteTimeoutMs?: number;
  batchSize?: number;
  /**
   * EMBED_WORKERS: worker threads, each loading the embedder chosen here, for large calls (index builds);
   * calls of a few texts (questions) stay on this thread. 0 (default) = everything on this thread.
   */
  workers?: number;
}

/** The transformers model was asked for explicitly and could not be loaded. */
export class EmbedderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderUnavailableError';
  }
}

/**
 * 'transformers' loads the model or throws EmbedderUnavailableError; 'bundled' uses the
 * Universal Sentence Encoder that ships with npm; 'auto' tries transformers and otherwise
 * logs one message and falls back to bundled.
 */
export async function createEmbedder(opts: CreateEmbedderOptions): Promise<Embedder> {
  const main = await createMainEmbedder(opts);
  const workers = Math.floor(opts.workers ?? 0);
  // Workers load what was resolved here (e.g. bundled after an 'auto' fallback), lazily on the first large call.
  return workers > 0 ? new WorkerPoolEmbedder(main, { workers }) : main;
}

async function createMainEmbedder(opts: CreateEmbedderOptions): Promise<Embedder> {
  if (opts.embedder === 'bundled') return BundledEmbedder.load({ batchSize: opts.batchSize });

  let reason: string;
  try {
    return await TransformersEmbedder.load({
      model: opts.model,
      modelDir: opts.modelDir,
      cacheDir: opts.cacheDir,
      dtype: opts.dtype,
      allowRemote: opts.allowRemote,
      remoteTimeoutMs: opts.remoteTimeoutMs,
      batchSize: opts.batchSize,
    });
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
    if (opts.embedder === 'transformers') throw new EmbedderUnavailableError(reason, { cause: e });
  }
  opts.log(
    `Falling back to the bundled embedder (Universal Sentence Encoder lite, 512 dims; weaker retrieval). ${reason}`,
  );
  return BundledEmbedder.load({ batchSize: opts.batchSize });
}
