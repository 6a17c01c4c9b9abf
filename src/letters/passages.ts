import type { Passage } from './types.js';
import { wordCount } from './text-utils.js';
import { continuesAfter } from './language.js';

/** A span of the body: body.slice(start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface PassageOptions {
  /** A passage grows to at most this many words (unless one sentence is longer). */
  maxWords: number;
  /** A paragraph break ends a passage once it has this many words. */
  minWords: number;
}

/** Sized for small sentence-embedding models (128–512 tokens). */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { maxWords: 90, minWords: 25 };

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, s);
  }
  return s;
}

/** Paragraphs of the body: runs of lines between blank lines. */
export function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = re.exec(body); ; m = re.exec(body)) {
    const end = m ? m.index : body.length;
    if (body.slice(start, end).trim()) spans.push(trim(body, { start, end }));
    if (!m) break;
    start = m.index + m[0].length;
  }
  return spans;
}

function trim(body: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  return { start, end };
}

/** Characters before a sentence's end that can hold an abbreviation and the character before it ("(Messrs."). */
const ABBREVIATION_TAIL = 24;

/**
 * Sentences of the body, with `Intl.Segmenter`. Line breaks inside a paragraph are read as spaces
 * (hard-wrapped text), so only paragraph breaks and punctuation end sentences.
 */
export function sentences(body: string, language = 'en'): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs(body).flatMap((q) => listItems(body, q))) {
    const text = body.slice(p.start, p.end).replace(/\n/g, ' ');
    let last: Span | null = null;
    for (const seg of segmenter(language).segment(text)) {
      const s = trim(body, { start: p.start + seg.index, end: p.start + seg.index + seg.segment.length });
      if (s.end <= s.start) continue;
      // "M. Rakhimov": in French, Spanish and German letters a title's full stop ends no sentence.
      // Only the sentence's end can be an abbreviation: testing the whole of a long merged run again each time would be quadratic.
      // "1." before "To send…": an item's number is no sentence of its own.
      const marker = last && /^(?:\d{1,2}[.)]|\([a-z0-9]\))$/.test(body.slice(last.start, last.end));
      if (last && (marker || continuesAfter(body.slice(Math.max(last.start, last.end - ABBREVIATION_TAIL), last.end), language))) last.end = s.end;
      else out.push((last = s));
    }
  }
  return out;
}

/** A line that starts an item of a list: "1. To send…", "2) not to…", "- Release…". */
const LIST_ITEM_LINE = /\n[ \t]*\d{1,2}[.)][ \t]+(?=\S)/g;

/** A paragraph cut where each item of a list starts, so that "ask you:" and the items end sentences of their own. */
function listItems(body: string, p: Span): Span[] {
  const text = body.slice(p.start, p.end);
  const cuts = [...text.matchAll(LIST_ITEM_LINE)].map((m) => p.start + m.index! + 1);
  if (!cuts.length) return [p];
  return [p.start, ...cuts].map((start, i) => trim(body, { start, end: i < cuts.length ? cuts[i] : p.end })).filter((s) => s.end > s.start);
}

/** Splits a sentence that alone exceeds the budget at word boundaries. */
function splitLong(body: string, s: Span, maxWords: number): Span[] {
  const words = [...body.slice(s.start, s.end).matchAll(/\S+/g)];
  if (words.length <= maxWords) return [s];
  const parts: Span[] = [];
  for (let i = 0; i < words.length; i += maxWords) {
    const first = words[i];
    const last = words[Math.min(i + maxWords, words.length) - 1];
    parts.push({ start: s.start + first.index!, end: s.start + last.index! + last[0].length });
  }
  return parts;
}

/** Packs whole sentences into passages of about `maxWords` words, preferring paragraph breaks. */
export function splitPassages(
  letterId: string,
  body: string,
  language = 'en',
  opts: PassageOptions = DEFAULT_PASSAGE_OPTIONS,
): Passage[] {
  const passages: Passage[] = [];
  let current: Span | null = null;
  let words = 0;
  const flush = () => {
    if (!current) return;
    const index = passages.length;
    passages.push({
      id: `${letterId}#${index}`,
      letterId,
      index,
      start: current.start,
      end: current.end,
      text: body.slice(current.start, current.end),
    });
    current = null;
    words = 0;
  };
  const paraStarts = new Set(paragraphs(body).map((p) => p.start));
  for (const sentence of sentences(body, language)) {
    for (const s of splitLong(body, sentence, opts.maxWords)) {
      const n = wordCount(body.slice(s.start, s.end));
      const newParagraph = paraStarts.has(s.start);
      if (current && (words + n > opts.maxWords || (newParagraph && words >= opts.minWords))) flush();
      current = current ? { start: current.start, end: s.end } : { ...s };
      words += n;
    }
  }
  flush();
  return passages;
}
