import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spamAssassinHam } from '../corpora.js';
import { evalQuestionSchema, truthSchema, type EvalQuestion, type Truth } from './schema.js';

/** Where the corpus's files live, relative to the repository. */
export const EVAL_DIR = 'tests/eval';
export const SEEDS_DIR = 'seeds';
/**
 * Letters written after every rule, with their own rounds of questions (`npm run eval -- --unseen`): the corpus and
 * these letters together, their questions only.
 */
export const UNSEEN_DIR = 'tests/eval/unseen';
/** SpamAssassin ham added to the corpus: the first N of easy-ham-1 in file order. */
export const SPAM_ASSASSIN_COUNT = 30;

export class EvalCorpusError extends Error {}

/** Every file of the corpus: source path → name in the letters folder. */
async function corpusFiles(root: string, unseen: boolean): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (unseen) for (const name of readdirSync(join(root, UNSEEN_DIR, 'letters')).sort()) files.set(join(root, UNSEEN_DIR, 'letters', name), name);
  const lettersDir = join(root, EVAL_DIR, 'letters');
  for (const name of readdirSync(lettersDir).sort()) files.set(join(lettersDir, name), name);
  for (const name of readdirSync(join(root, SEEDS_DIR)).sort()) files.set(join(root, SEEDS_DIR, name), name);
  const ham = (await spamAssassinHam()).filter((m) => m.path.includes('easy-ham-1')).slice(0, SPAM_ASSASSIN_COUNT);
  for (const m of ham) files.set(m.path, `${m.id}.eml`);
  return files;
}

/**
 * Mirrors the corpus into `dir`: files whose bytes are unchanged are left alone (so an incremental index
 * re-embeds nothing), others are copied, and strays are removed.
 */
export async function writeEvalLetters(root: string, dir: string, unseen = false): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = await corpusFiles(root, unseen);
  const wanted = new Set(files.values());
  for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const [src, name] of files) {
    const dest = join(dir, name);
    if (existsSync(dest) && readFileSync(dest).equals(readFileSync(src))) continue;
    copyFileSync(src, dest);
  }
  return [...wanted].sort();
}

/** The questions of every `questions-*.jsonl` (of `EVAL_DIR`, or `UNSEEN_DIR`), validated; a bad line is an error naming its file and line. */
export function loadQuestions(root: string, from = EVAL_DIR): EvalQuestion[] {
  const dir = join(root, from);
  const out: EvalQuestion[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => /^questions-.*\.jsonl$/.test(n)).sort()) {
    const path = join(dir, name);
    readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${relative(root, path)}:${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new EvalCorpusError(`${where}: not valid JSON`);
      }
      const parsed = evalQuestionSchema.safeParse(raw);
      if (!parsed.success) throw new EvalCorpusError(`${where}: ${parsed.error.issues.map((e) => `${e.path.join('.') || 'line'}: ${e.message}`).join('; ')}`);
      if (ids.has(parsed.data.id)) throw new EvalCorpusError(`${where}: duplicate id ${parsed.data.id}`);
      ids.add(parsed.data.id);
      out.push(parsed.data);
    });
  }
  return out;
}

/** The metadata truth of every `truth-*.json`, merged. */
export function loadTruth(root: string): Truth {
  const dir = join(root, EVAL_DIR);
  const truth: Truth = {};
  for (const name of readdirSync(dir).filter((n) => /^truth-.*\.json$/.test(n)).sort()) {
    const path = join(dir, name);
    const parsed = truthSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new EvalCorpusError(`${relative(root, path)}: ${parsed.error.issues.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
    Object.assign(truth, parsed.data);
  }
  return truth;
}
