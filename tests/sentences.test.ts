import { describe, expect, it } from 'vitest';
import { sentences } from '../src/letters/passages.js';

const split = (text: string, language = 'en') => sentences(text, language).map((s) => text.slice(s.start, s.end));

describe('sentences of a letter', () => {
  it('do not end at a title, an initial or an abbreviation with a full stop (American style)', () => {
    expect(split('I write about Ms. Lena Orlova, a journalist. She is held in Tbilisi.')).toEqual([
      'I write about Ms. Lena Orlova, a journalist.',
      'She is held in Tbilisi.',
    ]);
    expect(split('Dear Mr. Reilly, thank you. Thomas W. Reilly signed it.')).toEqual(['Dear Mr. Reilly, thank you.', 'Thomas W. Reilly signed it.']);
    expect(split('Please write to the U.S. Department of State. The St. Petersburg court ruled under Art. 3 of the code.')).toEqual([
      'Please write to the U.S. Department of State.',
      'The St. Petersburg court ruled under Art. 3 of the code.',
    ]);
  });

  it('still end after a year or a word', () => {
    expect(split('He was born in 1990. He moved to Leeds. Nothing else.')).toEqual(['He was born in 1990.', 'He moved to Leeds.', 'Nothing else.']);
  });

  it('do not end at a French title either', () => {
    expect(split("M. Rakhimov a été extradé. Sa femme est restée à Lyon.", 'fr')).toEqual(['M. Rakhimov a été extradé.', 'Sa femme est restée à Lyon.']);
  });
});
