import { describe, expect, it } from 'vitest';
import type { LetterIndex } from '../src/indexing/letter-index.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { SENTENCE_WEIGHTS, TermStats } from '../src/answer/sentence-ranking.js';
import { synonymStems } from '../src/search/synonyms.js';

const stem = (w: string) => normaliseTerm(w)!;

describe('WordNet synonyms (the lexical bridge for paraphrases)', () => {
  it('finds the synonyms of every word with the stem, as stems', () => {
    expect(synonymStems(stem('jailed'))).toContain(stem('imprisoned'));
    expect(synonymStems(stem('imprisonment'))).toContain(stem('jail'));
    expect(synonymStems(stem('attorneys'))).toContain(stem('lawyer'));
    expect(synonymStems(stem('custody'))).toContain(stem('detention'));
    expect(synonymStems(stem('prolong'))).toContain(stem('extend'));
  });

  it('leaves out the word itself, multi-word synonyms, and what WordNet does not know', () => {
    expect(synonymStems(stem('lawyer'))).not.toContain(stem('lawyer'));
    expect([...synonymStems(stem('jail'))].every((s) => !s.includes('_') && !s.includes(' '))).toBe(true);
    expect(synonymStems(stem('Voronov')).size).toBe(0);
    expect(synonymStems('42').size).toBe(0);
  });

  it('credits a synonym in a sentence at its weight, below the word itself', () => {
    const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1 }, names: new Set<string>() } as unknown as LetterIndex;
    const stats = new TermStats(index);
    const question = [stem('jailed')];
    expect(stats.coverage(question, new Set([stem('jailed')]))).toBe(1);
    expect(stats.coverage(question, new Set([stem('imprisoned')]))).toBeCloseTo(SENTENCE_WEIGHTS.synonym);
    expect(stats.coverage(question, new Set([stem('bank')]))).toBe(0);
  });
});
