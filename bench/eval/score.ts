import type { Answer } from '../../src/answer/answer.js';
import type { LetterMeta } from '../../src/letters/types.js';
import { SET_KINDS, type EvalQuestion, type Half, type LetterTruth, type QuestionKind } from './schema.js';

/** How one answer did against its question. */
export interface EvalOutcome {
  id: string;
  half: Half;
  kind: QuestionKind;
  question: string;
  answerable: boolean;
  abstained: boolean;
  /** Rank (0-based) of the first right citation; null when none is right (or a list/count is incomplete). */
  rank: number | null;
  /** Citations checked against the file on disk, and how many were verbatim. */
  quotes: number;
  verbatim: number;
  /** For list, count and overview: the cited letters are exactly the expected ones. */
  setExact: boolean | null;
  lead: string;
}

export interface EvalFigures {
  questions: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of questions where answering or abstaining was the right call. */
  abstention: number;
  /** Share of cited quotes that are verbatim in their source file. */
  verbatim: number;
}

/** Whitespace folded, Markdown's emphasis markers dropped ("**Seán Kavanagh**, Member…" is "Seán Kavanagh, Member…"). */
const squash = (s: string) => s.replace(/\*+/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

const NUMBER_WORDS: string[] = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The lead states `n`: as digits, or as a word ("two letters"), or "no letters" for 0. */
export function statesCount(lead: string, n: number): boolean {
  const words: string[] = lead.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  return words.includes(String(n)) || (NUMBER_WORDS[n] !== undefined && words.includes(NUMBER_WORDS[n]));
}

export function scoreAnswer(q: EvalQuestion, a: Answer, verbatim: (letterId: string, quote: string) => boolean): EvalOutcome {
  const answerable = q.letters.length > 0;
  let ok = 0;
  for (const c of a.citations) if (verbatim(c.letterId, c.quote)) ok++;
  const cited = new Set(a.citations.map((c) => c.letterId));
  const isSet = SET_KINDS.includes(q.kind);
  let rank: number | null = null;
  if (answerable && !a.abstained) {
    const i = a.citations.findIndex((c) => q.letters.includes(c.letterId) && (!q.phrase || squash(c.quote).includes(squash(q.phrase))));
    rank = i < 0 ? null : i;
    // A list or count is right only when it names every expected letter (and, for a count, the number).
    if (isSet && !q.letters.every((l) => cited.has(l))) rank = null;
    if (q.kind === 'count' && q.count !== undefined && !statesCount(a.lead, q.count)) rank = null;
  }
  const setExact = isSet && answerable ? !a.abstained && cited.size === q.letters.length && q.letters.every((l) => cited.has(l)) : null;
  return {
    id: q.id, half: q.half, kind: q.kind, question: q.question, answerable, abstained: a.abstained, rank,
    quotes: a.citations.length, verbatim: ok, setExact, lead: a.lead,
  };
}

const share = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

export function evalFigures(outcomes: EvalOutcome[]): EvalFigures {
  const answerable = outcomes.filter((o) => o.answerable);
  const quotes = outcomes.reduce((s, o) => s + o.quotes, 0);
  return {
    questions: outcomes.length,
    hit1: share(answerable.filter((o) => o.rank === 0).length, answerable.length),
    hit3: share(answerable.filter((o) => o.rank !== null && o.rank < 3).length, answerable.length),
    mrr: share(answerable.reduce((s, o) => s + (o.rank === null ? 0 : 1 / (o.rank + 1)), 0), answerable.length),
    abstention: share(outcomes.filter((o) => o.abstained === !o.answerable).length, outcomes.length),
    verbatim: quotes ? share(outcomes.reduce((s, o) => s + o.verbatim, 0), quotes) : 1,
  };
}

/** Metadata fields compared with the truth; recipient roles are compared per named recipient. */
export const METADATA_FIELDS = ['sender', 'senderRole', 'recipients', 'recipientRoles', 'cc', 'date', 'place'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export interface FieldResult {
  field: MetadataField;
  /** The text states it (the truth is not empty). */
  stated: boolean;
  exact: boolean;
  /** The text does not state it but something was read into it. */
  invented: boolean;
  expected: unknown;
  got: unknown;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export function compareMetadata(truth: LetterTruth, meta: LetterMeta): FieldResult[] {
  const scalar = (field: MetadataField, expected: string | null, got: string | null): FieldResult => ({
    field, stated: !!norm(expected), exact: !!norm(expected) && norm(expected) === norm(got), invented: !norm(expected) && !!norm(got), expected, got,
  });
  const list = (field: MetadataField, expected: string[], got: string[]): FieldResult => ({
    field, stated: expected.length > 0, exact: expected.length > 0 && sameSet(expected.map(norm), got.map(norm)), invented: !expected.length && got.length > 0, expected, got,
  });
  const roles = truth.recipients.filter((r) => r.role);
  const roleOf = (name: string) => meta.recipients.find((r) => norm(r.name) === norm(name))?.role ?? null;
  return [
    scalar('sender', truth.sender, meta.sender),
    scalar('senderRole', truth.senderRole, meta.senderRole),
    list('recipients', truth.recipients.map((r) => r.name), meta.recipients.map((r) => r.name)),
    {
      field: 'recipientRoles',
      stated: roles.length > 0,
      exact: roles.length > 0 && roles.every((r) => norm(r.role) === norm(roleOf(r.name))),
      invented: false,
      expected: roles.map((r) => `${r.name}: ${r.role}`),
      got: roles.map((r) => `${r.name}: ${roleOf(r.name)}`),
    },
    list('cc', truth.cc, meta.cc.map((c) => c.name)),
    scalar('date', truth.date, meta.date),
    scalar('place', truth.place, meta.place),
  ];
}

export interface MetadataFigures {
  letters: number;
  /** Fields the texts state, and how many of them were read exactly. */
  fields: number;
  exact: number;
  accuracy: number;
  /** Fields the texts do not state that were filled anyway. */
  invented: number;
}

export function metadataFigures(results: FieldResult[][]): MetadataFigures {
  const all = results.flat();
  const stated = all.filter((r) => r.stated);
  const exact = stated.filter((r) => r.exact).length;
  return { letters: results.length, fields: stated.length, exact, accuracy: share(exact, stated.length), invented: all.filter((r) => r.invented).length };
}
