/**
 * npm run eval -- [--json] [--misses dev] [--rounds aa1,ab1] [--embedder bundled|transformers|auto]
 * npm run eval -- --unseen [--json] [--misses dev]
 * Answers every question of the evaluation corpus (tests/eval/) and reports hit@1, hit@3, MRR, abstention
 * accuracy and the verbatim rate for each half and kind, the metadata read from each layout, and the
 * seed question set on the seeds alone; with --rounds, the answerable hits at 3 and unanswerable abstentions of each named round of questions.
 * With --unseen, only the questions of tests/eval/unseen, on the corpus with its letters added (no blind figure).
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { createEmbedder, type EmbedderChoice } from '../../src/indexing/embedders/select.js';
import type { Embedder } from '../../src/indexing/embedders/embedder.js';
import { LetterService } from '../../src/service/letter-service.js';
import { readLetter } from '../../src/letters/catalogue.js';
import { extractLetter } from '../../src/letters/readers/index.js';
import { cleanText } from '../../src/letters/clean.js';
import { verbatimChecker } from '../../src/letters/verbatim.js';
import { figures as seedFigures, outcome as seedOutcome } from '../../src/evaluation/quality.js';
import { SEED_QUESTIONS } from '../../tests/questions.js';
import { loadQuestions, loadTruth, writeEvalLetters, SEEDS_DIR, UNSEEN_DIR } from './corpus.js';
import { HALVES, QUESTION_KINDS, type EvalQuestion, type Half } from './schema.js';
import { compareMetadata, evalFigures, metadataFigures, scoreAnswer, type EvalFigures, type EvalOutcome, type FieldResult, type MetadataFigures } from './score.js';

const MAX_BYTES = 20 * 1024 * 1024;

export interface EvalReport {
  dev: EvalFigures;
  blind: EvalFigures;
  metadata: MetadataFigures & { byHalf: Record<Half, MetadataFigures>; byLayout: Record<string, Record<Half, MetadataFigures>> };
  byKind: Record<string, Record<Half, EvalFigures>>;
  /** The seed question set (tests/questions.ts, tuned on) on an index of the two seeds. */
  seedSet: { hit1: number; hit3: number; mrr: number; abstention: number; questions: number };
  embedder: string;
  outcomes: EvalOutcome[];
}

/** A verbatim check against each letter's file, read afresh from disk. */
function verbatimAgainstFiles(lettersDir: string, service: LetterService) {
  const checkers = new Map<string, (q: string) => boolean>();
  return async (letterId: string): Promise<(quote: string) => boolean> => {
    let check = checkers.get(letterId);
    if (!check) {
      const letter = service.letter(letterId);
      if (!letter) return () => false;
      const source = await extractLetter(join(lettersDir, letter.file), { maxBytes: MAX_BYTES });
      check = verbatimChecker(source.text, cleanText(source.text).furniture);
      checkers.set(letterId, check);
    }
    return check;
  };
}

async function answerAll(service: LetterService, lettersDir: string, questions: EvalQuestion[]): Promise<EvalOutcome[]> {
  const checkerFor = verbatimAgainstFiles(lettersDir, service);
  const out: EvalOutcome[] = [];
  for (const q of questions) {
    const a = await service.answer(q.question);
    const checks = new Map<string, (quote: string) => boolean>();
    for (const c of a.citations) if (!checks.has(c.letterId)) checks.set(c.letterId, await checkerFor(c.letterId));
    out.push(scoreAnswer(q, a, (id, quote) => checks.get(id)!(quote)));
  }
  return out;
}

async function metadataReport(root: string, lettersDir: string): Promise<{ report: EvalReport['metadata']; details: { id: string; layout: string; half: Half; fields: FieldResult[] }[] }> {
  const truth = loadTruth(root);
  const details: { id: string; layout: string; half: Half; fields: FieldResult[] }[] = [];
  const files = readdirSync(lettersDir);
  for (const [id, t] of Object.entries(truth)) {
    const errors: { file: string; reason: string }[] = [];
    const file = files.find((n) => n.replace(/\.[^.]+$/, '') === id);
    const letter = file ? await readLetter(lettersDir, file, { maxBytes: MAX_BYTES }, errors) : null;
    if (!letter) throw new Error(`eval: ${id}: ${file ? errors[0]?.reason ?? 'unreadable' : 'no such letter in tests/eval/letters'}`);
    details.push({ id, layout: t.layout, half: t.half, fields: compareMetadata(t, letter.meta) });
  }
  const byLayout: Record<string, Record<Half, ReturnType<typeof metadataFigures>>> = {};
  for (const layout of [...new Set(details.map((d) => d.layout))].sort()) {
    const of = (h: Half) => metadataFigures(details.filter((d) => d.layout === layout && d.half === h).map((d) => d.fields));
    byLayout[layout] = { dev: of('dev'), blind: of('blind') };
  }
  const byHalf = Object.fromEntries(HALVES.map((h) => [h, metadataFigures(details.filter((d) => d.half === h).map((d) => d.fields))])) as Record<Half, MetadataFigures>;
  return { report: { ...metadataFigures(details.map((d) => d.fields)), byHalf, byLayout }, details };
}

async function seedSetFigures(root: string, embedder: Embedder, workDir: string): Promise<EvalReport['seedSet']> {
  const { service } = await LetterService.open({ lettersDir: join(root, SEEDS_DIR), indexDir: join(workDir, 'seed-index'), embedder, maxBytes: MAX_BYTES });
  const outcomes = [];
  for (const q of SEED_QUESTIONS) outcomes.push(seedOutcome(q, await service.answer(q.question)));
  const f = seedFigures(outcomes);
  return { hit1: f.hitAt1, hit3: f.hitAt3, mrr: f.mrr, abstention: f.abstentionAccuracy, questions: outcomes.length };
}

export async function runEval(opts: { root: string; workDir: string; embedder: Embedder; log?: (s: string) => void }): Promise<EvalReport & { metadataDetails: Awaited<ReturnType<typeof metadataReport>>['details'] }> {
  const lettersDir = join(opts.workDir, 'letters');
  await writeEvalLetters(opts.root, lettersDir);
  const questions = loadQuestions(opts.root);
  const metadata = await metadataReport(opts.root, lettersDir);
  opts.log?.(`indexing ${lettersDir} (only what changed since the last run)…`);
  const { service, report } = await LetterService.open({ lettersDir, indexDir: join(opts.workDir, 'index'), embedder: opts.embedder, maxBytes: MAX_BYTES });
  if (report) opts.log?.(`indexed: ${report.added} added, ${report.changed} changed, ${report.passagesEmbedded} passages embedded in ${(report.durationMs / 1000).toFixed(0)} s`);
  const known = new Set(service.letters().map((l) => l.letterId));
  const unknown = questions.flatMap((q) => q.letters.filter((l) => !known.has(l)).map((l) => `${q.id}: ${l}`));
  if (unknown.length) throw new Error(`eval: questions name letters that are not in the corpus: ${unknown.join(', ')}`);
  const outcomes = await answerAll(service, lettersDir, questions);
  const of = (h: Half, kind?: string) => evalFigures(outcomes.filter((o) => o.half === h && (!kind || o.kind === kind)));
  const byKind: EvalReport['byKind'] = {};
  for (const k of QUESTION_KINDS) if (outcomes.some((o) => o.kind === k)) byKind[k] = { dev: of('dev', k), blind: of('blind', k) };
  return {
    dev: of('dev'),
    blind: of('blind'),
    metadata: metadata.report,
    byKind,
    seedSet: await seedSetFigures(opts.root, opts.embedder, opts.workDir),
    embedder: opts.embedder.id.model,
    outcomes,
    metadataDetails: metadata.details,
  };
}

const pct = (x: number) => x.toFixed(3);

export interface UnseenReport {
  all: EvalFigures;
  byKind: Record<string, EvalFigures>;
  rounds: Record<string, RoundCounts>;
  embedder: string;
  outcomes: EvalOutcome[];
}

/** The questions of tests/eval/unseen, answered over the corpus and the unseen letters together. */
export async function runUnseen(opts: { root: string; workDir: string; embedder: Embedder; log?: (s: string) => void }): Promise<UnseenReport> {
  const lettersDir = join(opts.workDir, 'letters');
  await writeEvalLetters(opts.root, lettersDir, true);
  const questions = loadQuestions(opts.root, UNSEEN_DIR);
  opts.log?.(`indexing ${lettersDir} (only what changed since the last run)…`);
  const { service } = await LetterService.open({ lettersDir, indexDir: join(opts.workDir, 'index'), embedder: opts.embedder, maxBytes: MAX_BYTES });
  const outcomes = await answerAll(service, lettersDir, questions);
  const byKind: Record<string, EvalFigures> = {};
  for (const k of QUESTION_KINDS) if (outcomes.some((o) => o.kind === k)) byKind[k] = evalFigures(outcomes.filter((o) => o.kind === k));
  const rounds = Object.fromEntries([...new Set(outcomes.map((o) => o.id.split('-')[0]))].map((round) => [round, roundCounts(outcomes, round)]));
  return { all: evalFigures(outcomes), byKind, rounds, embedder: opts.embedder.id.model, outcomes };
}

function printUnseen(r: UnseenReport, misses: boolean): void {
  console.log(`Epistle evaluation, unseen letters (${UNSEEN_DIR}, embedder ${r.embedder})\n`);
  console.log(FIGURES_HEAD);
  console.log(figuresLine('all', r.all));
  for (const [k, f] of Object.entries(r.byKind)) console.log(figuresLine(k, f));
  console.log(`\n== rounds ==\n${Object.entries(r.rounds).map(([round, f]) => roundLine(round, f)).join('\n')}`);
  if (misses) {
    console.log('\n== misses ==');
    printMisses(r.outcomes);
  }
}

interface RoundCounts {
  hit3: number;
  answerable: number;
  abstained: number;
  unanswerable: number;
}

/** A round's (a question-id prefix: "aa1" for aa1-q001…) answerable hits at 3 and unanswerable abstained. */
function roundCounts(outcomes: EvalOutcome[], round: string): RoundCounts {
  const os = outcomes.filter((o) => o.id.startsWith(`${round}-`));
  const answerable = os.filter((o) => o.answerable);
  const unanswerable = os.filter((o) => !o.answerable);
  return { hit3: answerable.filter((o) => o.rank !== null && o.rank < 3).length, answerable: answerable.length, abstained: unanswerable.filter((o) => o.abstained).length, unanswerable: unanswerable.length };
}

const roundLine = (round: string, f: RoundCounts) => `${round}: answerable hits at 3 ${f.hit3}/${f.answerable}; unanswerable abstained ${f.abstained}/${f.unanswerable}`;

/** For each round, its answerable hits at 3 and unanswerable abstained. */
export function roundLines(outcomes: EvalOutcome[], rounds: string[]): string[] {
  return rounds.map((round) => roundLine(round, roundCounts(outcomes, round)));
}

const FIGURES_HEAD = `${''.padEnd(14)} ${'n'.padStart(4)}  hit@1  hit@3  MRR    abst.  verbatim`;
const figuresLine = (label: string, f: EvalFigures) =>
  `${label.padEnd(14)} ${String(f.questions).padStart(4)}  ${pct(f.hit1)}  ${pct(f.hit3)}  ${pct(f.mrr)}  ${pct(f.abstention)}  ${pct(f.verbatim)}`;

/** The questions not answered right: an answerable one with no hit at 3, an unanswerable one answered. */
function printMisses(outcomes: EvalOutcome[]): void {
  for (const o of outcomes) {
    const wrong = o.answerable ? o.rank === null || o.rank >= 3 : !o.abstained;
    if (wrong) console.log(`[${o.kind}] ${o.id} ${o.question}\n    → ${o.abstained ? 'ABSTAINED ' : ''}rank ${o.rank} | ${o.lead.slice(0, 160)}`);
  }
}

function printText(r: Awaited<ReturnType<typeof runEval>>, misses: Half | null, rounds: string[]): void {
  const line = figuresLine;
  const head = FIGURES_HEAD;
  console.log(`Epistle evaluation (embedder ${r.embedder})\n`);
  for (const h of HALVES) {
    console.log(`== ${h} half ==\n${head}`);
    console.log(line('all', r[h]));
    for (const [k, f] of Object.entries(r.byKind)) if (f[h].questions) console.log(line(k, f[h]));
    console.log('');
  }
  console.log(`seed question set (tests/questions.ts, tuned on), seeds only: hit@1 ${pct(r.seedSet.hit1)}  hit@3 ${pct(r.seedSet.hit3)}  MRR ${pct(r.seedSet.mrr)}  abstention ${pct(r.seedSet.abstention)}  (${r.seedSet.questions} questions)\n`);
  const m = r.metadata;
  console.log(`== metadata: fields stated by the text, read exactly ==`);
  console.log(`all: ${m.exact}/${m.fields} = ${pct(m.accuracy)}, invented ${m.invented}; dev ${m.byHalf.dev.exact}/${m.byHalf.dev.fields} = ${pct(m.byHalf.dev.accuracy)}; blind ${m.byHalf.blind.exact}/${m.byHalf.blind.fields} = ${pct(m.byHalf.blind.accuracy)}`);
  for (const [layout, f] of Object.entries(m.byLayout)) {
    console.log(`  ${layout.padEnd(18)} dev ${f.dev.exact}/${f.dev.fields}${f.dev.invented ? ` (+${f.dev.invented} invented)` : ''}   blind ${f.blind.exact}/${f.blind.fields}${f.blind.invented ? ` (+${f.blind.invented} invented)` : ''}`);
  }
  if (rounds.length) console.log(`\n== rounds ==\n${roundLines(r.outcomes, rounds).join('\n')}`);
  if (misses) {
    console.log(`\n== ${misses} misses ==`);
    printMisses(r.outcomes.filter((x) => x.half === misses));
    for (const d of r.metadataDetails.filter((x) => x.half === misses)) {
      for (const f of d.fields) if ((f.stated && !f.exact) || f.invented) console.log(`meta ${d.id} ${f.field}: expected ${JSON.stringify(f.expected)} got ${JSON.stringify(f.got)}`);
    }
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, misses: { type: 'string' }, embedder: { type: 'string' }, rounds: { type: 'string' }, unseen: { type: 'boolean' } },
    strict: true,
  });
  const misses = values.misses === undefined ? null : (values.misses as Half);
  if (misses && !HALVES.includes(misses)) {
    console.error(`eval: --misses must be dev or blind`);
    return 2;
  }
  const choice = (values.embedder ?? process.env.EMBEDDER ?? 'bundled') as EmbedderChoice;
  const root = resolve(import.meta.dirname, '../..');
  const embedder = await createEmbedder({
    embedder: choice,
    model: process.env.EMBEDDING_MODEL || 'Xenova/bge-small-en-v1.5',
    modelDir: process.env.EMBEDDING_MODEL_DIR || undefined,
    log: (s) => console.error(`eval: ${s}`),
  });
  if (values.unseen) {
    const unseen = await runUnseen({ root, workDir: join(root, '.eval', `${embedder.id.backend}-unseen`), embedder, log: (s) => console.error(`eval: ${s}`) });
    if (values.json) {
      const { outcomes: _o, ...rest } = unseen;
      console.log(JSON.stringify(rest));
    } else printUnseen(unseen, misses === 'dev');
    return 0;
  }
  const report = await runEval({ root, workDir: join(root, '.eval', embedder.id.backend), embedder, log: (s) => console.error(`eval: ${s}`) });
  if (values.json) {
    const { outcomes: _o, metadataDetails: _d, ...rest } = report;
    console.log(JSON.stringify(rest));
  } else printText(report, misses, values.rounds ? values.rounds.split(',').map((x) => x.trim()).filter(Boolean) : []);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (err) => {
    console.error(`eval: ${(err as Error).message}`);
    process.exit(1);
  });
}
