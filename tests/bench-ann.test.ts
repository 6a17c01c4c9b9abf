import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchAnn } from '../src/bench/ann.js';
import type { Figure } from '../src/bench/types.js';

// Shape only: no timing assertions (CI machines vary).
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

  it('reports every section, each on synthetic vectors', () => {
    for (const word of ['ANN recall', 'HNSW build', 'search latency', 'LangChain']) expect(bySection(word).length).toBeGreaterThan(0);
    for (const f of figures) expect(f.section).toMatch(/synthetic/);
    expect(logs.length).toBeGreaterThan(0);
  });

  it('has well-formed figures with finite numbers', () => {
    for (const f of figures) {
      expect(typeof f.metric).toBe('string');
      expect(f.metric.length).toBeGreaterThan(0);
      expect(typeof f.unit).toBe('string');
      if (typeof f.value === 'number') expect(Number.isFinite(f.value), `${f.metric}: ${f.value}`).toBe(true);
      else expect(f.value.length).toBeGreaterThan(0);
      if (f.met !== undefined) expect(typeof f.met).toBe('boolean');
    }
  });

  it('sweeps efSearch with recall@10 in [0, 1] and a positive speed-up', () => {
    const recalls = figures.filter((f) => /efSearch \d+.*: recall@10/.test(f.metric));
    expect(recalls.map((f) => f.metric.match(/efSearch (\d+)/)![1])).toEqual(['16', '32', '64', '128', '256']);
    for (const f of recalls) {
      expect(typeof f.value).toBe('number');
      expect(f.value as number).toBeGreaterThanOrEqual(0);
      expect(f.value as number).toBeLessThanOrEqual(1);
    }
    for (const f of figures.filter((f) => f.unit === '×')) expect(f.value as number).toBeGreaterThan(0);
    const target = figures.find((f) => f.target?.includes('recall@10 ≥ 0.98'));
    expect(target).toBeDefined();
  });

  it('reports latency percentiles at 1k and 10k', () => {
    for (const size of ['1k', '10k'])
      for (const p of ['p50', 'p95', 'p99']) {
        const f = bySection('search latency').find((x) => x.metric === `${size} vectors: ${p}`);
        expect(f, `${size} ${p}`).toBeDefined();
        expect(f!.value as number).toBeGreaterThan(0);
      }
  });

  it('compares with LangChain HNSWLib as positive ratios', () => {
    const vs = bySection('LangChain');
    const ratios = vs.filter((f) => f.unit === '× Epistle');
    expect(ratios.length).toBeGreaterThanOrEqual(5);
    for (const f of ratios) {
      expect(typeof f.value).toBe('number');
      expect(f.value as number).toBeGreaterThan(0);
    }
    const summary = vs.find((f) => f.target?.includes('LangChain'));
    expect(summary).toBeDefined();
    expect(typeof summary!.met).toBe('boolean');
  });
});
