import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { describedTerms } from '../src/answer/typed-answers.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * A question that describes whom it asks about ("the reporter picked up at the airport") and asks something else of
 * them, on two letters of our own (tests/fixtures/described): an open letter on a journalist arrested at an airport,
 * and a memo on the case's budget.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('described');
}, 300_000);

describe('descriptions of whom a question asks about', () => {
  it.each([
    ["When's the Spanish court hearing for the Kherson reporter picked up at Alicante airport?", ['kherson', 'report', 'pick', 'alicant', 'airport']],
    ['where is the kazakh ex-banker being held rn?', ['kazakh', 'ex', 'banker']],
    ["what's the next court date for the guatemalan leader who's been locked up since january 2022?", ['guatemalan', 'leader', 'lock', 'sinc', 'januari', '2022']],
    // "The kids" are what is asked about; "that Yemeni family locked up in the Czech camp", whose.
    ['how are the kids from that Yemeni family locked up in the Czech camp coping?', ['yemeni', 'famili', 'lock', 'czech', 'camp']],
  ])('"%s" describes someone in %j', (q, expected) => expect(describedTerms(q as string)).toEqual(expected));

  it('"when exactly did the czechs give davron refugee protection?" describes no one: "give" is a verb', () => {
    expect(describedTerms('when exactly did the czechs give davron refugee protection?')).toEqual([]);
  });

  it('"when\'s the court hearing for the reporter picked up at the airport?": what is asked (the hearing) counts more than the description (the arrest)', async () => {
    const a = await answerer.answer("when's the court hearing for the reporter picked up at the airport?");
    expect(a.citations[0].quote).toContain('The hearing before the National Court is set for 12 October 2020.');
    expect(a.citations.slice(0, 2).map((c) => c.quote).join(' ')).not.toContain('detained the Ukrainian journalist');
  });
});

describe('…of someone in particular only', () => {
  it('"which cases involved the sanctioned officials?": no nation or place, no description', () => {
    expect(describedTerms('Which high-profile Russian cases involved the sanctioned officials?')).toEqual([]);
  });
});
