import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * An e-mail's Cc: is a header, not its text: an e-mail of our own (tests/fixtures/copies) whose text says whom it
 * copies, and a memo that the person copied wrote.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('copies');
}, 300_000);

describe('who an e-mail copies', () => {
  it('"who was cc\'d on the e-mail to Moretti?": the header names her, the sentence that says so is quoted', async () => {
    const a = await answerer.answer("who was cc'd on the e-mail to Moretti?");
    expect(a.intent).toBe('cc');
    expect(a.lead).toContain('Ines Duarte');
    expect(a.citations[0].quote).toBe('Ines, our legal officer, is in copy and can answer any question about the case file.');
  });

  it('"was Ines Duarte copied?": the same sentence, found by her given name', async () => {
    const a = await answerer.answer('was Ines Duarte copied on anything?');
    expect(a.citations[0].quote).toContain('Ines, our legal officer, is in copy');
  });

  it('"who is Ines Duarte?": her memo\'s signature, then the sentence of the e-mail that copies her, which says what she does', async () => {
    const a = await answerer.answer('who is Ines Duarte?');
    expect(a.intent).toBe('affiliations');
    expect(a.citations.map((c) => c.letterId)).toEqual(['cp2-memo-duarte', 'cp1-cosign-email']);
    expect(a.citations[1].quote).toContain('Ines, our legal officer, is in copy');
  });
});
