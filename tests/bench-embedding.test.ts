import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../bench/figures.js';
import { benchEmbedding, buildPassages, maxAbsDiff, meanPoolNormalise } from '../bench/sections/embedding.js';

describe('raw ONNX pooling and the comparison with the pipeline', () => {
  it('mean-pools the positions the mask keeps, then normalises to unit length', () => {
    // Two texts, three positions, two dimensions; the second text's last position is padding.
    const hidden = Float32Array.from([
      1, 0, /**/ 0, 1, /**/ 1, 1,
      3, 4, /**/ 3, 4, /**/ 100, -100,
    ]);
    const mask = BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]);
    const [a, b] = meanPoolNormalise(hidden, [2, 3, 2], mask);
    // (1,0) + (0,1) + (1,1) = (2,2) → (√½, √½); (3,4) + (3,4) = (6,8) → (0.6, 0.8), the padding ignored.
    expect(Array.from(a)).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)]);
    expect(Array.from(b)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('leaves a fully masked text at zero rather than dividing by zero', () => {
    const [v] = meanPoolNormalise(Float32Array.from([5, 5]), [1, 1, 2], BigInt64Array.from([0n]));
    expect(Array.from(v)).toEqual([0, 0]);
  });

  it('measures the largest difference, and never calls vectors of other counts or dimensions equal', () => {
    const v = (...xs: number[]) => Float32Array.from(xs);
    expect(maxAbsDiff([v(0.6, 0.8)], [v(0.6, 0.8)])).toBe(0);
    expect(maxAbsDiff([v(0.6, 0.8), v(1, 0)], [v(0.6, 0.8), v(0.5, 0)])).toBeCloseTo(0.5, 6);
    expect(maxAbsDiff([v(0.6, 0.8)], [v(0.6, 0.8, 0)])).toBe(Infinity);
    expect(maxAbsDiff([v(0.6, 0.8)], [v(0.6, 0.8), v(0.6, 0.8)])).toBe(Infinity);
  });
});

// No timing is asserted (machines vary), only what holds on any machine.
describe('benchEmbedding (quick)', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'epistle-bench-emb-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('builds deterministic, distinct 100-word passages', () => {
    const a = buildPassages(40);
    expect(a).toEqual(buildPassages(40));
    expect(new Set(a).size).toBe(40);
    for (const p of a) expect(p.split(' ')).toHaveLength(100);
    // The first n are a prefix of the first n + k.
    expect(buildPassages(60).slice(0, 40)).toEqual(a);
  });

  it('reports throughputs and overheads that fit together, on vectors the raw path reproduces', { timeout: 120_000 }, async () => {
    const logs: string[] = [];
    const figures = await benchEmbedding({ quick: true, log: (m) => logs.push(m), workDir });
    const find = (metric: string): Figure => {
      const f = figures.find((x) => x.metric === metric);
      expect(f, metric).toBeDefined();
      return f!;
    };
    const number = (metric: string): number => {
      const f = find(metric);
      expect(typeof f.value, metric).toBe('number');
      return f.value as number;
    };

    for (const f of figures) {
      expect(f.section).toBe('Embedding throughput');
      if (typeof f.value === 'number') expect(Number.isFinite(f.value), f.metric).toBe(true);
      if (f.unit === 'passages/s') expect(f.value as number, f.metric).toBeGreaterThan(0);
    }
    expect(number('bundled (USE lite), pipeline')).toBeGreaterThan(0);

    const models = ['tiny fixture (2×32) q8', 'tiny fixture (2×32) fp32'];
    // MiniLM-shaped q8 runs in quick mode only when the model is cached; it is reported either way.
    const mini = find('MiniLM-shaped (6×384) q8, pipeline overhead');
    if (typeof mini.value === 'number') models.push('MiniLM-shaped (6×384) q8');
    else expect(mini.value).toBe('skipped');

    for (const label of models) {
      const pipeline = number(`${label}, pipeline`);
      const raw = number(`${label}, raw ONNX`);
      expect(pipeline).toBeGreaterThan(0);
      expect(raw).toBeGreaterThan(0);
      // The raw path computes the pipeline's vectors: same count and dimensions, components within 0.001.
      const diff = number(`${label}, raw vs pipeline vectors: largest difference`);
      expect(diff).toBeGreaterThanOrEqual(0);
      expect(diff).toBeLessThan(1e-3);
      // Throughputs are passages over the same batches' times, so the overhead (pipeline − raw) / raw follows
      // from them: raw / pipeline − 1 (to the rounding of the rates).
      const overhead = find(`${label}, pipeline overhead`);
      expect(overhead).toMatchObject({ unit: '%', target: '≤ 10%' });
      const expected = (raw / pipeline - 1) * 100;
      const slack = 0.05 + 100 * (raw / pipeline) * (0.05 / raw + 0.05 / pipeline) + 1e-9;
      expect(Math.abs((overhead.value as number) - expected), `${label}: overhead ${overhead.value}% vs ${expected}% from the rates`).toBeLessThanOrEqual(slack);
      expect(typeof overhead.met).toBe('boolean');
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});
