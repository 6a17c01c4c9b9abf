import type { Embedder } from '../indexing/embedders/embedder.js';
import type { LetterIndex, StoredLetter } from '../indexing/letter-index.js';
import { normaliseTerm, terms } from '../indexing/lexical-store.js';
import { parseFullDate } from '../letters/dates.js';
import type { Span } from '../letters/passages.js';
import { fold, foldWords } from '../letters/text-utils.js';
import { verbatimChecker } from '../letters/verbatim.js';
import { byDate, isEmptyFilter, letterMatches, type LetterFilter } from '../search/filters.js';
import { searchPassages, type FusionWeights, type PassageHit, type RetrievalMode } from '../search/hybrid.js';
import { parseQuestion, peopleOf, type ParsedQuestion, type PersonEntry } from '../search/question.js';
import type { Answer, Citation, NearbyLetter } from './answer.js';
import { describeLetter, letterPhrase, listNames } from './describe.js';
import { humanDate } from '../letters/summary.js';

export const MAX_QUESTION_LENGTH = 1000;
/** Neighbouring sentences merge into one quote up to this length. */
const MAX_QUOTE_CHARS = 1500;

export class QuestionError extends Error {}

/** Abstention thresholds on the answer's confidence, calibrated per embedder backend on tests/questions.ts. */
export interface Calibration {
  /** Cosine similarity that counts as no evidence (0) and as full evidence (1). */
  denseFloor: number;
  denseCeiling: number;
  /** Below this confidence Epistle abstains. */
  minConfidence: number;
}

export const CALIBRATION: Record<string, Calibration> = {
  // Universal Sentence Encoder lite: cosine ~0.25 for unrelated text, ~0.65 for a close paraphrase.
  bundled: { denseFloor: 0.25, denseCeiling: 0.65, minConfidence: 0.44 },
  // bge/MiniLM/e5 cosines sit higher; not calibrated here (no weights offline): a conservative estimate.
  transformers: { denseFloor: 0.45, denseCeiling: 0.85, minConfidence: 0.5 },
  lexical: { denseFloor: 1, denseCeiling: 2, minConfidence: 0.5 },
};

export interface AnswerOptions {
  mode?: RetrievalMode;
  weights?: FusionWeights;
  /** Quotes shown first; more are kept as further sources. */
  maxQuotes?: number;
  calibration?: Calibration;
}

interface Sentence extends Span {
  letter: StoredLetter;
  index: number;
}

interface ScoredSentence extends Sentence {
  dense: number;
  coverage: number;
  score: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** Question words and generic verbs that carry no content of their own. */
const QUESTION_WORDS = new Set(
  ('what which who whom whose when where why how many much does did do is are was were be been anyone anything something ' +
    'say says said tell told happen happens happened occur occurred go goes went get got make made take took give gave know ' +
    'mean meant like thing things kind sort way regarding concerning think thought').split(' '),
);
/** Sentences that make the letter's request. */
const APPEAL = /\b(?:call on|calls on|urge|appeal|ask you|request|would like to|hope|reconsider|cancel)\b/i;

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Answers questions from one loaded index. Keeps caches that live as long as the index. */
export class Answerer {
  private readonly sentenceCache = new Map<string, Sentence[]>();
  private readonly letterList: StoredLetter[];

  constructor(
    readonly index: LetterIndex,
    readonly embedder: Embedder,
    readonly opts: AnswerOptions = {},
  ) {
    this.letterList = [...index.letters.values()];
    this.people = peopleOf(this.letterList);
  }

  private readonly people: PersonEntry[];
  private readonly checkers = new Map<string, (quote: string) => boolean>();
  private readonly sentenceTerms = new Map<string, Set<string>>();

  /** Terms of a letter's sentence, computed once. */
  private termsOf(s: Sentence): Set<string> {
    const key = `${s.letter.id}\u0000${s.index}`;
    let t = this.sentenceTerms.get(key);
    if (!t) {
      t = new Set(terms(s.letter.body.slice(s.start, s.end)));
      if (this.sentenceTerms.size > 200_000) this.sentenceTerms.clear();
      this.sentenceTerms.set(key, t);
    }
    return t;
  }

  private sentencesOf(letter: StoredLetter): Sentence[] {
    let s = this.sentenceCache.get(letter.id);
    if (!s) {
      s = letter.sentences.map(([start, end], index) => ({ start, end, letter, index }));
      this.sentenceCache.set(letter.id, s);
    }
    return s;
  }

  private idf(term: string): number {
    const n = this.index.passages.size || 1;
    const df = this.index.lexical.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The question's content terms: no stopwords, question words, or the names and dates used as filters. */
  private contentTerms(parsed: ParsedQuestion): string[] {
    const consumed = new Set(parsed.consumed.map((w) => normaliseTerm(w)).filter(Boolean));
    const words = (parsed.question.match(WORD) ?? []).filter((w) => !QUESTION_WORDS.has(fold(w)));
    return [...new Set(words.map(normaliseTerm).filter((t): t is string => !!t && !consumed.has(t)))];
  }

  /** Share of the question's content (weighted by rarity) that a text (or its terms) contains. */
  private coverage(questionTerms: string[], text: string | Set<string>): number {
    if (!questionTerms.length) return 0;
    const have = typeof text === 'string' ? new Set(terms(text)) : text;
    let total = 0;
    let found = 0;
    for (const t of questionTerms) {
      const w = this.idf(t);
      total += w;
      if (have.has(t)) found += w;
    }
    return total ? found / total : 0;
  }


  async answer(question: string, extraFilter: LetterFilter = {}): Promise<Answer> {
    const t0 = performance.now();
    const q = question.trim();
    if (!q) throw new QuestionError('the question is empty');
    if (q.length > MAX_QUESTION_LENGTH) throw new QuestionError(`the question is ${q.length} characters long; the limit is ${MAX_QUESTION_LENGTH}`);
    const parsed = parseQuestion(q, this.letterList, this.people);
    const filter: LetterFilter = { ...parsed.filter, ...Object.fromEntries(Object.entries(extraFilter).filter(([, v]) => v !== undefined)) };
    const t1 = performance.now();
    const result = await this.compose(parsed, filter);
    const t2 = performance.now();
    return {
      question: q,
      intent: parsed.intent,
      ...result,
      timings: { parseMs: t1 - t0, searchMs: result.searchMs, composeMs: t2 - t1 - result.searchMs, totalMs: t2 - t0 },
    };
  }

  private async compose(parsed: ParsedQuestion, filter: LetterFilter): Promise<Omit<Answer, 'question' | 'intent' | 'timings'> & { searchMs: number }> {
    const candidates = this.letterList.filter((l) => letterMatches(l, filter));
    if (parsed.notASender) {
      const p = parsed.notASender;
      const where = this.letterList.filter((l) => [...l.meta.recipients, ...l.meta.cc].some((r) => foldWords(r.name) === foldWords(p.name)));
      return this.abstain(
        `The letters don't say: none of them was written by ${p.name}, who appears only as ${where.some((l) => l.meta.recipients.some((r) => foldWords(r.name) === foldWords(p.name))) ? 'a recipient' : 'a person copied'}.`,
        where,
      );
    }
    if (!candidates.length) return this.abstain(`No letter matches ${describeFilter(filter)}.`, this.letterList.slice(0, 3));
    const aboutLetters = parsed.people.length > 0 || !!filter.from || /\bletters?\b|\b(?:wrote|written|sent) to\b|correspondence/i.test(parsed.question);
    if (parsed.intent !== 'content' && parsed.intent !== 'mentions' && aboutLetters) {
      const meta = this.fromCatalogue(parsed, candidates.sort(byDate));
      if (meta) return meta;
    }
    if (parsed.intent === 'mentions' && parsed.topic) return this.mentions(parsed.topic, candidates.sort(byDate));
    // "What did Kelam write to Valls?": nothing to search for but the letters themselves.
    if (!this.contentTerms(parsed).length && (filter.sender || filter.recipient || filter.letterIds || filter.from)) {
      return this.summary(candidates.sort(byDate));
    }
    return this.fromPassages(parsed, filter);
  }

  private abstain(lead: string, near: StoredLetter[], searchMs = 0) {
    return {
      lead,
      citations: [] as Citation[],
      abstained: true,
      closest: near.slice(0, 3).map(nearby),
      confidence: 0,
      searchMs,
    };
  }

  private citation(letter: StoredLetter, span: Span, score: number): Citation | null {
    const quote = letter.body.slice(span.start, span.end);
    // The quote rule, checked once more against the source: never show what is not in the letter.
    let check = this.checkers.get(letter.id);
    if (!check) {
      check = verbatimChecker(letter.source, letter.furniture);
      if (this.checkers.size > 1000) this.checkers.clear();
      this.checkers.set(letter.id, check);
    }
    if (!check(quote)) return null;
    return {
      letterId: letter.id,
      file: letter.file,
      sender: letter.meta.sender,
      recipients: letter.meta.recipients.map((r) => r.name),
      date: letter.meta.date,
      quote,
      start: span.start,
      end: span.end,
      score: Math.round(score * 1000) / 1000,
    };
  }

  /** Lines of the body as spans, for catalogue answers that quote a block. */
  private lines(letter: StoredLetter): Span[] {
    const out: Span[] = [];
    let start = 0;
    for (const line of letter.body.split('\n')) {
      const lead = line.length - line.trimStart().length;
      if (line.trim()) out.push({ start: start + lead, end: start + line.trimEnd().length });
      start += line.length + 1;
    }
    return out;
  }

  /** A block of consecutive lines from the first matching `from` up to the last matching `keep`. */
  private block(letter: StoredLetter, from: (text: string) => boolean, keep: (text: string) => boolean, startAt = 0): Span | null {
    const lines = this.lines(letter);
    const text = (s: Span) => letter.body.slice(s.start, s.end);
    const i = lines.findIndex((l, k) => k >= startAt && from(text(l)));
    if (i < 0) return null;
    let j = i;
    while (j + 1 < lines.length && keep(text(lines[j + 1]))) j++;
    return { start: lines[i].start, end: lines[j].end };
  }

  private datelineSpan(letter: StoredLetter): Span | null {
    return this.block(letter, (t) => t.length < 80 && parseFullDate(t)?.iso === letter.meta.date, () => false);
  }

  private signatureSpan(letter: StoredLetter): Span | null {
    const sender = letter.meta.sender;
    if (!sender) return null;
    const lines = this.lines(letter);
    const surname = foldWords(sender).split(' ').pop()!;
    for (let k = lines.length - 1; k >= 0; k--) {
      const t = letter.body.slice(lines[k].start, lines[k].end);
      if (foldWords(t).split(' ').includes(surname) && t.length < 160) return lines[k];
    }
    return null;
  }

  private ccSpan(letter: StoredLetter, only?: string): Span | null {
    const names = letter.meta.cc.map((c) => foldWords(c.name)).filter((n) => !only || n === foldWords(only));
    if (!names.length) return null;
    const mentions = (t: string) => names.some((n) => foldWords(t).includes(n));
    if (only) return this.block(letter, mentions, () => false);
    return this.block(letter, (t) => /^(?:cc|c\.c\.|copy to|copies to)\b/i.test(t), (t) => mentions(t));
  }

  private recipientSpan(letter: StoredLetter): Span | null {
    const first = letter.meta.recipients[0];
    if (!first) return null;
    const name = foldWords(first.name);
    const roleWords = first.role ? foldWords(first.role) : '';
    return this.block(
      letter,
      (t) => foldWords(t).includes(name) && t.length < 120,
      (t) => !!roleWords && roleWords.includes(foldWords(t)) && t.length < 120,
    );
  }

  /** Questions about the correspondence itself, answered from the catalogue. */
  private fromCatalogue(parsed: ParsedQuestion, letters: StoredLetter[]) {
    const cite = (pick: (l: StoredLetter) => Span | null) =>
      letters.map((l) => {
        const span = pick(l);
        return span ? this.citation(l, span, 1) : null;
      }).filter((c): c is Citation => !!c);
    const result = (lead: string, citations: Citation[]) => ({ lead, citations, abstained: false, closest: [], confidence: 1, searchMs: 0 });

    switch (parsed.intent) {
      case 'who-wrote': {
        const lead = letters.length === 1
          ? `${letters[0].meta.sender ?? 'An unknown sender'} wrote ${letters[0].meta.recipients.length ? `to ${listNames(letters[0].meta.recipients.map((r) => r.name))} ` : ''}on ${humanDate(letters[0].meta.date)}.`
          : `${letters.length} letters: ${letters.map((l) => describeLetter(l.meta)).join('; ')}.`;
        return result(lead, cite((l) => this.signatureSpan(l)));
      }
      case 'when': {
        const lead = letters.map((l) => `${l.meta.sender ?? 'The sender'} wrote ${l.meta.date ? `on ${humanDate(l.meta.date)}` : 'on an unknown date'}${l.meta.recipients.length ? ` to ${listNames(l.meta.recipients.map((r) => r.name))}` : ''}${l.meta.place ? `, from ${l.meta.place}` : ''}.`).join(' ');
        return result(lead, cite((l) => this.datelineSpan(l)));
      }
      case 'recipients': {
        const lead = letters.map((l) => `${letterPhrase(l.meta)} is addressed to ${listNames(l.meta.recipients.map((r) => (r.role ? `${r.name} (${r.role})` : r.name))) || 'no one named'}.`).join(' ');
        return result(lead, cite((l) => this.recipientSpan(l)));
      }
      case 'cc': {
        const named = parsed.people.find((p) => letters.some((l) => l.meta.cc.some((c) => foldWords(c.name) === foldWords(p.name))));
        const withCc = letters.filter((l) => l.meta.cc.length);
        if (named) {
          const inLetters = withCc.filter((l) => l.meta.cc.some((c) => foldWords(c.name) === foldWords(named.name)));
          const person = inLetters[0].meta.cc.find((c) => foldWords(c.name) === foldWords(named.name))!;
          return result(
            `${person.name}${person.role ? `, ${person.role},` : ''} was copied on ${listNames(inLetters.map((l) => letterPhrase(l.meta)))}.`,
            inLetters.map((l) => this.citation(l, this.ccSpan(l, named.name)!, 1)).filter((c): c is Citation => !!c),
          );
        }
        const lead = letters.map((l) => l.meta.cc.length
          ? `${letterPhrase(l.meta)} copied ${listNames(l.meta.cc.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)))}.`
          : `${letterPhrase(l.meta)} copied no one.`).join(' ');
        return result(lead, cite((l) => this.ccSpan(l)));
      }
      case 'affiliations': {
        const senders = letters.filter((l) => parsed.people.some((p) => l.meta.sender && foldWords(l.meta.sender) === foldWords(p.name)));
        if (!senders.length) return null;
        const lead = [...new Map(senders.map((l) => [l.meta.sender, l])).values()]
          .map((l) => `${l.meta.sender}: ${[l.meta.senderRole, ...l.meta.senderAffiliations].filter(Boolean).join('; ') || 'no role or committee given'}.`)
          .join(' ');
        const block = (l: StoredLetter) => {
          const sig = this.signatureSpan(l);
          if (!sig) return null;
          const lines = this.lines(l);
          const from = lines.findIndex((s) => s.start === sig.start);
          const affiliated = (t: string) => l.meta.senderAffiliations.some((a) => foldWords(a) === foldWords(t));
          let j = from;
          while (j + 1 < lines.length && affiliated(l.body.slice(lines[j + 1].start, lines[j + 1].end))) j++;
          return { start: sig.start, end: lines[j].end };
        };
        return result(lead, senders.map((l) => this.citation(l, block(l)!, 1)).filter((c): c is Citation => !!c));
      }
      case 'contact': {
        const contact = (l: StoredLetter) => {
          const sig = this.signatureSpan(l);
          const lines = this.lines(l);
          const from = sig ? lines.findIndex((s) => s.start >= sig.start) : 0;
          const isContact = (t: string) => /\d{3,}|@|https?:|www\.|\b(?:tel|phone|fax)\b/i.test(t) && !/^(?:cc|c\.c\.)\b/i.test(t);
          return this.block(l, isContact, isContact, from + 1);
        };
        const citations = cite(contact);
        if (!citations.length) return null;
        return result(`Contact details given in ${listNames(citations.map((c) => letterPhrase(this.index.letters.get(c.letterId)!.meta)))}:`, citations);
      }
      default:
        return null;
    }
  }

  /** The opening and the request of each letter: what the letter is about, in its own words. */
  private summary(letters: StoredLetter[]) {
    const citations: Citation[] = [];
    for (const l of letters.slice(0, 3)) {
      const prose = this.sentencesOf(l).filter((s) => (l.body.slice(s.start, s.end).match(WORD) ?? []).length >= 12);
      const picks = [prose[0], prose.find((s, i) => i > 0 && APPEAL.test(l.body.slice(s.start, s.end)))].filter((s): s is Sentence => !!s);
      for (const s of picks) {
        const c = this.citation(l, s, 1);
        if (c) citations.push(c);
      }
    }
    if (!citations.length) return this.abstain(`The letters don't say.`, letters);
    const lead = letters.length === 1 ? `${describeLetter(letters[0].meta)}, opens and asks:` : `${letters.length} letters, their openings and requests:`;
    return { lead, citations, abstained: false, closest: [], confidence: 1, searchMs: 0 };
  }

  /** "Which letters mention INTERPOL?": every letter whose text has the topic, with its first mention. */
  private mentions(topic: string, letters: StoredLetter[]) {
    const topicTerms = terms(topic);
    const hits: Citation[] = [];
    for (const l of letters) {
      const s = this.sentencesOf(l).find((x) => {
        const have = new Set(terms(l.body.slice(x.start, x.end)));
        return topicTerms.length > 0 && topicTerms.every((t) => have.has(t));
      });
      if (s) {
        const c = this.citation(l, s, 1);
        if (c) hits.push(c);
      }
    }
    if (!hits.length) return this.abstain(`The letters don't mention ${topic}.`, letters.slice(0, 3));
    const lead = hits.length === 1
      ? `One letter mentions ${topic}: ${describeLetter(this.index.letters.get(hits[0].letterId)!.meta)}.`
      : `${hits.length} letters mention ${topic}.`;
    return { lead, citations: hits, abstained: false, closest: [], confidence: 1, searchMs: 0 };
  }

  /** Questions about what the letters say: retrieve passages, then pick the sentences that answer. */
  private async fromPassages(parsed: ParsedQuestion, filter: LetterFilter) {
    const mode = this.opts.mode ?? 'hybrid';
    const t0 = performance.now();
    const queryVector = mode === 'lexical' ? undefined : (await this.embedder.embed([parsed.question], 'query'))[0];
    const hits = await searchPassages(this.index, this.embedder, parsed.question, {
      filter: isEmptyFilter(filter) ? undefined : filter,
      limit: 8,
      mode,
      weights: this.opts.weights,
      queryVector,
    });
    const searchMs = performance.now() - t0;
    if (!hits.length) return this.abstain(`The letters don't say.`, this.letterList.slice(0, 3), searchMs);

    const questionTerms = this.contentTerms(parsed);
    // The fused head, plus the dense retriever's top two: lexical rank must not push a close paraphrase out.
    const candidates = this.candidateSentences(hits.filter((h, i) => i < 4 || (mode === 'hybrid' && (h.denseRank ?? 99) < 2)));
    // Sentence vectors come from the index: answering embeds nothing but the question.
    const topFused = hits[0].score;
    const fusedOf = new Map(hits.map((h) => [h.passage.label, h.score / topFused]));
    const scored: ScoredSentence[] = candidates.map((s) => {
      const text = s.letter.body.slice(s.start, s.end);
      const dense = queryVector ? cosine(queryVector, this.index.sentenceVector(s.letter, s.index)) : 0;
      const coverage = this.coverage(questionTerms, this.termsOf(s));
      const passage = this.index.passagesOf(s.letter.id).find((p) => s.end > p.start && s.start < p.end);
      const fused = passage ? (fusedOf.get(passage.label) ?? 0) : 0;
      return { ...s, dense, coverage, score: 0.45 * dense + 0.45 * coverage + 0.1 * fused };
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    const calibration = this.opts.calibration ?? CALIBRATION[mode === 'lexical' ? 'lexical' : this.embedder.id.backend] ?? CALIBRATION.transformers;
    const passageCoverage = this.coverage(questionTerms, hits[0].passage.text);
    // Evidence is either the question's own words (weighted by rarity) or a close paraphrase.
    const dense = Math.max(best?.dense ?? 0, hits[0].dense ?? 0);
    const denseEvidence = Math.min(1, Math.max(0, (dense - calibration.denseFloor) / (calibration.denseCeiling - calibration.denseFloor)));
    const confidence = best ? Math.max(denseEvidence, Math.max(best.coverage, passageCoverage)) : 0;
    const near = [...new Set(hits.map((h) => h.passage.letterId))].map((id) => this.index.letters.get(id)!);
    if (!best || confidence < calibration.minConfidence) {
      const a = this.abstain(`The letters don't say. The closest letters are listed below.`, near, searchMs);
      return { ...a, confidence: round(confidence) };
    }

    const chosen = scored.filter((s) => s.score >= best.score * 0.8).slice(0, 8);
    const citations = this.mergeAdjacent(chosen).map((g) => this.citation(g.letter, g, g.score)).filter((c): c is Citation => !!c);
    // Further sources: the best sentence of each other retrieved passage.
    const seen = new Set(citations.map((c) => `${c.letterId}:${c.start}`));
    for (const s of scored) {
      if (citations.length >= 8) break;
      if (seen.has(`${s.letter.id}:${s.start}`) || citations.some((c) => c.letterId === s.letter.id && c.start <= s.start && c.end >= s.end)) continue;
      if (s.score < best.score * 0.5) continue;
      const c = this.citation(s.letter, s, s.score);
      if (c) {
        citations.push(c);
        seen.add(`${s.letter.id}:${s.start}`);
      }
    }
    const letters = [...new Set(citations.slice(0, this.opts.maxQuotes ?? 3).map((c) => c.letterId))].map((id) => this.index.letters.get(id)!);
    const lead = letters.length === 1 ? `From ${letterPhrase(letters[0].meta)} to ${listNames(letters[0].meta.recipients.map((r) => r.name)) || 'its recipient'}:` : `From ${letters.length} letters:`;
    return { lead, citations, abstained: false, closest: [], confidence: round(confidence), searchMs };
  }

  private candidateSentences(hits: PassageHit[]): Sentence[] {
    const out: Sentence[] = [];
    for (const h of hits) {
      const letter = this.index.letters.get(h.passage.letterId);
      if (!letter) continue;
      // A sentence too long for one passage spans two: it belongs to both.
      for (const s of this.sentencesOf(letter)) {
        if (s.end > h.passage.start && s.start < h.passage.end && !out.includes(s)) out.push(s);
      }
    }
    return out;
  }

  /** Neighbouring chosen sentences of one letter become one quote. */
  private mergeAdjacent(chosen: ScoredSentence[]): (ScoredSentence & Span)[] {
    const byLetter = new Map<string, ScoredSentence[]>();
    for (const s of chosen) byLetter.set(s.letter.id, [...(byLetter.get(s.letter.id) ?? []), s]);
    const groups: ScoredSentence[] = [];
    for (const list of byLetter.values()) {
      list.sort((a, b) => a.index - b.index);
      let cur = { ...list[0] };
      for (const s of list.slice(1)) {
        if (s.index === cur.index + 1 && s.end - cur.start <= MAX_QUOTE_CHARS && !/\n\s*\n/.test(s.letter.body.slice(cur.end, s.start))) {
          cur = { ...cur, end: s.end, index: s.index, score: Math.max(cur.score, s.score) };
        } else {
          groups.push(cur);
          cur = { ...s };
        }
      }
      groups.push(cur);
    }
    return groups.sort((a, b) => b.score - a.score);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function nearby(l: StoredLetter): NearbyLetter {
  return { letterId: l.id, sender: l.meta.sender, recipients: l.meta.recipients.map((r) => r.name), date: l.meta.date };
}

function describeFilter(f: LetterFilter): string {
  const parts: string[] = [];
  if (f.sender) parts.push(`from ${f.sender}`);
  if (f.recipient) parts.push(`to ${f.recipient}`);
  if (f.from && f.to) parts.push(f.from.slice(0, 4) === f.to.slice(0, 4) && f.from.endsWith('01-01') && f.to.endsWith('12-31') ? `in ${f.from.slice(0, 4)}` : `between ${f.from} and ${f.to}`);
  else if (f.from) parts.push(`from ${f.from} on`);
  else if (f.to) parts.push(`up to ${f.to}`);
  return parts.join(' ') || 'the question';
}
