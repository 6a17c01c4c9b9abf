import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatTable } from '../commands/table.js';
import { benchAnn } from './ann.js';
import { benchCorporaBuild } from './build-corpora.js';
import { benchEmbedding } from './embedding.js';
import { benchIndexBuild } from './index-build.js';
import { benchOcr } from './ocr.js';
import { benchQuality } from './quality.js';
import { benchScale } from './scale.js';
import { round, type BenchOptions, type Figure } from './types.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BenchReport {
  machine: string;
  quick: boolean;
  startedAt: string;
  durationS: number;
  figures: Figure[];
}

const SECTIONS: [string, (o: BenchOptions) => Promise<Figure[]>][] = [
  ['embedding throughput', benchEmbedding],
  ['index build on real corpora', benchCorporaBuild],
  ['index-build speed', benchIndexBuild],
  ['scale, latency, cold start, incremental', benchScale],
  ['ANN quality and side by side', benchAnn],
  ['retrieval quality', benchQuality],
  ['ocr of scanned letters', benchOcr],
];

const RUN_SECTION = 'Run time';

export function machineLine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}-${process.arch}`;
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
    for (const [name, run] of SECTIONS) {
      if (opts.only && !name.includes(opts.only)) continue;
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

export function benchTable(report: { figures: Figure[] }): string {
  return formatTable(
    ['Section', 'Metric', 'Value', 'Unit', 'Target', 'Met'],
    report.figures.map((f) => [f.section, f.metric, String(f.value), f.unit, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO']),
    200,
  );
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

/** Markdown tables of figures, one per section in order of first appearance, then the targets. */
export function figureSections(all: Figure[]): string[] {
  const lines: string[] = [];
  // Each section in one piece (scale sizes interleave several).
  const order = [...new Set(all.map((f) => f.section))];
  const figures = order.flatMap((sec) => all.filter((f) => f.section === sec));
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      lines.push(`## ${section}`, '', '| metric | value | target | note |', '|---|---|---|---|');
    }
    const target = f.target ? `${f.target}: ${f.met ? '**met**' : '**missed**'}` : '';
    lines.push(`| ${f.metric} | ${f.value} ${f.unit} | ${target} | ${f.note ?? ''} |`);
    if (figures[figures.indexOf(f) + 1]?.section !== section) lines.push('');
  }
  const targets = all.filter((f) => f.target);
  lines.push('## Targets', '', ...targets.map((f) => `- ${f.met ? 'Met' : 'Missed'}: ${f.target} (${f.metric}: ${f.value} ${f.unit})`), '');
  return lines;
}
