import { WORD } from '../letters/text-utils.js';
import { normaliseTerm } from './lexical-store.js';

/** Where a capital letter says nothing: the start of a text, a sentence, a line, a quotation. */
const SENTENCE_START = /(?:^|[.!?:;\n"“(])\s*$/;

/**
 * The terms (as the lexical index makes them) that the letters write capitalised in mid-sentence far more
 * often than not: names of people, places and organisations ("Ablyazov", "France", "Interpol"). Counted over
 * the whole corpus at index time, so that answering does not read every letter.
 */
export function nameTerms(bodies: Iterable<string>): string[] {
  const counts = new Map<string, { upper: number; lower: number }>();
  for (const body of bodies) {
    for (const m of body.matchAll(WORD)) {
      const capital = /^\p{Lu}/u.test(m[0]);
      if (capital && SENTENCE_START.test(body.slice(Math.max(0, m.index - 3), m.index))) continue;
      const t = normaliseTerm(m[0]);
      if (!t) continue;
      const c = counts.get(t) ?? { upper: 0, lower: 0 };
      if (capital) c.upper++;
      else c.lower++;
      counts.set(t, c);
    }
  }
  return [...counts].filter(([, c]) => c.upper >= 1 && c.upper >= 3 * c.lower).map(([t]) => t).sort();
}
