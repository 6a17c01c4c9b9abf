import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * Whom a letter went to, asked for by the body they speak for: two letters of our own (tests/fixtures/addressed), one
 * to the chair of a parliamentary committee with the committee on the line below her role, one to a minister.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('addressed');
}, 300_000);

describe('the body an addressee speaks for', () => {
  it('"which body did Nováková send her March 2021 letter to?": the addressee, not a search for "body"', async () => {
    const a = await answerer.answer('which body did Nováková send her March 2021 letter to?');
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Maria Lund');
    expect(a.citations[0].quote).toContain('Committee on Petitions');
  });

  it('the addressee\'s quote holds the committee below her role, not the street below it', async () => {
    const a = await answerer.answer('who did Novakova write to in March 2021?');
    expect(a.citations[0].quote).toContain('Dr Maria Lund');
    expect(a.citations[0].quote).toContain('Committee on Petitions');
    expect(a.citations[0].quote).not.toContain('Rue Wiertz');
  });

  it('"who got Nováková\'s May letter?" asks for addressees', async () => {
    const a = await answerer.answer("who got Nováková's May letter?");
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Petr Hruška');
  });
});
