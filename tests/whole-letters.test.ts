import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { TermStats } from '../src/answer/sentence-ranking.js';
import { terms } from '../src/indexing/lexical-store.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * What a question says of whom it asks about ("the Turkish editor") is often written in another paragraph of the
 * letter than its answer ("He spent four nights in police custody"), and other letters hold the rest of its words
 * about other people. Three letters of our own (tests/fixtures/whole-letters): an MEP's letter on a Turkish editor
 * held at Porto, an NGO's letter on a Turkish lawyer held in Ankara, and a memo on a Turkish historian stopped at
 * Brussels Airport.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('whole-letters');
}, 300_000);

const quotes = (a: { citations: { quote: string }[] }) => a.citations.slice(0, 3).map((c) => c.quote).join('\n');

describe('the letter as a whole', () => {
  it('a whole letter covers the question as `coverage` does its terms, bridges included ("cops" → police)', () => {
    const stats = new TermStats(answerer.index);
    const asked = terms('turkish editor cops airport');
    const byLetter = stats.letterCoverage(asked);
    for (const letter of answerer.index.letters.values()) expect(byLetter.get(letter.id) ?? 0).toBeCloseTo(stats.coverage(asked, stats.termsOfLetter(letter)));
    expect(byLetter.get('wl1-mep-aydin-porto')).toBeGreaterThan(byLetter.get('wl3-memo-yilmaz-academic') ?? 0);
  });

  // The editor's letter comes first; which of its sentences answers best is the sentence ranking's part.
  it.each([['what happened to the turkish editor at the airport?'], ['what are the conditions on the turkish editor?']])(
    '"%s" quotes the editor\'s letter first, not the historian\'s',
    async (q) => {
      const a = await answerer.answer(q);
      expect(a.abstained).toBe(false);
      expect(a.citations[0].letterId).toBe('wl1-mep-aydin-porto');
    },
  );

  it('"how many nights was the turkish editor locked up?": "Turkish" is named by the letter, in another paragraph', async () => {
    const a = await answerer.answer('how many nights was the turkish editor locked up?');
    expect(a.abstained).toBe(false);
    expect(quotes(a)).toContain('He spent four nights in police custody');
  });
});
