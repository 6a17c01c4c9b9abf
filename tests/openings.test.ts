import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * A letter's opening ("I am writing to you about Ms X, a journalist held in…") names everyone and everything the
 * letter is about, so it matches most questions in part: three letters of our own (tests/fixtures/openings), one of
 * them an open letter under a web page's title line.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('openings');
}, 300_000);

describe('a letter\'s opening', () => {
  it('does not come before the sentence that answers: "what is wrong with Aliyeva\'s health?"', async () => {
    const a = await answerer.answer("what is wrong with Aliyeva's health?");
    expect(a.citations[0].quote).toContain('Ms Aliyeva has asthma');
  });

  it('still answers what it says: "where is Aliyeva held?"', async () => {
    const a = await answerer.answer('where is Aliyeva held?');
    expect(a.abstained).toBe(false);
    expect(a.citations.slice(0, 3).map((c) => c.quote).join('\n')).toContain('held in pre-trial detention in Baku');
  });

  it('a web page\'s title line that names the writer is quoted with the signature: "who wrote the open letter to the Georgian PM?"', async () => {
    const a = await answerer.answer('who wrote the open letter to the Georgian PM?');
    expect(a.intent).toBe('who-wrote');
    expect(a.citations.map((c) => c.quote)).toEqual(['Maria Keller', "Maria Keller's open letter to the Prime Minister of Georgia"]);
  });
});
