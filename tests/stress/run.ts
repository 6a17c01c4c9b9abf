/**
 * `npm run torture -- [--json] [--quick] [--seed N] [--only crash,corruption,fuzz,discord]`: crashes, corruption,
 * fuzzing, load, network faults and abuse, with figures; a run of every section writes bench/torture.md
 * (bench/torture-quick.md with --quick). Exit code 0 when every check passed, 1 when one failed, 2 for a usage error.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { round } from '../../bench/figures.js';
import { figureSections, machineLine, out, printReport, runMain, warn } from '../../bench/report.js';
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

const USAGE = `Usage: npm run torture -- [--json] [--quick] [--seed N] [--only ${SECTIONS.map(([name]) => name).join(',')}]`;


async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; quick?: boolean; seed?: string; only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, seed: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    warn(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const seed = Number(values.seed ?? 1);
  if (values.seed?.trim() === '' || !Number.isInteger(seed)) {
    warn(`--seed must be an integer, not ${values.seed}\n${USAGE}`);
    return 2;
  }
  const unknown = (values.only?.split(',') ?? []).filter((name) => !SECTIONS.some(([known]) => known === name));
  if (unknown.length) {
    warn(`--only: no section ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const report = await runTorture({ quick: values.quick ?? false, seed, only: values.only, log: warn });
  const path = values.only ? null : writeTortureReport(report);
  printReport(report, values.json ?? false, path);
  if (report.failed.length) warn(`${report.failed.length} checks failed:\n  ${report.failed.join('\n  ')}`);
  return report.failed.length ? 1 : 0;
}

runMain(main);
