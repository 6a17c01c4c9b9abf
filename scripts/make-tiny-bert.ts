/**
 * Writes a BERT-shaped ONNX encoder with deterministic pseudo-random weights, plus the
 * tokenizer/config files @huggingface/transformers needs to load it as a local model.
 *
 *   npx tsx scripts/make-tiny-bert.ts                      # tests/fixtures/models/tiny-bert
 *   npx tsx scripts/make-tiny-bert.ts --out /tmp/models/minilm-shaped \
 *     --layers 6 --hidden 384 --heads 12 --ffn 1536 --vocab 30522   # MiniLM-shaped, for benchmarks
 *
 * Output (DIR = --out, whose last folder name is the model name):
 *   DIR/onnx/model.onnx            fp32          (dtype 'fp32')
 *   DIR/onnx/model_quantized.onnx  dynamic int8  (dtype 'q8': DynamicQuantizeLinear + MatMulInteger,
 *                                  the same structure as the Xenova q8 exports)
 *   DIR/tokenizer.json, DIR/tokenizer_config.json, DIR/config.json
 *
 * The ONNX protobuf is encoded by hand below (opset 14, IR 7). The vectors mean nothing:
 * the model exists to exercise the real loading and inference path offline.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../bench/random.js';

// ---------------------------------------------------------------- options

interface Options {
  out: string;
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  vocab: number;
  maxPositions: number;
  seed: number;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: 'string' },
      layers: { type: 'string' },
      hidden: { type: 'string' },
      heads: { type: 'string' },
      ffn: { type: 'string' },
      vocab: { type: 'string' },
      'max-positions': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: tsx scripts/make-tiny-bert.ts [--out DIR] [--layers N] [--hidden H] [--heads A] [--ffn F] [--vocab V] [--max-positions P] [--seed S]');
    process.exit(0);
  }
  const int = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer, got "${value}"`);
    return n;
  };
  const o: Options = {
    out: values.out ? path.resolve(values.out) : path.join(repoRoot, 'tests/fixtures/models/tiny-bert'),
    layers: int('layers', values.layers, 2),
    hidden: int('hidden', values.hidden, 32),
    heads: int('heads', values.heads, 4),
    ffn: int('ffn', values.ffn, 128),
    vocab: int('vocab', values.vocab, 2000),
    maxPositions: int('max-positions', values['max-positions'], 512),
    seed: int('seed', values.seed, 42),
  };
  if (o.layers < 1 || o.hidden < 1 || o.heads < 1 || o.ffn < 1 || o.maxPositions < 2) {
    throw new Error('layers, hidden, heads, ffn must be >= 1 and max-positions >= 2');
  }
  if (o.hidden % o.heads !== 0) throw new Error(`--hidden ${o.hidden} is not divisible by --heads ${o.heads}`);
  return o;
}

// ---------------------------------------------------------------- PRNG

/** Uniform and normal draws from mulberry32 (bench/random.ts): small, fast, deterministic. */
class Rng {
  private readonly uniform: () => number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.uniform = mulberry32(seed);
  }
  next(): number {
    return this.uniform();
  }
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function randn(rng: Rng, n: number, std: number, mean = 0): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = mean + std * rng.normal();
  return a;
}

// ---------------------------------------------------------------- protobuf writer

/** Minimal protobuf encoder: enough for the ONNX messages used here. */
class Pb {
  private parts: Uint8Array[] = [];

  private raw(b: Uint8Array): void {
    this.parts.push(b);
  }
  private varintRaw(n: number | bigint): void {
    let v = typeof n === 'bigint' ? BigInt.asUintN(64, n) : n < 0 ? BigInt.asUintN(64, BigInt(n)) : n;
    const out: number[] = [];
    if (typeof v === 'bigint') {
      while (v > 0x7fn) {
        out.push(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
      }
      out.push(Number(v));
    } else {
      if (!Number.isSafeInteger(v)) throw new Error(`varint out of range: ${v}`);
      while (v > 0x7f) {
        out.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
      }
      out.push(v);
    }
    this.raw(Uint8Array.from(out));
  }
  private tag(field: number, wire: number): void {
    this.varintRaw(field * 8 + wire);
  }
  int(field: number, n: number | bigint): this {
    this.tag(field, 0);
    this.varintRaw(n);
    return this;
  }
  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2);
    this.varintRaw(b.length);
    this.raw(b);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, Buffer.from(s, 'utf8'));
  }
  float(field: number, f: number): this {
    this.tag(field, 5);
    const b = Buffer.alloc(4);
    b.writeFloatLE(f);
    this.raw(b);
    return this;
  }
  message(field: number, m: Pb): this {
    return this.bytes(field, m.finish());
  }
  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

// ---------------------------------------------------------------- ONNX graph builder

/** TensorProto.DataType values. */
const DType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;
type DType = (typeof DType)[keyof typeof DType];

type Attr =
  | { name: string; int: number }
  | { name: string; ints: number[] }
  | { name: string; float: number };

function attrProto(a: Attr): Pb {
  const p = new Pb().string(1, a.name);
  if ('int' in a) p.int(3, a.int).int(20, 2);
  else if ('float' in a) p.float(2, a.float).int(20, 1);
  else {
    for (const v of a.ints) p.int(8, v);
    p.int(20, 7);
  }
  return p;
}

function valueInfo(name: string, elemType: DType, dims: (number | string)[]): Pb {
  const shape = new Pb();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new Pb().int(1, d) : new Pb().string(2, d));
  const tensorType = new Pb().int(1, elemType).message(2, shape);
  return new Pb().string(1, name).message(2, new Pb().message(1, tensorType));
}

function bytesOf(a: Float32Array | Int8Array | Uint8Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

class Graph {
  private nodes: Pb[] = [];
  private inits: Pb[] = [];
  private counter = 0;
  private constCache = new Map<string, string>();

  tensor(name: string, dims: number[], type: DType, data: Uint8Array): string {
    const t = new Pb();
    for (const d of dims) t.int(1, d);
    t.int(2, type).string(8, name).bytes(9, data);
    this.inits.push(t);
    return name;
  }
  f32(name: string, dims: number[], data: Float32Array): string {
    return this.tensor(name, dims, DType.FLOAT, bytesOf(data));
  }
  /** Shared scalar/vector constants. */
  constF(v: number): string {
    const key = `f:${v}`;
    let n = this.constCache.get(key);
    if (!n) this.constCache.set(key, (n = this.f32(`const_f_${this.constCache.size}`, [], Float32Array.of(v))));
    return n;
  }
  constI64(values: number[], scalar = false): string {
    const key = `i:${scalar}:${values.join(',')}`;
    let n = this.constCache.get(key);
    if (!n) {
      const data = BigInt64Array.from(values.map((v) => BigInt(v)));
      n = this.tensor(`const_i_${this.constCache.size}`, scalar ? [] : [values.length], DType.INT64, bytesOf(data));
      this.constCache.set(key, n);
    }
    return n;
  }
  op(type: string, inputs: string[], attrs: Attr[] = [], nOut = 1): string[] {
    const id = this.counter++;
    const outs = Array.from({ length: nOut }, (_, i) => `${type.toLowerCase()}_${id}${nOut > 1 ? `_${i}` : ''}`);
    const n = new Pb();
    for (const i of inputs) n.string(1, i);
    for (const o of outs) n.string(2, o);
    n.string(3, `${type}_${id}`).string(4, type);
    for (const a of attrs) n.message(5, attrProto(a));
    this.nodes.push(n);
    return outs;
  }
  op1(type: string, inputs: string[], attrs: Attr[] = []): string {
    return this.op(type, inputs, attrs, 1)[0];
  }
  /** Renames the final value by routing it through Identity. */
  output(value: string, name: string): void {
    const n = new Pb().string(1, value).string(2, name).string(3, `Identity_${name}`).string(4, 'Identity');
    this.nodes.push(n);
  }
  model(inputs: Pb[], outputs: Pb[], graphName: string): Buffer {
    const g = new Pb();
    for (const n of this.nodes) g.message(1, n);
    g.string(2, graphName);
    for (const t of this.inits) g.message(5, t);
    for (const i of inputs) g.message(11, i);
    for (const o of outputs) g.message(12, o);
    return new Pb()
      .int(1, 7) // ir_version
      .string(2, 'epistle-make-tiny-bert')
      .string(3, '1')
      .message(7, g)
      .message(8, new Pb().string(1, '').int(2, 14)) // opset_import
      .finish();
  }
}

// ---------------------------------------------------------------- weights

interface Linear {
  w: Float32Array; // [in, out], row-major (x @ w)
  b: Float32Array;
  inDim: number;
  outDim: number;
}
interface Norm {
  g: Float32Array;
  b: Float32Array;
}
interface LayerWeights {
  q: Linear;
  k: Linear;
  v: Linear;
  o: Linear;
  ln1: Norm;
  up: Linear;
  down: Linear;
  ln2: Norm;
}
interface Weights {
  word: Float32Array;
  pos: Float32Array;
  type: Float32Array;
  embLn: Norm;
  layers: LayerWeights[];
}

function makeWeights(o: Options, vocabSize: number): Weights {
  const rng = new Rng(o.seed);
  const H = o.hidden;
  const linear = (inDim: number, outDim: number): Linear => ({
    w: randn(rng, inDim * outDim, 1 / Math.sqrt(inDim)),
    b: randn(rng, outDim, 0.02),
    inDim,
    outDim,
  });
  const norm = (): Norm => ({ g: randn(rng, H, 0.05, 1), b: randn(rng, H, 0.02) });
  const word = randn(rng, vocabSize * H, 1);
  const pos = randn(rng, o.maxPositions * H, 0.2);
  const type = randn(rng, 2 * H, 0.2);
  const embLn = norm();
  const layers: LayerWeights[] = [];
  for (let l = 0; l < o.layers; l++) {
    layers.push({
      q: linear(H, H),
      k: linear(H, H),
      v: linear(H, H),
      o: linear(H, H),
      ln1: norm(),
      up: linear(H, o.ffn),
      down: linear(o.ffn, H),
      ln2: norm(),
    });
  }
  return { word, pos, type, embLn, layers };
}

/** Symmetric per-tensor int8. */
function quantizeInt8(w: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { q, scale };
}

/** Asymmetric per-tensor uint8 (for the embedding table). */
function quantizeUint8(w: Float32Array): { q: Uint8Array; scale: number; zero: number } {
  let min = 0;
  let max = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] < min) min = w[i];
    if (w[i] > max) max = w[i];
  }
  const scale = max > min ? (max - min) / 255 : 1;
  const zero = Math.max(0, Math.min(255, Math.round(-min / scale)));
  const q = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(0, Math.min(255, Math.round(w[i] / scale) + zero));
  return { q, scale, zero };
}

// ---------------------------------------------------------------- graph

function buildModel(o: Options, vocabSize: number, w: Weights, quantized: boolean): Buffer {
  const g = new Graph();
  const H = o.hidden;
  const A = o.heads;
  const D = H / A;

  const linear = (x: string, lw: Linear, name: string): string => {
    const bias = g.f32(`${name}.bias`, [lw.outDim], lw.b);
    if (!quantized) {
      const weight = g.f32(`${name}.weight`, [lw.inDim, lw.outDim], lw.w);
      return g.op1('Add', [g.op1('MatMul', [x, weight]), bias]);
    }
    const { q, scale } = quantizeInt8(lw.w);
    const weight = g.tensor(`${name}.weight_quantized`, [lw.inDim, lw.outDim], DType.INT8, bytesOf(q));
    const wScale = g.f32(`${name}.weight_scale`, [], Float32Array.of(scale));
    const [xq, xScale, xZero] = g.op('DynamicQuantizeLinear', [x], [], 3);
    const acc = g.op1('MatMulInteger', [xq, weight, xZero]);
    const accF = g.op1('Cast', [acc], [{ name: 'to', int: DType.FLOAT }]);
    const y = g.op1('Mul', [accF, g.op1('Mul', [xScale, wScale])]);
    return g.op1('Add', [y, bias]);
  };

  const layerNorm = (x: string, n: Norm, name: string): string => {
    const mean = g.op1('ReduceMean', [x], [{ name: 'axes', ints: [-1] }]);
    const d = g.op1('Sub', [x, mean]);
    const variance = g.op1('ReduceMean', [g.op1('Mul', [d, d])], [{ name: 'axes', ints: [-1] }]);
    const std = g.op1('Sqrt', [g.op1('Add', [variance, g.constF(1e-12)])]);
    const normed = g.op1('Div', [d, std]);
    return g.op1('Add', [g.op1('Mul', [normed, g.f32(`${name}.gamma`, [H], n.g)]), g.f32(`${name}.beta`, [H], n.b)]);
  };

  // Embeddings: word + position + token type, then LayerNorm.
  let wordEmb: string;
  if (quantized) {
    const { q, scale, zero } = quantizeUint8(w.word);
    const table = g.tensor('embeddings.word_embeddings.weight_quantized', [vocabSize, H], DType.UINT8, q);
    const gathered = g.op1('Gather', [table, 'input_ids'], [{ name: 'axis', int: 0 }]);
    const sc = g.f32('embeddings.word_embeddings.scale', [], Float32Array.of(scale));
    const zp = g.tensor('embeddings.word_embeddings.zero_point', [], DType.UINT8, Uint8Array.of(zero));
    wordEmb = g.op1('DequantizeLinear', [gathered, sc, zp]);
  } else {
    const table = g.f32('embeddings.word_embeddings.weight', [vocabSize, H], w.word);
    wordEmb = g.op1('Gather', [table, 'input_ids'], [{ name: 'axis', int: 0 }]);
  }
  const seqLen = g.op1('Gather', [g.op1('Shape', ['input_ids']), g.constI64([1], true)], [{ name: 'axis', int: 0 }]);
  const positionIds = g.op1('Range', [g.constI64([0], true), seqLen, g.constI64([1], true)]);
  const posTable = g.f32('embeddings.position_embeddings.weight', [o.maxPositions, H], w.pos);
  const posEmb = g.op1('Gather', [posTable, positionIds], [{ name: 'axis', int: 0 }]);
  const typeTable = g.f32('embeddings.token_type_embeddings.weight', [2, H], w.type);
  const typeEmb = g.op1('Gather', [typeTable, 'token_type_ids'], [{ name: 'axis', int: 0 }]);
  let x = g.op1('Add', [g.op1('Add', [wordEmb, posEmb]), typeEmb]);
  x = layerNorm(x, w.embLn, 'embeddings.LayerNorm');

  // Additive mask [batch, 1, 1, seq]: 0 where attended, -10000 at padding (exp underflows to 0).
  const maskF = g.op1('Cast', ['attention_mask'], [{ name: 'to', int: DType.FLOAT }]);
  const mask4 = g.op1('Unsqueeze', [maskF, g.constI64([1, 2])]);
  const additiveMask = g.op1('Mul', [g.op1('Sub', [g.constF(1), mask4]), g.constF(-10000)]);

  const splitHeads = g.constI64([0, 0, A, D]);
  const mergeHeads = g.constI64([0, 0, H]);
  const invSqrtD = g.constF(1 / Math.sqrt(D));

  w.layers.forEach((lw, l) => {
    const p = `encoder.layer.${l}`;
    const q = g.op1('Transpose', [g.op1('Reshape', [linear(x, lw.q, `${p}.attention.query`), splitHeads])], [
      { name: 'perm', ints: [0, 2, 1, 3] },
    ]);
    const kT = g.op1('Transpose', [g.op1('Reshape', [linear(x, lw.k, `${p}.attention.key`), splitHeads])], [
      { name: 'perm', ints: [0, 2, 3, 1] },
    ]);
    const v = g.op1('Transpose', [g.op1('Reshape', [linear(x, lw.v, `${p}.attention.value`), splitHeads])], [
      { name: 'perm', ints: [0, 2, 1, 3] },
    ]);
    const scores = g.op1('Add', [g.op1('Mul', [g.op1('MatMul', [q, kT]), invSqrtD]), additiveMask]);
    const probs = g.op1('Softmax', [scores], [{ name: 'axis', int: -1 }]);
    const ctx = g.op1('Reshape', [
      g.op1('Transpose', [g.op1('MatMul', [probs, v])], [{ name: 'perm', ints: [0, 2, 1, 3] }]),
      mergeHeads,
    ]);
    const attnOut = linear(ctx, lw.o, `${p}.attention.output`);
    x = layerNorm(g.op1('Add', [attnOut, x]), lw.ln1, `${p}.attention.LayerNorm`);

    // GELU (erf form): 0.5 * h * (1 + erf(h / sqrt(2)))
    const h = linear(x, lw.up, `${p}.intermediate`);
    const erf = g.op1('Erf', [g.op1('Mul', [h, g.constF(Math.SQRT1_2)])]);
    const gelu = g.op1('Mul', [g.op1('Mul', [h, g.constF(0.5)]), g.op1('Add', [erf, g.constF(1)])]);
    const ffnOut = linear(gelu, lw.down, `${p}.output`);
    x = layerNorm(g.op1('Add', [ffnOut, x]), lw.ln2, `${p}.output.LayerNorm`);
  });

  g.output(x, 'last_hidden_state');
  const dyn = ['batch_size', 'sequence_length'];
  return g.model(
    [
      valueInfo('input_ids', DType.INT64, dyn),
      valueInfo('attention_mask', DType.INT64, dyn),
      valueInfo('token_type_ids', DType.INT64, dyn),
    ],
    [valueInfo('last_hidden_state', DType.FLOAT, [...dyn, H])],
    quantized ? 'tiny_bert_quantized' : 'tiny_bert',
  );
}

// ---------------------------------------------------------------- vocabulary

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

// Frequent English words, so ordinary questions tokenize into whole words.
const COMMON_WORDS = `
the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their
time if will way about many then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call first who may down side been
now find any new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put
home read hand port large spell add even land here must big high such follow act why ask men change went
light kind off need house picture try us again animal point mother world near build self earth father head
stand own page should country found answer school grow study still learn plant cover food sun four between
state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late
run while press close night real life few north open seem together next white children begin got walk
example ease paper group always music those both mark often letter until mile river car feet care second
book carry took science eat room friend began idea fish mountain stop once base hear horse cut sure watch
color face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body
dog family direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole king space heard
best hour better true during hundred five remember step early hold west ground interest reach fast verb sing
listen six table travel less morning ten simple several vowel toward war lay against pattern slow center love
person money serve appear road map rain rule govern pull cold notice voice unit power town fine certain fly
fall lead cry dark machine note wait plan figure star box noun field rest correct able pound done beauty drive
stood contain front teach week final gave green oh quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide
surface deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh
thousand ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east paint
language among dear sir madam regards sincerely yours thank thanks please request reply regarding meeting
report committee council parliament member members government law court decision risk danger protect
protected protection torture treatment sent send russia ukraine european union brussels may june july
`;

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'ers', 'est', 'tion', 'tions', 'ment', 'ness', 'al', 'ity', 'ive', 'ous', 'able', 'ise', 'ize'];

/** BertNormalizer(lowercase, strip accents) + BertPreTokenizer, approximately. */
function preTokenize(text: string): string[] {
  const norm = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  return norm.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

function readSeedWords(): string[] {
  const dir = path.join(repoRoot, 'seeds');
  if (!existsSync(dir)) return [];
  const counts = new Map<string, number>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    for (const t of preTokenize(readFileSync(path.join(dir, f), 'utf8'))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
}

function buildVocab(size: number, seed: number): string[] {
  const vocab: string[] = [];
  const seen = new Set<string>();
  const add = (t: string): void => {
    if (t && !seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  SPECIALS.forEach(add);
  // Every ASCII letter/digit/punctuation as a word start and as a continuation, so no word is [UNK].
  const chars: string[] = [];
  for (let c = 33; c < 127; c++) {
    const ch = String.fromCharCode(c);
    if (!/[A-Z]/.test(ch)) chars.push(ch);
  }
  const seedWords = readSeedWords();
  for (const w of seedWords) if ([...w].length === 1 && !chars.includes(w)) chars.push(w);
  for (const ch of chars) add(ch);
  for (const ch of chars) if (/[\p{L}\p{N}]/u.test(ch)) add(`##${ch}`);
  SUFFIXES.forEach((s) => add(`##${s}`));
  if (vocab.length > size) throw new Error(`--vocab ${size} is too small: need at least ${vocab.length} base tokens`);
  const words = [...COMMON_WORDS.split(/\s+/).filter(Boolean), ...seedWords];
  for (const w of words) {
    if (vocab.length >= size) break;
    add(w);
  }
  // Deterministic synthetic fill: pseudo-words and continuation pieces made of syllables.
  const rng = new Rng(seed ^ 0x5bd1e995);
  const onsets = ['', 'b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'st', 'tr', 'pl', 'gr', 'sh', 'th'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y'];
  const codas = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck'];
  while (vocab.length < size) {
    const syllables = 1 + rng.int(3);
    let w = '';
    for (let i = 0; i < syllables; i++) w += onsets[rng.int(onsets.length)] + vowels[rng.int(vowels.length)] + codas[rng.int(codas.length)];
    add(rng.next() < 0.3 ? `##${w}` : w);
  }
  return vocab;
}

// ---------------------------------------------------------------- tokenizer / config files

function tokenizerJson(vocab: string[]): unknown {
  const id = (t: string): number => vocab.indexOf(t);
  const special = (t: string): unknown => ({ id: t, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

function tokenizerConfig(maxLength: number): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    model_max_length: maxLength,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
}

function modelConfig(o: Options, vocabSize: number): unknown {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: vocabSize,
    hidden_size: o.hidden,
    num_hidden_layers: o.layers,
    num_attention_heads: o.heads,
    intermediate_size: o.ffn,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0,
    attention_probs_dropout_prob: 0,
    max_position_embeddings: o.maxPositions,
    type_vocab_size: 2,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    _generated_by: `scripts/make-tiny-bert.ts --layers ${o.layers} --hidden ${o.hidden} --heads ${o.heads} --ffn ${o.ffn} --vocab ${o.vocab} --max-positions ${o.maxPositions} --seed ${o.seed}`,
  };
}

// ---------------------------------------------------------------- main

function main(): void {
  if (endianness() !== 'LE') throw new Error('raw tensor data is written in host byte order; needs a little-endian host');
  const o = options(process.argv.slice(2));
  const t0 = performance.now();
  const vocab = buildVocab(o.vocab, o.seed);
  const weights = makeWeights(o, vocab.length);
  mkdirSync(path.join(o.out, 'onnx'), { recursive: true });
  const files: [string, Buffer | string][] = [
    ['onnx/model.onnx', buildModel(o, vocab.length, weights, false)],
    ['onnx/model_quantized.onnx', buildModel(o, vocab.length, weights, true)],
    ['tokenizer.json', JSON.stringify(tokenizerJson(vocab)) + '\n'],
    ['tokenizer_config.json', JSON.stringify(tokenizerConfig(o.maxPositions), null, 2) + '\n'],
    ['config.json', JSON.stringify(modelConfig(o, vocab.length), null, 2) + '\n'],
  ];
  let total = 0;
  for (const [name, data] of files) {
    writeFileSync(path.join(o.out, name), data);
    const size = Buffer.byteLength(data);
    total += size;
    console.log(`${name.padEnd(26)} ${(size / 1024).toFixed(1).padStart(10)} KiB`);
  }
  console.log(
    `wrote ${o.out} (${(total / 1024 / 1024).toFixed(2)} MiB, vocab ${vocab.length}, ` +
      `${o.layers}x${o.hidden}, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}

main();
