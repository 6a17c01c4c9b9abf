import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { fold } from '../letters/text-utils.js';

/** Words too common to rank by. */
const STOPWORDS = new Set(
  ('a an and are as at be been but by did do does for from had has have he her him his how i if in into is it its ' +
    'me my of on or our she so than that the their them then there these they this to was we were what when where ' +
    'which who whom why will with would you your yours about any can could should shall may might must not no nor ' +
    'also just very some such only own same other more most both each few all over under again further once here ' +
    'out up down off above below between through during before after until while against because am being doing ' +
    'tell say said letter letters mention mentioned write wrote written')
    .split(' '),
);

/** Folds accents and case, drops stopwords, and stems: "Extradition" and "extradite" both become "extradit". */
export function normaliseTerm(term: string): string | null {
  const t = fold(term).replace(/['’]s$/, '');
  if (t.length < 2 && !/\d/.test(t)) return null;
  if (STOPWORDS.has(t)) return null;
  return stemmer(t);
}

/** The terms of a text as the lexical index sees them. */
export function terms(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map(normaliseTerm).filter((t): t is string => !!t);
}

interface Doc {
  label: number;
  text: string;
}

export interface LexicalHit {
  label: number;
  score: number;
}

const OPTIONS = {
  idField: 'label',
  fields: ['text'],
  storeFields: [] as string[],
  tokenize: (text: string) => text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [],
  processTerm: (term: string) => normaliseTerm(term) ?? undefined,
  searchOptions: { prefix: false, fuzzy: false, combineWith: 'OR' as const },
};

/** BM25 over passage texts (MiniSearch), keyed by the same labels as the vector store. */
export class LexicalStore {
  private constructor(private readonly index: MiniSearch<Doc>) {}

  static create(): LexicalStore {
    return new LexicalStore(new MiniSearch<Doc>(OPTIONS));
  }

  static fromJSON(json: string): LexicalStore {
    return new LexicalStore(MiniSearch.loadJSON<Doc>(json, OPTIONS));
  }

  get size(): number {
    return this.index.documentCount;
  }

  add(label: number, text: string): void {
    this.index.add({ label, text });
  }

  delete(label: number): void {
    if (this.index.has(label)) this.index.discard(label);
  }

  /** Best-first BM25 hits; `accept` filters labels inside the search. */
  search(query: string, k: number, accept?: (label: number) => boolean): LexicalHit[] {
    const results = this.index.search(query, accept ? { filter: (r) => accept(r.id as number) } : undefined);
    return results.slice(0, k).map((r) => ({ label: r.id as number, score: r.score }));
  }

  /** Labels of the passages that contain every term of `query`. */
  containingAll(query: string): number[] {
    return this.index.search(query, { combineWith: 'AND' }).map((r) => r.id as number);
  }

  /**
   * Passages containing a (normalised) term. MiniSearch keeps this in its term index but has no public
   * accessor; counting it here saves a pass over every passage at start-up.
   */
  documentFrequency(term: string): number {
    const fields = (this.index as unknown as { _index: { get(t: string): Map<number, Map<number, number>> | undefined } })._index.get(term);
    let n = 0;
    if (fields) for (const docs of fields.values()) n += docs.size;
    return n;
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }
}
