import { describe, expect, it } from 'vitest';
import { isMostlyNames, isProse } from '../src/indexing/key-sentences.js';

/** Lines that a summary must not quote as a letter's opening (our own examples of the layouts in tests/eval). */
describe('lines of names', () => {
  it('reads an addressee block as names, its small words ("of the", "de los") not counting as prose', () => {
    const address = 'To the Ministry of the Interior of the Kingdom of Spain Calle de Amador de los Ríos, 7 28010 Madrid';
    expect(isMostlyNames(address)).toBe(true);
    expect(isProse(address)).toBe(false);
    expect(isMostlyNames("Commission for the Control of INTERPOL's Files 200, quai Charles de Gaulle 69006 Lyon France")).toBe(true);
    expect(isMostlyNames('Silvia Ferraris Coordinator, Terra Viva Alliance')).toBe(true);
  });

  it('still reads prose that names people and places as prose', () => {
    const prose = 'Mr Jamshed Rahimov is the younger brother of Mr Farrukh Rahimov, who has lived in Lyon since 2016 with his family.';
    expect(isMostlyNames(prose)).toBe(false);
    expect(isProse(prose)).toBe(true);
    expect(isProse('The Minister of the Interior of the Czech Republic has not replied to our letter of 3 March about the family.')).toBe(true);
  });
});
