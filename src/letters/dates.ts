import { GB } from 'chrono-node/en';
import * as fr from 'chrono-node/fr';

export interface ParsedDate {
  iso: string;
  /** Index in the text where the date starts, and its length. */
  index: number;
  length: number;
}

/** A French month or weekday, which the English parser does not read: "25 mai 2015", "vendredi 3 juin 2016". */
const FRENCH_DATE_WORD =
  /(?<![\p{L}])(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c|1er)(?![\p{L}])/iu;

type Parsed = ReturnType<typeof GB.parse>[number];

/**
 * Dates as chrono reads them: in English (day first for numeric forms), and in French when the English
 * parser finds no full date and the text names a French month ("Bruxelles, le 25 mai 2015").
 */
function parseDates(text: string): Parsed[] {
  const english = GB.parse(text);
  if (!FRENCH_DATE_WORD.test(text) || english.some((r) => r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'))) return english;
  const french = fr.parse(text) as Parsed[];
  return french.length ? french : english;
}

/** A full date (day, month and year) in a short text; day-first for numeric forms. */
export function parseFullDate(text: string): ParsedDate | null {
  for (const r of parseDates(text)) {
    const s = r.start;
    if (!s.isCertain('day') || !s.isCertain('month') || !s.isCertain('year')) continue;
    const y = s.get('year')!;
    if (y < 1000 || y > 2999) continue;
    const iso = `${String(y).padStart(4, '0')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
    return { iso, index: r.index, length: r.text.length };
  }
  return null;
}

/** Any date chrono understands, to YYYY-MM-DD (for sidecars and options: "29 June 2016", "2016-06-29", "3 juin 2016"). */
export function parseDateValue(text: string): string | null {
  const full = parseFullDate(text);
  if (full) return full.iso;
  const r = parseDates(text)[0];
  if (!r?.start.isCertain('year')) return null;
  const s = r.start;
  return `${s.get('year')}-${String(s.get('month') ?? 1).padStart(2, '0')}-${String(s.get('day') ?? 1).padStart(2, '0')}`;
}

/** The dates a question names, English first, then French ("le 12 mars 2017", "en mars 2017"). */
export function parseQuestionDates(text: string): Parsed[] {
  const english = GB.parse(text);
  if (english.some((r) => r.start.isCertain('year')) || !FRENCH_DATE_WORD.test(text)) return english;
  const french = fr.parse(text) as Parsed[];
  return french.length ? french : english;
}
