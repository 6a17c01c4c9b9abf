import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOTU_QUESTIONS, SOTU_QUICK_TARGETS, SOTU_TARGETS } from '../bench/questions/sotu.js';
import { SPAM_ASSASSIN_QUESTIONS } from '../bench/questions/spam-assassin.js';
import { spamAssassinHam, writeSotuLetters } from '../bench/corpora.js';
import { benchQuality, corpusFigures, QUALITY_SIZES, type ModeResult } from '../bench/sections/quality.js';
import type { Figure } from '../bench/figures.js';
import type { LabelledQuestion } from '../src/evaluation/quality.js';
import { loadLetters } from '../src/letters/catalogue.js';

const MAX = 20 * 1024 * 1024;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Loads only the target letters and checks every phrase against its target's cleaned body. */
async function phraseProblems(dir: string, questions: LabelledQuestion[]): Promise<string[]> {
  const { letters, errors } = await loadLetters(dir, { maxBytes: MAX });
  const bodies = new Map(letters.map((l) => [l.id, squash(l.body)]));
  const problems = errors.map((e) => `${e.file}: ${e.reason}`);
  for (const q of questions) {
    const words = q.phrase!.trim().split(/\s+/).length;
    if (q.letters.length !== 1) problems.push(`${q.question}: expected one target letter`);
    if (words < 4 || words > 12) problems.push(`${q.question}: phrase of ${words} words`);
    const body = bodies.get(q.letters[0]);
    if (body === undefined) problems.push(`${q.question}: target ${q.letters[0]} not loaded`);
    else if (!body.includes(squash(q.phrase!))) problems.push(`${q.question}: phrase not in ${q.letters[0]}`);
  }
  return problems;
}

describe('the benchmark question sets', () => {
  it('has 30 SpamAssassin questions whose phrases are in their target e-mails', async () => {
    expect(SPAM_ASSASSIN_QUESTIONS).toHaveLength(30);
    const first300 = (await spamAssassinHam()).slice(0, QUALITY_SIZES.full.hamMessages);
    const byId = new Map(first300.map((m) => [m.id, m.path]));
    const dir = mkdtempSync(join(tmpdir(), 'epistle-sa-'));
    for (const q of SPAM_ASSASSIN_QUESTIONS) {
      const path = byId.get(q.letters[0]);
      expect(path, `${q.letters[0]} is among the first 300 ham messages`).toBeDefined();
      copyFileSync(path!, join(dir, `${q.letters[0]}.eml`));
    }
    expect(await phraseProblems(dir, SPAM_ASSASSIN_QUESTIONS)).toEqual([]);
  });

  it('has 30 SOTU questions, one per target message, whose phrases are in their targets', async () => {
    expect(SOTU_QUESTIONS).toHaveLength(30);
    expect(new Set(SOTU_TARGETS).size).toBe(30);
    expect(SOTU_QUICK_TARGETS.every((id) => SOTU_TARGETS.includes(id))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'epistle-sotu-'));
    expect(await writeSotuLetters(dir, { limit: SOTU_TARGETS.length, include: SOTU_TARGETS })).toEqual([...SOTU_TARGETS].sort());
    expect(await phraseProblems(dir, SOTU_QUESTIONS)).toEqual([]);
  });
});

describe('benchQuality, quick run', () => {
  let figures: Figure[];
  beforeAll(async () => {
    figures = await benchQuality({ quick: true, log: () => {}, workDir: mkdtempSync(join(tmpdir(), 'epistle-quality-')) });
  }, 600_000);

  it('reports hit@1, hit@3, MRR and wrong abstentions for each corpus and retrieval mode', () => {
    for (const corpus of ['Seeds', 'SpamAssassin ham', 'State of the Union']) {
      for (const mode of ['BM25 only', 'dense only', 'hybrid']) {
        for (const m of ['hit@1', 'hit@3', 'MRR', 'wrong abstentions']) {
          const f = figures.find((x) => x.metric === `${corpus}, ${mode}: ${m}`);
          expect(f, `${corpus}, ${mode}: ${m}`).toBeDefined();
          expect(f!.section).toBe('Answer quality');
          expect(typeof f!.value).toBe('number');
          expect(f!.value as number).toBeGreaterThanOrEqual(0);
          expect(f!.value as number).toBeLessThanOrEqual(1);
          expect(f!.note).toBeTruthy();
        }
      }
    }
  });

  it('sets the hybrid target on each hybrid hit@3, and only there', () => {
    const withTarget = figures.filter((f) => f.target);
    expect(withTarget.map((f) => f.metric)).toEqual(['Seeds, hybrid: hit@3', 'SpamAssassin ham, hybrid: hit@3', 'State of the Union, hybrid: hit@3']);
    for (const f of withTarget) expect(typeof f.met).toBe('boolean');
  });

  it('says the corpus sizes', () => {
    const q = QUALITY_SIZES.quick;
    expect(figures.find((f) => f.metric === 'SpamAssassin ham, hybrid: hit@3')!.note).toMatch(new RegExp(`questions on the first ${q.hamMessages} ham e-mails, \\d+ passages`));
    const sotu = q.sotuTargets.length + q.sotuDistractors;
    expect(figures.find((f) => f.metric === 'State of the Union, hybrid: hit@3')!.note).toMatch(new RegExp(`\\d+ questions on ${sotu} messages \\(${q.sotuTargets.length} targets \\+ ${q.sotuDistractors} distractors`));
  });
});

describe('the hybrid target', () => {
  const result = (mode: ModeResult['mode'], hitAt3: number): Omit<ModeResult, 'outcomes'> => ({
    mode,
    hitAt1: hitAt3 / 2,
    hitAt3,
    mrr: hitAt3 / 2,
    wrongAbstentions: 0.1,
    abstentionAccuracy: 0.9,
  });
  /** Whether the target is met with these hit@3 figures for BM25, dense and hybrid retrieval. */
  const met = (bm25: number, dense: number, hybrid: number) => {
    const figures = corpusFigures('C', [result('lexical', bm25), result('dense', dense), result('hybrid', hybrid)], 'note', false);
    const judged = figures.filter((f) => f.target);
    expect(judged.map((f) => [f.metric, f.value])).toEqual([['C, hybrid: hit@3', hybrid]]);
    return judged[0].met;
  };

  it('is met when hybrid beats both single retrievers, or ties the better one', () => {
    expect(met(0.7, 0.6, 0.8)).toBe(true);
    expect(met(0.5, 0.9, 0.9)).toBe(true);
    expect(met(0, 0, 0)).toBe(true);
  });

  it('is missed when either single retriever does better than hybrid', () => {
    expect(met(0.9, 0.2, 0.6)).toBe(false);
    expect(met(0.5, 0.7, 0.6)).toBe(false);
    expect(met(0.5, 0.5, 0.49)).toBe(false);
  });

  it('reports every mode, and abstention accuracy only where some questions have no answer', () => {
    const modes = [result('lexical', 0.5), result('dense', 0.5), result('hybrid', 0.5)];
    const metrics = (outOfCorpus: boolean) => corpusFigures('C', modes, 'n', outOfCorpus).map((f) => f.metric);
    expect(metrics(false)).toEqual(['BM25 only', 'dense only', 'hybrid'].flatMap((m) => ['hit@1', 'hit@3', 'MRR', 'wrong abstentions'].map((x) => `C, ${m}: ${x}`)));
    expect(metrics(true).filter((m) => m.endsWith('abstention accuracy'))).toEqual(['C, BM25 only: abstention accuracy', 'C, dense only: abstention accuracy', 'C, hybrid: abstention accuracy']);
  });
});
