import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestions, loadTruth, UNSEEN_DIR, writeEvalLetters } from '../bench/eval/corpus.js';
import { QUESTION_KINDS } from '../bench/eval/schema.js';
import { roundLines } from '../bench/eval/run.js';
import { compareMetadata, evalFigures, scoreAnswer, statesCount } from '../bench/eval/score.js';
import type { Answer, Citation } from '../src/answer/answer.js';
import { readLetter } from '../src/letters/catalogue.js';
import type { LetterMeta } from '../src/letters/types.js';
import { ROOT } from './helpers/corpus.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The evaluation corpus is sound (npm run eval measures what it claims), and its scoring can fail. */
const questions = loadQuestions(ROOT);
const truth = loadTruth(ROOT);

describe('the evaluation corpus', () => {
  it('has at least 40 letters in 10 layouts and 200 questions of every kind, split in two halves', () => {
    expect(Object.keys(truth).length).toBeGreaterThanOrEqual(40);
    expect(new Set(Object.values(truth).map((t) => t.layout)).size).toBeGreaterThanOrEqual(10);
    expect(questions.length).toBeGreaterThanOrEqual(200);
    for (const kind of QUESTION_KINDS) {
      for (const half of ['dev', 'blind']) expect({ kind, half, n: questions.filter((q) => q.kind === kind && q.half === half).length > 0 }).toEqual({ kind, half, n: true });
    }
    // Every layout has letters in both halves.
    for (const layout of new Set(Object.values(truth).map((t) => t.layout))) {
      expect(new Set(Object.values(truth).filter((t) => t.layout === layout).map((t) => t.half))).toEqual(new Set(['dev', 'blind']));
    }
  });

  it.each([
    ['the corpus', questions, false],
    ['the unseen letters (npm run eval -- --unseen)', loadQuestions(ROOT, UNSEEN_DIR), true],
  ] as const)('each phrase of %s is in one of its letters, word for word', async (_name, questions, unseen) => {
    expect(questions.length).toBeGreaterThan(0);
    const dir = join(mkdtempSync(join(tmpdir(), 'epistle-eval-')), 'letters');
    await writeEvalLetters(ROOT, dir, unseen);
    const files = readdirSync(dir);
    const bodies = new Map<string, string>();
    for (const f of files) {
      const letter = await readLetter(dir, f, { maxBytes: 20 * 1024 * 1024 }, []);
      if (letter) bodies.set(letter.id, squashed(letter.body));
    }
    for (const q of questions) {
      for (const id of q.letters) expect({ q: q.id, id, known: bodies.has(id) }).toEqual({ q: q.id, id, known: true });
      if (q.phrase) {
        const p = squashed(q.phrase);
        expect({ q: q.id, found: q.letters.some((id) => bodies.get(id)?.includes(p)) }).toEqual({ q: q.id, found: true });
      }
      if (q.kind === 'count') expect({ q: q.id, count: q.count }).toEqual({ q: q.id, count: q.letters.length });
    }
  }, 60_000);
});

/** Whitespace folded and Markdown's emphasis markers dropped, as the scorer compares a phrase with a quote. */
const squashed = (s: string) => s.replace(/\*+/g, '').replace(/\s+/g, ' ').toLowerCase();

const citation = (letterId: string, quote: string): Citation => ({ letterId, file: `${letterId}.txt`, sender: null, recipients: [], date: null, quote, start: 0, end: quote.length, score: 1 });
const answer = (lead: string, citations: Citation[], abstained = false): Answer => ({
  question: 'q', intent: 'content', lead, citations, abstained, closest: [], confidence: 1, timings: { parseMs: 0, searchMs: 0, composeMs: 0, totalMs: 0 },
});

describe('rounds', () => {
  it('counts each round\'s answerable hits at 3 and unanswerable abstentions, by question-id prefix', () => {
    const o = (id: string, answerable: boolean, rank: number | null, abstained: boolean) => ({ id, half: 'dev' as const, kind: 'fact' as const, question: 'q', answerable, abstained, rank, quotes: 1, verbatim: 1, setExact: null, lead: '' });
    const outcomes = [o('aa1-q001', true, 0, false), o('aa1-q002', true, 3, false), o('aa1-q003', false, null, true), o('ab1-q001', true, 2, false), o('a-q001', true, 0, false)];
    expect(roundLines(outcomes, ['aa1', 'ab1'])).toEqual(['aa1: answerable hits at 3 1/2; unanswerable abstained 1/1', 'ab1: answerable hits at 3 1/1; unanswerable abstained 0/0']);
  });
});

describe('scoring', () => {
  it('counts a hit only for the expected letter with the phrase, and flags a forged quote', () => {
    const q = { id: 'x', half: 'dev' as const, kind: 'fact' as const, question: 'q', letters: ['a'], phrase: 'the court ruled' };
    const verbatim = (_id: string, quote: string) => !quote.includes('forged');
    expect(scoreAnswer(q, answer('', [citation('b', 'the court ruled'), citation('a', 'x. The  court\nruled.')]), verbatim).rank).toBe(1);
    expect(scoreAnswer(q, answer('', [citation('a', 'nothing here')]), verbatim).rank).toBeNull();
    // A phrase copied with the letter's Markdown markers matches the quote without them.
    const marked = { ...q, phrase: '**Seán Kavanagh**, Member of the European Parliament' };
    expect(scoreAnswer(marked, answer('', [citation('a', 'Seán Kavanagh, Member of the European Parliament')]), verbatim).rank).toBe(0);
    const forged = scoreAnswer(q, answer('', [citation('a', 'the court ruled, forged')]), verbatim);
    expect(forged).toMatchObject({ quotes: 1, verbatim: 0 });
    expect(evalFigures([forged]).verbatim).toBe(0);
  });

  it('a list must name every expected letter, and a count must state the number', () => {
    const list = { id: 'l', half: 'dev' as const, kind: 'count' as const, question: 'q', letters: ['a', 'b'], count: 2 };
    const both = [citation('a', 'x'), citation('b', 'y')];
    expect(scoreAnswer(list, answer('2 letters from 2018: …', both), () => true)).toMatchObject({ rank: 0, setExact: true });
    expect(scoreAnswer(list, answer('3 letters from 2018: …', both), () => true).rank).toBeNull();
    expect(scoreAnswer(list, answer('2 letters', [citation('a', 'x')]), () => true).rank).toBeNull();
    expect(statesCount('One letter to Valls', 1)).toBe(true);
    expect(statesCount('Two letters', 1)).toBe(false);
  });

  it('metadata: only fields the text states count, and a filled field the text does not state is invented', () => {
    const meta: LetterMeta = {
      sender: 'Jan Novák', senderRole: null, senderAffiliations: [], recipients: [{ name: 'Anna Rossi', role: 'Prime Minister' }],
      cc: [], date: '2018-03-01', place: 'Prague', language: 'en', subject: null,
    } as LetterMeta;
    const fields = compareMetadata({ layout: 'x', half: 'dev', sender: 'Jan Novák', senderRole: null, recipients: [{ name: 'Anna Rossi', role: 'Prime Minister of Italy' }], cc: [], date: '2018-03-01', place: null }, meta);
    const by = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(by.sender).toMatchObject({ stated: true, exact: true });
    expect(by.recipientRoles).toMatchObject({ stated: true, exact: false });
    expect(by.place).toMatchObject({ stated: false, invented: true });
    expect(by.senderRole).toMatchObject({ stated: false, invented: false });
  });
});
