/** One figure of the benchmark report. */
export interface Figure {
  /** Report section, e.g. "Embedding throughput". */
  section: string;
  /** What was measured, e.g. "bundled (USE lite), pipeline". */
  metric: string;
  value: number | string;
  unit: string;
  /** The target it answers to, e.g. "≤ 10%", and whether it was met. */
  target?: string;
  met?: boolean;
  /** How it was measured, when the metric name doesn't say. */
  note?: string;
}

export interface BenchOptions {
  /** The CI smoke run: small sizes, under two minutes in all. */
  quick: boolean;
  log: (message: string) => void;
  /** Scratch space for generated corpora, models and indexes. */
  workDir: string;
}

/** Percentile (0..100) of a list of numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
