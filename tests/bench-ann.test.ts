import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../bench/figures.js';
import { mulberry32 } from '../bench/random.js';
import { benchAnn, clustered, exactTopK, LangChainStyleHnsw, makeCentres, recall } from '../bench/sections/ann.js';

const DIMS = 384;

/** Top-k labels by a plain sort of every inner product: the slow, obviously right exact search. */
function sortedTopK(data: Float32Array, count: number, q: Float32Array, k: number): number[] {
  const scored = Array.from({ length: count }, (_, i) => {
    let s = 0;
    for (let d = 0; d < DIMS; d++) s += data[i * DIMS + d] * q[d];
    return { i, s };
  });
  return scored.sort((a, b) => b.s - a.s).slice(0, k).map((x) => x.i);
}

describe('the ANN benchmark’s building blocks', () => {
  const centres = makeCentres(16, DIMS, 1);
  const data = clustered(600, centres, DIMS, 2);
  const queries = clustered(20, centres, DIMS, 3);
  const row = (a: Float32Array, i: number) => a.subarray(i * DIMS, (i + 1) * DIMS);

  it('makes unit vectors, the same for the same seed', () => {
    for (let i = 0; i < 600; i += 37) {
      const v = row(data, i);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(clustered(600, centres, DIMS, 2)).equals(bytes(data))).toBe(true);
    expect(bytes(clustered(600, centres, DIMS, 4)).equals(bytes(data))).toBe(false);
  });

  it('exact search: the same top 10 as sorting every score, best first', () => {
    for (let i = 0; i < 20; i++) {
      const q = row(queries, i);
      const found = Array.from(exactTopK(data, 600, DIMS, q, 10));
      expect(found).toEqual(sortedTopK(data, 600, q, 10));
      expect(recall(found, Int32Array.from(sortedTopK(data, 600, q, 10)))).toBe(1);
    }
    // Only the first `count` vectors are searched.
    for (const label of exactTopK(data, 100, DIMS, row(queries, 0), 10)) expect(label).toBeLessThan(100);
  });

  it('recall counts the true neighbours found, in any order', () => {
    const truth = Int32Array.from([1, 2, 3, 4]);
    expect(recall([4, 3, 2, 1], truth)).toBe(1);
    expect(recall([1, 2, 9, 8], truth)).toBe(0.5);
    expect(recall([5, 6, 7, 8], truth)).toBe(0);
  });

  it('the LangChain-style store finds the exact neighbours at a high ef, with LangChain’s ef left as hnswlib’s default', async () => {
    const store = new LangChainStyleHnsw(DIMS);
    const vectors = Array.from({ length: 600 }, (_, i) => Array.from(row(data, i)));
    await store.addVectors(vectors.slice(0, 500), vectors.slice(0, 500).map((_, i) => ({ pageContent: `p${i}`, metadata: { i } })));
    // A second batch grows the index to exactly what it needs, as LangChain does.
    await store.addVectors(vectors.slice(500), vectors.slice(500).map((_, j) => ({ pageContent: `p${500 + j}`, metadata: { i: 500 + j } })));
    expect(store.index.getMaxElements()).toBe(600);
    expect(store.index.getEf()).toBe(10);
    await expect(store.addVectors([vectors[0]], [])).rejects.toThrow(/same length/);
    store.index.setEf(200);
    let r = 0;
    for (let i = 0; i < 20; i++) {
      const q = row(queries, i);
      const hits = await store.similaritySearchVectorWithScore(Array.from(q), 10);
      r += recall(hits.map(([doc]) => doc.metadata.i as number), exactTopK(data, 600, DIMS, q, 10));
      // Cosine distances, nearest first.
      const distances = hits.map(([, d]) => d);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
    expect(r / 20).toBeGreaterThanOrEqual(0.99);
  });

  it('mulberry32 is seedable and uniform in [0, 1)', () => {
    const a = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, a);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 10 }, mulberry32(7))).toEqual(xs.slice(0, 10));
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

// The quick run, end to end. No timing is asserted (machines vary), only what holds on any machine.
describe('benchAnn (quick)', () => {
  let workDir: string;
  let figures: Figure[];
  const logs: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'epistle-bench-ann-'));
    figures = await benchAnn({ quick: true, log: (m) => logs.push(m), workDir });
  }, 180_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  const bySection = (word: string) => figures.filter((f) => f.section.includes(word));
  const value = (metric: string | RegExp): number => {
    const f = figures.find((x) => (typeof metric === 'string' ? x.metric === metric : metric.test(x.metric)));
    expect(f, String(metric)).toBeDefined();
    expect(typeof f!.value, String(metric)).toBe('number');
    return f!.value as number;
  };

  it('reports every section, each on synthetic vectors, with finite numbers', () => {
    for (const word of ['ANN recall', 'HNSW build', 'search latency', 'LangChain']) expect(bySection(word).length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(f.section).toMatch(/synthetic/);
      if (typeof f.value === 'number') expect(Number.isFinite(f.value), `${f.metric}: ${f.value}`).toBe(true);
    }
    expect(logs.length).toBeGreaterThan(0);
  });

  it('the JS scan and hnswlib’s BruteforceSearch, two exact searches, agree', () => {
    expect(value('exact search, JS scan: recall@10 against hnswlib BruteforceSearch')).toBeGreaterThanOrEqual(0.99);
  });

  it('sweeps efSearch: recall@10 in [0, 1], never lower at a higher ef, near 1 at the highest', () => {
    const sweep = figures.filter((f) => /^efSearch \d+.*: recall@10/.test(f.metric));
    expect(sweep.map((f) => Number(f.metric.match(/efSearch (\d+)/)![1]))).toEqual([16, 32, 64, 128, 256]);
    const recalls = sweep.map((f) => f.value as number);
    for (const r of recalls) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    // A wider beam searches a superset of the graph, so recall can only rise (to a small tolerance: ties at the edge).
    for (let i = 1; i < recalls.length; i++) expect(recalls[i]).toBeGreaterThanOrEqual(recalls[i - 1] - 0.005);
    expect(recalls[recalls.length - 1]).toBeGreaterThanOrEqual(0.99);
    // The smallest ef meeting the target is the first of the sweep that does.
    const smallest = figures.find((f) => f.metric === 'smallest efSearch with recall@10 ≥ 0.98')!;
    expect(smallest.value).toBe(Number(sweep.find((f) => (f.value as number) >= 0.98)!.metric.match(/efSearch (\d+)/)![1]));
    // Speed-ups are ratios of positive latencies.
    for (const f of figures.filter((x) => x.unit === '×' || x.unit === '× Epistle')) expect(f.value as number, f.metric).toBeGreaterThan(0);
    // The target is for 100k: a quick run does not judge it.
    expect(figures.find((f) => f.target?.includes('recall@10 ≥ 0.98'))!.met).toBeUndefined();
  });

  it('reports positive latency percentiles at 1k and 10k, p50 ≤ p95 ≤ p99', () => {
    for (const size of ['1k', '10k']) {
      const [p50, p95, p99] = ['p50', 'p95', 'p99'].map((p) => value(`${size} vectors: ${p}`));
      expect(p50).toBeGreaterThan(0);
      expect(p50).toBeLessThanOrEqual(p95);
      expect(p95).toBeLessThanOrEqual(p99);
    }
  });

  it('compares with hnswlib as LangChain calls it on the same vectors: equal recall at equal ef, less at LangChain’s ef 10', () => {
    const epistle = value('Epistle VectorStore: recall@10 (efSearch 64)');
    const langchain = value('LangChain-style hnswlib: recall@10 (ef 64, as Epistle)');
    const asLeft = value(/^LangChain-style hnswlib as LangChain leaves it \(ef 10\): recall@10$/);
    // Same vectors, same M, efConstruction, seed and ef: the two graphs find (almost) the same neighbours.
    expect(epistle).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(epistle - langchain)).toBeLessThanOrEqual(0.02);
    expect(asLeft).toBeLessThanOrEqual(langchain);
    const summary = figures.find((f) => f.target?.includes('LangChain'))!;
    const ratios = ['LangChain-style hnswlib: build (CPU time)', 'LangChain-style hnswlib: query p50 (ef 64, as Epistle)', 'LangChain-style hnswlib: query p95 (ef 64, as Epistle)'].map(value);
    // The judged figure is the worst of the three ratios.
    expect(summary.value).toBeCloseTo(Math.min(...ratios), 2);
    expect(typeof summary.met).toBe('boolean');
  });
});
