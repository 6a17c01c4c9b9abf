import { beforeAll, describe, expect, it } from 'vitest';
import { ADDRESSED_TERMS, type Answerer } from '../src/answer/answerer.js';
import { evalLettersAnswerer } from './helpers/corpus.js';

/**
 * How a question says which letter it means: "the letter to the French Prime Minister", "the Observatoire des Exilés
 * email", "Matignon". Over eight dev letters of the evaluation (tests/eval/letters).
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await evalLettersAnswerer([
    'a03-rahimov-red-notice-ccf', 'a15-rahimov-family-reunification', 'b07-moreno-prosecutor-bondar', 'b11-ngo-coalition-council-defenders',
    'c01-rahimov-cosign-request', 'c05-memo-rahimov-next-steps', 'c09-open-letter-rahimov', 'c13-senator-to-tajik-ambassador',
  ]);
}, 300_000);

const inTopThree = (a: Awaited<ReturnType<Answerer['answer']>>, letterId: string, phrase: string) =>
  !a.abstained && a.citations.slice(0, 3).some((c) => c.letterId === letterId && c.quote.replace(/\s+/g, ' ').includes(phrase));

describe('the words that say which letter', () => {
  it('"the open letter to the French PM": which letter, not what its answer must say', async () => {
    const q = 'open letter to the french pm - what happens to opposition people sent back to tajikistan?';
    const phrase = 'sentenced to long prison terms';
    expect(inTopThree(await answerer.answer(q), 'c09-open-letter-rahimov', phrase)).toBe(true);
    ADDRESSED_TERMS.enabled = false;
    try {
      expect(inTopThree(await answerer.answer(q), 'c09-open-letter-rahimov', phrase)).toBe(false);
    } finally {
      ADDRESSED_TERMS.enabled = true;
    }
  });

  it('"in the letter to the Tajik ambassador": the charge comes first, not a sentence that names the ambassador', async () => {
    const a = await answerer.answer('in the letter to the Tajik ambassador, what is Jamshed charged with?');
    expect(a.citations[0].letterId).toBe('c13-senator-to-tajik-ambassador');
    expect(a.citations[0].quote).toContain('charged with failing to report');
  });

  it('"the Observatoire des Exilés email": the e-mail its coordinator signed for it', async () => {
    const a = await answerer.answer("who's Margaux in the Observatoire des Exilés email?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('c01-rahimov-cosign-request');
    expect(a.citations[0].quote).toContain('Margaux, our Head of Advocacy');
  });

  it('"Margaux\'s role" asks about Margaux, not for her letter', async () => {
    const a = await answerer.answer("in the Vasseur email, what's Margaux's role?");
    expect(inTopThree(a, 'c01-rahimov-cosign-request', 'Margaux, our Head of Advocacy')).toBe(true);
  });

  it('"Matignon" is the French Prime Minister, whom the open letter asks', async () => {
    const a = await answerer.answer('besides not signing the decree, do they want any public statement from Matignon?');
    expect(inTopThree(a, 'c09-open-letter-rahimov', 'confirm publicly that France will not extradite')).toBe(true);
  });

  it('whether the videos called for violence is what they say, not a request or an outcome', async () => {
    const a = await answerer.answer("did any of Rahimov's youtube videos actually incite violence according to the translations?");
    expect(inTopThree(a, 'c01-rahimov-cosign-request', 'not one of them calls for violence')).toBe(true);
    const b = await answerer.answer('does the open letter to the PM say whether his videos called for violence?');
    expect(b.intent).toBe('content');
    expect(inTopThree(b, 'c09-open-letter-rahimov', 'None contains any call to violence')).toBe(true);
  });

  it('"who\'s the lawyer who took Farrukh\'s case to the Cour de cassation?": someone by what they did, not a correspondent\'s office', async () => {
    const a = await answerer.answer("who's the lawyer who took Farrukh's case to the Cour de cassation?");
    expect(a.citations[0].letterId).toBe('c05-memo-rahimov-next-steps');
    expect(a.citations[0].quote).toContain('His lawyer, Maître Paul Garnier, lodged an appeal');
  });
});
