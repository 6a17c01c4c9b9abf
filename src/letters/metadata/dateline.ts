import { parseFullDate, type ParsedDate } from '../dates.js';
import { CONTACT, type BodyLine } from './lines.js';

/** A dateline: the line, its ISO date and the place it names. */
export interface Dateline {
  line: number;
  iso: string;
  place: string | null;
}

/** Datelines are short lines. */
const MAX_DATELINE = 80;
/** A year written out, in digits: "2019", or "12.03.19". */
const WRITTEN_YEAR = /\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}\b/;
/** A day and month with dots and spaces, which chrono does not read: "3. 5. 2019". */
const SPACED_DOTTED_DATE = /\b(\d{1,2})\.\s(\d{1,2})\.\s?(\d{4})\b/;
/** Words that label a date rather than name a place: "Date:", "Done at", "Dated", "Signed in", "Published", "Fait à". */
const DATE_LABEL = /^(?:date[d]?|done|signed|written|issued|sent|made|given|published|posted)\b[\s:,]*(?:(?:at|in|on)\b)?[\s:,]*|^fait\s+(?:à|a)\s+/i;
/** A preposition or article between a place and its date: "Geneva, on 3 May", "Paris, le 3 mai". */
const LINKING_WORD = /[\s,]+(?:on|the|le|am|el|il)$/i;
/** A French dateline's article before the date, after the place or alone: "Paris, le 3 juin 2016", "Le 12 mars 2017". */
const FRENCH_LINKING_WORD = /(?:^|[\s,]+)(?:le|ce)\s*$/i;
/** A place: capitalised words, perhaps with a country after a comma. */
const PLACE = /^[\p{Lu}][\p{L}'’.-]*(?:[\s,]+[\p{L}'’.-]+){0,4}$/u;
/** Capitalised words at the head of a dated line that are not places. */
const NOT_A_PLACE =
  /^(?:posted|sent|updated|published|received|deadline|meeting|hearing|letter|ref|reference|our|your|last|next|from|to|subject|re|date|dated|tel|signed|issued)\b/i;

/** A full date with its year written in digits ("Today" and "3 May" are not stated dates). */
export function statedDate(text: string): ParsedDate | null {
  const spaced = SPACED_DOTTED_DATE.exec(text);
  if (spaced) {
    const [day, month, year] = [Number(spaced[1]), Number(spaced[2]), Number(spaced[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
    return { iso: d.toISOString().slice(0, 10), index: spaced.index, length: spaced[0].length };
  }
  const date = parseFullDate(text);
  if (!date || !WRITTEN_YEAR.test(text.slice(date.index, date.index + date.length))) return null;
  return date;
}

/** The text beside a date is a place, nothing at all (null), or something else (undefined). */
function placeOrNothing(text: string): string | null | undefined {
  const t = text.replace(FRENCH_LINKING_WORD, '').replace(LINKING_WORD, '').replace(/^[\s,\-–—(]+|[\s,.\-–—)]+$/g, '').trim();
  if (!t) return null;
  if (!PLACE.test(t) || NOT_A_PLACE.test(t)) return undefined;
  return t;
}

/** "Brussels, 29 June, 2016" → { iso, place: "Brussels" }; "Date: 3 May 2021" → no place; prose → null. */
export function readDateline(text: string): { iso: string; place: string | null } | null {
  const line = text.replace(/^#+\s*/, '').trim();
  if (line.length > MAX_DATELINE) return null;
  const date = statedDate(line);
  if (!date) return null;
  const before = line.slice(0, date.index).replace(DATE_LABEL, '');
  const after = line.slice(date.index + date.length);
  if (CONTACT.test(before + after)) return null;
  const placeBefore = placeOrNothing(before);
  const placeAfter = placeOrNothing(after);
  if (placeBefore === undefined || placeAfter === undefined) return null;
  if (placeBefore && placeAfter) return null;
  return { iso: date.iso, place: placeBefore ?? placeAfter };
}

/** The first dateline among `lines[from, to)`. */
export function findDateline(lines: BodyLine[], from: number, to: number): Dateline | null {
  for (let i = Math.max(from, 0); i < Math.min(to, lines.length); i++) {
    const d = readDateline(lines[i].text);
    if (d) return { line: i, ...d };
  }
  return null;
}
