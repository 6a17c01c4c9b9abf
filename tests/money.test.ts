import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { answerType, holdsType } from '../src/letters/cues.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "How much has the lawyer cost us?": a sum of money, not any figure, on two letters of our own (tests/fixtures/money):
 * an MEP's letter on a journalist held for extradition, full of dates and counts, and the team's memo with its costs.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('money');
}, 300_000);

describe('questions about money', () => {
  it.each([
    ['how much have we spent on translations so far?'],
    ['how much money is the board being asked to sign off?'],
    ['how much does astana claim he embezzled'],
    ['what have we spent on the lawyer?'],
    ["what's the budget for the appeal?"],
    ['how much did the trip cost'],
    ['how much did the lawyer bill us?'],
  ])('"%s" asks for a sum', (q) => expect(answerType(q)).toBe('money'));

  it.each([['how many letters have we sent?'], ['how much longer will he be held?'], ['how much time has she spent in custody?']])('"%s" does not', (q) =>
    expect(answerType(q)).not.toBe('money'),
  );

  it.each([['Costs have reached 1,850 euro.'], ['We need €6,000 for the appeal.'], ['He is accused of embezzling 1.2 billion tenge.'], ['The fine was £300.'], ['a grant of 40,000 lari']])(
    '"%s" holds a sum',
    (text) => expect(holdsType(text, 'money')).toBe(true),
  );

  it.each([['The hearing is on 4 June 2024.'], ['He has spent 41 days in custody.'], ['Twelve MEPs have signed.']])('"%s" does not', (text) => expect(holdsType(text, 'money')).toBe(false));

  it.each([
    ['how much has the bratislava lawyer cost us so far?', 'His fees for the first two hearings came to 1,900 euro'],
    ['how much did the hearings cost?', 'His fees for the first two hearings came to 1,900 euro'],
  ])('"%s": the memo\'s sum first, not the letters\' other figures', async (q, sum) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain(sum);
  });

  it('"how much did kováč bill us?": a sum in a sentence about him answers it, though the sentence says "fees", not "bill"', async () => {
    const a = await answerer.answer('how much did kováč bill us?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His fees for the first two hearings came to 1,900 euro');
  });
});
