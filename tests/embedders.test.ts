import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import { modelSpec } from '../src/indexing/embedders/models.js';
import { createEmbedder, EmbedderUnavailableError } from '../src/indexing/embedders/select.js';
import { ModelLoadError, TransformersEmbedder } from '../src/indexing/embedders/transformers.js';

const MODELS = fileURLToPath(new URL('./fixtures/models', import.meta.url));
const FIXTURE = path.join(MODELS, 'tiny-bert');
const HIDDEN = (JSON.parse(readFileSync(path.join(FIXTURE, 'config.json'), 'utf8')) as { hidden_size: number })
  .hidden_size;

const seedWords = readFileSync(fileURLToPath(new URL('../seeds/000_54ce065e8f9db68d.txt', import.meta.url)), 'utf8')
  .split(/\s+/)
  .filter(Boolean);
const PASSAGES = [
  'Brussels, 25 May 2015',
  'Is there a danger he would be mistreated if sent to Russia?',
  seedWords.slice(0, 120).join(' '),
  'Committee on Economic and Monetary Affairs',
  '',
  'ΕΥΡΩΠΑΪΚΟ ΚΟΙΝΟΒΟΥΛΙΟ — Europäisches Parlament',
  seedWords.slice(200, 260).join(' '),
  'ok',
  seedWords.slice(300, 700).join(' '), // longer than the 512-token limit: truncated
];

const norm = (v: Float32Array): number => Math.hypot(...v);
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'epistle-embedders-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('TransformersEmbedder on the tiny-bert fixture', { timeout: 60_000 }, () => {
  let q8: TransformersEmbedder;
  let fp32: TransformersEmbedder;

  beforeAll(async () => {
    q8 = await TransformersEmbedder.load({ model: 'tiny-bert', modelDir: MODELS, allowRemote: false, batchSize: 4 });
    fp32 = await TransformersEmbedder.load({
      model: 'tiny-bert',
      modelDir: MODELS,
      dtype: 'fp32',
      allowRemote: false,
      batchSize: 4,
    });
  }, 60_000);
  afterAll(async () => {
    await q8?.dispose();
    await fp32?.dispose();
  });

  it('loads from modelDir with discovered dimensions and a file-hash revision', () => {
    expect(q8.source).toBe('dir');
    expect(q8.id).toMatchObject({ backend: 'transformers', model: 'tiny-bert', dimensions: HIDDEN });
    expect(q8.id.revision).toMatch(/^[0-9a-f]{12}$/);
    // Different ONNX files (q8 vs fp32) give different revisions.
    expect(fp32.id.revision).toMatch(/^[0-9a-f]{12}$/);
    expect(fp32.id.revision).not.toBe(q8.id.revision);
    expect(modelSpec('tiny-bert')).toMatchObject({ unknown: true, pooling: 'mean', queryPrefix: '', passagePrefix: '' });
  });

  it('returns one unit-length vector per text, in order', async () => {
    for (const e of [q8, fp32]) {
      const vs = await e.embed(PASSAGES, 'passage');
      expect(vs).toHaveLength(PASSAGES.length);
      for (const v of vs) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(HIDDEN);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
      // Distinct texts, distinct vectors.
      expect(maxDiff(vs[0], vs[1])).toBeGreaterThan(1e-3);
    }
    expect(await q8.embed([], 'passage')).toEqual([]);
  });

  it('is deterministic', async () => {
    const a = await q8.embed(PASSAGES, 'passage');
    const b = await q8.embed(PASSAGES, 'passage');
    a.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(b[i])));
  });

  it('gives the same vectors batched as one by one (fp32: padding is masked)', async () => {
    const batched = await fp32.embed(PASSAGES, 'passage');
    for (let i = 0; i < PASSAGES.length; i++) {
      const [single] = await fp32.embed([PASSAGES[i]], 'passage');
      expect(maxDiff(single, batched[i])).toBeLessThan(1e-5);
    }
  });

  it('q8 batched stays close to one by one (activation scales are per batch)', async () => {
    const batched = await q8.embed(PASSAGES, 'passage');
    for (let i = 0; i < PASSAGES.length; i++) {
      const [single] = await q8.embed([PASSAGES[i]], 'passage');
      expect(dot(single, batched[i])).toBeGreaterThan(0.999);
    }
  });

  it('applies query and passage prefixes from options', async () => {
    const prefixed = await TransformersEmbedder.load({
      model: 'tiny-bert',
      modelDir: MODELS,
      allowRemote: false,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    });
    try {
      expect(prefixed.id).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
      expect(prefixed.id.revision).toBe(q8.id.revision);
      const text = PASSAGES[1];
      const [q] = await prefixed.embed([text], 'query');
      const [p] = await prefixed.embed([text], 'passage');
      const [qRef] = await q8.embed([`query: ${text}`], 'passage');
      const [pRef] = await q8.embed([`passage: ${text}`], 'passage');
      expect(maxDiff(q, qRef)).toBe(0);
      expect(maxDiff(p, pRef)).toBe(0);
      expect(maxDiff(q, p)).toBeGreaterThan(1e-3);
    } finally {
      await prefixed.dispose();
    }
  });

  it('applies the registry conventions of a known model name', async () => {
    // The fixture files under registry names: e5 (mean pooling, prefixes) and bge (CLS, query instruction).
    const dir = path.join(scratch, 'registry-models');
    for (const name of ['Xenova/multilingual-e5-small', 'Xenova/bge-small-en-v1.5']) {
      mkdirSync(path.join(dir, name), { recursive: true });
      cpSync(FIXTURE, path.join(dir, name), { recursive: true });
    }
    const e5 = await TransformersEmbedder.load({ model: 'Xenova/multilingual-e5-small', modelDir: dir, allowRemote: false });
    const bge = await TransformersEmbedder.load({ model: 'Xenova/bge-small-en-v1.5', modelDir: dir, allowRemote: false });
    const cls = await TransformersEmbedder.load({ model: 'tiny-bert', modelDir: MODELS, allowRemote: false, pooling: 'cls' });
    try {
      const text = PASSAGES[0];
      expect(e5.id).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ', dimensions: HIDDEN });
      expect(maxDiff((await e5.embed([text], 'query'))[0], (await q8.embed([`query: ${text}`], 'passage'))[0])).toBe(0);
      expect(maxDiff((await e5.embed([text], 'passage'))[0], (await q8.embed([`passage: ${text}`], 'passage'))[0])).toBe(0);

      const instruction = modelSpec('Xenova/bge-small-en-v1.5').queryPrefix;
      expect(instruction).toBe('Represent this sentence for searching relevant passages: ');
      expect(bge.id).toMatchObject({ queryPrefix: instruction, passagePrefix: '' });
      expect(bge.spec.pooling).toBe('cls');
      expect(maxDiff((await bge.embed([text], 'query'))[0], (await cls.embed([instruction + text], 'passage'))[0])).toBe(0);
      expect(maxDiff((await bge.embed([text], 'passage'))[0], (await cls.embed([text], 'passage'))[0])).toBe(0);
      // CLS pooling really differs from mean pooling.
      expect(maxDiff((await cls.embed([text], 'passage'))[0], (await q8.embed([text], 'passage'))[0])).toBeGreaterThan(1e-3);
    } finally {
      await Promise.all([e5.dispose(), bge.dispose(), cls.dispose()]);
    }
  });

  it('says what it tried when the model is nowhere', async () => {
    const err = await TransformersEmbedder.load({
      model: 'tiny-bert',
      modelDir: path.join(scratch, 'no-such-dir'),
      cacheDir: path.join(scratch, 'empty-cache'),
      allowRemote: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    const msg = (err as Error).message;
    expect(msg).toContain('EMBEDDING_MODEL_DIR');
    expect(msg).toContain('missing');
    expect(msg).toContain('not cached');
    expect(msg).toContain('tiny-bert/onnx/model_quantized.onnx');
    expect(msg.split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('BundledEmbedder', { timeout: 60_000 }, () => {
  let bundled: BundledEmbedder;
  beforeAll(async () => {
    bundled = await BundledEmbedder.load();
  }, 60_000);
  afterAll(async () => bundled?.dispose());

  it('loads with 512 dimensions and returns unit vectors', async () => {
    expect(bundled.id).toMatchObject({ backend: 'bundled', dimensions: 512, queryPrefix: '', passagePrefix: '' });
    const vs = await bundled.embed([...PASSAGES, '  \n\t '], 'passage');
    expect(vs).toHaveLength(PASSAGES.length + 1);
    for (const v of vs) {
      expect(v.length).toBe(512);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('ranks a paraphrase above unrelated text', async () => {
    const [q, ...docs] = await bundled.embed(
      [
        'Is there a danger he would be mistreated if sent to Russia?',
        'he should be protected from the serious risk of torture and other types of ill treatment he would face if sent to Russia or Ukraine',
        'Committee on Economic and Monetary Affairs',
        'Brussels, 25 May 2015',
      ],
      'query',
    );
    const [paraphrase, committee, date] = docs.map((d) => dot(q, d));
    expect(paraphrase).toBeGreaterThan(committee);
    expect(paraphrase).toBeGreaterThan(date);
  });

  it('handles a very long text (its tokenizer is quadratic, so input is chunked and capped)', async () => {
    const long = seedWords.join(' ').repeat(10); // ~100k chars
    const [v] = await bundled.embed([long], 'passage');
    expect(norm(v)).toBeCloseTo(1, 5);
  });
});

describe('createEmbedder', { timeout: 60_000 }, () => {
  const base = { remoteTimeoutMs: 5_000 };

  it("'auto' falls back to bundled and logs once when the model cannot be loaded", async () => {
    const logs: string[] = [];
    const e = await createEmbedder({
      ...base,
      embedder: 'auto',
      model: 'Xenova/does-not-exist',
      cacheDir: path.join(scratch, 'empty-cache'),
      log: (m) => logs.push(m),
    });
    try {
      expect(e.id.backend).toBe('bundled');
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain('bundled');
      expect(logs[0]).toContain('Xenova/does-not-exist');
      expect(logs[0]).toContain('EMBEDDING_MODEL_DIR');
    } finally {
      await e.dispose?.();
    }
  });

  it("'transformers' throws the message instead", async () => {
    const logs: string[] = [];
    const err = await createEmbedder({
      ...base,
      embedder: 'transformers',
      model: 'Xenova/does-not-exist',
      cacheDir: path.join(scratch, 'empty-cache'),
      log: (m) => logs.push(m),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderUnavailableError);
    expect((err as Error).message).toContain('EMBEDDING_MODEL_DIR');
    expect((err as Error).message).toContain('Xenova/does-not-exist/onnx/model_quantized.onnx');
    expect(logs).toEqual([]);
  });

  it("'auto' uses the transformers model when it loads, and 'bundled' uses bundled", async () => {
    const logs: string[] = [];
    const t = await createEmbedder({ embedder: 'auto', model: 'tiny-bert', modelDir: MODELS, log: (m) => logs.push(m) });
    const b = await createEmbedder({ embedder: 'bundled', model: 'tiny-bert', modelDir: MODELS, log: (m) => logs.push(m) });
    try {
      expect(t.id).toMatchObject({ backend: 'transformers', model: 'tiny-bert', dimensions: HIDDEN });
      expect(b.id.backend).toBe('bundled');
      expect(logs).toEqual([]);
    } finally {
      await t.dispose?.();
      await b.dispose?.();
    }
  });
});
