import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * A memo's lists (tests/fixtures/memo-lists, letters of our own): a heading quoted with the list below it, and a
 * sentence that refers to "point (a)" quoted with that item, the nearest above it (the memo has two lists). And what
 * typed questions find in it: an age written "Mr Petrov, who is 58," and a prison "held at Sofia Central Prison".
 */
let answerer: Answerer;
const quotes = (a: { citations: { quote: string }[] }) => a.citations.slice(0, 3).map((c) => c.quote);

beforeAll(async () => {
  answerer = await fixtureAnswerer('memo-lists');
}, 300_000);

describe("a memo's lists", () => {
  it('"why does counsel think the case could collapse?": the sentence and the item it refers to ("point (a)")', async () => {
    const a = await answerer.answer('why does counsel think the case against petrov could collapse?');
    expect(a.abstained).toBe(false);
    const at = a.citations.findIndex((c) => c.quote.includes('believes point (a) alone could end the case'));
    expect(at).toBeGreaterThanOrEqual(0);
    // The item, quoted next to the sentence that refers to it.
    expect(a.citations[at + 1]?.quote).toContain('(a) The only witness for the prosecution withdrew his statement in July.');
    expect(quotes(a).join('\n')).not.toContain('(a) Brief the two journalists');
  });

  it('"what are the weak points of the charge?": the heading with its list', async () => {
    const a = await answerer.answer('what are the weak points of the charge against petrov?');
    const heading = a.citations.find((c) => c.quote.includes('Weak points of the charge'));
    expect(heading?.quote).toContain('(a) The only witness for the prosecution withdrew his statement in July.');
    expect(heading?.quote).toContain('(b) The strike was approved by a vote');
  });
});

describe('typed questions on the memo', () => {
  it('"how old is petrov?": "Mr Petrov, who is 58,"', async () => {
    const a = await answerer.answer('how old is petrov?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Mr Petrov, who is 58,');
  });

  it('"how old is the petrov brothers\' mum?": the last relative named is the one asked about', async () => {
    const a = await answerer.answer("how old is the petrov brothers' mum?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His mother, now aged 81');
  });

  it('"which detention facility was petrov kept in?": "held at Sofia Central Prison" names one', async () => {
    const a = await answerer.answer('which detention facility was petrov kept in?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('held at Sofia Central Prison');
  });
});

describe('someone copied, and named in a sentence', () => {
  it('"who is vesela dimova?": the whole sentence that says who she is, though her name is on a wrapped line', async () => {
    const a = await answerer.answer('who is vesela dimova?');
    expect(a.abstained).toBe(false);
    // A quote keeps the letter's line breaks.
    expect(a.citations[0].quote.replace(/\s+/g, ' ')).toContain('His lawyer, Ms Vesela Dimova (copied), will send your office the court file.');
  });
});
