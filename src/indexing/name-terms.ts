import { WORD } from '../letters/text-utils.js';
import { normaliseTerm } from './lexical-store.js';

/** Where a capital letter says nothing: the start of a text, a sentence, a line, a quotation. */
const SENTENCE_START = /(?:^|[.!?:;\n"“(])\s*$/;

/**
 * The terms (as the lexical index makes them) that the letters write capitalised in mid-sentence far more
 * often than not: names of people, places and organisations ("Ablyazov", "France", "Interpol"); and among them
 * the `sure` ones, capitalised at least twice (anywhere but after a hyphen) and never written in lower case. Counted over the whole corpus at
 * index time, so that answering does not read every letter.
 */
export function nameTerms(bodies: Iterable<string>): { names: string[]; sure: string[] } {
  const counts = new Map<string, { upper: number; lower: number; inCompound: number; atStart: number }>();
  // Each distinct word is stemmed once: a corpus repeats its words.
  const stems = new Map<string, string | null>();
  for (const body of bodies) {
    for (const m of body.matchAll(WORD)) {
      let t = stems.get(m[0]);
      if (t === undefined) stems.set(m[0], (t = normaliseTerm(m[0])));
      if (!t) continue;
      const c = counts.get(t) ?? { upper: 0, lower: 0, inCompound: 0, atStart: 0 };
      counts.set(t, c);
      const capital = /^\p{Lu}/u.test(m[0]);
      if (!capital) c.lower++;
      else if (SENTENCE_START.test(body.slice(Math.max(0, m.index - 3), m.index))) c.atStart++;
      // "Caps-Lock": a capital after a hyphen names nothing.
      else if (body[m.index - 1] === '-') c.inCompound++;
      else c.upper++;
    }
  }
  const names = [...counts].filter(([, c]) => c.upper + c.inCompound >= 1 && c.upper + c.inCompound >= 3 * c.lower);
  return {
    names: names.map(([t]) => t).sort(),
    sure: names.filter(([, c]) => c.upper + c.atStart >= 2 && !c.lower).map(([t]) => t).sort(),
  };
}
