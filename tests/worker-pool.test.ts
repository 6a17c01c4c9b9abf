import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import type { Embedder } from '../src/indexing/embedders/embedder.js';
import { createEmbedder } from '../src/indexing/embedders/select.js';
import { TransformersEmbedder } from '../src/indexing/embedders/transformers.js';
import { intraOpThreadsPerWorker, recipeFor, WorkerPoolEmbedder, type EmbedderRecipe } from '../src/indexing/embedders/worker-pool.js';
import { load as loadFaulty, type FaultyOptions } from './fixtures/faulty-embedder.js';

const MODELS = fileURLToPath(new URL('./fixtures/models', import.meta.url));
const FAULTY = new URL('./fixtures/faulty-embedder.ts', import.meta.url).href;

const words = readFileSync(fileURLToPath(new URL('../seeds/000_54ce065e8f9db68d.txt', import.meta.url)), 'utf8')
  .split(/\s+/)
  .filter(Boolean);
/** `n` texts of varied lengths (a few words to ~600 chars), all distinct. */
const texts = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${i}: ${words.slice((i * 7) % 300, ((i * 7) % 300) + 3 + ((i * 13) % 90)).join(' ')}`);

const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
function expectSameVectors(got: Float32Array[], want: Float32Array[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => {
    expect(v.length).toBe(want[i].length);
    expect(maxDiff(v, want[i])).toBeLessThan(1e-5);
  });
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'epistle-pool-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('WorkerPoolEmbedder with the bundled embedder', { timeout: 60_000 }, () => {
  let main: BundledEmbedder;
  let pool: WorkerPoolEmbedder;
  beforeAll(async () => {
    main = await BundledEmbedder.load({ batchSize: 8 });
    // Batches of 8 per worker message: 24 texts are 3 batches over 2 workers.
    pool = new WorkerPoolEmbedder(main, { workers: 2, batchSize: 8 });
  }, 60_000);
  afterAll(async () => pool?.dispose());

  it('starts no worker before the first large call, and answers small calls on the main thread', async () => {
    expect(pool.id).toEqual(main.id);
    const [v] = await pool.embed(['Who wrote to the minister?'], 'query');
    expect(maxDiff(v, (await main.embed(['Who wrote to the minister?'], 'query'))[0])).toBe(0);
    expect(pool.running).toBe(0);
  });

  it('gives the main thread’s vectors, in order, for more texts than one batch', async () => {
    const input = texts(24);
    const got = await pool.embed(input, 'passage');
    expect(pool.running).toBe(2);
    expectSameVectors(got, await main.embed(input, 'passage'));
  });

  it('answers a question while a large call is in flight, and the main thread stays responsive', async () => {
    let largeDone = false;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const large = pool.embed(texts(48), 'passage').then((vs) => {
        largeDone = true;
        return vs;
      });
      const t0 = performance.now();
      const [q] = await pool.embed(['Is there a danger he would be mistreated?'], 'query');
      const questionMs = performance.now() - t0;
      expect(q).toHaveLength(512);
      expect(largeDone).toBe(false);
      const vs = await large;
      expect(vs).toHaveLength(48);
      expect(questionMs).toBeLessThan(2_000);
      // The build ran in the workers: timers on this thread kept firing.
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(timer);
    }
  });

  it('dispose terminates the workers', async () => {
    expect(pool.running).toBe(2);
    await pool.dispose();
    expect(pool.running).toBe(0);
    await expect(pool.embed(texts(10), 'passage')).rejects.toThrow(/disposed/);
  });
});

describe('WorkerPoolEmbedder with the tiny transformers model', { timeout: 60_000 }, () => {
  const pools: Embedder[] = [];
  afterAll(async () => {
    for (const p of pools) await p.dispose?.();
  });

  it('gives the main thread’s vectors, in order (fp32, loaded from EMBEDDING_MODEL_DIR)', async () => {
    const main = await TransformersEmbedder.load({ model: 'tiny-bert', modelDir: MODELS, dtype: 'fp32', allowRemote: false, batchSize: 4 });
    const recipe = recipeFor(main, 2);
    expect(recipe).toMatchObject({ kind: 'transformers', options: { model: 'tiny-bert', modelDir: MODELS, dtype: 'fp32', allowRemote: false } });
    // The cores are shared out between the workers' ONNX Runtime sessions.
    expect([intraOpThreadsPerWorker(2, 2), intraOpThreadsPerWorker(1, 2), intraOpThreadsPerWorker(4, 2), intraOpThreadsPerWorker(2, 8)]).toEqual([1, 2, 1, 4]);
    const pool = new WorkerPoolEmbedder(main, { workers: 2 });
    pools.push(pool);
    const input = texts(30);
    expectSameVectors(await pool.embed(input, 'passage'), await main.embed(input, 'passage'));
    expect(pool.running).toBe(2);
  });

  it('loads a model found in the cache from there, offline', async () => {
    const cacheDir = path.join(scratch, 'cache');
    mkdirSync(cacheDir, { recursive: true });
    cpSync(path.join(MODELS, 'tiny-bert'), path.join(cacheDir, 'tiny-bert'), { recursive: true });
    const main = await TransformersEmbedder.load({ model: 'tiny-bert', cacheDir, dtype: 'fp32', allowRemote: false, batchSize: 4 });
    expect(main.source).toBe('cache');
    expect(recipeFor(main)).toMatchObject({ kind: 'transformers', options: { modelDir: undefined, cacheDir, allowRemote: false } });
    const pool = new WorkerPoolEmbedder(main, { workers: 1 });
    pools.push(pool);
    const input = texts(12);
    expectSameVectors(await pool.embed(input, 'passage'), await main.embed(input, 'passage'));
  });

  it("gives workers the embedder 'auto' resolved to (bundled after a fallback)", async () => {
    const logs: string[] = [];
    const e = await createEmbedder({
      embedder: 'auto',
      model: 'Xenova/does-not-exist',
      cacheDir: path.join(scratch, 'empty-cache'),
      allowRemote: false,
      workers: 2,
      log: (m) => logs.push(m),
    });
    pools.push(e);
    expect(e).toBeInstanceOf(WorkerPoolEmbedder);
    expect(e.id.backend).toBe('bundled');
    expect((e as WorkerPoolEmbedder).recipe.kind).toBe('bundled');
    expect((e as WorkerPoolEmbedder).running).toBe(0);
    expect(logs).toHaveLength(1);
    // EMBED_WORKERS=0: the plain embedder.
    const plain = await createEmbedder({ embedder: 'transformers', model: 'tiny-bert', modelDir: MODELS, workers: 0, log: () => {} });
    pools.push(plain);
    expect(plain).toBeInstanceOf(TransformersEmbedder);
  });
});

describe('WorkerPoolEmbedder failures', { timeout: 30_000 }, () => {
  const faulty = async (opts: FaultyOptions = {}, workerOpts: FaultyOptions = opts) => {
    const recipe: EmbedderRecipe = { kind: 'module', url: FAULTY, options: workerOpts };
    return new WorkerPoolEmbedder(await loadFaulty(opts), { workers: 2, batchSize: 4, recipe });
  };

  it('rejects the call a throwing worker served, naming the error; the next call works', async () => {
    const pool = await faulty();
    try {
      const input = texts(16);
      const want = await (await loadFaulty()).embed(input, 'passage');
      expectSameVectors(await pool.embed(input, 'passage'), want);
      await expect(pool.embed([...input.slice(0, 10), 'throw'], 'passage')).rejects.toThrow(/the faulty model refused "throw"/);
      expectSameVectors(await pool.embed(input, 'passage'), want);
      expect(pool.running).toBe(2);
    } finally {
      await pool.dispose();
    }
  });

  it('rejects the call a crashing worker served, naming the cause; the worker is replaced', async () => {
    const pool = await faulty();
    try {
      const input = texts(16);
      await expect(pool.embed([...input.slice(0, 10), 'crash'], 'passage')).rejects.toThrow(/crashed.*the faulty model crashed on "crash"/);
      const got = await pool.embed(input, 'passage');
      expectSameVectors(got, await (await loadFaulty()).embed(input, 'passage'));
      expect(pool.running).toBe(2);
    } finally {
      await pool.dispose();
    }
  });

  it('refuses workers that loaded another embedder', async () => {
    const pool = await faulty({ model: 'faulty' }, { model: 'another' });
    try {
      await expect(pool.embed(texts(16), 'passage')).rejects.toThrow(/another.*faulty.*refusing/);
      await expect(pool.warm()).rejects.toThrow(/refusing/);
      // Questions still work on the main thread.
      expect(await pool.embed(['a question'], 'query')).toHaveLength(1);
    } finally {
      await pool.dispose();
    }
  });

  it('reports a worker that cannot load', async () => {
    const recipe: EmbedderRecipe = { kind: 'module', url: new URL('./fixtures/no-such-embedder.ts', import.meta.url).href };
    const pool = new WorkerPoolEmbedder(await loadFaulty(), { workers: 1, recipe });
    try {
      await expect(pool.embed(texts(16), 'passage')).rejects.toThrow(/could not load.*no-such-embedder/);
    } finally {
      await pool.dispose();
    }
  });

  it('dispose leaves no worker thread running', async () => {
    const ticks = new Int32Array(new SharedArrayBuffer(4));
    const pool = await faulty({}, { ticks });
    await pool.warm();
    await pool.embed(texts(16), 'passage');
    const before = Atomics.load(ticks, 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(Atomics.load(ticks, 0)).toBeGreaterThan(before); // the workers tick while alive
    await pool.dispose();
    expect(pool.running).toBe(0);
    const after = Atomics.load(ticks, 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(Atomics.load(ticks, 0)).toBe(after);
  });
});

describe('a process using the pool', { timeout: 60_000 }, () => {
  const script = fileURLToPath(new URL('./fixtures/pool-exit.ts', import.meta.url));
  for (const mode of ['idle', 'dispose']) {
    it(`exits by itself when done (workers ${mode === 'idle' ? 'left idle' : 'disposed'})`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', script, mode], { encoding: 'utf8', timeout: 30_000 });
      expect(r.signal).toBeNull(); // not killed by the timeout
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`warm 2\nembedded 16\n${mode === 'dispose' ? 'disposed 0\n' : ''}`);
    });
  }
});
