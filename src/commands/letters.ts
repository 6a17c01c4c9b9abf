import { loadLetters } from '../letters/catalogue.js';
import { summarise, type LetterSummary } from '../letters/summary.js';
import { byDate, dateBound, letterMatches, type LetterFilter } from '../search/filters.js';
import type { Letter } from '../letters/types.js';
import { formatTable } from './table.js';

export interface LettersArgs {
  lettersDir: string;
  maxBytes: number;
  recipient?: string;
  sender?: string;
  from?: string;
  to?: string;
}

export function filterFromArgs(args: { recipient?: string; sender?: string; from?: string; to?: string }): LetterFilter {
  return {
    recipient: args.recipient,
    sender: args.sender,
    from: args.from ? dateBound(args.from, 'from') : undefined,
    to: args.to ? dateBound(args.to, 'to') : undefined,
  };
}

/** The catalogue, filtered and sorted by date (undated last). */
export function listLetters(letters: Letter[], filter: LetterFilter): LetterSummary[] {
  return letters.filter((l) => letterMatches(l, filter)).sort(byDate).map(summarise);
}

export function lettersTable(rows: LetterSummary[]): string {
  if (!rows.length) return 'No letters match.';
  return formatTable(
    ['Date', 'Sender', 'Recipients', 'CC', 'Place', 'Passages', 'Letter'],
    rows.map((r) => [r.date ?? 'undated', r.sender ?? '?', r.recipients.join(', ') || '?', r.cc.join(', '), r.place ?? '', String(r.passages), r.letterId]),
  );
}

export async function lettersCommand(args: LettersArgs, json: boolean, out: (s: string) => void, warn: (s: string) => void): Promise<void> {
  const filter = filterFromArgs(args);
  const { letters, errors } = await loadLetters(args.lettersDir, { maxBytes: args.maxBytes });
  for (const e of errors) warn(`${args.lettersDir}/${e.file}: ${e.reason}`);
  const rows = listLetters(letters, filter);
  out(json ? JSON.stringify(rows, null, 2) : lettersTable(rows));
}
