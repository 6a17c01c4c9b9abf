/**
 * Grid search of the hybrid fusion weights on the seed question set, with the bundled embedder:
 * `npx tsx scripts/tune-fusion.ts`. Prints hit@1, hit@3, MRR per setting, and the confidence of the
 * weakest correct answer against the strongest out-of-corpus one (where the abstention threshold goes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answerer } from '../src/answer/answerer.js';
import { DEFAULT_CALIBRATION } from '../src/answer/calibration.js';
import { figures, outcome } from '../src/evaluation/quality.js';
import { buildIndex } from '../src/indexing/build.js';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import { LetterIndex } from '../src/indexing/letter-index.js';
import { SEED_QUESTIONS } from '../tests/questions.js';

async function main(): Promise<void> {
  const embedder = await BundledEmbedder.load({});
  const dir = join(mkdtempSync(join(tmpdir(), 'epistle-tune-')), 'index');
  await buildIndex({ lettersDir: 'seeds', indexDir: dir, embedder, maxBytes: 20 * 1024 * 1024 });
  const index = LetterIndex.load(dir);
  for (const dense of [0.5, 1, 2]) {
    for (const k of [5, 20, 60]) {
      const answerer = new Answerer(index, embedder, { weights: { dense, lexical: 1, k }, calibration: { ...DEFAULT_CALIBRATION.bundled, minConfidence: 0 } });
      const rows = [];
      for (const q of SEED_QUESTIONS) {
        const a = await answerer.answer(q.question);
        rows.push({ a, o: outcome(q, a) });
      }
      const f = figures(rows.map((r) => r.o));
      const ooc = Math.max(0, ...rows.filter((r) => !r.o.answerable && !r.a.abstained).map((r) => r.a.confidence));
      const weakest = rows.filter((r) => r.o.rank !== null && r.o.rank < 3).map((r) => r.a.confidence).sort((a, b) => a - b).slice(0, 3);
      console.log(`dense=${dense} lexical=1 k=${k}  hit@1=${f.hitAt1} hit@3=${f.hitAt3} mrr=${f.mrr}  strongest out-of-corpus=${ooc.toFixed(3)} weakest correct=${weakest.map((x) => x.toFixed(3)).join(',')}`);
    }
  }
}

void main();
