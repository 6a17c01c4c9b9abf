import { beforeAll, describe, expect, it } from 'vitest';
import { directedPhrases, SUBJECT_DESIGNATES, type Answerer } from '../src/answer/answerer.js';
import { readLetter } from '../src/letters/catalogue.js';
import { fixtureAnswerer, ROOT } from './helpers/corpus.js';
import { join } from 'node:path';

/**
 * "The Brenner open letter": a name before a letter's noun says whom the letter is about. On four letters of our own
 * (tests/fixtures/designated): an open letter to the Austrian Chancellor about Tomas Brenner, one to INTERPOL's
 * Secretary General about red notices, which tells his case in passing, a diaspora forum's letter to the justice
 * minister, and a memo on the forum's letterhead, from one of its caseworkers.
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

describe('a memo on an organisation\'s letterhead', () => {
  it('is written for that organisation: its first line, without the town', async () => {
    const letter = await readLetter(join(ROOT, 'tests/fixtures/designated'), 'ds4-memo-press-plan.txt', { maxBytes: 1_000_000 }, []);
    expect(letter?.meta.sender).toBe('Ana Ceban');
    expect(letter?.meta.senderAffiliations).toEqual(['Moldovan Diaspora Forum']);
  });

  it('"why does the Moldovan Diaspora Forum memo say to wait?": the memo its caseworker wrote', async () => {
    const a = await answerer.answer('why does the Moldovan Diaspora Forum memo say to wait before talking to the press?');
    expect(a.citations.slice(0, 2).some((c) => c.letterId === 'ds4-memo-press-plan' && c.quote.includes('coverage in Moldova would lead the prosecutor'))).toBe(true);
  });
});
