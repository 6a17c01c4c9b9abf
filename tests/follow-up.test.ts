import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conversations, CONVERSATION, resolveFollowUp, turnOf, type Turn } from '../src/answer/follow-up.js';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import { LetterService } from '../src/service/letter-service.js';
import { ROOT, tempCorpus } from './helpers/corpus.js';

const KELAM = '000_54ce065e8f9db68d';
const DELVAUX = '001_87c08d64c831245f';
const MELNYK = 'b01-melnyk-open-letter-spain';
const AKHMADOV = 'b03-letter-to-french-pm-akhmadov';

const turn = (question: string, letterIds: string[], at = 0): Turn => ({ question, letterIds, quoted: [], at });

describe('resolveFollowUp (rules, no index)', () => {
  const nobody = () => false;
  const history = [turn('What is Kelam asking France for?', [KELAM])];

  it('a first question stands alone', () => {
    expect(resolveFollowUp('And what did he ask for?', [], nobody).letterIds).toBeNull();
  });

  it('pronouns and ellipsis inherit the last answer\'s letters', () => {
    for (const q of ['And what did he ask for?', 'When was that?', 'Who else got a copy?', 'why?', 'what about the deadline?']) {
      const f = resolveFollowUp(q, history, nobody);
      expect(f.letterIds, q).toEqual([KELAM]);
      expect(f.previous, q).toBe('What is Kelam asking France for?');
    }
  });

  it('"Show me that letter" and "Quote more from it" are actions on the leading letter', () => {
    const two = [turn('Who wrote to Valls?', [KELAM, DELVAUX])];
    expect(resolveFollowUp('Show me that letter', two, nobody)).toMatchObject({ action: 'show-letter', letterIds: [KELAM] });
    expect(resolveFollowUp('Quote more from it', two, nobody)).toMatchObject({ action: 'quote-more', letterIds: [KELAM] });
  });

  it('a question that names someone new, or asks about the whole collection, starts afresh', () => {
    expect(resolveFollowUp('What did Delvaux-Stehres write?', history, () => true).letterIds).toBeNull();
    expect(resolveFollowUp('How many letters are there in total?', history, nobody).letterIds).toBeNull();
  });

  it('elliptical dates and reasons are said in full', () => {
    expect(resolveFollowUp('And the date?', history, nobody).question).toBe('When was the letter written?');
    expect(resolveFollowUp('Why?', history, nobody).question).toBe('Why is Kelam asking France for?');
  });

  it('an abstention gives no context: the turn before it does', () => {
    const h = [...history, turn('What is the population of France?', [])];
    expect(resolveFollowUp('When was that?', h, nobody).letterIds).toEqual([KELAM]);
  });
});

describe('Conversations', () => {
  it('keeps the last 10 turns and forgets a conversation idle for 24 h', () => {
    let now = 0;
    const c = new Conversations(() => now);
    for (let i = 0; i < 12; i++) c.add('t', turn(`q${i}`, [KELAM], now));
    expect(c.get('t').map((t) => t.question)).toEqual(Array.from({ length: 10 }, (_, i) => `q${i + 2}`));
    now = CONVERSATION.idleMs - 1;
    expect(c.has('t')).toBe(true);
    now = CONVERSATION.idleMs + 1;
    expect(c.has('t')).toBe(false);
  });
});

describe('LetterService.followUp (bundled encoder, seeds and two letters of the eval corpus)', () => {
  let service: LetterService;
  beforeAll(async () => {
    const c = tempCorpus();
    for (const id of [MELNYK, AKHMADOV]) cpSync(join(ROOT, 'tests/eval/letters', `${id}.txt`), join(c.letters, `${id}.txt`));
    const embedder = await BundledEmbedder.load({});
    service = (await LetterService.open({ lettersDir: c.letters, indexDir: c.index, embedder, maxBytes: 2e7 })).service;
  }, 300_000);

  async function converse(questions: string[]) {
    const history: Turn[] = [];
    const out = [];
    for (const q of questions) {
      const r = await service.followUp(q, history);
      history.push(turnOf(q, r.answer));
      out.push(r);
    }
    return out;
  }

  it('inherits the letter: requests, date, copies, the letter itself, more quotes', async () => {
    const [first, asked, when, cc, show, more] = await converse([
      'What is Kelam asking France for?', 'And what did he ask for?', 'When was that?', 'Who else got a copy?', 'Show me that letter', 'Quote more from it',
    ]);
    expect(first.answer.followUp).toBeUndefined();
    expect(first.answer.citations[0].letterId).toBe(KELAM);
    expect(asked.answer.followUp).toEqual({ letterIds: [KELAM], previous: 'What is Kelam asking France for?' });
    expect(asked.answer.citations.every((c) => c.letterId === KELAM)).toBe(true);
    expect(asked.answer.citations.some((c) => c.quote.includes('to cancel the extradition decree'))).toBe(true);
    expect(when.answer.lead).toContain('29 June 2016');
    expect(when.answer.citations[0].quote).toContain('29 June, 2016');
    expect(cc.answer.lead).toContain('Jean-Jacques Urvoas');
    expect(show.followUp.action).toBe('show-letter');
    expect(show.answer.citations.every((c) => c.letterId === KELAM)).toBe(true);
    expect(more.followUp.action).toBe('quote-more');
    const shown = show.answer.citations.map((c) => c.start);
    expect(more.answer.citations.length).toBeGreaterThan(0);
    expect(more.answer.citations.every((c) => c.letterId === KELAM && !shown.includes(c.start))).toBe(true);
  }, 60_000);

  it('a follow-up that names someone new starts afresh', async () => {
    const [, fresh, subject] = await converse(['What is Kelam asking France for?', 'What did Delvaux-Stehres write?', 'What about Akhmadov?']);
    expect(fresh.answer.followUp).toBeUndefined();
    expect(fresh.answer.citations[0].letterId).toBe(DELVAUX);
    // A name found only in another letter's body is someone new too.
    expect(subject.answer.followUp).toBeUndefined();
    expect(subject.answer.citations[0].letterId).toBe(AKHMADOV);
  }, 60_000);

  it('answers only from the inherited letter, even when it says little about the question', async () => {
    const [, date] = await converse(['What did the Ukrainian deputy ask Spain?', 'and the date?']);
    expect(date.answer.followUp?.letterIds).toEqual([MELNYK]);
    expect(date.answer.citations.every((c) => c.letterId === MELNYK)).toBe(true);
    expect(date.answer.lead).toContain('14 November 2019');
  }, 60_000);
});
