import type { LetterIndex } from '../indexing/letter-index.js';

/**
 * When Epistle abstains. Evidence is either the question's own words (weighted by rarity) or a close
 * paraphrase; the dense scale comes from the index's own calibration (the best cosines of unrelated
 * questions against its letters, measured at index time), so that every embedder gets a measured
 * threshold instead of a guess.
 */
export interface Calibration {
  /** Cosine that counts as no evidence (0) and as full evidence (1). */
  denseFloor: number;
  denseCeiling: number;
  /** Below this confidence Epistle abstains. */
  minConfidence: number;
}

/**
 * Tuned on the dev half of `npm run eval` with the bundled encoder: a grid over these, the floor's quantile
 * (p50, p90, p99) and a weight for the asked words in the lexical evidence (0–1; 0 won), keeping the seed
 * question set's out-of-corpus questions abstained.
 */
export const ABSTENTION = {
  /** Full dense evidence this far above the unrelated questions' 99th percentile (in cosine). */
  ceilingAboveP99: 0.1,
  /** Below this confidence Epistle abstains. */
  minConfidence: 0.15,
  /**
   * A question about how things turned out needs this share of its asked words in a sentence that reports it about
   * whom the question names. Dev half (306), grid 0–1: abstention 0.876 → 0.889 (0.2), 0.892 (0.3–0.4), 0.902 (0.5,
   * hit@3 0.833 → 0.826), 0.908 (0.7 and above, hit@3 0.818); 0.35, losing no answer. Since a report must name everyone
   * the question names and be no requested item, again on the dev half (2,028 answerable, 2,484): hit@3 1836, 1841,
   * 1842, 1842 and abstention 2331, 2334, 2332, 2329 at 0.35, 0.3, 0.25, 0.2; 0.3.
   */
  outcome: 0.3,
  // Lowering confidence when a "how many…"/"when…" question finds no figure or date in its best quotes did not
  // help on the dev half at any factor (0.25–0.75): not used.
} as const;

/** What the best quotes have of the question. */
export interface Evidence {
  /** Best cosine of the question to a retrieved sentence or passage. */
  dense: number;
  /** Share of the question's content words (by rarity) in the best sentence or passage. */
  coverage: number;
  /** The same for its words other than names, in the best few sentences; null when it has none. */
  asked: number | null;
  /** Share of the question's names (by rarity) that the best quotes' letters name; null when it has none. */
  named?: number | null;
  /** For a question about how things turned out: the asked words' share in the best sentences that report, not ask. */
  outcome?: number;
  /** For "who is X's lawyer?": whether a best sentence writes a personal name beside the relation, about X. */
  nameGiven?: boolean;
  /** For "how old…?", "which prison…?": whether a best sentence holds an answer of that type; … */
  typeGiven?: boolean;
  /** …and if not, the words for what the letters do not say ("how old", "which prison"). */
  typeAsked?: string;
}

/** 0..1: how sure Epistle is that the quotes answer the question. */
export function confidenceOf(e: Evidence, c: Calibration): number {
  // A name alone is no evidence: when the best quotes hold none of the words the question asks about, only a
  // paraphrase (dense evidence) can carry the answer ("What is the population of France?").
  const lexical = e.asked === 0 ? 0 : e.coverage;
  // Quotes from letters that never name whom or what the question names answer another question ("How old is
  // Svobodová?" is not answered by another person's age).
  if (e.named === 0 || outcomeUnreported(e) || e.nameGiven === false || e.typeGiven === false) return 0;
  return Math.max(denseEvidence(e.dense, c), lexical);
}

/** A question about how things turned out that no best sentence reports. */
export function outcomeUnreported(e: Evidence): boolean {
  return e.outcome !== undefined && e.outcome < ABSTENTION.outcome;
}

/** Fallbacks for an index built before calibration existed, per embedder backend. */
export const DEFAULT_CALIBRATION: Record<string, Calibration> = {
  // Universal Sentence Encoder lite: cosine ~0.25 for unrelated text, ~0.65 for a close paraphrase.
  bundled: { denseFloor: 0.25, denseCeiling: 0.65, minConfidence: 0.44 },
  transformers: { denseFloor: 0.45, denseCeiling: 0.85, minConfidence: 0.5 },
  lexical: { denseFloor: 1, denseCeiling: 2, minConfidence: 0.5 },
};

/** The calibration for answering from `index`: its own measurement when it has one. */
export function calibrationFor(index: LetterIndex, mode: 'hybrid' | 'dense' | 'lexical'): Calibration {
  if (mode === 'lexical') return DEFAULT_CALIBRATION.lexical;
  const measured = index.manifest.calibration;
  if (!measured) return DEFAULT_CALIBRATION[index.embedder.backend] ?? DEFAULT_CALIBRATION.transformers;
  return { denseFloor: measured.p90, denseCeiling: measured.p99 + ABSTENTION.ceilingAboveP99, minConfidence: ABSTENTION.minConfidence };
}

/** 0..1: how far a cosine is from "unrelated" towards "a close paraphrase". */
export function denseEvidence(cosine: number, c: Calibration): number {
  return Math.min(1, Math.max(0, (cosine - c.denseFloor) / (c.denseCeiling - c.denseFloor)));
}
