import { describe, expect, it } from 'vitest';
import { expandAbbreviations, NameSpeller } from '../src/search/spelling.js';

/** Letters of our own, short: names the team misspells, and words that are no names. */
const letters = [
  'Dear Minister, I write about Mr Nurlan Serikbayev, held in Soto del Real. Mr Serikbayev is diabetic.',
  'The People\'s Deputy Bohdan Lytvyn protects the prisoners. Appeal hearings were postponed. Ley de Extradición Pasiva.',
  'Elnur Mammadli has lost weight. The Saleh family appealed. The prosecution protects nobody. His extradition is sought.',
  'Appeal. The appeal was refused. Mr Yildiz and Mr Yildirim are both journalists, as are Ms Petrenko and Ms Petrenco.',
];
const speller = new NameSpeller(letters);

describe('names misspelt in a question', () => {
  it('are read as the letters spell them, in the question\'s own case', () => {
    expect(speller.correct("what did the ngos ask about serikbaev's asylum claim?")).toBe("what did the ngos ask about serikbayev's asylum claim?");
    expect(speller.correct('what does lytvin actually do?')).toBe('what does lytvyn actually do?');
    expect(speller.correct('How much weight has Mamadli lost?')).toBe('How much weight has Mammadli lost?');
  });

  it('leaves English words, their inflections and contractions alone', () => {
    for (const q of ['why do the czechs oppose it?', 'who protects the salehs?', 'what was appealed?', "why shouldn't he travel?", 'is the prosecuting office involved?']) {
      expect(speller.correct(q)).toBe(q);
    }
  });

  it('leaves a typo of a word the letters write in lower case, and a word as close to two names', () => {
    // "extradtion" is "extradition", not the name "Extradición".
    expect(speller.correct('when is the extradtion hearing?')).toBe('when is the extradtion hearing?');
    // "petrenqo" is one edit from both "Petrenko" and "Petrenco": no guess.
    expect(speller.nameFor('petrenqo')).toBeNull();
    expect(speller.nameFor('yildis')).toBe('yildiz');
    expect(speller.nameFor('appeal')).toBeNull();
  });

  it('corrects nothing shorter than five letters', () => {
    expect(speller.correct('what did xol say?')).toBe('what did xol say?');
  });
});

describe('seats of government', () => {
  it('are the office they house', () => {
    expect(expandAbbreviations('what did the open letter to Matignon ask?')).toBe('what did the open letter to the French Prime Minister ask?');
    expect(expandAbbreviations('has Downing Street replied?')).toBe('has the British Prime Minister replied?');
    expect(expandAbbreviations('did the Élysée answer?')).toBe('did the French President answer?');
    expect(expandAbbreviations('anything from the Quai d’Orsay?')).toBe('anything from the French Foreign Minister?');
    expect(expandAbbreviations('what is point number 10 of the list?')).toBe('what is point number 10 of the list?');
  });
});

describe('chat abbreviations', () => {
  it('are written out, in the question\'s case', () => {
    expect(expandAbbreviations('how many yrs did elnur get?')).toBe('how many years did elnur get?');
    expect(expandAbbreviations('Govt reply b4 the hearing?')).toBe('Government reply before the hearing?');
    expect(expandAbbreviations('are they asking the foreign sec to act?')).toBe('are they asking the foreign secretary to act?');
    expect(expandAbbreviations('give me a sec to find it')).toBe('give me a sec to find it');
    expect(expandAbbreviations('who wrote to the ministry?')).toBe('who wrote to the ministry?');
    expect(expandAbbreviations('on avg how long, and where is he rn?')).toBe('on average how long, and where is he now?');
    expect(expandAbbreviations('how many subs does his channel have')).toBe('how many subscribers does his channel have');
    expect(expandAbbreviations('whats wrong w the court opinion')).toBe('whats wrong with the court opinion');
  });

  it('months typed short are written out before a year or day, or after "in", "since"…', () => {
    expect(expandAbbreviations('how many got out in the sept 2019 swap?')).toBe('how many got out in the September 2019 swap?');
    expect(expandAbbreviations('what happened in early oct?')).toBe('what happened in early October?');
    expect(expandAbbreviations('held since dec.')).toBe('held since December.');
    // Not a name, not another word.
    expect(expandAbbreviations('what did Jan Novák write?')).toBe('what did Jan Novák write?');
    expect(expandAbbreviations('the dec decision')).toBe('the dec decision');
  });
});

describe('acronyms the letters write out', () => {
  const texts = [
    'We ask France to insist that the International Committee of the Red Cross obtains access to every place of detention.',
    'An independent medical examination, ideally by the ICRC, should follow.',
    'The Fair Extradition Project has followed the case since 2022.',
    'Tunne Kelam\nMember of the European Parliament',
  ];
  const speller = new NameSpeller(texts, { keepAcronymsOf: ['Fair Extradition Project', 'Member of the European Parliament'] });

  it('"the ICRC" is read with the name the letters write out, which some use instead', () => {
    expect(speller.correct('what does the MP want France to push for regarding the ICRC?')).toBe(
      'what does the MP want France to push for regarding the ICRC (International Committee of the Red Cross)?',
    );
  });

  it('a correspondent\'s acronym already points to their letters, and an acronym no letter writes out is kept', () => {
    expect(speller.correct('why is the FEP memo saying hold off on media?')).toBe('why is the FEP memo saying hold off on media?');
    expect(speller.correct('is the UNHCR involved?')).toBe('is the UNHCR involved?');
    // A correspondent's role: "which MEP urged…" names a writer by it.
    expect(speller.correct('Which MEP urged the minister to release him?')).toBe('Which MEP urged the minister to release him?');
  });
});
