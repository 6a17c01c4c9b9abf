import { distance } from 'fastest-levenshtein';
import { fold } from '../letters/text-utils.js';
import { isEnglishWord } from './synonyms.js';

/**
 * Names misspelt in a question ("serikbaev", "lytvin", "mamadli") read as the letters spell them ("Serikbayev",
 * "Lytvyn", "Mammadli"): a word no letter writes and no dictionary knows, close to exactly one name the letters write.
 */
export interface NameSpellerOptions {
  /** Shortest question word corrected. Default 5: shorter words are too close to too much. */
  minLength?: number;
  /** Edits allowed up to 7 letters, and from 8 letters. Default [1, 2]. */
  maxEdits?: [number, number];
  /**
   * Names an acronym is not written out as: the correspondents', whose acronym already points to their letters ("the
   * FEP memo"). Default none.
   */
  keepAcronymsOf?: Iterable<string>;
}

export class NameSpeller {
  /** Folded name → how often the letters write it. */
  private readonly names = new Map<string, number>();
  /** Every folded word the letters write, in any case. */
  private readonly words = new Set<string>();
  /** The words they write in lower case. */
  private readonly lower = new Set<string>();
  private readonly minLength: number;
  private readonly maxEdits: [number, number];

  constructor(texts: Iterable<string>, { minLength = 5, maxEdits = [1, 2], keepAcronymsOf = [] }: NameSpellerOptions = {}) {
    this.minLength = minLength;
    this.maxEdits = maxEdits;
    // One pass over the texts (an iterable may be read only once).
    for (const text of texts) {
      for (const m of text.matchAll(/[\p{L}]+/gu)) {
        const w = fold(m[0]);
        this.words.add(w);
        if (/^\p{Ll}/u.test(m[0])) this.lower.add(w);
        else if (/^\p{Lu}\p{Ll}/u.test(m[0]) && w.length >= this.minLength) this.names.set(w, (this.names.get(w) ?? 0) + 1);
      }
      for (const [initials, phrase] of spelledOut(text)) this.acronyms.set(initials, this.acronyms.has(initials) && this.acronyms.get(initials) !== phrase ? null : phrase);
    }
    // A name is a word the letters only capitalise: "Appeal" begins sentences, and is no name.
    for (const w of this.lower) this.names.delete(w);
    for (const name of keepAcronymsOf) for (const [initials, phrase] of spelledOut(name)) if (this.acronyms.get(initials) === phrase) this.acronyms.set(initials, null);
  }

  /** Initials → the one name the letters write out with them ("icrc" → "International Committee of the Red Cross"); null when several. */
  private readonly acronyms = new Map<string, string | null>();

  /** The name the letters write out for an acronym ("ICRC"); null when they write none or several. */
  spelledFor(word: string): string | null {
    if (!/^\p{Lu}{3,6}$/u.test(word)) return null;
    return this.acronyms.get(fold(word)) ?? null;
  }

  /** Whether the letters or a dictionary know `w`, or the word it inflects ("salehs", "protects", "appealed"). */
  private known(w: string): boolean {
    const stems = [w, ...['s', 'es', 'ed', 'd', 'ing', 'er', 'ers'].filter((x) => w.endsWith(x)).map((x) => w.slice(0, -x.length))];
    return stems.some((x) => x.length >= 3 && (this.words.has(x) || isEnglishWord(x)));
  }

  /** The name the letters write for `word`, or null when it is theirs already, an English word, or not close to one name. */
  nameFor(word: string): string | null {
    const w = fold(word);
    if (w.length < this.minLength || this.known(w)) return null;
    const edits = w.length >= 8 ? this.maxEdits[1] : this.maxEdits[0];
    let best: string | null = null;
    let bestDistance = Infinity;
    let tie = false;
    for (const name of this.names.keys()) {
      // A typo rarely changes the first letter, and the length only by the edits.
      if (name[0] !== w[0] || Math.abs(name.length - w.length) > edits) continue;
      const d = distance(w, name);
      if (d > edits || d > bestDistance) continue;
      if (d === bestDistance) tie = true;
      else [best, bestDistance, tie] = [name, d, false];
    }
    if (tie || !best) return null;
    // "extradtion" is a typo of a word the letters write in lower case, not of the name "Extradición".
    for (const x of this.lower) if (x[0] === w[0] && Math.abs(x.length - w.length) <= bestDistance && distance(w, x) <= bestDistance) return null;
    return best;
  }

  /** `question` with its misspelt names spelt as the letters spell them, in the question's own case. */
  correct(question: string): string {
    // "shouldn't": a contraction is no name; "serikbaev's" is.
    return question.replace(/[\p{L}]+(?:['’]\p{L}+)?/gu, (token) => {
      const [word, after] = token.split(/(?=['’])/u);
      if (after && !/^['’]s$/u.test(after)) return token;
      // "The ICRC": with the name the letters write out, which some of them use instead.
      const spelled = this.spelledFor(word);
      if (spelled) return `${word}${after ?? ''} (${spelled})`;
      const name = this.nameFor(word);
      if (!name) return token;
      return (/^\p{Lu}/u.test(word) ? name[0].toUpperCase() + name.slice(1) : name) + (after ?? '');
    });
  }
}

/** Small words inside a name written out: "Committee *of the* Red Cross". */
const NAME_JOINER = /^(?:of|the|for|and|on|de|del|della|des|du|la|le|y|et|für)$/;

/**
 * The names a text writes out in capitalised words ("International Committee of the Red Cross"), each with its
 * initials ("icrc"), at least three of them; every run of such words, from and to a capitalised word.
 */
function spelledOut(text: string): [string, string][] {
  const out: [string, string][] = [];
  const tokens = [...text.matchAll(/[\p{L}'’-]+|[^\p{L}\s]+|\n/gu)].map((m) => m[0]);
  const isCap = (t: string) => /^\p{Lu}\p{Ll}/u.test(t);
  for (let i = 0; i < tokens.length; i++) {
    if (!isCap(tokens[i])) continue;
    const run: string[] = [];
    let initials = '';
    for (let j = i; j < tokens.length && run.length < 10 && (isCap(tokens[j]) || NAME_JOINER.test(tokens[j])); j++) {
      run.push(tokens[j]);
      if (!isCap(tokens[j])) continue;
      initials += fold(tokens[j][0]);
      if (initials.length >= 3) out.push([initials, run.join(' ')]);
    }
  }
  return out;
}

/** Chat abbreviations and the words they stand for ("how many yrs did he get?"). */
const ABBREVIATIONS: Record<string, string> = {
  yr: 'year', yrs: 'years', mth: 'month', mths: 'months', mos: 'months', wk: 'week', wks: 'weeks', hr: 'hour', hrs: 'hours',
  govt: 'government', gvt: 'government', dept: 'department', ppl: 'people', bc: 'because', cuz: 'because', coz: 'because',
  b4: 'before', abt: 'about', approx: 'approximately', info: 'information', intl: 'international', msg: 'message',
  avg: 'average', rn: 'now', subs: 'subscribers', w: 'with',
};

/** Months typed short ("the sept 2019 swap", "in early oct"): written out before a year or day, or after "in", "since"… ("Jan" may be a name; "mar" and "may" are words). */
const SHORT_MONTHS: Record<string, string> = {
  feb: 'February', febr: 'February', apr: 'April', jun: 'June', jul: 'July', aug: 'August', sep: 'September', sept: 'September', oct: 'October', nov: 'November', dec: 'December',
};
const MONTH_CONTEXT = new RegExp(`\\b(?:(in|on|since|from|by|until|till|early|late|mid|of|last|this|next)\\s+)?(${Object.keys(SHORT_MONTHS).join("|")})\\b(?=(\\s+\\d{1,4}\\b)?)`, 'gi');

/**
 * Seats of government typed for the office they house ("the open letter to Matignon"): letters name the office and
 * write the seat only in an address, if at all.
 */
const SEATS: [RegExp, string][] = [
  [/\b(?:the\s+)?(?:h[oô]tel\s+de\s+)?matignon\b/giu, 'the French Prime Minister'],
  [/\b(?:the\s+)?(?:[eé]lys[eé]e)(?:\s+palace)?\b/giu, 'the French President'],
  [/\b(?:the\s+)?quai\s+d['’]orsay\b/giu, 'the French Foreign Minister'],
  [/\b(?:the\s+)?place\s+beauvau\b/giu, 'the French Interior Minister'],
  [/\b(?:the\s+)?downing\s+street\b/giu, 'the British Prime Minister'],
  [/\b(?:the\s+)?moncloa\b/giu, 'the Spanish Prime Minister'],
  [/\b(?:the\s+)?palazzo\s+chigi\b/giu, 'the Italian Prime Minister'],
  [/\b(?:the\s+)?farnesina\b/giu, 'the Italian Foreign Minister'],
  [/\b(?:the\s+)?kremlin\b/giu, 'the Russian President'],
  [/\b(?:the\s+)?white\s+house\b/giu, 'the US President'],
  [/\b(?:the\s+)?berlaymont\b/giu, 'the European Commission'],
];

/** `question` with its chat abbreviations and seats of government written out, in the question's own case. */
export function expandAbbreviations(question: string): string {
  for (const [seat, office] of SEATS) question = question.replace(seat, office);
  // "the foreign sec", "the home sec": a secretary of state, not a second.
  return question.replace(/\b(foreign|home|general|state|exec|executive|press)\s+sec\b\.?/giu, '$1 secretary').replace(/[\p{L}\p{N}]+/gu, (word) => {
    const full = ABBREVIATIONS[word.toLowerCase()];
    // "the HR": an acronym in capitals ("High Representative"), not a chat word ("48 hrs").
    if (!full || /^\p{Lu}{2,}$/u.test(word)) return word;
    return /^\p{Lu}/u.test(word) ? full[0].toUpperCase() + full.slice(1) : full;
  }).replace(MONTH_CONTEXT, (all, before: string | undefined, month: string, after: string | undefined) => (before || after ? `${before ? `${before} ` : ''}${SHORT_MONTHS[month.toLowerCase()]}` : all));
}
