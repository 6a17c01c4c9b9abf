/** `npm run torture`: crashes, corruption, fuzzing, load, network faults and abuse, with figures. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureSections, machineLine } from '../bench/run.js';
import { round } from '../bench/types.js';
import { ROOT } from './child.js';
import { tortureCorruption } from './corruption.js';
import { tortureCrash } from './crash.js';
import { tortureDiscord } from './discord.js';
import { tortureFuzz } from './fuzz.js';
import type { Figure, TortureSection } from './types.js';

const SECTIONS: [string, TortureSection][] = [
  ['crash', tortureCrash],
  ['corruption', tortureCorruption],
  ['fuzz', tortureFuzz],
  ['discord', tortureDiscord],
];

export interface TortureReport {
  machine: string;
  quick: boolean;
  seed: number;
  startedAt: string;
  durationS: number;
  figures: Figure[];
  /** Checks that failed (figures with `met: false`, and sections that threw). */
  failed: string[];
}

export async function runTorture(opts: { quick: boolean; seed: number; only?: string; log: (s: string) => void }): Promise<TortureReport> {
  const started = Date.now();
  const workDir = join(tmpdir(), `epistle-torture-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const figures: Figure[] = [];
  try {
    for (const [name, run] of SECTIONS) {
      if (opts.only && !opts.only.split(',').includes(name)) continue;
      const t = Date.now();
      opts.log(`torture: ${name}…`);
      try {
        figures.push(...(await run({ quick: opts.quick, log: opts.log, workDir, seed: opts.seed })));
      } catch (err) {
        figures.push({ section: name, metric: 'failed', value: (err as Error).message.split('\n')[0], unit: '', target: 'runs to the end', met: false });
      }
      const seconds = round((Date.now() - t) / 1000, 1);
      opts.log(`torture: ${name} done in ${seconds} s`);
      figures.push({ section: 'Run time', metric: name, value: seconds, unit: 's' });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const failed = figures.filter((f) => f.met === false).map((f) => `${f.section}: ${f.metric}: ${f.value}`);
  return { machine: machineLine(), quick: opts.quick, seed: opts.seed, startedAt: new Date(started).toISOString(), durationS: round((Date.now() - started) / 1000, 1), figures, failed };
}

/** bench/torture.md (full run) or bench/torture-quick.md. */
export function writeTortureReport(report: TortureReport): string {
  const lines = [
    '# Epistle torture run',
    '',
    `Machine: ${report.machine}. Run ${report.startedAt}, ${report.quick ? 'quick' : 'full'}, seed ${report.seed}, ${report.durationS} s in all (\`npm run torture${report.quick ? ' -- --quick' : ''}\`). ${report.failed.length ? `**${report.failed.length} checks failed.**` : 'Every check passed.'}`,
    '',
    ...figureSections(report.figures),
  ];
  const path = join(ROOT, 'bench', report.quick ? 'torture-quick.md' : 'torture.md');
  writeFileSync(path, lines.join('\n'));
  return path;
}
