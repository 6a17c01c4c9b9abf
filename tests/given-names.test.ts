import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * A person asked about by their given name, where the letter's sentence says only "Mr Haddad" or "His lawyer…":
 * three letters of our own (tests/fixtures/given-names): a memo about one man, a letter about two brothers, and a
 * letter about another man of the same surname.
 */
let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('given-names');
}, 300_000);

describe('a given name stands for the surname the letter writes with it', () => {
  it('"who is karim\'s lawyer?": the lawyer of the man the memo calls Karim Haddad', async () => {
    const a = await answerer.answer("Who is Karim's lawyer?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His Dutch lawyer, Ms Nora Lind');
  });

  it('but not a surname the letter writes after two given names: "Omar" is not every Saidi', async () => {
    const a = await answerer.answer("Who is Omar's lawyer?");
    expect(a.abstained).toBe(true);
    expect(a.lead).toBe("The letters don't say who. The closest letters are listed below.");
  });

  it('"How old is Omar Saidi?": not the age of another Saidi, whom another letter names ("Mr Karim Saidi, 51,")', async () => {
    const a = await answerer.answer('How old is Omar Saidi?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toBe("The letters don't say how old. The closest letters are listed below.");
  });

  it('"How old is Karim Saidi?": the age beside his name', async () => {
    const a = await answerer.answer('How old is Karim Saidi?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Mr Karim Saidi, 51,');
  });
});
