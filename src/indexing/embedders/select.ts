import { BundledEmbedder } from './bundled.js';
import type { Embedder } from './embedder.js';
import { TransformersEmbedder, type TransformersDtype } from './transformers.js';

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
