import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchEmbedding, buildPassages } from '../src/bench/embedding.js';
import type { Figure } from '../src/bench/types.js';

// Shape checks only: timings depend on the machine, so none are asserted.
describe('benchEmbedding (quick)', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'epistle-bench-emb-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('builds deterministic ~100-word passages', () => {
    const a = buildPassages(40);
    expect(a).toEqual(buildPassages(40));
    expect(new Set(a).size).toBe(40);
    for (const p of a) expect(p.split(' ')).toHaveLength(100);
  });

  it('reports well-formed throughput and overhead figures', { timeout: 120_000 }, async () => {
    const logs: string[] = [];
    const figures = await benchEmbedding({ quick: true, log: (m) => logs.push(m), workDir });
    const find = (metric: string): Figure => {
      const f = figures.find((x) => x.metric === metric);
      expect(f, metric).toBeDefined();
      return f!;
    };

    for (const f of figures) {
      expect(f.section).toBe('Embedding throughput');
      expect(f.metric).toBeTruthy();
      if (typeof f.value === 'number') expect(Number.isFinite(f.value), f.metric).toBe(true);
      if (f.unit === 'passages/s') expect(f.value as number, f.metric).toBeGreaterThan(0);
    }

    expect(find('bundled (USE lite), pipeline').unit).toBe('passages/s');
    for (const dtype of ['q8', 'fp32']) {
      const label = `tiny fixture (2×32) ${dtype}`;
      expect(find(`${label}, pipeline`).unit).toBe('passages/s');
      expect(find(`${label}, raw ONNX`).unit).toBe('passages/s');
      const overhead = find(`${label}, pipeline overhead`);
      expect(overhead).toMatchObject({ unit: '%', target: '≤ 10%' });
      expect(typeof overhead.value).toBe('number');
      expect(typeof overhead.met).toBe('boolean');
    }

    // MiniLM-shaped q8 runs in quick mode only when the model is cached; it is reported either way.
    const mini = find('MiniLM-shaped (6×384) q8, pipeline overhead');
    if (typeof mini.value === 'number') {
      expect(mini).toMatchObject({ unit: '%', target: '≤ 10%' });
      expect(find('MiniLM-shaped (6×384) q8, raw ONNX').unit).toBe('passages/s');
    } else {
      expect(mini.value).toBe('skipped');
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});
