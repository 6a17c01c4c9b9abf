import { foldWords } from '../letters/text-utils.js';
import type { Answer } from './answer.js';

/**
 * Follow-up questions in a conversation, resolved by rules over the previous answer's letters and people
 * (no language model): "And what did he ask for?", "When was that?", "Who else got a copy?", "Show me that
 * letter", "Quote more from it" ask about the letters the previous answer quoted.
 */

/** One question and what answered it: the letters and people a later question may refer to. */
export interface Turn {
  question: string;
  /** The answer's letters, best first (at most MAX_CONTEXT_LETTERS). */
  letterIds: string[];
  /** Spans already quoted, per letter: "quote more" shows others. */
  quoted: { letterId: string; start: number; end: number }[];
  /** When it was asked (ms since the epoch). */
  at: number;
}

export type FollowUpAction = 'answer' | 'show-letter' | 'quote-more';

/** How a question is taken in its conversation. */
export interface FollowUp {
  /** What to ask: the question itself, or a rewording of an action ("Show me that letter" → the letter). */
  question: string;
  action: FollowUpAction;
  /** The letters it inherits from the previous turn; null when it stands alone. */
  letterIds: string[] | null;
  /** The previous question, when context was taken from it. */
  previous: string | null;
}

/** How much of a conversation is kept, and for how long. */
export const CONVERSATION = { turns: 10, idleMs: 24 * 60 * 60 * 1000 } as const;
/** A follow-up inherits at most this many of the previous answer's letters. */
export const MAX_CONTEXT_LETTERS = 3;

/** Words that point back: pronouns, "that letter", "else", "more". */
const ANAPHOR = /\b(?:he|him|his|she|her|hers|they|them|their|theirs|it|its|that|this|those|these|else|more|same|above|former|latter|then)\b/;
/** Openings of an elliptical follow-up: "And…", "What about…", "So…", "Also…". */
const ELLIPSIS = /^(?:and|but|so|also|what about|how about|then|ok(?:ay)?|anything else)\b/;
/** Questions about the whole collection stand alone: "How many letters are there?", "Who wrote to anyone?". */
const WHOLE_COLLECTION = /\b(?:letters|e ?mails|correspondence|collection|anyone|anybody|everyone|everybody|all of them)\b/;
const SHOW_LETTER = /^(?:(?:please |can you |could you )?(?:show|open|give|send|display)(?: me)? (?:that|the|this|their|his|her|its) (?:letter|e ?mail|memo|note|document|full text|whole (?:letter|thing|text))|(?:show|open) it)\b/;
const QUOTE_MORE = /\b(?:quote more|more quotes?|more from (?:it|that|this|the letter)|what else (?:does|did) (?:it|that letter|the letter|he|she|they) say|read (?:me )?more|tell me more)\b/;

/**
 * How `question` is taken after `history` (oldest first). A question that names a letter, person or date of its
 * own (`namesItsOwn`) starts afresh; one that points back, or is elliptical, asks about the last answer's letters.
 */
export function resolveFollowUp(question: string, history: readonly Turn[], namesItsOwn: (question: string, context: string[]) => boolean): FollowUp {
  const alone: FollowUp = { question, action: 'answer', letterIds: null, previous: null };
  const last = [...history].reverse().find((t) => t.letterIds.length);
  if (!last) return alone;
  const f = foldWords(question);
  const show = SHOW_LETTER.test(f);
  const more = QUOTE_MORE.test(f);
  if (!show && !more) {
    if (namesItsOwn(question, last.letterIds)) return alone;
    const pointsBack = ANAPHOR.test(f) || ELLIPSIS.test(f);
    if (!pointsBack && (WHOLE_COLLECTION.test(f) || f.split(' ').length > 6)) return alone;
  }
  // "Show me that letter": the one letter the last answer led with.
  const letterIds = show || more ? last.letterIds.slice(0, 1) : last.letterIds;
  return { question: reworded(f, last) ?? question, action: show ? 'show-letter' : more ? 'quote-more' : 'answer', letterIds, previous: last.question };
}

/** Elliptical follow-ups said in full: "When was that?", "And the date?", "Why?". */
function reworded(f: string, last: Turn): string | null {
  const words = f.split(' ').filter(Boolean);
  if (words.length <= 5 && /^(?:and |so |ok |okay )?(?:when|what date|which date|the date|date|what day)\b/.test(f)) return 'When was the letter written?';
  if (words.length <= 3 && /^(?:and |but |so )?(?:why|how come)\b/.test(f)) return `Why ${last.question.replace(/^\s*(?:what|who|how|which|where|when|why)\b\s*/i, '').replace(/\?+\s*$/, '')}?`;
  return null;
}

/** The turn an answer makes, for the conversation to remember. */
export function turnOf(question: string, answer: Answer, at = Date.now()): Turn {
  const letterIds: string[] = [];
  for (const c of answer.citations) if (!letterIds.includes(c.letterId)) letterIds.push(c.letterId);
  return {
    question,
    letterIds: answer.abstained ? [] : letterIds.slice(0, MAX_CONTEXT_LETTERS),
    quoted: answer.citations.map((c) => ({ letterId: c.letterId, start: c.start, end: c.end })),
    at,
  };
}

/** A bounded, expiring memory of conversations by key (a Discord thread, a console session). */
export class Conversations {
  private readonly map = new Map<string, Turn[]>();
  constructor(private readonly now: () => number = Date.now) {}

  /** The conversation's turns, oldest first; empty when it has been idle too long. */
  get(key: string): Turn[] {
    const turns = this.map.get(key);
    if (!turns) return [];
    if (this.now() - turns[turns.length - 1].at > CONVERSATION.idleMs) {
      this.map.delete(key);
      return [];
    }
    return turns;
  }

  has(key: string): boolean {
    return this.get(key).length > 0;
  }

  add(key: string, turn: Turn): void {
    const turns = [...this.get(key), turn].slice(-CONVERSATION.turns);
    this.map.set(key, turns);
  }

  /** Replaces a conversation, e.g. when rebuilt from a thread's messages after a restart. */
  set(key: string, turns: Turn[]): void {
    this.map.set(key, turns.slice(-CONVERSATION.turns));
  }

  /** Forgets conversations idle too long. */
  prune(): void {
    for (const key of [...this.map.keys()]) this.get(key);
  }
}
