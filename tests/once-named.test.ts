import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * People the letters name once, asked about in lower case, on two letters of our own (tests/fixtures/once-named): an
 * MP's letter describing two detainees, and an NGO's follow-up that names neither.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('once-named');
}, 300_000);

describe('a name written once, typed in lower case', () => {
  it('"who is marchenko": the sentence that says what he is', async () => {
    const a = await answerer.answer('who is marchenko');
    expect(a.intent).toBe('affiliations');
    // The sentence itself, not the one before it about another detainee.
    expect(a.citations[0].quote).toMatch(/^Oleksii Marchenko, a retired mining engineer/);
  });

  it('"whats bilyk\'s job": asks who she is, and the sentence that says it answers', async () => {
    const a = await answerer.answer("whats bilyk's job");
    expect(a.intent).toBe('affiliations');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Tamara Bilyk, a 61-year-old librarian from Kadiivka');
  });
});

describe('a relative asked for by name', () => {
  it('"what\'s marchenko\'s younger brother called?": the memo names him by his given name alone', async () => {
    const a = await answerer.answer("what's marchenko's younger brother called?");
    expect(a.abstained).toBe(false);
    expect(a.evidence?.nameGiven).toBe(true);
    expect(a.citations[0].quote).toContain("Oleksii Marchenko's younger brother, Andrii,");
  });

  it('"whats the name of marchenko\'s oldest boy?": the memo speaks of his eldest son but never names him', async () => {
    const a = await answerer.answer("whats the name of marchenko's oldest boy?");
    expect(a.abstained).toBe(true);
  });
});

describe('who a writer is, and how they fit in', () => {
  it('"who is Rasa Jankauskienė and how does she fit in?": her signature, then the memo\'s sentence that names her', async () => {
    const a = await answerer.answer('who is Rasa Jankauskienė and how does she fit in?');
    expect(a.intent).toBe('affiliations');
    expect(a.citations[0].letterId).toBe('on1-mp-detainees');
    expect(a.citations.map((c) => c.quote)).toContain('Rasa Jankauskienė has agreed to raise the case again at the Committee in December.');
  });
});
