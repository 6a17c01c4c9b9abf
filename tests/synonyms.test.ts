import { describe, expect, it } from 'vitest';
import type { LetterIndex } from '../src/indexing/letter-index.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { SENTENCE_WEIGHTS, TermStats } from '../src/answer/sentence-ranking.js';
import { parseQuestion } from '../src/search/question.js';
import { broaderStems, isEnglishStem, phrasalStems, synonymStems } from '../src/search/synonyms.js';

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
    const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1, vocabulary: () => [].values() }, names: new Set<string>() } as unknown as LetterIndex;
    const stats = new TermStats(index);
    const question = [stem('jailed')];
    expect(stats.coverage(question, new Set([stem('jailed')]))).toBe(1);
    expect(stats.coverage(question, new Set([stem('imprisoned')]))).toBeCloseTo(SENTENCE_WEIGHTS.synonym);
    expect(stats.coverage(question, new Set([stem('bank')]))).toBe(0);
  });
});

describe('informal words (src/search/informal.ts)', () => {
  const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1, vocabulary: () => [].values() }, names: new Set<string>() } as unknown as LetterIndex;

  it('bridge a typed informal word to the letters\' formal one, where WordNet does not', () => {
    expect(synonymStems(stem('cops'))).toContain(stem('police'));
    expect(synonymStems(stem('swap'))).toContain(stem('exchange'));
    expect(synonymStems(stem('villagers'))).toContain(stem('community'));
    expect(phrasalStems('lock_up')).toContain(stem('detained'));
    expect(phrasalStems('sign_in')).toContain(stem('report'));
  });

  it('bridge chat words and everyday words for the letters\' ones: "vids", "cctv", "journo", "clout", "restrictions", "based on"', () => {
    expect(synonymStems(stem('vids'))).toContain(stem('videos'));
    expect(synonymStems(stem('cctv'))).toContain(stem('camera'));
    expect(synonymStems(stem('journo'))).toContain(stem('journalist'));
    expect(synonymStems(stem('clout'))).toContain(stem('influence'));
    expect(synonymStems(stem('restrictions'))).toContain(stem('conditions'));
    expect(synonymStems(stem('mentally'))).toContain(stem('psychologist'));
    expect(synonymStems(stem('based'))).toContain(stem('built'));
    expect(synonymStems(stem('greenlight'))).toContain(stem('admissible'));
    expect(synonymStems(stem('media'))).toContain(stem('press'));
    expect(synonymStems(stem('leverage'))).toContain(stem('influence'));
    expect(phrasalStems(`${stem('stay')}_away`)).toContain(stem('avoid'));
  });

  it('bridge "washing", "hygiene" and "meds" to what the letters count and give: showers, medication', () => {
    expect(synonymStems(stem('washing'))).toContain(stem('shower'));
    expect(synonymStems(stem('hygiene'))).toContain(stem('showers'));
    expect(synonymStems(stem('meds'))).toContain(stem('medication'));
    expect(synonymStems(stem('meds'))).toContain(stem('insulin'));
  });

  it('bridge "blame" to the letters\' "responsibility": "why does Rome share the blame?"', () => {
    expect(synonymStems(stem('blame'))).toContain(stem('responsibility'));
  });

  it('bridge "kept out" to "refused entry" and "hassled" to "summoned": lawyers kept out of the rooms, a wife hassled by the police', () => {
    expect(phrasalStems(`${stem('kept')}_out`)).toContain(stem('refused'));
    expect(phrasalStems(`${stem('keep')}_out`)).toContain(stem('entry'));
    expect(synonymStems(stem('hassled'))).toContain(stem('summoned'));
  });

  it('bridge "get out" to "released" and "walked out": "when did Mauricio get out of Izalco?"', () => {
    expect(phrasalStems(`${stem('get')}_out`)).toContain(stem('released'));
    expect(phrasalStems(`${stem('got')}_out`)).toContain(stem('walked'));
  });

  it('bridge "teacher" to the letters\' "schoolteacher"', () => {
    expect(synonymStems(stem('teacher'))).toContain(stem('schoolteacher'));
  });

  it('bridge a stranger\'s words on letters no rule had seen: "boy", "stopped eating", "raid", "consulate", "the ECHR"', () => {
    expect(synonymStems(stem('boy'))).toContain(stem('son'));
    expect(synonymStems(stem('eating'))).toContain(stem('hunger'));
    expect(synonymStems(stem('raid'))).toContain(stem('searched'));
    expect(synonymStems(stem('consulate'))).toContain(stem('consular'));
    expect(synonymStems(stem('echr'))).toContain(stem('court'));
    expect(synonymStems(stem('strasbourg'))).toContain(stem('rights'));
  });

  it('read "signed in" in a question as the phrasal verb and credit "report" at the synonym weight', () => {
    const stats = new TermStats(index);
    const terms = stats.contentTerms(parseQuestion('Where does he have to sign in each week?', []));
    expect(terms).toContain('sign_in');
    expect(stats.coverage(['sign_in'], new Set([stem('report')]))).toBeCloseTo(SENTENCE_WEIGHTS.synonym);
  });

  it('"in the Farrukh file", "on the Yildiz case": the matter the question is in, no content; "who is he again": no content', () => {
    const stats = new TermStats(index);
    const read = (q: string) => stats.contentTerms(parseQuestion(q, []));
    expect(read('garnier - who is he again in the farrukh file?')).toEqual([stem('garnier'), stem('farrukh')]);
    expect(read('why no media on the yildiz case for now?')).not.toContain(stem('case'));
    // A file the question asks about is content.
    expect(read('did his lawyer see the case file?')).toContain(stem('file'));
    expect(read('how much have we spent for the rahimov case?')).toContain(stem('case'));
  });

  it('reads no content in "he\'d", "they\'ll", "I\'ve": what is asked is the rest', () => {
    const stats = new TermStats(index);
    const terms = stats.contentTerms(parseQuestion("which senator said he'd write to the ambassador? they'll know, I've heard", []));
    expect(terms.filter((t) => /['’]/.test(t))).toEqual([]);
    expect(terms).toContain(stem('ambassador'));
  });

  it('reads "sent" as content when people are sent somewhere: "why are they being sent to Hungary?"', () => {
    const stats = new TermStats(index);
    expect(stats.contentTerms(parseQuestion('why are the Yemeni family being sent to Hungary?', []))).toContain(stem('sent'));
    expect(stats.contentTerms(parseQuestion('when was the letter sent to the minister?', []))).not.toContain(stem('sent'));
  });

  it('reads no content in "according to the email": where the answer is, not what it says', () => {
    const stats = new TermStats(index);
    expect(stats.contentTerms(parseQuestion("what are Farrukh's videos about, according to the email?", []))).not.toContain(stem('according'));
    expect(stats.contentTerms(parseQuestion('was the sentence handed down according to the law?', []))).toContain(stem('law'));
  });

  it('reads no content in "is going to", "gonna": the future; "going" to a place is content', () => {
    const stats = new TermStats(index);
    const terms = stats.contentTerms(parseQuestion('which senator is going to write to the ambassador? who s gonna sign', []));
    expect(terms).not.toContain(stem('going'));
    expect(terms).not.toContain(stem('gonna'));
    expect(terms).toContain(stem('ambassador'));
    expect(stats.contentTerms(parseQuestion('where was he going when they stopped him?', []))).toContain(stem('going'));
  });
});

describe('phrasal verbs and broader words (more of the lexical bridge)', () => {
  const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1, vocabulary: () => [].values() }, names: new Set<string>() } as unknown as LetterIndex;

  it('knows a phrasal verb by every sense: "picked up" is "arrested"', () => {
    expect(phrasalStems('pick_up')).toContain(stem('arrest'));
    expect(phrasalStems('let_go')).toContain(stem('release'));
    expect(phrasalStems('pick_over').size).toBe(0);
  });

  it('reads "picked up" in a question as the phrasal verb, and credits its synonym at the synonym weight', () => {
    const stats = new TermStats(index);
    const parsed = parseQuestion('where was he picked up?', []);
    const terms = stats.contentTerms(parsed);
    expect(terms).toContain('pick_up');
    expect(stats.coverage(['pick_up'], new Set([stem('arrested')]))).toBeCloseTo(SENTENCE_WEIGHTS.synonym);
    // The verb itself still counts in full ("they picked him up").
    expect(stats.coverage(['pick_up'], new Set([stem('picked')]))).toBe(1);
  });

  it('finds the broader word of the word itself, not of its derivations', () => {
    expect(broaderStems(stem('murdered'))).toContain(stem('killed'));
    expect(broaderStems(stem('columnist'))).toContain(stem('journalist'));
    // "capitalize" shares the stem of "capital" but is another word: its "write" is no bridge for "capital".
    expect(broaderStems(stem('capital'))).not.toContain(stem('write'));
  });

  it('credits a broader word at its weight, and not when it is as common as the letters\' own words', () => {
    const withDf = (df: number) => ({ passages: { size: 100 }, lexical: { documentFrequency: (t: string) => (t === stem('killed') ? df : 1), vocabulary: () => [].values() }, names: new Set<string>() }) as unknown as LetterIndex;
    expect(new TermStats(withDf(1)).coverage([stem('murdered')], new Set([stem('killed')]))).toBeCloseTo(SENTENCE_WEIGHTS.broader);
    expect(new TermStats(withDf(90)).coverage([stem('murdered')], new Set([stem('killed')]))).toBe(0);
  });
});

describe("a sentence's neighbours (SENTENCE_WEIGHTS.window)", () => {
  const index = { passages: { size: 10 }, lexical: { documentFrequency: () => 1, vocabulary: () => [].values() }, names: new Set<string>() } as unknown as LetterIndex;
  const body = 'The rules forbid any political matter. A diffusion over cartoons is such a matter.\n\nHis publisher postponed the book.';
  const texts = ['The rules forbid any political matter.', 'A diffusion over cartoons is such a matter.', 'His publisher postponed the book.'];
  const letter = { id: 'l', body, sentences: texts.map((t) => [body.indexOf(t), body.indexOf(t) + t.length]) } as never;
  const at = (index: number) => ({ letter, start: body.indexOf(texts[index]), end: body.indexOf(texts[index]) + texts[index].length, index });
  const claim = at(1);

  it("holds the words of the sentences beside it in its paragraph, not beyond a blank line", () => {
    const stats = new TermStats(index);
    const window = stats.termsInWindow(claim);
    expect(window.has(stem('rules'))).toBe(true);
    expect(window.has(stem('diffusion'))).toBe(true);
    expect(window.has(stem('publisher'))).toBe(false);
    const question = [stem('diffusion'), stem('rules')];
    expect(stats.coverage(question, stats.termsOf(claim))).toBe(0.5);
    expect(stats.coverage(question, window)).toBe(1);
  });
});

describe('English words and names', () => {
  it.each([['locked'], ['families'], ['turkey'], ['march']])('"%s" is an English word (WordNet writes it in lower case)', (w) => expect(isEnglishStem(normaliseTerm(w)!)).toBe(true));
  it.each([['poland'], ['warsaw'], ['honcharenko']])('"%s" is not: a name, typed in lower case', (w) => expect(isEnglishStem(normaliseTerm(w)!)).toBe(false));
});
