import type { Embedder } from '../indexing/embedders/embedder.js';
import type { LetterIndex, StoredPassage } from '../indexing/letter-index.js';
import { terms } from '../indexing/lexical-store.js';
import { isEmptyFilter, letterMatches, type LetterFilter } from './filters.js';
import { otherNationalForms } from './correspondents.js';

/** How the two rankings are fused: weighted reciprocal rank fusion. */
export interface FusionWeights {
  dense: number;
  lexical: number;
  /** RRF's k: larger flattens the rank curve. */
  k: number;
}

/** Tuned on tests/questions.ts (see README, "Retrieval"). */
export const DEFAULT_FUSION: FusionWeights = { dense: 2, lexical: 1, k: 20 };

export type RetrievalMode = 'hybrid' | 'dense' | 'lexical';

export interface PassageHit {
  passage: StoredPassage;
  /** Fused score (RRF). */
  score: number;
  /** Cosine similarity to the question, when the dense search found it. */
  dense: number | null;
  /** BM25 score, when the lexical search found it. */
  lexical: number | null;
  denseRank: number | null;
  lexicalRank: number | null;
}

export interface SearchOptions {
  filter?: LetterFilter;
  /** Passages returned after fusion and diversification. */
  limit?: number;
  /** Candidates taken from each search before fusion. */
  candidates?: number;
  mode?: RetrievalMode;
  weights?: FusionWeights;
  /** MMR trade-off between relevance (1) and diversity (0). */
  lambda?: number;
  /** The question's vector, when the caller already has it. */
  queryVector?: Float32Array;
  /** Each retriever's best this many passages are returned whatever their fused rank (default 0). */
  keepEach?: number;
}

/** Letters allowed by a filter, as a label predicate for both searches. */
export function acceptFor(index: LetterIndex, filter: LetterFilter | undefined): ((label: number) => boolean) | undefined {
  if (!filter || isEmptyFilter(filter)) return undefined;
  const allowed = new Set([...index.letters.values()].filter((l) => letterMatches(l, filter)).map((l) => l.id));
  return (label) => {
    const p = index.passages.get(label);
    return !!p && allowed.has(p.letterId);
  };
}

/** Term sets of passages, which never change: computed once each. */
const termSets = new WeakMap<StoredPassage, Set<string>>();
function termSet(p: StoredPassage): Set<string> {
  let s = termSets.get(p);
  if (!s) {
    s = new Set(terms(p.text));
    termSets.set(p, s);
  }
  return s;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Near-duplicates collapse into their best-ranked copy; the rest is re-ranked by MMR so that
 * one letter does not crowd out the others.
 */
function diversify(hits: PassageHit[], limit: number, lambda: number): PassageHit[] {
  // Only the head of the ranking can reach the answer; MMR over it, not over every candidate.
  hits = hits.slice(0, Math.max(limit * 4, 24));
  const sets = new Map(hits.map((h) => [h.passage.label, termSet(h.passage)]));
  const unique: PassageHit[] = [];
  for (const h of hits) {
    if (!unique.some((u) => jaccard(sets.get(u.passage.label)!, sets.get(h.passage.label)!) >= 0.8)) unique.push(h);
  }
  if (!unique.length) return [];
  const top = unique[0].score;
  const chosen: PassageHit[] = [];
  const rest = [...unique];
  while (chosen.length < limit && rest.length) {
    let best = 0;
    let bestValue = -Infinity;
    rest.forEach((h, i) => {
      const sameLetter = chosen.filter((c) => c.passage.letterId === h.passage.letterId).length;
      const overlap = Math.max(0, ...chosen.map((c) => jaccard(sets.get(c.passage.label)!, sets.get(h.passage.label)!)));
      const redundancy = Math.max(overlap, sameLetter ? 0.3 * Math.min(sameLetter, 2) : 0);
      const value = lambda * (h.score / top) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    chosen.push(rest.splice(best, 1)[0]);
  }
  return chosen;
}

/** Hybrid retrieval: BM25 and HNSW, each filtered inside its search, fused by weighted RRF. */
export async function searchPassages(index: LetterIndex, embedder: Embedder, question: string, opts: SearchOptions = {}): Promise<PassageHit[]> {
  const mode = opts.mode ?? 'hybrid';
  const weights = opts.weights ?? DEFAULT_FUSION;
  const candidates = opts.candidates ?? 50;
  const accept = acceptFor(index, opts.filter);
  const merged = new Map<number, PassageHit>();
  const entry = (label: number): PassageHit | null => {
    const passage = index.passages.get(label);
    if (!passage) return null;
    let h = merged.get(label);
    if (!h) {
      h = { passage, score: 0, dense: null, lexical: null, denseRank: null, lexicalRank: null };
      merged.set(label, h);
    }
    return h;
  };

  if (mode !== 'lexical') {
    index.checkEmbedder(embedder);
    const vector = opts.queryVector ?? (await embedder.embed([question], 'query'))[0];
    index.vectors.search(vector, candidates, accept).forEach((hit, rank) => {
      const h = entry(hit.label);
      if (!h) return;
      h.dense = hit.score;
      h.denseRank = rank;
      h.score += (mode === 'dense' ? 1 : weights.dense) / (weights.k + rank + 1);
    });
  }
  if (mode !== 'dense') {
    // "Honduran activists" finds letters about Honduras: the other national form joins the word search.
    const words = [question, ...otherNationalForms(question)].join(' ');
    index.lexical.search(words, candidates, accept).forEach((hit, rank) => {
      const h = entry(hit.label);
      if (!h) return;
      h.lexical = hit.score;
      h.lexicalRank = rank;
      h.score += (mode === 'lexical' ? 1 : weights.lexical) / (weights.k + rank + 1);
    });
  }
  const ranked = [...merged.values()].sort((a, b) => b.score - a.score || a.passage.label - b.passage.label);
  const chosen = diversify(ranked, opts.limit ?? 8, opts.lambda ?? 0.85);
  // A passage one retriever ranks first may rank low fused (BM25 alone finds a rare name): it still competes.
  const keep = opts.keepEach ?? 0;
  for (const h of ranked) {
    if (((h.denseRank ?? Infinity) < keep || (h.lexicalRank ?? Infinity) < keep) && !chosen.includes(h)) chosen.push(h);
  }
  return chosen;
}
