import { GB } from 'chrono-node/en';

export interface ParsedDate {
  iso: string;
  /** Index in the text where the date starts, and its length. */
  index: number;
  length: number;
}

/** A full date (day, month and year) in a short text; day-first for numeric forms. */
export function parseFullDate(text: string): ParsedDate | null {
  for (const r of GB.parse(text)) {
    const s = r.start;
    if (!s.isCertain('day') || !s.isCertain('month') || !s.isCertain('year')) continue;
    const y = s.get('year')!;
    if (y < 1000 || y > 2999) continue;
    const iso = `${String(y).padStart(4, '0')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
    return { iso, index: r.index, length: r.text.length };
  }
  return null;
}

/** Any date chrono understands, to YYYY-MM-DD (for sidecars and options: "29 June 2016", "2016-06-29"). */
export function parseDateValue(text: string): string | null {
  const full = parseFullDate(text);
  if (full) return full.iso;
  const r = GB.parse(text)[0];
  if (!r?.start.isCertain('year')) return null;
  const s = r.start;
  return `${s.get('year')}-${String(s.get('month') ?? 1).padStart(2, '0')}-${String(s.get('day') ?? 1).padStart(2, '0')}`;
}
