import { z } from 'zod';
import { WORD } from '../letters/text-utils.js';
import { normaliseTerm } from './lexical-store.js';

/** Where a capital letter says nothing: the start of a text, a sentence, a line, a quotation. */
const SENTENCE_START = /(?:^|[.!?:;\n"“(])\s*$/;

/** How a term is written across the corpus: capitalised mid-sentence, in lower case, after a hyphen, at a sentence's start. */
type Counts = [upper: number, lower: number, inCompound: number, atStart: number];

/**
 * The terms (as the lexical index makes them) that the letters write capitalised in mid-sentence far more
 * often than not: names of people, places and organisations ("Ablyazov", "France", "Interpol"); and among them
 * the `sure` ones, capitalised at least twice (anywhere but after a hyphen) and never written in lower case. Counted over the whole corpus at
 * index time, so that answering does not read every letter.
 */
export function nameTerms(bodies: Iterable<string>): { names: string[]; sure: string[] } {
  const counter = new NameCounter();
  for (const body of bodies) counter.add(body);
  return counter.names();
}

/** The file beside an index that keeps the counts, so that an update counts only the letters it changes. */
export const NAME_COUNTS_FILE = 'name-counts.json';

const NameCountsFile = z.object({
  parserVersion: z.number(),
  terms: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number()])),
});

/**
 * The corpus's name counts, kept up to date letter by letter: a letter added is counted, a letter removed or
 * changed is counted out (by the body it was counted with).
 */
export class NameCounter {
  private readonly counts = new Map<string, Counts>();
  /** Each distinct word is stemmed once: a corpus repeats its words. */
  private readonly stems = new Map<string, string | null>();
  /** The bodies counted, by letter id. */
  private readonly counted = new Map<string, string>();

  /** Counts `body` in (sign 1) or out (sign -1). */
  add(body: string, sign: 1 | -1 = 1): void {
    for (const m of body.matchAll(WORD)) {
      let t = this.stems.get(m[0]);
      if (t === undefined) this.stems.set(m[0], (t = normaliseTerm(m[0])));
      if (!t) continue;
      let c = this.counts.get(t);
      if (!c) this.counts.set(t, (c = [0, 0, 0, 0]));
      const capital = /^\p{Lu}/u.test(m[0]);
      if (!capital) c[1] += sign;
      else if (SENTENCE_START.test(body.slice(Math.max(0, m.index - 3), m.index))) c[3] += sign;
      // "Caps-Lock": a capital after a hyphen names nothing.
      else if (body[m.index - 1] === '-') c[2] += sign;
      else c[0] += sign;
      if (sign < 0 && c.every((n) => n === 0)) this.counts.delete(t);
    }
  }

  /** Brings the counts to `letters` (id → body): counts out what changed or went, counts in what is new. */
  update(letters: Iterable<{ id: string; body: string }>): void {
    const now = new Map<string, string>();
    for (const l of letters) now.set(l.id, l.body);
    for (const [id, body] of this.counted) {
      if (now.get(id) === body) continue;
      this.add(body, -1);
      this.counted.delete(id);
    }
    for (const [id, body] of now) {
      if (this.counted.has(id)) continue;
      this.add(body);
      this.counted.set(id, body);
    }
  }

  names(): { names: string[]; sure: string[] } {
    const names = [...this.counts].filter(([, [upper, lower, inCompound]]) => upper + inCompound >= 1 && upper + inCompound >= 3 * lower);
    return {
      names: names.map(([t]) => t).sort(),
      sure: names.filter(([, [upper, lower, , atStart]]) => upper + atStart >= 2 && !lower).map(([t]) => t).sort(),
    };
  }

  toJSON(parserVersion: number): string {
    return JSON.stringify({ parserVersion, terms: [...this.counts].map(([t, c]) => [t, ...c]) });
  }

  /**
   * The counts saved with an index, as counted over `letters` (that index's letters); null when they were made by
   * another reader version or cannot be read, and must be counted again.
   */
  static fromJSON(json: string, parserVersion: number, letters: Iterable<{ id: string; body: string }>): NameCounter | null {
    let parsed: z.infer<typeof NameCountsFile>;
    try {
      parsed = NameCountsFile.parse(JSON.parse(json));
    } catch {
      return null;
    }
    if (parsed.parserVersion !== parserVersion) return null;
    const counter = new NameCounter();
    for (const [t, ...c] of parsed.terms) counter.counts.set(t, c as Counts);
    for (const l of letters) counter.counted.set(l.id, l.body);
    return counter;
  }
}
