import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Answerer } from '../../src/answer/answerer.js';
import { buildIndex, type BuildReport } from '../../src/indexing/build.js';
import type { Embedder } from '../../src/indexing/embedders/embedder.js';
import { LetterIndex } from '../../src/indexing/letter-index.js';
import { TransformersEmbedder } from '../../src/indexing/embedders/transformers.js';
import { minilmShaped, proseSentences, SyntheticEmbedder, writeSyntheticLetters } from '../synthetic.js';
import { percentile, round, type BenchOptions, type Figure } from '../figures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX = 20 * 1024 * 1024;

function build(letters: string, index: string, embedder: Embedder, full = false): Promise<BuildReport> {
  return buildIndex({ lettersDir: letters, indexDir: index, embedder, maxBytes: MAX, full });
}

/** Questions in the style of the corpus: key words of its sentences, asked plainly. */
function questions(sentences: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = sentences[(i * 7919) % sentences.length].replace(/[^\p{L}\s]/gu, '').split(' ').filter((w) => w.length > 4);
    out.push(`What did the letters say about ${words.slice(0, 3).join(' ').toLowerCase()}?`);
  }
  return out;
}

/**
 * Scale: end-to-end answer latency (embed the question with the MiniLM-shaped model, hybrid search, compose)
 * over synthetic letters with synthetic vectors, at 1k, 10k and 100k passages; cold start and memory at 10k;
 * the cost of adding one letter to 1,000.
 */
export async function benchScale(opts: BenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const minilm = await minilmShaped();
  const synthetic = new SyntheticEmbedder(minilm.id);
  const sentences = proseSentences();
  const sizes = opts.quick ? [1_000] : [1_000, 10_000, 100_000];
  const coldAt = opts.quick ? 1_000 : 10_000;
  const asked = questions(sentences, opts.quick ? 60 : 220);

  for (const size of sizes) {
    const dir = join(opts.workDir, `scale-${size}`);
    rmSync(dir, { recursive: true, force: true });
    const letters = join(dir, 'letters');
    const index = join(dir, 'index');
    writeSyntheticLetters(letters, size, sentences);
    opts.log(`scale: building ${size} synthetic passages`);
    const t0 = performance.now();
    const report = await build(letters, index, synthetic);
    const buildS = (performance.now() - t0) / 1000;
    figures.push({ section: 'Scale (synthetic letters and vectors)', metric: `build at ${report.passages} passages, synthetic vectors`, value: round(buildS, 1), unit: 's', note: `${round(report.passages / buildS, 0)} passages/s without embedding; write ${round(report.timings.writeMs / 1000, 1)} s` });

    const answerer = new Answerer(LetterIndex.load(index), minilm);
    for (const q of asked.slice(0, 20)) await answerer.answer(q);
    const times: number[] = [];
    const search: number[] = [];
    for (const q of asked.slice(20)) {
      const a = await answerer.answer(q);
      times.push(a.timings.totalMs);
      search.push(a.timings.searchMs);
    }
    const p95 = percentile(times, 95);
    figures.push(
      { section: 'Query latency, end to end (warm)', metric: `${size} passages: p50 / p95 / p99`, value: `${round(percentile(times, 50), 1)} / ${round(p95, 1)} / ${round(percentile(times, 99), 1)}`, unit: 'ms', ...(size === 10_000 ? { target: 'p95 ≤ 50 ms at 10k', met: p95 <= 50 } : {}), note: `${times.length} questions; MiniLM-shaped q8 query embedding included; search part p50 ${round(percentile(search, 50), 1)} ms` },
    );

    if (size === coldAt) {
      // Cold start and memory, in fresh processes: the service, and the model alone for the baseline.
      const child = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/sections/cold-start.ts'), ...args], { encoding: 'utf8' });
      const r = child([letters, index]);
      const base = child(['--model-only']);
      if (r.status === 0 && base.status === 0) {
        const c = JSON.parse(r.stdout.trim().split('\n').pop()!);
        const b = JSON.parse(base.stdout.trim().split('\n').pop()!);
        figures.push(
          { section: 'Cold start and memory', metric: `process start → ready to answer, ${c.passages} passages`, value: round(c.readyMs / 1000, 2), unit: 's', ...(size === 10_000 ? { target: '≤ 3 s at 10k passages', met: c.readyMs <= 3000 } : {}), note: `includes Node, tsx and the model load; first answer done at ${round(c.firstAnswerMs / 1000, 2)} s` },
          { section: 'Cold start and memory', metric: 'RSS per 10k passages (over the model alone)', value: round(((c.rssMb - b.rssMb) * 10_000) / c.passages, 0), unit: 'MB', note: `RSS ${round(c.rssMb, 0)} MB in all, ${round(b.rssMb, 0)} MB with the model alone` },
        );
      } else opts.log(`cold start failed: ${r.stderr.slice(-500)}`);
    }
  }

  // Adding one letter to 1,000 letters, against a full rebuild. With the tiny fixture model embedding costs
  // little, so fixed costs (reading, writing the index) weigh most: the strict case for this ratio.
  const n = opts.quick ? 100 : 1000;
  const tiny = await TransformersEmbedder.load({ model: 'tiny-bert', modelDir: join(ROOT, 'tests/fixtures/models'), allowRemote: false });
  const dir = join(opts.workDir, 'incremental');
  rmSync(dir, { recursive: true, force: true });
  const letters = join(dir, 'letters');
  const index = join(dir, 'index');
  const short = sentences.slice(0, 4000);
  mkdirSync(letters, { recursive: true });
  // Short letters, of about two passages each.
  for (let i = 0; i < n; i++) {
    writeFileSync(join(letters, `l${String(i).padStart(5, '0')}.txt`), `Brussels, 3 May 2016\n\nDear Minister,\n\n${short.slice((i * 9) % 3990, ((i * 9) % 3990) + 9).join(' ')}\n\nYours sincerely,\n\nAnna Lindqvist, MEP\n`);
  }
  opts.log(`incremental: full build of ${n} letters`);
  const full = await build(letters, index, tiny, true);
  writeFileSync(join(letters, 'new-letter.txt'), `Brussels, 4 May 2016\n\nDear Minister,\n\n${short.slice(10, 19).join(' ')}\n\nYours sincerely,\n\nTomasz Wrona, MEP\n`);
  const one = await build(letters, index, tiny);
  const fraction = one.durationMs / full.durationMs;
  figures.push(
    { section: 'Incremental', metric: `full build, ${full.letters} letters, ${full.passages} passages (tiny fixture model)`, value: round(full.durationMs / 1000, 1), unit: 's', note: `embed ${round(full.timings.embedMs / 1000, 1)} s (passages and sentences), write ${round(full.timings.writeMs / 1000, 1)} s` },
    { section: 'Incremental', metric: `adding 1 letter to ${n}`, value: round(one.durationMs / 1000, 2), unit: 's', note: `${one.passagesEmbedded} passages embedded; write ${round(one.timings.writeMs / 1000, 2)} s` },
    { section: 'Incremental', metric: `adding 1 letter to ${n}, as a share of a full rebuild`, value: round(fraction * 100, 2), unit: '%', target: '≤ 5% of a full rebuild', met: fraction <= 0.05 },
  );
  return figures;
}
