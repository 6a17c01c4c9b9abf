import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * "Who are they, what do they do?" about a writer, on two letters of our own (tests/fixtures/self-described): an NGO
 * that says in its first sentence what it does and signs with its street address, and an MEP's letter to a
 * commissioner.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('self-described');
}, 300_000);

const SELF = 'Refugio Abierto has given free legal advice to people arriving by sea at the port of Valencia since 2015.';

describe('what a writer does, in its own words', () => {
  it('"who\'s X, what do they actually do?": the sentence where the letter says it, and no street for a role', async () => {
    const a = await answerer.answer("who's Refugio Abierto, what do they actually do?");
    expect(a.intent).toBe('affiliations');
    expect(a.citations.map((c) => c.quote)).toContain(SELF);
    expect(a.lead).toBe("Refugio Abierto: in the letter's own words below.");
  });

  it('"who\'s behind the port letter and what do they do?": the writer, and that sentence too', async () => {
    const a = await answerer.answer("who's behind the port letter to the government delegation and what do they do?");
    expect(a.intent).toBe('who-wrote');
    expect(a.citations.map((c) => c.quote)).toContain(SELF);
    // The signature without the street below it.
    expect(a.citations[0].quote).toBe('Refugio Abierto');
  });

  it('"who wrote the port letter?" alone quotes the signature only', async () => {
    const a = await answerer.answer('who wrote the port letter to the government delegation?');
    expect(a.citations.map((c) => c.quote)).not.toContain(SELF);
  });
});

describe('two questions joined by "and"', () => {
  it('"which commissioner did Ibarra write to and what\'s her portfolio": the addressee, with her title', async () => {
    const a = await answerer.answer("which commissioner did Ibarra write to and what's her portfolio");
    expect(a.intent).toBe('recipients');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toBe('To: Ms Maren Solberg, European Commissioner for Home Affairs');
  });
});

describe('a writer named by whom they wrote to', () => {
  it('"what\'s the role of the MEP who wrote to Solberg?": the writer\'s, not the addressee\'s', async () => {
    const a = await answerer.answer("what's the role of the MEP who wrote to Solberg?");
    expect(a.intent).toBe('affiliations');
    expect(a.lead).toContain('Tomás Ibarra');
    expect(a.lead).toContain('Member of the European Parliament');
    expect(a.lead).not.toContain('received');
  });
});
