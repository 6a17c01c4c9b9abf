import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { answerType, holdsType } from '../src/letters/cues.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "What is the case against him based on?": what a charge or a request rests on, on two letters of our own
 * (tests/fixtures/basis): an MP's letter about a cartoonist facing extradition to Turkey, which says what he is accused
 * of and, in another sentence, what the request relies on; and a caseworker's memo on his bail.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('basis');
}, 300_000);

describe('what a charge rests on, asked in other words', () => {
  it.each([
    ["what's Turkey's case against the cartoonist actually based on?"],
    ['what evidence does Ankara cite against him?'],
    ['what else do they have against him?'],
    ['what is turkey relying on against aydın'],
  ])('"%s" asks what the case rests on', (q) => expect(answerType(q)).toBe('basis'));

  it.each([
    ['The request cites 27 of his columns.'],
    ['It relies almost entirely on photographs found on his laptop.'],
    ['The only evidence described in the request consists of his posts.'],
    ['The request from Dushanbe is built on eleven YouTube videos.'],
  ])('"%s" says what it rests on', (t) => expect(holdsType(t, 'basis')).toBe(true));

  it('"can\'t be relied on" asks whether promises hold, not what a case rests on', () => {
    expect(answerType("how come the groups think the promises can't be relied on?")).not.toBe('basis');
  });

  it('the sentence that says what the request relies on comes before the one that says what he is accused of', async () => {
    const a = await answerer.answer('what is turkey relying on against aydın');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('The request relies on eleven cartoons');
  });

  it('"what proof does turkey have…": a sentence saying what the request relies on holds what is asked, in other words', async () => {
    const a = await answerer.answer('what proof does turkey have against aydin');
    expect(a.citations[0].quote).toContain('The request relies on eleven cartoons');
    expect(a.evidence?.asked).toBe(1);
  });
});
