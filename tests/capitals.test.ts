import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { terms } from '../src/indexing/lexical-store.js';
import { capitalsOf, nationsOfCapital } from '../src/search/correspondents.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "What does Tashkent accuse him of?": a capital standing for its government, on two letters of our own
 * (tests/fixtures/capitals) that say "the Uzbek authorities" and "Kazakhstan", and name the capitals only as places;
 * and a country standing for its capital, on a memo that says "Warsaw" and never "Poland".
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('capitals');
}, 300_000);

describe('a capital standing for its country', () => {
  it.each([
    ['Tashkent', ['uzbekistan', 'uzbek']],
    ['Astana', ['kazakhstan', 'kazakh']],
    ['Ankara', ['turkish']],
    ['Baku', ['azerbaijan']],
  ])('%s stands for %j', (capital, nations) => expect(nationsOfCapital(terms(capital)[0])).toEqual(expect.arrayContaining(nations)));

  it.each([
    ['Irish', 'dublin'],
    ['Poland', 'warsaw'],
  ])('%s has the capital %s', (nation, capital) => expect(capitalsOf(terms(nation)[0])).toContain(capital));

  it('a word that is no capital stands for nothing', () => expect(nationsOfCapital(terms('Lyon')[0])).toEqual([]));

  it('"what is the imam charged with by tashkent?": the Uzbek authorities\' charge among the first two quotes', async () => {
    const a = await answerer.answer('what is the imam charged with by tashkent?');
    expect(a.abstained).toBe(false);
    expect(a.citations.slice(0, 2).map((c) => c.quote).join(' ')).toContain('The Uzbek authorities accuse him of membership of a banned religious group');
  });

  it('"how long was sadykova held in poland?": the memo\'s night at Warsaw airport first', async () => {
    const a = await answerer.answer('how long was sadykova held in poland?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('spent two nights in a police cell');
  });
});
