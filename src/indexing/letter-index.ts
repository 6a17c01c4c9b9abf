import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Letter, Passage } from '../letters/types.js';
import { embedderLabel, sameEmbedder, type Embedder, type EmbedderId } from './embedders/embedder.js';
import { LexicalStore } from './lexical-store.js';
import { ManifestError, parseManifest, type Manifest } from './manifest.js';
import { VectorStore } from './vector-store.js';

/** Files of an index folder. The manifest is written last and holds the others' checksums. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  vectors: 'vectors.hnsw',
  lexical: 'lexical.json',
  /** The passages added and removed since lexical.json was written (an update writes only these). */
  lexicalDelta: 'lexical-delta.json',
  catalogue: 'catalogue.json',
  sentences: 'sentences.i8',
} as const;

/**
 * A letter as the index keeps it: everything but its passages, which are stored by label, and with its
 * sentences (body offsets), whose vectors are rows `sentenceRow`… of sentences.f32.
 */
export type StoredLetter = Omit<Letter, 'passages'> & {
  labels: number[];
  sentences: [number, number][];
  sentenceRow: number;
  /** Indices into `sentences` of the letter's key sentences (its extractive summary), ascending. */
  keySentences: number[];
};
export type StoredPassage = Passage & {
  label: number;
  /** Its letter's language (ISO 639-1), which chose its analyzer in the word index; null when unknown. */
  language?: string | null;
};

/** On disk, passages carry no text: it is their letter's body between their offsets. */
export interface Catalogue {
  letters: StoredLetter[];
  passages: (Omit<StoredPassage, 'text'> & { text?: string })[];
  /** Terms the letters write as names (name-terms.ts). */
  names: string[];
  /** Among them, those never written in lower case (name-terms.ts). */
  sureNames?: string[];
}

/** What is wrong with an index folder, as data: each adapter says what to do about it in its own terms. */
export type IndexProblem =
  | { kind: 'no-index'; dir: string }
  | { kind: 'bad-manifest'; file: string; detail: string }
  | { kind: 'missing-file'; file: string }
  | { kind: 'corrupt-file'; file: string }
  | { kind: 'not-yet' };

/** What went wrong, in one line, without any command to run. */
export function describeIndexProblem(p: IndexProblem): string {
  switch (p.kind) {
    case 'no-index':
      return `no index in ${p.dir}/ yet`;
    case 'bad-manifest':
      return `${p.file} ${p.detail}`;
    case 'missing-file':
      return `${p.file} is missing`;
    case 'corrupt-file':
      return `${p.file} is corrupt (checksum mismatch)`;
    case 'not-yet':
      return 'no letter is indexed yet: the first build is running';
  }
}

/** An index folder that can't be used; every case is cured by building the index again. */
export class IndexError extends Error {
  constructor(readonly problem: IndexProblem) {
    super(describeIndexProblem(problem));
    this.name = 'IndexError';
  }
}

/** Questions embedded by another embedder than the index's; rebuilding the index with the configured one cures it. */
export class EmbedderMismatchError extends Error {
  constructor(
    readonly index: EmbedderId,
    readonly configured: EmbedderId,
  ) {
    super(`the index was built with ${embedderLabel(index)} but the configured embedder is ${embedderLabel(configured)}`);
    this.name = 'EmbedderMismatchError';
  }
}

/**
 * Sentence vectors quantised to int8, one scale per row: a quarter of the size of float32, and
 * cosines within about 0.01 of the originals, which is plenty for choosing sentences.
 */
export class SentenceVectors {
  constructor(
    readonly dimensions: number,
    private readonly scales: Float32Array,
    private readonly data: Int8Array,
  ) {}

  get rows(): number {
    return this.scales.length;
  }

  static quantise(rows: Float32Array[], dimensions: number): SentenceVectors {
    const scales = new Float32Array(rows.length);
    const data = new Int8Array(rows.length * dimensions);
    rows.forEach((v, r) => {
      let max = 0;
      for (let i = 0; i < dimensions; i++) max = Math.max(max, Math.abs(v[i]));
      const scale = max / 127 || 1;
      scales[r] = scale;
      for (let i = 0; i < dimensions; i++) data[r * dimensions + i] = Math.round(v[i] / scale);
    });
    return new SentenceVectors(dimensions, scales, data);
  }

  row(r: number): Float32Array {
    const d = this.dimensions;
    const out = new Float32Array(d);
    const s = this.scales[r];
    for (let i = 0; i < d; i++) out[i] = this.data[r * d + i] * s;
    return out;
  }

  /** [rows: uint32][scales: float32 × rows][data: int8 × rows × dimensions] */
  toBuffer(): Buffer {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(this.rows, 0);
    return Buffer.concat([head, Buffer.from(this.scales.buffer, this.scales.byteOffset, this.scales.byteLength), Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength)]);
  }

  static fromBuffer(buf: Buffer, dimensions: number): SentenceVectors {
    const rows = buf.readUInt32LE(0);
    const copy = new Uint8Array(buf.subarray(4)).buffer;
    return new SentenceVectors(dimensions, new Float32Array(copy, 0, rows), new Int8Array(copy, rows * 4, rows * dimensions));
  }
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Where a crashed swap leaves the previous index. */
export const previousDir = (indexDir: string) => `${indexDir}.old`;

/** Puts back the previous index when a crash fell between the two renames of a swap. */
export function recoverIndexDir(indexDir: string): void {
  const old = previousDir(indexDir);
  if (!existsSync(join(indexDir, INDEX_FILES.manifest)) && existsSync(join(old, INDEX_FILES.manifest))) {
    // A folder without a manifest is not an index (at most a .gitkeep).
    rmSync(indexDir, { recursive: true, force: true });
    renameSync(old, indexDir);
  }
}

/** A loaded, read-only index: vectors, BM25, passages and the letter catalogue. */
export class LetterIndex {
  readonly letters = new Map<string, StoredLetter>();
  readonly passages = new Map<number, StoredPassage>();
  /** Terms the letters write as names ("ablyazov", "franc"), as the lexical index makes them. */
  readonly names: ReadonlySet<string>;
  /** Among them, those the letters never write in lower case ("rahimov", not "lock"). */
  readonly sureNames: ReadonlySet<string>;

  constructor(
    readonly dir: string,
    readonly manifest: Manifest,
    readonly vectors: VectorStore,
    readonly lexical: LexicalStore,
    catalogue: Catalogue,
    /** Sentence vectors, one row per sentence, letters in catalogue order. */
    readonly sentenceVectors: SentenceVectors,
  ) {
    for (const l of catalogue.letters) this.letters.set(l.id, l);
    this.names = new Set(catalogue.names);
    this.sureNames = new Set(catalogue.sureNames ?? []);
    for (const p of catalogue.passages) this.passages.set(p.label, { ...p, text: p.text ?? this.letters.get(p.letterId)!.body.slice(p.start, p.end) });
  }

  get embedder(): EmbedderId {
    return this.manifest.embedder;
  }

  /** Throws when queries would be embedded by another model than the passages were. */
  checkEmbedder(embedder: Embedder): void {
    if (!sameEmbedder(this.manifest.embedder, embedder.id)) throw new EmbedderMismatchError(this.manifest.embedder, embedder.id);
  }

  /** The vector of a letter's i-th sentence. */
  sentenceVector(letter: StoredLetter, i: number): Float32Array {
    return this.sentenceVectors.row(letter.sentenceRow + i);
  }

  passagesOf(letterId: string): StoredPassage[] {
    const letter = this.letters.get(letterId);
    return letter ? letter.labels.map((l) => this.passages.get(l)!).filter(Boolean) : [];
  }

  /** Reads and verifies an index folder; a missing, corrupt or partial one throws IndexError in one line. */
  static load(dir: string): LetterIndex {
    recoverIndexDir(dir);
    const manifestPath = join(dir, INDEX_FILES.manifest);
    if (!existsSync(manifestPath)) throw new IndexError({ kind: 'no-index', dir });
    let manifest: Manifest;
    try {
      manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      throw new IndexError({ kind: 'bad-manifest', file: manifestPath, detail: err.message });
    }
    const read = (name: string) => {
      const path = join(dir, name);
      let data: Buffer;
      try {
        data = readFileSync(path);
      } catch {
        throw new IndexError({ kind: 'missing-file', file: path });
      }
      if (sha256(data) !== manifest.files[name]) throw new IndexError({ kind: 'corrupt-file', file: path });
      return data;
    };
    const catalogue = JSON.parse(read(INDEX_FILES.catalogue).toString('utf8')) as Catalogue;
    // An index written before the delta file existed has none.
    const delta = manifest.files[INDEX_FILES.lexicalDelta] ? read(INDEX_FILES.lexicalDelta).toString('utf8') : undefined;
    const lexical = LexicalStore.fromJSON(read(INDEX_FILES.lexical).toString('utf8'), { sha: manifest.files[INDEX_FILES.lexical], delta });
    read(INDEX_FILES.vectors);
    const vectors = VectorStore.load(join(dir, INDEX_FILES.vectors), manifest.embedder.dimensions, manifest.hnsw);
    const sentences = SentenceVectors.fromBuffer(read(INDEX_FILES.sentences), manifest.embedder.dimensions);
    return new LetterIndex(dir, manifest, vectors, lexical, catalogue, sentences);
  }
}
