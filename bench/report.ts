/** Rendering of figures, shared by `npm run bench` and `npm run torture`: the machine, a table for the terminal, Markdown sections. */
import { cpus } from 'node:os';
import { formatTable } from '../src/commands/table.js';
import type { Figure } from './figures.js';

/** The machine a run happened on, as the reports state it. */
export function machineLine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}-${process.arch}`;
}

/** The figures as a plain-text table, for the terminal. */
export function figureTable(report: { figures: Figure[] }): string {
  return formatTable(
    ['Section', 'Metric', 'Value', 'Unit', 'Target', 'Met'],
    report.figures.map((f) => [f.section, f.metric, String(f.value), f.unit, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO']),
    200,
  );
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

export const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const warn = (s: string) => process.stderr.write(`epistle: ${s}\n`);

/** A report as `npm run bench` and `npm run torture` print it: JSON, or the machine, the tables and where it was written. */
export function printReport(report: { machine: string; figures: Figure[] }, json: boolean, path: string | null): void {
  out(json ? JSON.stringify(report) : `${report.machine}\n\n${figureTable(report)}${path ? `\n\nReport: ${path}` : ''}`);
}

/** Runs a command-line entry point: its result is the exit code; a crash prints its stack and exits 1. */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      warn(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
