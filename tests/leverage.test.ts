import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { synonymStems } from '../src/search/synonyms.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Why do they think the Dutch have leverage over Georgia?": a country's leverage is its money and trade, on a letter of
 * our own (tests/fixtures/leverage) that says "the largest foreign investor", beside a sentence on officials who "tried
 * to influence the court".
 */
const stem = (w: string) => normaliseTerm(w)!;
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('leverage');
}, 300_000);

describe('leverage, asked in chat words', () => {
  it('"leverage" and "clout" bridge to investment, funding and trade', () => {
    for (const w of ['leverage', 'clout']) for (const x of ['investor', 'funding', 'trade']) expect(synonymStems(stem(w))).toContain(stem(x));
  });

  it.each([['why do they think the Dutch have leverage over Georgia?'], ['why would the dutch have any leverage here']])('"%s": the investor sentence first', async (q) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('The Netherlands is the largest foreign investor in Georgia');
  });
});
