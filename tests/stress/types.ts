import type { Figure } from '../../bench/figures.js';

export type { Figure };

export interface TortureOptions {
  /** Smaller sizes, for a smoke run. */
  quick: boolean;
  log: (message: string) => void;
  /** Scratch space for corpora, indexes and logs. */
  workDir: string;
  /** Seed of every random choice, so that a failing run can be replayed. */
  seed: number;
}

/**
 * One torture section. Its figures go into the report; a figure with `met: false` is a failed
 * check and makes `npm run torture` exit 1.
 */
export type TortureSection = (opts: TortureOptions) => Promise<Figure[]>;
