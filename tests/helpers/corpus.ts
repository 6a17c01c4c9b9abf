import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Answerer } from '../../src/answer/answerer.js';
import { buildIndex } from '../../src/indexing/build.js';
import { BundledEmbedder } from '../../src/indexing/embedders/bundled.js';
import type { EmbedKind, Embedder } from '../../src/indexing/embedders/embedder.js';
import { LetterIndex } from '../../src/indexing/letter-index.js';
import { TransformersEmbedder } from '../../src/indexing/embedders/transformers.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEEDS = join(ROOT, 'seeds');
export const MODELS = join(ROOT, 'tests/fixtures/models');

/** An answerer over a copy of `tests/fixtures/<fixture>`, indexed with the bundled encoder. */
export async function fixtureAnswerer(fixture: string): Promise<Answerer> {
  return answererOverCopy(fixture, (letters) => cpSync(join(ROOT, 'tests/fixtures', fixture), letters, { recursive: true }));
}

/** An answerer over copies of some of the evaluation's dev letters (`tests/eval/letters`, file names without extension). */
export async function evalLettersAnswerer(ids: string[]): Promise<Answerer> {
  const source = join(ROOT, 'tests/eval/letters');
  return answererOverCopy('eval-letters', (letters) => {
    for (const file of readdirSync(source).filter((f) => ids.includes(f.replace(/\.[^.]+$/, '')))) cpSync(join(source, file), join(letters, file));
  });
}

/** An answerer over the letters `copy` puts in a fresh temporary folder, indexed with the bundled encoder. */
async function answererOverCopy(name: string, copy: (lettersDir: string) => void): Promise<Answerer> {
  const dir = mkdtempSync(join(tmpdir(), `epistle-${name}-`));
  const letters = join(dir, 'letters');
  copy(letters);
  const embedder = await BundledEmbedder.load({});
  await buildIndex({ lettersDir: letters, indexDir: join(dir, 'index'), embedder, maxBytes: 20 * 1024 * 1024 });
  return new Answerer(LetterIndex.load(join(dir, 'index')), embedder);
}

/** Environment for CLI runs that embed with the committed tiny fixture model. */
export const TINY_ENV = { EMBEDDER: 'transformers', EMBEDDING_MODEL: 'tiny-bert', EMBEDDING_MODEL_DIR: MODELS };

/** A fresh temporary folder holding a copy of the seeds, and an index folder path beside it. */
export function tempCorpus(): { dir: string; letters: string; index: string } {
  const dir = mkdtempSync(join(tmpdir(), 'epistle-'));
  const letters = join(dir, 'letters');
  cpSync(SEEDS, letters, { recursive: true });
  return { dir, letters, index: join(dir, 'index') };
}

/** A third letter, ours, in the house style of the seeds. */
export const THIRD_LETTER = `Strasbourg, 14 March 2017

Mr Bernard Cazeneuve
Prime Minister
of the Republic of France

Dear Prime Minister,

I write to you about the continued detention of Mr Mukhtar Ablyazov at the Fleury-Mérogis prison. His lawyers told me that the Council of State will examine the extradition decree in the coming weeks, and that the Conseil d'État has never before been asked to weigh the KazakhLeaks documents.

I urge you to suspend the extradition until the Council of State has ruled, and to ask the OFPRA to examine his request for asylum on its merits.

Yours sincerely,

Annika Vestergaard, MEP

CC:

Mr Jean-Jacques Urvoas, Minister of Justice of the Republic of France
`;

export function writeLetter(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

export function listIndexSiblings(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Wraps an embedder and counts what it embeds. */
export class CountingEmbedder implements Embedder {
  calls = 0;
  texts: string[] = [];
  constructor(
    private readonly inner: Embedder,
    readonly id = inner.id,
  ) {}
  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    this.calls++;
    if (kind === 'passage') this.texts.push(...texts);
    return this.inner.embed(texts, kind);
  }
  reset(): void {
    this.calls = 0;
    this.texts = [];
  }
}

let tiny: Promise<TransformersEmbedder> | null = null;
/** The committed tiny BERT, loaded through the real transformers.js path. */
export function tinyEmbedder(): Promise<TransformersEmbedder> {
  tiny ??= TransformersEmbedder.load({ model: 'tiny-bert', modelDir: MODELS, allowRemote: false });
  return tiny;
}
