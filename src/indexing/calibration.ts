import { embedderLabel, type Embedder } from './embedders/embedder.js';
import type { SentenceVectors } from './letter-index.js';

/**
 * How similar a question that the letters cannot answer looks to them, measured on the corpus itself
 * at index time: questions about things no campaign letter discusses, some of them naming the corpus's
 * own most frequent names ("What is the population of France?"). The best cosine each gets against the
 * corpus's sentences is what "no evidence" looks like for this embedder and these letters; the answerer
 * sets its abstention threshold from it.
 */
export const UNRELATED_QUESTIONS = [
  'What is a good recipe for banana bread?',
  'How do I change a flat tyre on a bicycle?',
  'Who won the football world cup final?',
  'What time does the swimming pool open on Sundays?',
  'How many moons does Jupiter have?',
  'What is the best way to learn the guitar?',
  'Which programming language should I use for a mobile game?',
  'How long should I boil an egg?',
  'What is the weather forecast for the weekend?',
  'Where can I buy cheap concert tickets?',
  'How do I reset my router password?',
  'What are the symptoms of a common cold?',
  'Which houseplants need little sunlight?',
  'How tall is the tallest building in the world?',
  'What is the plot of the latest superhero film?',
  'How do bees make honey?',
  'What should I pack for a ski holiday?',
  'How many calories are in an avocado?',
  'What is the rule for the offside in hockey?',
  'Which dog breeds are good with children?',
  'How do I make my sourdough starter more active?',
  'What is the speed of light in a vacuum?',
  'Where is the nearest petrol station?',
  'How do I fix a dripping kitchen tap?',
  'What is the difference between a crocodile and an alligator?',
  'Which board games are fun for four players?',
  'How often should I water tomato plants?',
  'What year did the first moon landing take place?',
  'How do I knit a scarf for beginners?',
  'What is the best budget smartphone camera?',
  'Can you recommend a podcast about astronomy?',
  'How do volcanoes form?',
  'What are the opening hours of the zoo?',
  'How do I remove a red wine stain from a carpet?',
  'Which vitamins are in spinach?',
  'What is the exchange rate for the Japanese yen?',
] as const;

/** Unrelated questions that share one name with the letters: `{}` is one of the corpus's frequent names. */
export const NAMED_UNRELATED_QUESTIONS = [
  'What is the population of {}?',
  'What will the weather be like in {} tomorrow?',
  'How old is {}?',
  'What is the best restaurant near {}?',
  'Who won the football match against {} last night?',
  'What is the national dish of {}?',
] as const;
/** Sentences scanned at most (about 1,500 letters' worth); a larger corpus is sampled evenly. */
const MAX_ROWS = 20_000;
/** Names taken from the corpus for those questions. */
const CALIBRATION_NAMES = 5;

/** The names (capitalised in mid-sentence) that most letters use, most widespread first. */
export function frequentNames(bodies: string[], k = CALIBRATION_NAMES): string[] {
  const letters = new Map<string, number>();
  for (const body of bodies) {
    const seen = new Set<string>();
    for (const m of body.matchAll(/(?<=[\p{Ll},;] )\p{Lu}\p{Ll}{2,}(?: \p{Lu}\p{Ll}{2,})?/gu)) seen.add(m[0]);
    for (const n of seen) letters.set(n, (letters.get(n) ?? 0) + 1);
  }
  return [...letters].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k).map(([n]) => n);
}

export interface CorpusCalibration {
  /** Questions measured. */
  questions: number;
  /** Quantiles of their best cosine against the corpus's sentences. */
  p50: number;
  p90: number;
  p99: number;
  /** Sentences of the corpus it was measured on (absent in indexes built before it was kept). */
  sentences?: number;
}

/**
 * An update keeps the corpus's calibration while its sentences have changed by at most this share since it was
 * measured (chosen by hand, not tuned: a quantile over a corpus moves little when a letter or two join it, and
 * measuring again cost a one-letter update of 1,000 letters a fifth of its time).
 */
export const RECALIBRATE_AFTER = 0.02;

/** Whether `before`, measured on an earlier state of the corpus, still holds for one of `sentences` sentences. */
export function calibrationHolds(before: CorpusCalibration | null | undefined, sentences: number): boolean {
  return !!before?.sentences && Math.abs(sentences - before.sentences) <= RECALIBRATE_AFTER * before.sentences;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/** Question vectors by embedder and text: a bot that reindexes often embeds them once. */
const questionVectors = new Map<string, Float32Array>();

async function embedQuestions(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const key = (t: string) => `${embedderLabel(embedder.id)}\u0000${t}`;
  const missing = texts.filter((t) => !questionVectors.has(key(t)));
  if (missing.length) (await embedder.embed(missing, 'query')).forEach((v, i) => questionVectors.set(key(missing[i]), v));
  return texts.map((t) => questionVectors.get(key(t))!);
}

/** The null distribution of `embedder` on a corpus whose sentence vectors are `sentences` and whose frequent names are `names`. */
export async function calibrate(embedder: Embedder, sentences: SentenceVectors, names: string[]): Promise<CorpusCalibration | null> {
  if (!sentences.rows) return null;
  const texts = [...UNRELATED_QUESTIONS, ...names.flatMap((n) => NAMED_UNRELATED_QUESTIONS.map((t) => t.replace('{}', n)))];
  const questions = await embedQuestions(embedder, texts);
  const best = questions.map(() => -1);
  // Past MAX_ROWS sentences, an even sample: an update of a large index stays quick.
  const step = Math.max(1, sentences.rows / MAX_ROWS);
  for (let r = 0; r < sentences.rows; r += step) {
    const v = sentences.row(Math.floor(r));
    questions.forEach((q, j) => {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += q[i] * v[i];
      if (s > best[j]) best[j] = s;
    });
  }
  const sorted = best.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return { questions: sorted.length, p50: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)), p99: round(quantile(sorted, 0.99)), sentences: sentences.rows };
}
