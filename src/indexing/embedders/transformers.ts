import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { DataType } from '@huggingface/transformers';
import { l2normalise, type EmbedKind, type Embedder, type EmbedderId } from './embedder.js';
import { modelSpec, type ModelSpec, type Pooling } from './models.js';

export type TransformersDtype = Exclude<DataType, 'auto'>;

export interface TransformersLoadOptions {
  /** Hugging Face model id, e.g. 'Xenova/bge-small-en-v1.5'. */
  model: string;
  /** Local folder holding `<model>/onnx/model_quantized.onnx` etc. (EMBEDDING_MODEL_DIR). Tried first, offline. */
  modelDir?: string;
  /** Download cache; defaults to the library's env.cacheDir. Tried second, offline. */
  cacheDir?: string;
  /** 'q8' (default) loads onnx/model_quantized.onnx, 'fp32' loads onnx/model.onnx. */
  dtype?: TransformersDtype;
  /** Try the Hugging Face hub last (default true). */
  allowRemote?: boolean;
  /** Give up on a hub request that has not answered (headers) within this time. Default 20 s. */
  remoteTimeoutMs?: number;
  /** Hub revision (branch, tag or commit). Default 'main'. */
  revision?: string;
  /** Texts per inference call. Default 32. */
  batchSize?: number;
  /** ONNX Runtime threads within one operator (default: its own choice, one per core). */
  intraOpNumThreads?: number;
  /** ONNX Runtime threads across independent operators (default: its own choice). */
  interOpNumThreads?: number;
  /** Overrides of the registry's conventions (models.ts). */
  pooling?: Pooling;
  queryPrefix?: string;
  passagePrefix?: string;
}

/** Thrown by TransformersEmbedder.load when no source had the model. */
export class ModelLoadError extends Error {
  constructor(
    message: string,
    readonly attempts: string[],
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

/** The slice of FeatureExtractionPipeline used here. */
/** The parts of a FeatureExtractionPipeline used here: its tokenizer and its model, called directly. */
interface Extractor {
  tokenizer(texts: string[], options: { padding: boolean; truncation: boolean }): Record<string, { data: ArrayLike<bigint>; dims: number[] }>;
  model(inputs: unknown): Promise<Record<string, OutputTensor | undefined>>;
  dispose(): Promise<void>;
}
interface OutputTensor {
  data: ArrayLike<number>;
  dims: number[];
  dispose?(): void;
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export function onnxFileName(dtype: TransformersDtype): string {
  const suffix: Record<string, string> = {
    fp32: '',
    fp16: '_fp16',
    int8: '_int8',
    uint8: '_uint8',
    q8: '_quantized',
    q4: '_q4',
    q4f16: '_q4f16',
    bnb4: '_bnb4',
  };
  if (!(dtype in suffix)) throw new Error(`unsupported dtype "${dtype}"`);
  return `onnx/model${suffix[dtype]}.onnx`;
}

/** Sentence embeddings with @huggingface/transformers (ONNX Runtime, CPU). */
export class TransformersEmbedder implements Embedder {
  readonly id: EmbedderId;
  readonly spec: ModelSpec;
  /** Where the model came from: 'dir', 'cache' or 'hub'. */
  readonly source: 'dir' | 'cache' | 'hub';
  private readonly batchSize: number;

  /** Use TransformersEmbedder.load(). */
  constructor(
    private readonly extractor: Extractor,
    id: EmbedderId,
    spec: ModelSpec,
    source: 'dir' | 'cache' | 'hub',
    batchSize: number,
    private readonly loaded: TransformersLoadOptions = { model: id.model },
  ) {
    this.id = id;
    this.spec = spec;
    this.source = source;
    this.batchSize = batchSize;
  }

  /**
   * Options that load this same model again without the network (for worker threads): from the
   * model folder it came from, else from the cache (where a hub download was written).
   */
  offlineOptions(): TransformersLoadOptions {
    const o = this.loaded;
    return {
      model: o.model,
      modelDir: this.source === 'dir' && o.modelDir ? path.resolve(o.modelDir) : undefined,
      cacheDir: o.cacheDir,
      dtype: o.dtype,
      revision: o.revision,
      batchSize: this.batchSize,
      pooling: this.spec.pooling,
      queryPrefix: this.id.queryPrefix,
      passagePrefix: this.id.passagePrefix,
      intraOpNumThreads: o.intraOpNumThreads,
      interOpNumThreads: o.interOpNumThreads,
      allowRemote: false,
    };
  }

  /**
   * Loads `model` from modelDir, else the cache, else the hub (see TransformersLoadOptions).
   * Throws ModelLoadError listing what was tried and how to provide the model.
   */
  static async load(opts: TransformersLoadOptions): Promise<TransformersEmbedder> {
    return serialise(() => loadUnlocked(opts));
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const prefix = kind === 'query' ? this.id.queryPrefix : this.id.passagePrefix;
    const out = new Array<Float32Array>(texts.length);
    // Similar lengths batch together to waste less padding; results go back in input order.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const idx = order.slice(start, start + this.batchSize);
      const vectors = await runBatch(
        this.extractor,
        idx.map((i) => prefix + texts[i]),
        this.spec.pooling,
      );
      idx.forEach((orig, j) => (out[orig] = vectors[j]));
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/**
 * Tokenises, runs the model and pools here rather than in the pipeline: its mean pooling walks the
 * tensor column by column and cost ~4% of the MiniLM-shaped model's time (bench: embedding overhead).
 */
async function runBatch(extractor: Extractor, texts: string[], pooling: Pooling): Promise<Float32Array[]> {
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
  const outputs = await extractor.model(inputs);
  const t = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  if (!t) throw new Error('the model has no last_hidden_state output');
  try {
    const [n, s, d] = t.dims;
    if (t.dims.length !== 3 || n !== texts.length) throw new Error(`unexpected output shape [${t.dims.join(', ')}]`);
    const h = t.data as Float32Array;
    const mask = inputs.attention_mask.data;
    const out: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const v = new Float32Array(d);
      if (pooling === 'cls') v.set(h.subarray(i * s * d, i * s * d + d));
      else {
        for (let j = 0; j < s; j++) {
          if (mask[i * s + j] === 0n) continue;
          const base = (i * s + j) * d;
          for (let k = 0; k < d; k++) v[k] += h[base + k];
        }
      }
      // The mean's division by the token count does not change the direction.
      out.push(l2normalise(v));
    }
    return out;
  } finally {
    t.dispose?.();
  }
}

// transformers.js is configured through a global `env`; loads run one at a time and restore it.
let queue: Promise<unknown> = Promise.resolve();
function serialise<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function loadUnlocked(opts: TransformersLoadOptions): Promise<TransformersEmbedder> {
  const lib = await import('@huggingface/transformers');
  const { env } = lib;
  const dtype = opts.dtype ?? 'q8';
  const revision = opts.revision ?? 'main';
  const cacheDir = path.resolve(opts.cacheDir ?? env.cacheDir ?? '.cache');
  const onnxFile = onnxFileName(dtype);
  const attempts: string[] = [];

  const saved = {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    useFSCache: env.useFSCache,
    cacheDir: env.cacheDir,
    fetch: env.fetch,
    logLevel: env.logLevel,
  };
  const attempt = async (
    source: 'dir' | 'cache' | 'hub',
    modelRef: string,
    modelFile: string,
    settings: { allowRemote: boolean; useCache: boolean },
  ): Promise<TransformersEmbedder> => {
    env.allowLocalModels = true;
    env.allowRemoteModels = settings.allowRemote;
    env.useFSCache = settings.useCache;
    env.cacheDir = cacheDir;
    // Missing-file warnings would be noise here: failures are reported in the error below.
    env.logLevel = lib.LogLevel.ERROR;
    if (settings.allowRemote) env.fetch = fetchWithTimeout(saved.fetch, opts.remoteTimeoutMs ?? 20_000);
    try {
      const extractor = (await lib.pipeline('feature-extraction', modelRef, {
        dtype,
        revision,
        cache_dir: cacheDir,
        local_files_only: !settings.allowRemote,
        session_options: sessionOptions(opts),
      })) as unknown as Extractor;
      return await finish(extractor, { ...opts, dtype, revision, cacheDir }, source, modelFile, revision);
    } finally {
      Object.assign(env, saved);
    }
  };

  // 1. The local model folder (offline). An absolute path, so neither the cache nor
  //    transformers.js' memoised lookups for the plain model id get mixed in.
  if (opts.modelDir) {
    const folder = path.resolve(opts.modelDir, opts.model);
    const missing = missingFiles(folder, onnxFile);
    if (missing.length > 0) {
      attempts.push(`EMBEDDING_MODEL_DIR ${folder}: missing ${missing.join(', ')}`);
    } else {
      try {
        return await attempt('dir', folder, path.join(folder, onnxFile), { allowRemote: false, useCache: false });
      } catch (e) {
        attempts.push(`EMBEDDING_MODEL_DIR ${folder}: ${describe(e)}`);
      }
    }
  }

  // 2. The download cache (offline).
  const cached = revision === 'main' ? path.join(cacheDir, opts.model) : path.join(cacheDir, opts.model, revision);
  const missing = missingFiles(cached, onnxFile);
  if (missing.length > 0) {
    attempts.push(`cache ${cacheDir}: not cached`);
  } else {
    try {
      return await attempt('cache', opts.model, path.join(cached, onnxFile), { allowRemote: false, useCache: true });
    } catch (e) {
      attempts.push(`cache ${cached}: ${describe(e)}`);
    }
  }

  // 3. The Hugging Face hub (downloads into the cache).
  if (opts.allowRemote === false) {
    attempts.push('Hugging Face hub: not tried (remote downloads disabled)');
  } else {
    try {
      return await attempt('hub', opts.model, path.join(cached, onnxFile), { allowRemote: true, useCache: true });
    } catch (e) {
      attempts.push(`Hugging Face hub: ${describe(e)}`);
    }
  }

  throw new ModelLoadError(
    `Embedding model "${opts.model}" could not be loaded (tried ${attempts.join('; ')}).\n` +
      `Set EMBEDDING_MODEL_DIR to a folder containing ${opts.model}/${onnxFile} with config.json, tokenizer.json ` +
      `and tokenizer_config.json beside onnx/, or allow network access once so it is downloaded and cached in ${cacheDir}.`,
    attempts,
  );
}

async function finish(
  extractor: Extractor,
  opts: TransformersLoadOptions,
  source: 'dir' | 'cache' | 'hub',
  modelFile: string,
  revision: string,
): Promise<TransformersEmbedder> {
  const spec = modelSpec(opts.model);
  if (opts.pooling) spec.pooling = opts.pooling;
  if (opts.queryPrefix !== undefined) spec.queryPrefix = opts.queryPrefix;
  if (opts.passagePrefix !== undefined) spec.passagePrefix = opts.passagePrefix;
  try {
    // Dimensions come from a real output, whatever the registry expects.
    const [probe] = await runBatch(extractor, ['dimension probe'], spec.pooling);
    spec.dimensions = probe.length;
    // A hash of the ONNX file, so an index notices when the model file changes.
    const fileHash = existsSync(modelFile) ? await shortHash(modelFile) : null;
    const id: EmbedderId = {
      backend: 'transformers',
      model: opts.model,
      revision: fileHash ?? revision,
      dimensions: probe.length,
      queryPrefix: spec.queryPrefix,
      passagePrefix: spec.passagePrefix,
    };
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 32));
    return new TransformersEmbedder(extractor, id, spec, source, batchSize, opts);
  } catch (e) {
    await extractor.dispose().catch(() => undefined);
    throw e;
  }
}

function sessionOptions(opts: TransformersLoadOptions): { intraOpNumThreads?: number; interOpNumThreads?: number } {
  const out: { intraOpNumThreads?: number; interOpNumThreads?: number } = {};
  if (opts.intraOpNumThreads) out.intraOpNumThreads = Math.max(1, Math.floor(opts.intraOpNumThreads));
  if (opts.interOpNumThreads) out.interOpNumThreads = Math.max(1, Math.floor(opts.interOpNumThreads));
  return out;
}

function missingFiles(folder: string, onnxFile: string): string[] {
  return [...REQUIRED_FILES, onnxFile].filter((f) => !existsSync(path.join(folder, f)));
}

async function shortHash(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex').slice(0, 12);
}

type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Aborts a request whose response headers do not arrive in time; the body download is not limited. */
function fetchWithTimeout(base: FetchFn, ms: number): FetchFn {
  return async (input, init = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer from ${new URL(String(input)).host} within ${ms} ms`)),
      ms,
    );
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await base(input, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 300);
  const cause = e.cause as { code?: string; hostname?: string; message?: string } | undefined;
  const detail = cause
    ? ` (${cause.code ? [cause.code, cause.hostname].filter(Boolean).join(' ') : (cause.message ?? String(cause))})`
    : '';
  return `${e.message}${detail}`.replace(/\s+/g, ' ').slice(0, 300);
}
