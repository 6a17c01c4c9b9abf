import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Who was the senator's letter about Ramil addressed to?": the letter the senator wrote, not the e-mail written to
 * her about the same man, on three letters of our own (tests/fixtures/writers): a senator's letter to an ambassador,
 * an NGO's e-mail to her and the NGO's memo, all naming Ramil Hasanov.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('writers');
}, 300_000);

describe("a letter named by its writer's role", () => {
  it.each([["who was the senator's letter about ramil addressed to?"], ['which ambassador did the senator write to abt hasanov'], ['Which Azerbaijani diplomat did Senator Dumont address about Ramil?']])('"%s": the senator\'s letter only', async (q) => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('recipients');
    expect(a.lead).toMatch(/^Claire Dumont's letter of 3 March 2024 is addressed to Timur Aliyev/);
    expect(a.lead).not.toContain("Julien Roux's letter");
  });

  it('"besides the ambassador, who else got the senator\'s letter about ramil?": whom her letter copied', async () => {
    const a = await answerer.answer("besides the ambassador, who else got the senator's letter about ramil?");
    expect(a.intent).toBe('cc');
    expect(a.lead).toMatch(/^Claire Dumont's letter of 3 March 2024 copied Pierre Lenoir/);
  });
});
