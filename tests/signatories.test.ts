import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Who is X?" for people who are not a letter's first signatory, on three letters of our own
 * (tests/fixtures/signatories): a joint letter of three MEPs to Spain's justice minister, with each one's role in the
 * list of signatories; a memo naming the lawyer Inés Vela (a surname one of the MEPs shares, a given name the minister
 * shares); an NGO's letter to two ministers, each minister's role written above their name.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('signatories');
}, 300_000);

describe('who a further signatory is', () => {
  it.each([
    ['who is Pablo Ortiz Vela?', /^Pablo Ortiz Vela, Member of the European Parliament, Committee on Petitions, signed Marta Llorente Gaspar's letter of 12 May 2021\./, 'Pablo Ortiz Vela\nMember of the European Parliament, Committee on Petitions'],
    ['which committee is Ana Ruiz Campos on?', /^Ana Ruiz Campos, Member of the European Parliament, signed Marta Llorente Gaspar's letter/, 'Ana Ruiz Campos, Member of the European Parliament'],
  ])('"%s": their own lines in the list of signatories, not the first signatory\'s', async (q, lead, quote) => {
    const a = await answerer.answer(q);
    expect(a.lead).toMatch(lead);
    expect(a.citations[0].quote).toBe(quote);
    expect(a.lead).not.toContain('Vice-Chair');
  });

  it('the first signatory is still answered as the writer', async () => {
    const a = await answerer.answer('who is Marta Llorente Gaspar?');
    expect(a.lead).toMatch(/^Marta Llorente Gaspar: Member of the European Parliament, Vice-Chair of the Committee on Employment and Social Affairs\./);
  });
});

describe('someone a letter names, who shares a name with a correspondent', () => {
  it('"who is Inés Vela?": the memo\'s lawyer, not the MEP Pablo Ortiz Vela nor the minister Inés Moreno Salas', async () => {
    const a = await answerer.answer('who is Inés Vela?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('sg2-memo-karimov');
    expect(a.citations[0].quote).toContain('Ms Inés Vela, a Valencia lawyer');
    expect(a.lead).not.toMatch(/Marta Llorente Gaspar:|Pablo Ortiz Vela|Inés Moreno Salas/);
  });
});

describe('a surname that a further signatory shares', () => {
  it('"who is Ms Vela?" is not answered with the first signatory\'s role', async () => {
    const a = await answerer.answer('who is Ms Vela?');
    expect(a.citations[0].quote).toContain('Ms Inés Vela, a Valencia lawyer');
    expect(a.lead).not.toContain('Marta Llorente Gaspar:');
  });
});

describe('an addressee whose role is written above their name', () => {
  it('"who is Carlos Díaz Ferrer?": his role line and his name line, not the first addressee\'s', async () => {
    const a = await answerer.answer('who is Carlos Díaz Ferrer?');
    expect(a.lead).toMatch(/^Carlos Díaz Ferrer, Minister of the Interior of the Kingdom of Spain, received Ruta Libre's letter of 2 June 2021\./);
    expect(a.citations[0].quote).toBe('Minister of the Interior of the Kingdom of Spain\nCarlos Díaz Ferrer – carlos.diaz@example.org');
  });
});
