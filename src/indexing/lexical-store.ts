import MiniSearch from 'minisearch';
import { z } from 'zod';
import { stemmer } from 'stemmer';
import { fold, WORD } from '../letters/text-utils.js';
import { analyseTerm, lexicalLanguage, STEMMED_LANGUAGES, type LexicalLanguage, type StemmedLanguage } from '../letters/language.js';

/** "shouldn't", "what's": a question's contractions are function words too. */
const CONTRACTIONS = (
  "don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't " +
  "mustn't it's i'm i've i'd i'll we're we've we'd we'll they're they've they'd he's she's that's there's what's who's " +
  "where's how's let's you're you've"
).split(' ');

/** Words too common to rank by. */
const STOPWORDS = new Set(
  ('a an and are as at be been but by did do does for from had has have he her him his how i if in into is it its ' +
    'me my of on or our she so than that the their them then there these they this to was we were what when where ' +
    'which who whom why will with would you your yours about any can could should shall may might must not no nor ' +
    'also just very some such only own same other more most both each few all over under again further once here ' +
    'out up down off above below between through during before after until while against because am being doing ' +
    'tell say said letter letters mention mentioned write wrote written')
    .split(' ')
    .concat(CONTRACTIONS.flatMap((w) => [w, w.replace("'", '’')])),
);

/**
 * Irregular verbs' past forms, which stemming leaves alone ("held", "taken"): their base. Not the forms that are
 * common words of their own ("left", "found", "saw", "rose", "felt", "fell", "lay").
 */
const IRREGULAR = new Map(
  ('arose:arise arisen:arise beaten:beat became:become began:begin begun:begin bought:buy brought:bring built:build ' +
    'caught:catch chose:choose chosen:choose came:come dealt:deal drew:draw drawn:draw drove:drive driven:drive ' +
    'fled:flee fought:fight forbade:forbid forbidden:forbid forgot:forget forgotten:forget froze:freeze frozen:freeze ' +
    'gave:give given:give went:go gone:go got:get gotten:get grew:grow grown:grow heard:hear hid:hide hidden:hide ' +
    'held:hold kept:keep knew:know known:know led:lead lent:lend lost:lose made:make meant:mean met:meet paid:pay ' +
    'ran:run sought:seek seen:see sold:sell sent:send shook:shake shaken:shake shown:show spoke:speak spoken:speak ' +
    'spent:spend stood:stand stole:steal stolen:steal struck:strike swore:swear sworn:swear took:take taken:take ' +
    'taught:teach threw:throw thrown:throw tore:tear torn:tear understood:understand underwent:undergo ' +
    'undergone:undergo upheld:uphold withheld:withhold withdrew:withdraw withdrawn:withdraw won:win wore:wear ' +
    'worn:wear overthrew:overthrow overthrown:overthrow misled:mislead slept:sleep sat:sit')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Folds accents and case, drops stopwords, and stems: "Extradition" and "extradite" both become "extradit". */
export function normaliseTerm(term: string): string | null {
  const t = fold(term).replace(/['’]s$/, '');
  if (t.length < 2 && !/\d/.test(t)) return null;
  if (STOPWORDS.has(t)) return null;
  return stemmer(IRREGULAR.get(t) ?? t);
}

/** A token through the analyzer of `language`: English as `normaliseTerm`, the others prefixed ("fr:extrad"). */
export function analyse(term: string, language: LexicalLanguage): string | null {
  return language === 'en' ? normaliseTerm(term) : analyseTerm(term, language);
}

const TOKEN = WORD;

/** The terms of a text as the lexical index sees them (in a letter of `language`: English unless given). */
export function terms(text: string, language: string | null = 'en'): string[] {
  const lang = lexicalLanguage(language);
  return (text.match(TOKEN) ?? []).map((t) => analyse(t, lang)).filter((t): t is string => !!t);
}

/**
 * A question's token as each analyzer present in the index reads it: English as today, and for each other
 * language, its own analysis unless the word is an English function word ("the", "of").
 */
function queryTerms(term: string, languages: readonly StemmedLanguage[]): string | string[] | undefined {
  const english = normaliseTerm(term) ?? undefined;
  if (!languages.length) return english;
  const out = english ? [english] : [];
  if (english || /\d/.test(term) || !STOPWORDS.has(fold(term))) {
    for (const lang of languages) {
      const t = analyseTerm(term, lang);
      if (t) out.push(t);
    }
  }
  return out;
}

interface Doc {
  label: number;
  text: string;
}

export interface LexicalHit {
  label: number;
  score: number;
}

/** The analyzer a passage being added goes through (MiniSearch's `processTerm` has no document). */
interface Adding {
  language: LexicalLanguage;
}

function options(adding: Adding) {
  return {
    idField: 'label',
    fields: ['text'],
    storeFields: [] as string[],
    tokenize: (text: string) => text.match(TOKEN) ?? [],
    processTerm: (term: string) => analyse(term, adding.language) ?? undefined,
    searchOptions: { prefix: false, fuzzy: false, combineWith: 'OR' as const },
  };
}

/**
 * BM25 over passage texts (MiniSearch), keyed by the same labels as the vector store. Each passage goes
 * through its letter's analyzer: English passages have the terms they always had, French, Spanish and
 * German ones terms prefixed with their language ("fr:extrad"), so the two never mix. A question is read
 * by English and by each other analyzer present, and the search takes the union: an English passage
 * scores exactly as it would without the others, and a French one is found through its own stems.
 */
export class LexicalStore {
  /** The analyzers other than English with passages in the index (kept while their terms are). */
  private present: Set<StemmedLanguage> | null = null;
  /** The checksum of the saved index this store was read from (its base), null when it has none on disk. */
  private baseSha: string | null = null;
  /** What changed since the base: passages added (with their language) and labels of the base's passages removed. */
  private readonly delta = { added: new Map<number, { text: string; language: LexicalLanguage }>(), removed: new Set<number>() };

  private constructor(
    private readonly index: MiniSearch<Doc>,
    private readonly adding: Adding,
  ) {}

  static create(): LexicalStore {
    const adding: Adding = { language: 'en' };
    return new LexicalStore(new MiniSearch<Doc>(options(adding)), adding);
  }

  /** A saved index (the base, with its checksum), and the changes saved since it (LexicalDelta JSON), replayed. */
  static fromJSON(json: string, base?: { sha: string; delta?: string }): LexicalStore {
    const adding: Adding = { language: 'en' };
    const store = new LexicalStore(MiniSearch.loadJSON<Doc>(json, options(adding)), adding);
    if (base) {
      store.baseSha = base.sha;
      if (base.delta) {
        const delta = LexicalDelta.parse(JSON.parse(base.delta));
        for (const label of delta.removed) store.delete(label);
        for (const [label, text, language] of delta.added) store.add(label, text, language);
      }
    }
    return store;
  }

  /** The non-English analyzers whose terms are in the index, in a fixed order. */
  languages(): StemmedLanguage[] {
    if (!this.present) {
      const terms = (this.index as unknown as { _index: { atPrefix(p: string): { keys(): Iterator<string> } } })._index;
      this.present = new Set(STEMMED_LANGUAGES.filter((l) => !terms.atPrefix(`${l}:`).keys().next().done));
    }
    return STEMMED_LANGUAGES.filter((l) => this.present!.has(l));
  }

  /** The search options that read a question with every analyzer present. */
  private queryOptions(): { processTerm: (term: string) => string | string[] | undefined } | undefined {
    const languages = this.languages();
    return languages.length ? { processTerm: (term: string) => queryTerms(term, languages) } : undefined;
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Adds a passage, analysed for its letter's `language` (ISO 639-1; English when it has no analyzer of its own). */
  add(label: number, text: string, language?: string | null): void {
    const lang = lexicalLanguage(language);
    this.adding.language = lang;
    try {
      this.index.add({ label, text });
    } finally {
      this.adding.language = 'en';
    }
    this.delta.added.set(label, { text, language: lang });
    if (lang !== 'en') {
      this.languages();
      this.present!.add(lang);
    }
  }

  delete(label: number): void {
    if (!this.index.has(label)) return;
    this.index.discard(label);
    if (!this.delta.added.delete(label)) this.delta.removed.add(label);
  }

  /** Best-first BM25 hits; `accept` filters labels inside the search. */
  search(query: string, k: number, accept?: (label: number) => boolean): LexicalHit[] {
    const opts = { ...this.queryOptions(), ...(accept ? { filter: (r: { id: unknown }) => accept(r.id as number) } : {}) };
    const results = this.index.search(query, Object.keys(opts).length ? opts : undefined);
    return results.slice(0, k).map((r) => ({ label: r.id as number, score: r.score }));
  }

  /** Labels of the passages that contain every term of `query` (as one of the analyzers reads it). */
  containingAll(query: string): number[] {
    const labels = this.index.search(query, { combineWith: 'AND' }).map((r) => r.id as number);
    const languages = this.languages();
    if (!languages.length) return labels;
    const all = new Set(labels);
    for (const lang of languages) {
      const processTerm = (term: string) => (normaliseTerm(term) || /\d/.test(term) ? analyseTerm(term, lang) ?? undefined : undefined);
      for (const r of this.index.search(query, { combineWith: 'AND', processTerm })) all.add(r.id as number);
    }
    return [...all];
  }

  /** Every term of the index, as its analyzers made them ("extradit", "fr:extrad"). */
  vocabulary(): IterableIterator<string> {
    return (this.index as unknown as { _index: { keys(): IterableIterator<string> } })._index.keys();
  }

  /**
   * Passages containing a (normalised) term. MiniSearch keeps this in its term index but has no public
   * accessor; counting it here saves a pass over every passage at start-up.
   */
  documentFrequency(term: string): number {
    const index = (this.index as unknown as { _index: { get(t: string): Map<number, Map<number, number>> | undefined } })._index;
    let n = 0;
    // An English term often has the same stem in the other analyzers ("extradit", "2017", names): those passages count too.
    for (const t of [term, ...this.languages().map((l) => `${l}:${term}`)]) {
      const fields = index.get(t);
      if (fields) for (const docs of fields.values()) n += docs.size;
    }
    return n;
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }

  /**
   * The changes since the base, as saved beside it (LexicalDelta JSON), when the store has a base on disk and they
   * are few; null when the whole index must be saved again (`toJSON`), after which `rebased` is told its checksum.
   */
  deltaJSON(): string | null {
    const changes = this.delta.added.size + this.delta.removed.size;
    if (!this.baseSha || changes > Math.max(DELTA_MIN, DELTA_SHARE * this.size)) return null;
    const delta: LexicalDelta = { added: [...this.delta.added].map(([label, p]) => [label, p.text, p.language]), removed: [...this.delta.removed] };
    return JSON.stringify(delta);
  }

  /** The checksum of the saved index the delta is counted from; null when there is none. */
  get base(): string | null {
    return this.baseSha;
  }

  /** The whole index was saved, with checksum `sha`: it is the new base, and nothing has changed since. */
  rebased(sha: string): void {
    this.baseSha = sha;
    this.delta.added.clear();
    this.delta.removed.clear();
  }
}

/**
 * An update saves the passages it changed beside the unchanged base rather than the whole index again, while they
 * are at most this share of the passages (or this many): chosen by hand, so that reading an index replays little.
 */
const DELTA_SHARE = 0.1;
const DELTA_MIN = 200;

/** The changes of a store with none since its base. */
export const NO_CHANGES = '{"added":[],"removed":[]}';

/** The changes saved beside a base: passages added as [label, text, language], labels removed. */
const LexicalDelta = z.object({
  added: z.array(z.tuple([z.number(), z.string(), z.string()])),
  removed: z.array(z.number()),
});
type LexicalDelta = z.infer<typeof LexicalDelta>;
