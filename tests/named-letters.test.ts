import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Were the villages near the Honduran dam ever asked?": the letter that names Honduras, though the letter about a
 * Guatemalan dam holds more of the question's other words ("indigenous", "villages"), on two letters of our own by
 * one MP (tests/fixtures/named-letters).
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('named-letters');
}, 300_000);

describe("the question's names weigh in the whole letter's share", () => {
  it('"were the indigenous villages near the Honduran dam ever asked…": the Honduran letter\'s sentences', async () => {
    const a = await answerer.answer('were the indigenous villages near the Honduran dam ever asked what they thought about it?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('nl1-mp-honduras-dam');
    expect(a.citations.slice(0, 3).map((c) => c.quote).join(' ')).toContain('The communities say they were never properly consulted');
  });
});
