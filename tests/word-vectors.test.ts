import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RELATED_WORDS, SENTENCE_WEIGHTS, TermStats } from '../src/answer/sentence-ranking.js';
import type { LetterIndex } from '../src/indexing/letter-index.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { broaderStems, synonymStems } from '../src/search/synonyms.js';
import { compactTable, readTable, relatedAmong, relatedness, useWordVectors, wordVectorFiles, wordVectors } from '../src/search/word-vectors.js';

const stem = (w: string) => normaliseTerm(w)!;

/** A wink-shaped table: vectors with their norm at index `dimensions`, words by frequency. */
function wink(words: [string, number[]][]) {
  return {
    dimensions: 100,
    l2NormIndex: 100,
    words: words.map(([w]) => w),
    vectors: Object.fromEntries(
      words.map(([w, head]) => {
        const v = [...head, ...new Array(100 - head.length).fill(0)];
        return [w, [...v, Math.hypot(...v)]];
      }),
    ),
  };
}

afterEach(() => useWordVectors(undefined));

describe('the compact table of word vectors', () => {
  it('keeps one unit vector a stem, its words weighed by frequency, and no stopwords or punctuation', () => {
    const t = compactTable(
      wink([
        ['the', [1]],
        [',', [1]],
        ['jail', [3, 0]],
        ['jailed', [0, 3]],
        ['prison', [1, 0]],
        ['bank', [0, 0, 1]],
      ]),
    );
    expect([...t.rows.keys()]).toEqual([stem('jail'), stem('prison'), stem('bank')]);
    // "jail" (rank 3) outweighs "jailed" (rank 4) 4 : 3 in their stem's direction.
    const row = t.rows.get(stem('jail'))! * 100;
    expect(t.vectors[row]).toBe(Math.round((4 / 5) * 127));
    expect(t.vectors[row + 1]).toBe(Math.round((3 / 5) * 127));
    expect(relatedness(stem('jail'), stem('prison'), t)).toBeCloseTo(0.8, 1);
    expect(relatedness(stem('jail'), stem('bank'), t)).toBe(0);
    expect(relatedness(stem('jail'), 'unknown', t)).toBe(0);
    expect([...relatedAmong(stem('jail'), 0.7, null, t)]).toEqual([stem('prison')]);
  });

  it('is built once from the installed package and read back from its cache', () => {
    const table = wordVectors();
    expect(table).not.toBeNull();
    const files = wordVectorFiles()!;
    expect(existsSync(files.table)).toBe(true);
    const again = readTable(files.table)!;
    expect(again.rows.size).toBe(table!.rows.size);
    expect(again.rows.size).toBeGreaterThan(50_000);
  });

  it('reads a damaged cache as missing', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'epistle-wv-')), 'table.bin');
    writeFileSync(file, Buffer.from([1, 2, 3]));
    expect(readTable(file)).toBeNull();
    expect(readTable(`${file}.none`)).toBeNull();
  });
});

describe('related words (the word-vector bridge for paraphrases)', () => {
  // The letters' own words: only they can be found related in a sentence.
  const vocabulary = ['confiscated', 'bank', 'Germany', 'officers'].map(stem);
  const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1, vocabulary: () => vocabulary.values() }, names: new Set<string>([stem('France')]) } as unknown as LetterIndex;

  it('relates words that WordNet does not: "seized" and "confiscated", "police" and "officers"', () => {
    for (const [a, b] of [
      ['seized', 'confiscated'],
      ['police', 'officers'],
    ]) {
      expect(synonymStems(stem(a)).has(stem(b))).toBe(false);
      expect(broaderStems(stem(a)).has(stem(b))).toBe(false);
      expect(relatedness(stem(a), stem(b))).toBeGreaterThanOrEqual(RELATED_WORDS.min);
      expect(relatedAmong(stem(a), RELATED_WORDS.min, null)).toContain(stem(b));
    }
    expect(relatedness(stem('seized'), stem('bank'))).toBeLessThan(RELATED_WORDS.min);
  });

  it('credits a related word in a sentence at its weight', () => {
    const stats = new TermStats(index);
    expect(stats.coverage([stem('seized')], new Set([stem('confiscated')]))).toBeCloseTo(SENTENCE_WEIGHTS.related);
    expect(stats.coverage([stem('seized')], new Set([stem('bank')]))).toBe(0);
  });

  it('never relates names: "France" is not "Germany"', () => {
    expect(relatedness(stem('France'), stem('Germany'))).toBeGreaterThanOrEqual(RELATED_WORDS.min);
    const stats = new TermStats(index);
    expect(stats.coverage([stem('France')], new Set([stem('Germany')]))).toBe(0);
  });

  it('looks for related words among the letters\' own words only', () => {
    const stats = new TermStats(index);
    expect(stats.related(stem('seized'))).toEqual(new Set([stem('confiscated')]));
    expect(relatedAmong(stem('seized'), RELATED_WORDS.min, null).size).toBeGreaterThan(1);
  });

  it('bridges nothing when no vectors are installed', () => {
    useWordVectors(null);
    const stats = new TermStats(index);
    expect(stats.coverage([stem('seized')], new Set([stem('confiscated')]))).toBe(0);
  });
});
