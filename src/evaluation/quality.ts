import type { Answer } from '../answer/answer.js';

/** A question with the letters that answer it and a phrase their quotes must contain (none: abstain). */
export interface LabelledQuestion {
  question: string;
  letters: string[];
  phrase?: string;
}

export interface QuestionOutcome {
  question: string;
  answerable: boolean;
  abstained: boolean;
  /** Rank (0-based) of the first citation from an expected letter containing the phrase; null if none. */
  rank: number | null;
}

export interface QualityFigures {
  answerable: number;
  outOfCorpus: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Share of all questions where abstaining or answering was the right call. */
  abstentionAccuracy: number;
}

/** Whitespace folded, Markdown's emphasis markers dropped ("**Seán Kavanagh**, Member…" is "Seán Kavanagh, Member…"). */
const squash = (s: string) => s.replace(/\*+/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

export function outcome(q: LabelledQuestion, a: Answer): QuestionOutcome {
  const answerable = q.letters.length > 0;
  const rank = a.abstained
    ? null
    : a.citations.findIndex((c) => q.letters.includes(c.letterId) && (!q.phrase || squash(c.quote).includes(squash(q.phrase))));
  return { question: q.question, answerable, abstained: a.abstained, rank: rank === null || rank < 0 ? null : rank };
}

export function figures(outcomes: QuestionOutcome[]): QualityFigures {
  const answerable = outcomes.filter((o) => o.answerable);
  const ooc = outcomes.filter((o) => !o.answerable);
  const share = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);
  return {
    answerable: answerable.length,
    outOfCorpus: ooc.length,
    hitAt1: share(answerable.filter((o) => o.rank === 0).length, answerable.length),
    hitAt3: share(answerable.filter((o) => o.rank !== null && o.rank < 3).length, answerable.length),
    mrr: share(answerable.reduce((s, o) => s + (o.rank === null ? 0 : 1 / (o.rank + 1)), 0), answerable.length),
    abstentionAccuracy: share(outcomes.filter((o) => o.abstained === !o.answerable).length, outcomes.length),
  };
}
