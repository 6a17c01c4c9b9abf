import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * What a letter asks, when it asks in a list ("We therefore ask:" and an item for each minister), on three letters of
 * our own (tests/fixtures/request-lists): two NGOs to Portugal's justice and foreign ministers, a journalists' union to
 * the foreign minister, a press watchdog to the justice minister.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('request-lists');
}, 300_000);

describe('a request made as a list', () => {
  it('what the question asks about is weighed in the list the request introduces, not only in "We therefore ask:"', async () => {
    const a = await answerer.answer('what does Free Voices want the foreign minister to do about diplomatic assurances?');
    expect(a.intent).toBe('request');
    expect(a.citations[0].letterId).toBe('rl1-ngos-to-lisbon-ministers');
    expect(a.citations[0].quote).toMatch(/^We therefore ask:/);
    expect(a.citations[0].quote).toContain('not to seek or accept diplomatic assurances from Belarus');
  });
});

describe('a signature is no request', () => {
  it('"Free Press Watch" under the letter is not quoted as a request, though "free" begins it', async () => {
    const a = await answerer.answer('what does Free Press Watch ask the justice minister for?');
    expect(a.citations.map((c) => c.quote)).toEqual(['We urge you to let his lawyer visit him without restriction until a decision on his extradition is taken.']);
  });
});
