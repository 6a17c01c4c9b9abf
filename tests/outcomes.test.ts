import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { outcomeUnreported } from '../src/answer/calibration.js';
import { decisionAsked, outcomeVerbs } from '../src/answer/typed-answers.js';
import { foldWords } from '../src/letters/text-utils.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Did it end up happening?" when the letters could not know, on eight letters of our own (tests/fixtures/outcomes):
 * an MEP asking Spain to refuse a blogger's extradition to Russia, an NGO reporting that two other critics returned
 * from Spain were detained in Moscow, a centre asking (in a numbered list) that a family be moved to an open centre, and
 * NGOs asking the Council (in another) to adopt conclusions, a memo on a trial, an NGO's letter on an appeal upheld, a
 * union's letter on a photographer's laptop never returned, and a memo reporting a prosecutor's reply.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('outcomes');
}, 300_000);

describe('an outcome the letters report', () => {
  it('"how did Karimov\'s appeal go in the end?": the decision ("upheld"), not the hearing or the letter\'s request', async () => {
    const a = await answerer.answer("how did Karimov's appeal go in the end?");
    expect(a.intent).toBe('content');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toMatch(/^The Court of Appeal upheld Mr Karimov's sentence/);
  });

  it('"has the prosecutor replied yet about Sorin?": the memo that reports the reply answers it', async () => {
    const a = await answerer.answer('has the prosecutor replied yet about Sorin?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain("The Prosecutor General's Office replied on 9 June");
  });

  it('"did Petrova ever get her laptop back?": "never been returned" answers it', async () => {
    const a = await answerer.answer('did Petrova ever get her laptop back after the border search?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('have never been returned');
  });

  it('a report that holds three tenths of the asked words answers (ABSTENTION.outcome, dev half: 0.3)', () => {
    const e = { dense: 0.5, coverage: 0.5, asked: 0.5, named: 1 };
    expect(outcomeUnreported({ ...e, outcome: 0.32 })).toBe(false);
    expect(outcomeUnreported({ ...e, outcome: 0.25 })).toBe(true);
  });
});

describe('what an outcome question asks', () => {
  it('"did the embassy finally issue visas?" needs a report that they were issued', () => {
    expect(outcomeVerbs(foldWords('did the embassy finally issue visas to his wife?')).stems).toEqual(['issu']);
  });

  it('"how did the Tver court rule on Orlova?" asks for a decision, like "what did the court decide?"', async () => {
    expect(decisionAsked(foldWords('how did the Tver court rule on Orlova?'))).toBe(true);
    expect(decisionAsked(foldWords('what did the court decide?'))).toBe(true);
    const a = await answerer.answer('how did the Tver court rule on Orlova?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toMatch(/^The letters don't say how it turned out/);
  });
});

describe('an outcome the letters do not report', () => {
  it('"did Spain end up handing Bekov over to Moscow?": others returned to Moscow are no report about him', async () => {
    const a = await answerer.answer('did Spain end up handing Bekov over to Moscow?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toMatch(/^The letters don't say how it turned out\./);
  });

  it('"did the Haddad family ever get moved to the open centre in Nová Ves?": a requested item is no report', async () => {
    const a = await answerer.answer('did the Haddad family ever get moved to the open centre in Nová Ves?');
    expect(a.abstained).toBe(true);
  });

  it('"did the Council ever adopt conclusions…?": an item of a list that a request introduces is no report', async () => {
    const a = await answerer.answer('did the Council ever adopt conclusions on environmental defenders?');
    expect(a.abstained).toBe(true);
  });

  it.each([
    ['What verdict did Orlova and Sedov get when their trial finally happened?'],
    ['how many of the families held at Bělá-Jezová were eventually granted asylum?'],
  ])('"%s": a verdict, or what eventually happened, that no letter reports', async (q) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(true);
    expect(a.lead).toMatch(/^The letters don't say how it turned out\./);
  });

  it('"did the justice minister respond to the letter about Bekov?": the letter asks him, and reports no reply', async () => {
    const a = await answerer.answer('did the justice minister respond to the letter about Bekov?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toMatch(/^The letters don't say how it turned out/);
  });

  it('what the letters do say is still answered', async () => {
    const a = await answerer.answer('where was Bekov arrested?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('arrested in Valencia');
  });
});
