import type { LetterIndex, StoredLetter } from '../indexing/letter-index.js';
import type { Span } from '../letters/passages.js';
import type { Correspondents } from '../search/correspondents.js';
import type { Answer, Citation, NearbyLetter } from './answer.js';
import type { Sentence, TermStats } from './sentence-ranking.js';

/** What an answer is made of before the question and timings are added. */
export type Composed = Omit<Answer, 'question' | 'intent' | 'timings'> & { searchMs: number };

/** What every part of the answerer shares: the index, its letters and caches, and the quote rule. */
export interface AnswerContext {
  index: LetterIndex;
  /** Every letter, by date (undated last). */
  letters: StoredLetter[];
  stats: TermStats;
  correspondents: Correspondents;
  /** A citation of `span` of `letter`, or null when it would not be verbatim in the source. */
  cite(letter: StoredLetter, span: Span, score: number): Citation | null;
  sentencesOf(letter: StoredLetter): Sentence[];
}

export function nearby(l: StoredLetter): NearbyLetter {
  return { letterId: l.id, sender: l.meta.sender, recipients: l.meta.recipients.map((r) => r.name), date: l.meta.date };
}

export function answered(lead: string, citations: Citation[], confidence = 1, searchMs = 0): Composed {
  return { lead, citations, abstained: false, closest: [], confidence, searchMs };
}

export function abstained(lead: string, near: StoredLetter[], searchMs = 0, confidence = 0): Composed {
  return { lead, citations: [], abstained: true, closest: near.slice(0, 3).map(nearby), confidence, searchMs };
}
