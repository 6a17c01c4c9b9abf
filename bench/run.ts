/**
 * `npm run bench -- [--json] [--quick] [--only SECTION]`: every benchmark section, its figures printed and, for a
 * run of every section, written to bench/report.md (bench/report-quick.md with --quick).
 * Exit code 0 when every section ran, 1 when one failed, 2 for a usage error.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { round, type BenchOptions, type Figure } from './figures.js';
import { figureSections, machineLine, out, printReport, runMain, warn } from './report.js';
import { benchAnn } from './sections/ann.js';
import { benchCorporaBuild } from './sections/build-corpora.js';
import { benchEmbedding } from './sections/embedding.js';
import { benchIndexBuild } from './sections/index-build.js';
import { benchOcr } from './sections/ocr.js';
import { benchQuality } from './sections/quality.js';
import { benchScale } from './sections/scale.js';
import { benchWordVectors } from './sections/word-vectors.js';

const ROOT = resolve(import.meta.dirname, '..');

const USAGE = 'Usage: npm run bench -- [--json] [--quick] [--only SECTION]';

export interface BenchReport {
  machine: string;
  quick: boolean;
  startedAt: string;
  durationS: number;
  figures: Figure[];
}

/** `--only X` picks the sections a word of whose name starts with X: embedding, index build, index-build, scale, ann, quality, word, ocr. */
const SECTIONS: [string, (o: BenchOptions) => Promise<Figure[]>][] = [
  ['embedding throughput', benchEmbedding],
  ['index build on real corpora', benchCorporaBuild],
  ['index-build speed', benchIndexBuild],
  ['scale, latency, cold start, incremental', benchScale],
  ['ANN recall and side by side', benchAnn],
  ['retrieval quality', benchQuality],
  ['word vectors', benchWordVectors],
  ['ocr of scanned letters', benchOcr],
];

const RUN_SECTION = 'Run time';

/** The sections a word of whose name starts with `only`, in any case ("ann" is not in "scanned"). */
function selected(only: string | undefined): typeof SECTIONS {
  if (only === undefined) return SECTIONS;
  const start = new RegExp(`(^|[^\\p{L}\\p{N}])${only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu');
  return SECTIONS.filter(([name]) => start.test(name));
}

/** Runs every section; a section that fails is reported as such and the rest still run. */
export async function runBench(opts: { quick: boolean; log: (s: string) => void; only?: string }): Promise<BenchReport> {
  const started = Date.now();
  const load0 = loadavg()[0];
  const workDir = join(tmpdir(), `epistle-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const figures: Figure[] = [];
  const durations: Figure[] = [];
  try {
    for (const [name, run] of selected(opts.only)) {
      const t = Date.now();
      opts.log(`bench: ${name}…`);
      try {
        figures.push(...(await run({ quick: opts.quick, log: opts.log, workDir })));
      } catch (err) {
        figures.push({ section: name, metric: 'failed', value: (err as Error).message.split('\n')[0], unit: '' });
      }
      const seconds = round((Date.now() - t) / 1000, 1);
      opts.log(`bench: ${name} done in ${seconds} s`);
      durations.push({ section: RUN_SECTION, metric: name, value: seconds, unit: 's' });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const durationS = round((Date.now() - started) / 1000, 1);
  const limit = opts.quick ? 120 : 1800;
  durations.push({
    section: RUN_SECTION,
    metric: 'the whole run',
    value: durationS,
    unit: 's',
    // Only a run of every section is judged.
    ...(opts.only ? {} : { target: opts.quick ? 'quick run < 2 min' : 'full run < 30 min', met: durationS < limit }),
    note: `1-min load average ${round(load0, 1)} at the start, ${round(loadavg()[0], 1)} at the end`,
  });
  return { machine: machineLine(), quick: opts.quick, startedAt: new Date(started).toISOString(), durationS, figures: [...figures, ...durations] };
}

/** bench/report.md: the machine, every figure with its note, and the targets. */
export function writeReport(report: BenchReport): string {
  const lines = [
    '# Epistle benchmarks',
    '',
    `Machine: ${report.machine}. Run ${report.startedAt}, ${report.quick ? 'quick' : 'full'}, ${report.durationS} s in all (\`npm run bench${report.quick ? ' -- --quick' : ''}\`).`,
    '',
    'Synthetic data is named as such. The MiniLM-shaped model has the shape of all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads, FFN 1536, vocab 30522) with random weights: real compute, meaningless vectors. Retrieval quality is measured with the bundled Universal Sentence Encoder, the only real model available offline.',
    '',
  ];
  lines.push(...figureSections(report.figures));
  const path = join(ROOT, 'bench', report.quick ? 'report-quick.md' : 'report.md');
  writeFileSync(path, lines.join('\n'));
  return path;
}


async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; quick?: boolean; only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    warn(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(`${USAGE}\nSections: ${SECTIONS.map(([name]) => name).join('; ')}`);
    return 0;
  }
  if (values.only !== undefined && !selected(values.only).length) {
    warn(`--only ${values.only}: no such section (${SECTIONS.map(([name]) => name).join('; ')})\n${USAGE}`);
    return 2;
  }
  const report = await runBench({ quick: values.quick ?? false, log: warn, only: values.only });
  const path = values.only ? null : writeReport(report);
  printReport(report, values.json ?? false, path);
  return report.figures.some((f) => f.metric === 'failed') ? 1 : 0;
}

runMain(main);
