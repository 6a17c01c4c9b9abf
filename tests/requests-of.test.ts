import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { directedPhrases } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * Whom a request is made of, and which letter makes it, on six letters of our own (tests/fixtures/requests-of): two
 * Dutch members of parliament's letters on different cases, an e-mail asking a senator to sign and his reply, and two
 * NGO letters to a public defender and to a minister.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('requests-of');
}, 300_000);

describe('requests: which letter makes the one asked about', () => {
  it('"what did Fischer want from Ruiz?": Ruiz is whom she asked, so her e-mail, not his reply', async () => {
    const a = await answerer.answer('what did fischer want from ruiz exactly?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('rq3-fischer-request');
    expect(a.citations[0].quote).toContain('Would you be willing to sign our joint statement');
  });

  it('"what did the Dutch MPs want done about the money for the Peruvian dam?": the MPs\' letter about the dam, though the role fits the other MP\'s letter better', async () => {
    const a = await answerer.answer('what did the dutch MPs want done about the money for the peruvian dam?');
    expect(a.citations[0].letterId).toBe('rq2-deputies-rio-blanco');
    expect(a.citations[0].quote).toContain('suspend any further disbursement of the money for the Rio Blanco dam');
    expect(a.citations.map((c) => c.letterId)).not.toContain('rq1-deputy-naguib');
  });

  it('…and the question about the journalist still gets the other MP\'s letter', async () => {
    const a = await answerer.answer('what did the dutch MP want done about the journalist?');
    expect(a.citations[0].letterId).toBe('rq1-deputy-naguib');
  });

  it('"what does the Lisbon legal aid group want the ministry to make public?": "to make public" is what is asked, not an addressee', async () => {
    const a = await answerer.answer('what does the lisbon legal aid group want the ministry to make public?');
    expect(a.citations[0].letterId).toBe('rq6-lisbon-legal-aid');
    expect(a.citations[0].quote).toContain('to publish each week the number of people held at the airport');
  });
});

describe('who else signed', () => {
  it('"who else put their name on de Vries\'s dam letter?": its co-signatories', async () => {
    const a = await answerer.answer("who else put their name on de vries's dam letter?");
    expect(a.intent).toBe('who-wrote');
    expect(a.lead).toContain('Joris Bakker');
    expect(a.lead).toContain('Sanne Visser');
  });

  it('"which MPs are on the Rio Blanco letter?": the same', async () => {
    const a = await answerer.answer('which MPs are on the rio blanco letter?');
    expect(a.intent).toBe('who-wrote');
    expect(a.lead).toContain('Joris Bakker');
  });

  it('"who else put their name to the dam letter?": "to" the letter signed, not an addressee', async () => {
    const a = await answerer.answer('who else put their name to the dam letter?');
    expect(a.citations[0].letterId).toBe('rq2-deputies-rio-blanco');
    expect(a.lead).toContain('Sanne Visser');
  });
});

describe('"the UK" is British', () => {
  it('"what do they want the uk ambassador in tbilisi to do?": the open letter asking the Foreign Secretary to instruct the British Ambassador, though another letter is addressed to an ambassador', async () => {
    const a = await answerer.answer('what do they want the uk ambassador in tbilisi to do for the reporters?');
    const open = a.citations.slice(0, 2).find((c) => c.letterId === 'rq7-open-letter-foreign-secretary');
    expect(open?.quote).toContain('instruct the British Ambassador in Tbilisi to attend their appeal hearing');
  });
});

describe('phrases that name a correspondent', () => {
  it('"…and by when did they want an answer?": "by when" names no writer', () => {
    const phrases = directedPhrases("What did the Paris exile NGO ask the MEP they'd met in Brussels, and by when did they want an answer?");
    expect(phrases.map(([p]) => p)).not.toContain('when did they want an answer');
    expect(phrases).toContainEqual(['the Paris exile NGO', false]);
  });

  it('"ask the FCDO to get the embassy to…": the addressee is the first asked, not whom they are to act on', () => {
    const phrases = directedPhrases('what did open newsroom ask the FCDO to get the embassy in baku to do?');
    expect(phrases).toContainEqual(['the FCDO', true]);
    expect(phrases.map(([p]) => p)).not.toContainEqual(expect.stringMatching(/embassy/));
    expect(directedPhrases('did they want to ask the minister?')).toContainEqual(['the minister', true]);
  });

  it('"what is Russia actually relying on in the Hnatiuk extradition request?": a few words before an asking verb name whom, not half the question', () => {
    expect(directedPhrases('what is Russia actually relying on in the Hnatiuk extradition request?')).toEqual([]);
    expect(directedPhrases('did the Czech deputy from Brno ask the minister?')).toContainEqual(['the Czech deputy from Brno', false]);
  });

  it('"which senator is going to write…": a plan, no writer named "going to"', () => {
    expect(directedPhrases('which senator is going to write to the tajik ambassador?').map(([p]) => p)).not.toContain('going to');
    expect(directedPhrases('did the coalition write to the Council?')).toContainEqual(['the coalition', false]);
  });

  it('"from the Council", "by the coalition" still do', () => {
    expect(directedPhrases('what did the letter from the Council say?')).toContainEqual(['the Council', false]);
    expect(directedPhrases('which letters were signed by the coalition?')).toContainEqual(['the coalition', false]);
  });
});

describe('addressees asked for in a clause', () => {
  it('"whats the name of the georgian ambassador the MP wrote to…?": the addressee of the MP\'s letter', async () => {
    const a = await answerer.answer('whats the name of the georgian ambassador the MP wrote to about the reporters?');
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Giorgi Beridze');
  });

  it('"who did price address her letter about the two reporters to?": the same', async () => {
    const a = await answerer.answer('who did price address her letter about the two reporters to?');
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Giorgi Beridze');
  });
});
