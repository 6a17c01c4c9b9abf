/**
 * Crash during reindex: kill -9 the indexer at random points of a rebuild, then check that the
 * index on disk is the old corpus's or the new one's, whole, that it answers as that corpus's
 * index does, and that the next `npm run index` converges on the new corpus.
 */
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Answerer } from '../../src/answer/answerer.js';
import { writeSpamAssassinLetters } from '../../bench/corpora.js';
import { mulberry32 } from '../../bench/random.js';
import { percentile, round } from '../../bench/figures.js';
import { TransformersEmbedder } from '../../src/indexing/embedders/transformers.js';
import { LetterIndex } from '../../src/indexing/letter-index.js';
import { runCli, TINY_ENV } from './child.js';
import type { Figure, TortureSection } from './types.js';

const SECTION = 'Crash during reindex';
const GROUPS = ['heron', 'lantern', 'quarry', 'saffron', 'tundra', 'walnut', 'zephyr', 'marigold', 'obsidian', 'juniper', 'cobalt', 'bramble', 'falcon', 'orchid', 'pewter'];
const CITIES = ['Lisbon', 'Tallinn', 'Valletta', 'Ljubljana', 'Bratislava', 'Vilnius', 'Riga', 'Nicosia', 'Zagreb', 'Sofia', 'Porto', 'Ghent', 'Turku', 'Graz', 'Brno'];

interface Corpus {
  old: string;
  next: string;
  questions: string[];
}

/** Writes the old corpus (ham e-mails) and the new one: some removed, some changed, some added. */
async function writeCorpora(root: string, size: number): Promise<Corpus> {
  const old = join(root, 'letters-old');
  const next = join(root, 'letters-new');
  rmSync(old, { recursive: true, force: true });
  rmSync(next, { recursive: true, force: true });
  const ids = await writeSpamAssassinLetters(old, { limit: size });
  cpSync(old, next, { recursive: true });
  const share = Math.max(2, Math.round(size * 0.075));
  const subject = (file: string) => /^Subject:\s*(?:(?:re|fwd?):\s*)*(.+)$/im.exec(readFileSync(file, 'latin1'))?.[1].trim() ?? null;
  const questions: string[] = [];
  // Removed.
  for (const id of ids.slice(0, share)) {
    const s = subject(join(next, `${id}.eml`));
    if (s && questions.length < 4) questions.push(`What was said about ${s}?`);
    rmSync(join(next, `${id}.eml`));
  }
  // Changed: a postscript at the end of a single-part, plain-text message.
  let changed = 0;
  for (const id of ids.slice(share)) {
    if (changed >= share) break;
    const file = join(next, `${id}.eml`);
    const text = readFileSync(file, 'latin1');
    if (/^Content-Type:\s*multipart/im.test(text) || /^Content-Transfer-Encoding:\s*(?:base64|quoted-printable)/im.test(text)) continue;
    const group = GROUPS[changed % GROUPS.length];
    const city = CITIES[changed % CITIES.length];
    appendFileSync(file, `\nP.S. The quarterly meeting of the ${group} group moves to ${city} in the spring.\n`);
    if (changed < 4) questions.push(`Where does the quarterly meeting of the ${group} group move?`);
    changed++;
  }
  // Added.
  const added = await writeSpamAssassinLetters(next, { limit: Math.round(size * 0.2), offset: size });
  for (const id of added.slice(0, 4)) {
    const s = subject(join(next, `${id}.eml`));
    if (s) questions.push(`What was said about ${s}?`);
  }
  questions.push('Who is ahead in the match between the world champion and the chess program?', 'What does the ISP use for virus filtering alongside SpamAssassin?');
  return { old, next, questions };
}

/** What the index holds: each letter file's content hash and labels. */
function holdings(index: LetterIndex): string {
  return JSON.stringify(Object.entries(index.manifest.letters).sort(([a], [b]) => a.localeCompare(b)).map(([f, e]) => [f, e.contentHash, e.labels]));
}

/** The answers of the question set, as comparable text. */
async function answers(index: LetterIndex, embedder: TransformersEmbedder, questions: string[]): Promise<string[]> {
  const answerer = new Answerer(index, embedder);
  const out: string[] = [];
  for (const q of questions) {
    const a = await answerer.answer(q);
    out.push(JSON.stringify([a.abstained, a.citations.map((c) => [c.letterId, c.quote])]));
  }
  return out;
}

function leftovers(indexDir: string): string[] {
  const parent = dirname(indexDir);
  const name = basename(indexDir);
  return readdirSync(parent).filter((n) => n.startsWith(`${name}.tmp-`) || n === `${name}.old`);
}

export const tortureCrash: TortureSection = async (opts) => {
  const { log } = opts;
  const kills = opts.quick ? 6 : 20;
  const root = join(opts.workDir, 'crash');
  const corpus = await writeCorpora(root, opts.quick ? 40 : 300);
  const embedder = await TransformersEmbedder.load({ model: TINY_ENV.EMBEDDING_MODEL, modelDir: TINY_ENV.EMBEDDING_MODEL_DIR, allowRemote: false });
  const index = (dir: string, letters: string, extra: string[] = [], killAfterMs?: number) =>
    runCli(['index', '--letters', letters, '--index', dir, '--json', ...extra], TINY_ENV, { killAfterMs });
  const fresh = (dir: string, from?: string) => {
    rmSync(dir, { recursive: true, force: true });
    for (const n of leftovers(dir)) rmSync(join(dirname(dir), n), { recursive: true, force: true });
    rmSync(`${dir}.lock`, { force: true });
    if (from) cpSync(from, dir, { recursive: true });
  };

  // References: the old corpus, and the new one reached incrementally and by a full rebuild.
  const refs: Record<'old' | 'incremental' | 'full', { dir: string; holdings: string; answers: string[]; ms: number }> = {} as never;
  const make = async (name: 'old' | 'incremental' | 'full', from: string | undefined, letters: string, extra: string[]) => {
    const dir = join(root, `ref-${name}`);
    fresh(dir, from);
    const r = await index(dir, letters, extra);
    if (r.status !== 0) throw new Error(`reference build ${name} failed: ${r.stderr}`);
    const loaded = LetterIndex.load(dir);
    refs[name] = { dir, holdings: holdings(loaded), answers: await answers(loaded, embedder, corpus.questions), ms: r.ms };
    log(`crash: reference ${name}: ${loaded.letters.size} letters, ${loaded.passages.size} passages, ${(r.ms / 1000).toFixed(1)} s`);
  };
  await make('old', undefined, corpus.old, []);
  await make('incremental', refs.old.dir, corpus.next, []);
  await make('full', refs.old.dir, corpus.next, ['--full']);
  const differing = corpus.questions.filter((_, i) => refs.old.answers[i] !== refs.incremental.answers[i]).length;
  // Kill points are drawn over the quicker of two uninterrupted runs of each kind (the first may be cold).
  for (const mode of ['incremental', 'full'] as const) {
    const dir = join(root, 'timing');
    fresh(dir, refs.old.dir);
    const r = await index(dir, corpus.next, mode === 'full' ? ['--full'] : []);
    refs[mode].ms = Math.min(refs[mode].ms, r.ms);
    fresh(dir);
  }

  const rng = mulberry32(opts.seed);
  const work = join(root, 'index');
  const outcomes: { mode: string; at: number; state: string; ok: boolean; why: string[]; recoverMs: number }[] = [];
  for (let i = 0; i < kills; i++) {
    const mode = i % 2 ? 'full' : 'incremental';
    const span = refs[mode].ms;
    // Half the kills anywhere in the run; half from 85% to 110% of the quickest run, around the write and the swap.
    let at = Math.round(rng() < 0.5 ? rng() * span : span * (0.85 + 0.25 * rng()));
    const why: string[] = [];
    // A run quicker than the reference may end before its kill: draw that point again, earlier.
    for (let attempt = 0; ; attempt++) {
      fresh(work, refs.old.dir);
      const run = await index(work, corpus.next, mode === 'full' ? ['--full'] : [], at);
      if (run.killed) break;
      if (run.status !== 0) why.push(`the run failed (${run.status}): ${run.stderr.trim().split('\n').pop()}`);
      if (attempt === 5 || run.status !== 0) break;
      at = Math.round(Math.min(at, run.ms) - 0.03 * span);
    }

    // The next start: what loads, and how it answers.
    let state = 'unloadable';
    try {
      const loaded = LetterIndex.load(work);
      const h = holdings(loaded);
      state = h === refs.old.holdings ? 'old' : h === refs[mode].holdings ? 'new' : 'a mix';
      if (state === 'a mix') why.push('the index holds neither corpus');
      else {
        const expected = refs[state === 'old' ? 'old' : mode].answers;
        const got = await answers(loaded, embedder, corpus.questions);
        const wrong = got.filter((a, k) => a !== expected[k]).length;
        if (wrong) why.push(`${wrong} answers differ from the ${state} corpus's`);
      }
    } catch (err) {
      why.push(`no index loads: ${(err as Error).message}`);
    }

    // The next `npm run index` converges on the new corpus.
    const again = await index(work, corpus.next);
    if (again.status !== 0) why.push(`the next index run failed (${again.status}): ${again.stderr.trim().split('\n').pop()}`);
    else {
      const loaded = LetterIndex.load(work);
      const h = holdings(loaded);
      const target = state === 'new' ? refs[mode] : refs.incremental;
      if (h !== target.holdings) why.push('the next index run did not converge on the new corpus');
      else if ((await answers(loaded, embedder, corpus.questions)).some((a, k) => a !== target.answers[k])) why.push('answers after the next run differ');
      const left = leftovers(work);
      if (left.length) why.push(`left behind: ${left.join(', ')}`);
      if (existsSync(`${work}.lock`)) why.push('the lock was left behind');
    }
    outcomes.push({ mode, at: round(at / span, 2), state, ok: !why.length, why, recoverMs: again.ms });
    log(`crash ${i + 1}/${kills}: ${mode} rebuild killed at ${at} ms (${Math.round((100 * at) / span)}% of ${Math.round(span)} ms): ${state} index${why.length ? `; FAILED: ${why.join('; ')}` : ', answers match, converged'}`);
  }
  await embedder.dispose?.();

  const survived = outcomes.filter((o) => o.ok).length;
  const size = `${readdirSync(corpus.old).length} letters → ${readdirSync(corpus.next).length}`;
  const figures: Figure[] = [
    {
      section: SECTION, metric: 'crashes survived', value: `${survived}/${kills}`, unit: '', target: `${kills}/${kills}`, met: survived === kills,
      note: `kill -9 of \`npm run index\` (${size}; tiny fixture model) at seeded random points: half anywhere in the run, half from 85% to 110% of the quickest uninterrupted run, around the write and the swap (a run that ends first is killed again 3% earlier). Survived: the next load gets the old or the new index whole, it answers ${corpus.questions.length} fixed questions exactly as that corpus's index does (${differing} of them answer differently on the two corpora), and the next \`npm run index\` converges, leaving no temporary folder or lock.` +
        (survived < kills ? ` Failures: ${outcomes.filter((o) => !o.ok).map((o) => o.why.join('; ')).join(' | ')}` : ''),
    },
    { section: SECTION, metric: 'killed runs that left the old index', value: outcomes.filter((o) => o.state === 'old').length, unit: 'runs' },
    { section: SECTION, metric: 'killed runs that left the new index', value: outcomes.filter((o) => o.state === 'new').length, unit: 'runs', note: 'the kill fell after the swap' },
    { section: SECTION, metric: 'mixed or unloadable indexes', value: outcomes.filter((o) => o.state === 'a mix' || o.state === 'unloadable').length, unit: 'runs', target: '0', met: outcomes.every((o) => o.state === 'old' || o.state === 'new') },
    { section: SECTION, metric: 'uninterrupted rebuild: incremental / full', value: `${(refs.incremental.ms / 1000).toFixed(1)} / ${(refs.full.ms / 1000).toFixed(1)}`, unit: 's', note: 'process start to exit' },
    { section: SECTION, metric: 'next index run after a crash: p50 / max', value: `${(percentile(outcomes.map((o) => o.recoverMs), 50) / 1000).toFixed(1)} / ${(Math.max(...outcomes.map((o) => o.recoverMs)) / 1000).toFixed(1)}`, unit: 's' },
  ];
  return figures;
};

