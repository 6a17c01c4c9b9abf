import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { directedPhrases, kindOf } from '../src/answer/answerer.js';
import { foldWords } from '../src/letters/text-utils.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * A kind of letter and a nation in one question ("does the open letter push for sanctions on the Belarusian
 * officials?"), on three letters of our own (tests/fixtures/kinds-and-names): an open letter to the Foreign Secretary
 * about two reporters jailed in Belarus, an MP's letter to the Belarusian ambassador, an NGO's to the President of
 * Belarus.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('kinds-and-names');
}, 300_000);

describe('the kind of letter the question names comes before the nation it names', () => {
  it('"does the open letter push for sanctions on the Belarusian officials?": the open letter\'s requests, not those of the letters to Belarus', async () => {
    const a = await answerer.answer('does the open letter push for sanctions on the Belarusian officials?');
    expect(a.intent).toBe('request');
    expect(a.citations[0].letterId).toBe('kn1-open-letter-belarus-journalists');
    expect(a.citations[0].quote).toContain('consider sanctions against the judges and prison officials');
  });

  it('"push for sanctions": what is asked for, not whom', () => {
    expect(directedPhrases('does the open letter push for sanctions on the Belarusian officials?').map(([p]) => p)).not.toContainEqual(expect.stringMatching(/sanctions/));
    expect(directedPhrases('did they push the minister to act?')).toEqual([['the minister', true]]);
  });
});

describe('"the coalition letter" is a joint letter', () => {
  it('"does the coalition letter say anything about the punishment cell?": the letter several groups signed, not the one association\'s', async () => {
    const a = await answerer.answer('does the coalition letter say anything about the punishment cell?');
    expect(a.citations[0].letterId).toBe('kn1-open-letter-belarus-journalists');
    expect(a.citations[0].quote).toContain('moved to a punishment cell in March');
  });

  it('"is it one group or a coalition?" asks what a writer is, and names no kind of letter', () => {
    expect(kindOf(foldWords('whats terra viva alliance, one group or a coalition?'))).toBeNull();
    expect(kindOf(foldWords("what's in the coalition's letter?"))).not.toBeNull();
    expect(kindOf(foldWords('any coalition letters about Belarus?'))).not.toBeNull();
  });

  it('"what does the coalition want done?": the joint letter\'s requests', async () => {
    const a = await answerer.answer('what does the coalition want done?');
    expect(a.citations[0].letterId).toBe('kn1-open-letter-belarus-journalists');
  });
});
