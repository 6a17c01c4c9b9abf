import type { LetterSummary } from '../letters/summary.js';
import { dateBound, type LetterFilter } from '../search/filters.js';
import type { LetterService } from '../service/letter-service.js';
import { formatTable } from './table.js';

export function filterFromArgs(args: { recipient?: string; sender?: string; from?: string; to?: string }): LetterFilter {
  return {
    recipient: args.recipient,
    sender: args.sender,
    from: args.from ? dateBound(args.from, 'from') : undefined,
    to: args.to ? dateBound(args.to, 'to') : undefined,
  };
}

export function lettersTable(rows: LetterSummary[]): string {
  if (!rows.length) return 'No letters match.';
  return formatTable(
    ['Date', 'Sender', 'Recipients', 'CC', 'Place', 'Passages', 'Letter'],
    rows.map((r) => [r.date ?? 'undated', r.sender ?? '?', r.recipients.join(', ') || '?', r.cc.join(', '), r.place ?? '', String(r.passages), r.letterId]),
  );
}

/** `npm run letters`: the index's catalogue (the same as Discord's /letters), filtered and sorted by date. */
export function printLetters(service: LetterService, filter: LetterFilter, json: boolean, out: (s: string) => void): void {
  const rows = service.letters(filter);
  out(json ? JSON.stringify(rows, null, 2) : lettersTable(rows));
}
