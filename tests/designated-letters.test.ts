import { beforeAll, describe, expect, it } from 'vitest';
import { directedPhrases, SUBJECT_DESIGNATES, type Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "The Brenner open letter": a name before a letter's noun says whom the letter is about. On two open letters of our
 * own (tests/fixtures/designated): one to the Austrian Chancellor about Tomas Brenner, one to INTERPOL's Secretary
 * General about red notices, which tells his case in passing.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('designated');
}, 300_000);

describe('a letter designated by whom it is about', () => {
  const q = 'in the Brenner open letter what do we ask re Interpol';

  it('"the Brenner open letter" is the letter about Brenner, though the other one is addressed to INTERPOL', async () => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('request');
    expect(a.citations[0].letterId).toBe('ds1-open-letter-brenner');
    expect(a.citations[0].quote).toContain('national central bureau of Interpol to support the deletion');
  });

  it('without reading the name as the letter\'s subject, the letter to INTERPOL answers', async () => {
    SUBJECT_DESIGNATES.enabled = false;
    try {
      expect((await answerer.answer(q)).citations[0].letterId).toBe('ds2-open-letter-red-notices');
    } finally {
      SUBJECT_DESIGNATES.enabled = true;
    }
  });

  it('"ask re Interpol" asks about Interpol, not Interpol', () => {
    expect(directedPhrases(q)).toEqual([]);
    expect(directedPhrases('what did we ask Interpol for?')).toEqual([['Interpol', true]]);
  });
});
