import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { outcomeAsked, outcomeVerbs } from '../src/answer/typed-answers.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "What did the minister decide?", "how did the hearing go?": a decision asked for, whatever it was. Only a sentence
 * that reports one ("the court rejected the appeal") answers; "the decision now passes to you" does not. Two letters
 * of our own (tests/fixtures/decisions): an MEP's letter written before a minister's decision, and a memo written
 * after a court's.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('decisions');
}, 300_000);

describe('questions about a decision', () => {
  it.each([["how did dvorakova's hearing in brno go"], ['how did the dec extradition hearing go?']])('"%s" asks how things turned out', (q) =>
    expect(outcomeAsked(q)).not.toBeNull(),
  );

  it.each([['how did he go to spain?'], ['how did they go about it?']])('"%s" does not', (q) => expect(outcomeAsked(q)).toBeNull());

  it('a decision is reported by the words of any decision, not their synonyms', () => {
    const v = outcomeVerbs('what did the minister finally decide on the decree');
    expect(v.exact).toBe(true);
    expect(v.stems.length).toBeGreaterThan(5);
    expect(outcomeVerbs('did spain end up extraditing him')).toEqual({ stems: ['extradit'], exact: false });
  });

  it('"what did the justice minister decide on karimov\'s decree?" is not answered by the decision passing to her', async () => {
    const a = await answerer.answer("what did the justice minister decide on karimov's decree?");
    expect(a.abstained).toBe(true);
  });

  it('"what did the brno court decide on the prosecutor\'s appeal?" is answered by the memo that reports it', async () => {
    const a = await answerer.answer("what did the brno court decide on the prosecutor's appeal?");
    expect(a.abstained).toBe(false);
    expect(a.citations.slice(0, 3).some((c) => c.quote.includes('The court rejected the appeal the same afternoon'))).toBe(true);
  });

  it('"how did dvorakova\'s hearing in brno go?" is answered too', async () => {
    const a = await answerer.answer("how did dvorakova's hearing in brno go?");
    expect(a.abstained).toBe(false);
    expect(a.citations.slice(0, 3).some((c) => c.quote.includes('The court rejected the appeal'))).toBe(true);
  });
});
