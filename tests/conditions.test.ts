import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { answerType } from '../src/letters/cues.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Any conditions?": what someone must do or may not, on two letters of our own (tests/fixtures/conditions): a memo
 * on a client released under judicial supervision who will give an interview only on terms, and an NGO's letter on
 * the conditions in a camp, which are its surroundings, not terms.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('conditions');
}, 300_000);

describe('questions that ask for conditions', () => {
  it.each([
    ['samir agreed to do an interview with the turin paper, any conditions?'],
    ['what are the terms of his release?'],
    ['any strings attached?'],
    ['what does he have to do now?'],
    ['are there restrictions on him?'],
    ["does the memo say what samir has to do while he's out on release?"],
    ['what strings did the judge attach when he let him go?'],
  ])('"%s" asks for a condition', (q) => expect(answerType(q)).toBe('condition'));

  it.each([['what are the conditions like in the samos centre?'], ['how are the detention conditions?'], ['is he in good condition?'], ['what does the letter say?']])(
    '"%s" does not',
    (q) => expect(answerType(q)).not.toBe('condition'),
  );

  it('"what are the terms of Samir\'s release?": the sentence that says what he must do and may not', async () => {
    const a = await answerer.answer("what are the terms of samir's release?");
    expect(a.citations[0].quote).toContain('he must report to the carabinieri every Tuesday and Friday and cannot leave the province of Turin');
  });

  it('"samir is out now - what does he have to do?": the same sentence, first', async () => {
    const a = await answerer.answer('samir is out now - what does he have to do, any restrictions?');
    expect(a.citations[0].quote).toContain('he must report to the carabinieri');
  });
});

describe('a surname asked, a given name written', () => {
  it('"is Haddad allowed to travel?": the paragraph calls him Samir, and the memo writes Samir Haddad, so it answers', async () => {
    const a = await answerer.answer('is haddad allowed to travel? any strings attached to his release?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('cannot leave the province of Turin');
  });
});

describe('"actually" asks how things turned out only of the past', () => {
  it('"do any of Samir\'s videos actually incite violence?": what the memo says of them', async () => {
    const a = await answerer.answer("do any of samir's youtube videos actually incite violence?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('none of them calls for violence');
  });

  it('"did Italy actually extradite Samir?": an outcome the memo cannot know', async () => {
    const a = await answerer.answer('did italy actually extradite samir?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toContain('how it turned out');
  });
});
