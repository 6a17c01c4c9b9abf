import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { answerType, holdsType } from '../src/letters/cues.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Any medical issues?": a sentence on someone's health, in words the question does not use ("epilepsy"), on two
 * letters of our own (tests/fixtures/health): an MEP's letter on a blogger held for extradition, and a memo on him.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('health');
}, 300_000);

describe('questions about someone\'s health', () => {
  it.each([['does the kyrgyz blogger have any medical issues?'], ['how badly was he hurt?'], ['how are the kids coping?'], ['what shape was he in when the lawyer saw him?'], ['is he ill?'], ['how is elnur holding up on the hunger strike']])(
    '"%s" asks about health',
    (q) => expect(answerType(q)).toBe('health'),
  );

  it('"what medical conditions…" asks about health, not for conditions', () => expect(answerType('what medical condition does he have?')).toBe('health'));

  it.each([['Mr Abdiev has epilepsy and has had three seizures.'], ['He has lost 9 kilograms and has trouble standing.'], ['The six-year-old girl has stopped speaking.'], ['He suffered a fractured skull.']])(
    '"%s" is about health',
    (text) => expect(holdsType(text, 'health')).toBe(true),
  );

  it.each([['Human rights groups have documented ill-treatment in the prison.'], ['This goes to the heart of the matter.'], ['The hearing is set for 12 March.']])('"%s" is not', (text) => expect(holdsType(text, 'health')).toBe(false));

  it('"is the kyrgyz blogger ill?": the sentence on his epilepsy first, before the one about his videos', async () => {
    const a = await answerer.answer('is the kyrgyz blogger ill?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Mr Abdiev has epilepsy and has had three seizures since his arrest');
  });
});
