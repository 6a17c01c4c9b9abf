/**
 * Answer quality: hit@1, hit@3, MRR and wrong abstentions of the known-item questions on three
 * corpora (the seeds, SpamAssassin ham e-mails, State of the Union messages), for BM25 only,
 * dense only and hybrid retrieval.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOTU_QUESTIONS, SOTU_QUICK_TARGETS, SOTU_TARGETS } from '../questions/sotu.js';
import { SPAM_ASSASSIN_QUESTIONS } from '../questions/spam-assassin.js';
import { SEED_QUESTIONS } from '../../tests/questions.js';
import { Answerer } from '../../src/answer/answerer.js';
import { figures as qualityFigures, outcome, type LabelledQuestion, type QuestionOutcome } from '../../src/evaluation/quality.js';
import { buildIndex } from '../../src/indexing/build.js';
import { BundledEmbedder } from '../../src/indexing/embedders/bundled.js';
import type { Embedder } from '../../src/indexing/embedders/embedder.js';
import { LetterIndex } from '../../src/indexing/letter-index.js';
import type { RetrievalMode } from '../../src/search/hybrid.js';
import { writeSotuLetters, writeSpamAssassinLetters } from '../corpora.js';
import { round, type BenchOptions, type Figure } from '../figures.js';

const SECTION = 'Answer quality';
const TARGET = 'Hybrid ≥ both single retrievers on hit@3';
const MODES: RetrievalMode[] = ['lexical', 'dense', 'hybrid'];
const MODE_LABEL: Record<RetrievalMode, string> = { lexical: 'BM25 only', dense: 'dense only', hybrid: 'hybrid' };
const MAX_BYTES = 20 * 1024 * 1024;
const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');

/** Corpus sizes: the full run, and the quick (CI) run. */
export const QUALITY_SIZES = {
  // SOTU distractors are evenly spaced over the messages of at most `distractorMaxWords` words
  // (most have 3k–20k): every word is embedded twice, as passage and as sentence.
  full: { hamMessages: 300, sotuTargets: SOTU_TARGETS, sotuDistractors: 10, distractorMaxWords: 4000 },
  quick: { hamMessages: 12, sotuTargets: SOTU_QUICK_TARGETS.slice(0, 2), sotuDistractors: 1, distractorMaxWords: 2500 },
};

interface Corpus {
  name: string;
  /** Sizes, for the figures' notes. */
  describe: (passages: number) => string;
  questions: LabelledQuestion[];
  write: (lettersDir: string) => Promise<string[]>;
}

export interface ModeResult {
  mode: RetrievalMode;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Share of answerable questions abstained from. */
  wrongAbstentions: number;
  /** Share of all questions where abstaining or answering was right (seeds have out-of-corpus ones). */
  abstentionAccuracy: number;
  outcomes: QuestionOutcome[];
}

export async function benchQuality(opts: BenchOptions & { embedder?: Embedder }): Promise<Figure[]> {
  const { log } = opts;
  const sizes = opts.quick ? QUALITY_SIZES.quick : QUALITY_SIZES.full;
  const root = path.join(opts.workDir, opts.quick ? 'quality-quick' : 'quality');
  const embedder = opts.embedder ?? (await BundledEmbedder.load({}));
  const out: Figure[] = [];
  try {
    const corpora: Corpus[] = [seedCorpus(), spamAssassinCorpus(sizes.hamMessages), sotuCorpus(sizes.sotuTargets, sizes.sotuDistractors, sizes.distractorMaxWords)];
    for (const corpus of corpora) out.push(...(await runCorpus(corpus, root, embedder, log)));
  } finally {
    if (!opts.embedder) await embedder.dispose?.();
  }
  return out;
}

function seedCorpus(): Corpus {
  return {
    name: 'Seeds',
    questions: SEED_QUESTIONS,
    describe: (p) => `${SEED_QUESTIONS.length} questions (${SEED_QUESTIONS.filter((q) => !q.letters.length).length} out of corpus) on the 2 seed letters, ${p} passages`,
    write: async (dir) => {
      cpSync(SEEDS, dir, { recursive: true });
      return [];
    },
  };
}

function spamAssassinCorpus(messages: number): Corpus {
  let questions: LabelledQuestion[] = [];
  return {
    name: 'SpamAssassin ham',
    get questions() {
      return questions;
    },
    describe: (p) => `${questions.length} questions on the first ${messages} ham e-mails, ${p} passages`,
    write: async (dir) => {
      const ids = new Set(await writeSpamAssassinLetters(dir, { limit: messages }));
      questions = SPAM_ASSASSIN_QUESTIONS.filter((q) => q.letters.every((id) => ids.has(id)));
      return [...ids];
    },
  };
}

function sotuCorpus(targets: string[], distractors: number, maxWords: number): Corpus {
  const questions = SOTU_QUESTIONS.filter((q) => q.letters.every((id) => targets.includes(id)));
  return {
    name: 'State of the Union',
    questions,
    describe: (p) => `${questions.length} questions on ${targets.length + distractors} messages (${targets.length} targets + ${distractors} distractors of ≤ ${maxWords} words), ${p} passages`,
    write: (dir) => writeSotuLetters(dir, { limit: targets.length + distractors, include: targets, maxWords }),
  };
}

async function runCorpus(corpus: Corpus, root: string, embedder: Embedder, log: (m: string) => void): Promise<Figure[]> {
  const slug = corpus.name.toLowerCase().replace(/[^a-z]+/g, '-');
  const lettersDir = path.join(root, slug, 'letters');
  const indexDir = path.join(root, slug, 'index');
  // Letters are rewritten every run; the index is kept, so unchanged letters are not re-embedded.
  rmSync(lettersDir, { recursive: true, force: true });
  mkdirSync(lettersDir, { recursive: true });
  await corpus.write(lettersDir);

  const t0 = performance.now();
  const report = await buildIndex({ lettersDir, indexDir, embedder, maxBytes: MAX_BYTES, log });
  const buildS = (performance.now() - t0) / 1000;
  log(`quality: ${corpus.name}: indexed ${report.letters} letters, ${report.passages} passages (${report.passagesEmbedded} embedded) in ${buildS.toFixed(1)} s` +
    (report.errors.length ? `; ${report.errors.length} unreadable: ${report.errors.map((e) => `${e.file} (${e.reason})`).join(', ')}` : ''));

  const index = LetterIndex.load(indexDir);
  const results: ModeResult[] = [];
  const t1 = performance.now();
  for (const mode of MODES) results.push(await evaluate(index, embedder, mode, corpus.questions));
  log(`quality: ${corpus.name}: answered ${corpus.questions.length} questions × ${MODES.length} modes in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  for (const r of results) logMisses(corpus, r, log);

  return corpusFigures(corpus.name, results, corpus.describe(report.passages), corpus.questions.some((q) => !q.letters.length));
}

/**
 * The figures of one corpus: hit@1, hit@3, MRR and wrong abstentions per mode (and abstention accuracy when
 * some questions have no answer in the corpus). The hybrid hit@3 carries the target: met when it is at least
 * the hit@3 of each single retriever.
 */
export function corpusFigures(name: string, results: Omit<ModeResult, 'outcomes'>[], note: string, outOfCorpus: boolean): Figure[] {
  const best = Math.max(...results.filter((r) => r.mode !== 'hybrid').map((r) => r.hitAt3));
  const figures: Figure[] = [];
  for (const r of results) {
    const metric = (m: string) => `${name}, ${MODE_LABEL[r.mode]}: ${m}`;
    const hit3: Figure = { section: SECTION, metric: metric('hit@3'), value: r.hitAt3, unit: '', note };
    if (r.mode === 'hybrid') Object.assign(hit3, { target: TARGET, met: r.hitAt3 >= best });
    figures.push(
      { section: SECTION, metric: metric('hit@1'), value: r.hitAt1, unit: '', note },
      hit3,
      { section: SECTION, metric: metric('MRR'), value: r.mrr, unit: '', note },
      { section: SECTION, metric: metric('wrong abstentions'), value: r.wrongAbstentions, unit: '', note: 'share of answerable questions abstained from' },
    );
    if (outOfCorpus) {
      figures.push({ section: SECTION, metric: metric('abstention accuracy'), value: r.abstentionAccuracy, unit: '', note: 'share of all questions rightly answered or abstained from' });
    }
  }
  return figures;
}

/** Answers every question with one retrieval mode and scores the answers. */
export async function evaluate(index: LetterIndex, embedder: Embedder, mode: RetrievalMode, questions: LabelledQuestion[]): Promise<ModeResult> {
  const answerer = new Answerer(index, embedder, { mode });
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) outcomes.push(outcome(q, await answerer.answer(q.question)));
  const f = qualityFigures(outcomes);
  const answerable = outcomes.filter((o) => o.answerable);
  return {
    mode,
    hitAt1: f.hitAt1,
    hitAt3: f.hitAt3,
    mrr: f.mrr,
    wrongAbstentions: answerable.length ? round(answerable.filter((o) => o.abstained).length / answerable.length, 3) : 0,
    abstentionAccuracy: f.abstentionAccuracy,
    outcomes,
  };
}

function logMisses(corpus: Corpus, r: ModeResult, log: (m: string) => void): void {
  const misses = r.outcomes.filter((o) => o.answerable && (o.rank === null || o.rank >= 3));
  if (!misses.length) return;
  log(`quality: ${corpus.name}, ${MODE_LABEL[r.mode]}: ${misses.length} missed at 3: ` +
    misses.map((o) => `"${o.question}" (${o.abstained ? 'abstained' : o.rank === null ? 'not cited' : `rank ${o.rank + 1}`})`).join('; '));
}
