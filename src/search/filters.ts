import { parseDateValue } from '../letters/dates.js';
import { foldWords } from '../letters/text-utils.js';
import type { LetterMeta } from '../letters/types.js';

/** Restricts answers and listings to some letters. Names match partially, ignoring case and accents. */
export interface LetterFilter {
  recipient?: string;
  sender?: string;
  /** Inclusive ISO bounds, YYYY-MM-DD. */
  from?: string;
  to?: string;
  letterIds?: string[];
}

export interface FilterableLetter {
  id: string;
  meta: Pick<LetterMeta, 'sender' | 'senderRole' | 'recipients' | 'cc' | 'date'> & Partial<Pick<LetterMeta, 'senderAffiliations'>>;
}

export class FilterError extends Error {}

/**
 * True when `query` occurs in `text` as whole words: "valls" in "Manuel Valls", not "Vallsberg"; or when
 * `text` is one word that ends `query`: a letter to "Kratochvíl" is a letter to "Bohumil Kratochvíl".
 */
export function nameMatches(text: string | null | undefined, query: string): boolean {
  if (!text) return false;
  const q = foldWords(query);
  if (!q) return true;
  const t = foldWords(text);
  return ` ${t} `.includes(` ${q} `) || (!t.includes(' ') && t.length > 2 && q.endsWith(` ${t}`));
}

/**
 * Whether two names may be one person's, written short and long: "Beneš" and "Tomáš Beneš" (one ends with the
 * other, as whole words).
 */
export function sameNameByTail(a: string, b: string): boolean {
  const x = foldWords(a);
  const y = foldWords(b);
  return x === y || x.endsWith(` ${y}`) || y.endsWith(` ${x}`);
}

export function isEmptyFilter(f: LetterFilter): boolean {
  return !f.recipient && !f.sender && !f.from && !f.to && !f.letterIds;
}

export function letterMatches(letter: FilterableLetter, f: LetterFilter): boolean {
  const m = letter.meta;
  if (f.letterIds && !f.letterIds.includes(letter.id)) return false;
  if (f.recipient && !m.recipients.some((p) => nameMatches(p.name, f.recipient!) || nameMatches(p.role, f.recipient!))) return false;
  // A sender is also the body they sign for: a letter from an NGO's staff is a letter from the NGO.
  if (f.sender && !(nameMatches(m.sender, f.sender) || nameMatches(m.senderRole, f.sender) || m.senderAffiliations?.some((a) => nameMatches(a, f.sender!)))) return false;
  if (f.from || f.to) {
    if (!m.date) return false;
    if (f.from && m.date < f.from) return false;
    if (f.to && m.date > f.to) return false;
  }
  return true;
}

/** By date, undated last, then by id. */
export function byDate(a: FilterableLetter, b: FilterableLetter): number {
  if (a.meta.date !== b.meta.date) {
    if (!a.meta.date) return 1;
    if (!b.meta.date) return -1;
    return a.meta.date < b.meta.date ? -1 : 1;
  }
  return a.id.localeCompare(b.id);
}

/**
 * A date bound from user input: "2016", "2016-06", "2016-06-29" or "29 June 2016".
 * A year or month given as `to` covers its whole span.
 */
export function dateBound(value: string, side: 'from' | 'to'): string {
  const v = value.trim();
  const year = /^(\d{4})$/.exec(v);
  if (year) return side === 'from' ? `${year[1]}-01-01` : `${year[1]}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month) {
    if (side === 'from') return `${v}-01`;
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${v}-${String(last).padStart(2, '0')}`;
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : parseDateValue(v);
  if (!iso || Number.isNaN(Date.parse(iso))) throw new FilterError(`--${side}: not a date: ${JSON.stringify(value)} (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  return iso;
}
