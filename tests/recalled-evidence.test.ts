import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { RECALL } from '../src/answer/answerer.js';
import { evalLettersAnswerer } from './helpers/corpus.js';

/**
 * A sentence the answer quotes is evidence of what the question asks, however it was found: here the letter's other
 * sentences come only because it holds the most of the question (RECALL.contentLetters), with no whole letter recalled
 * for its retrieved passages. Seven dev letters of the evaluation about the Rahimov family (tests/eval/letters).
 */
let answerer: Answerer;
const wholeLetters = RECALL.wholeLetters;

beforeAll(async () => {
  (RECALL as { wholeLetters: number }).wholeLetters = 0;
  answerer = await evalLettersAnswerer([
    'a03-rahimov-red-notice-ccf',
    'a15-rahimov-family-reunification',
    'c01-rahimov-cosign-request',
    'c02-kavanagh-reply-rahimov',
    'c05-memo-rahimov-next-steps',
    'c09-open-letter-rahimov',
    'c13-senator-to-tajik-ambassador',
  ]);
}, 300_000);

afterAll(() => {
  (RECALL as { wholeLetters: number }).wholeLetters = wholeLetters;
});

describe('what a quoted sentence holds is evidence', () => {
  it('"what happend to rahimov\'s oldest boy in dushanbe?": the quoted "eldest son" sentence counts as holding what is asked', async () => {
    const a = await answerer.answer("what happend to rahimov's oldest boy in dushanbe?");
    const quoted = a.citations.slice(0, 3).find((c) => c.quote.includes('The eldest son was stopped by the police'));
    expect(quoted).toBeDefined();
    expect(a.evidence?.asked).toBeGreaterThan(0);
  });
});
