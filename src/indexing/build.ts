import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { listLetterFiles, sidecarPathFor } from '../letters/files.js';
import { sentences } from '../letters/passages.js';
import type { Letter, LetterError } from '../letters/types.js';
import { embedderLabel, l2normalise, sameEmbedder, type Embedder } from './embedders/embedder.js';
import { LexicalStore, NO_CHANGES } from './lexical-store.js';
import { acquireLock } from './lock.js';
import { INDEX_FILES, IndexError, LetterIndex, type IndexProblem, previousDir, recoverIndexDir, SentenceVectors, sha256, type Catalogue, type StoredLetter, type StoredPassage } from './letter-index.js';
import { SCHEMA_VERSION, parseManifest, serialiseManifest, type LetterEntry, type Manifest } from './manifest.js';
import { DEFAULT_HNSW, VectorStore, type HnswParams } from './vector-store.js';
import { keySentences } from './key-sentences.js';
import { EMBEDDING_CACHE_FILE, EmbeddingCache } from './embedding-cache.js';
import { NAME_COUNTS_FILE, NameCounter } from './name-terms.js';
import { calibrate, calibrationHolds, frequentNames } from './calibration.js';
import { OCR_CACHE_DIR, OcrCache } from '../letters/ocr/cache.js';
import { lowConfidenceMessage, lowConfidencePages } from '../letters/ocr/pages.js';
import { LOW_CONFIDENCE, OcrSession } from '../letters/ocr/session.js';

/** Bump when reading, cleaning or chunking changes: every letter is then re-read. */
export const PARSER_VERSION = 41;
/** Past this share of deleted points, the vector store is rebuilt from its live points. */
const COMPACT_AT = 0.2;

export interface BuildOptions {
  lettersDir: string;
  indexDir: string;
  embedder: Embedder;
  full?: boolean;
  maxBytes: number;
  hnsw?: HnswParams;
  /** Called after each group of letters is read and embedded: letters done, letters to do. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A first build (no index yet) publishes the index in slices: a consistent index is swapped in after the first
   * group of letters, then after 5 s, 10 s, 20 s…, up to every `everyMs`, or every `everyLetters` letters, whichever
   * comes first. Not given: one swap at the end, as every other build.
   */
  publish?: Partial<SliceOptions>;
  /** Scans are read by OCR again, whatever the OCR cache holds (unchanged scans too). */
  ocrAgain?: boolean;
  /** Called as OCR reads the pages of a file. */
  onOcrProgress?: (done: number, total: number, file: string) => void;
  log?: (message: string) => void;
  /** Where passage vectors come from (default 'sentences'); see PassageVectors. */
  passageVectors?: PassageVectors;
  /** Called at each point of the write and swap where a crash must leave a loadable index (crash tests inject one). */
  failpoint?: (point: Failpoint) => void;
  /** Stops the build between two groups of letters (BuildStopped): what was published so far stays. */
  signal?: AbortSignal;
}

/**
 * 'sentences': a passage's vector is the mean of its sentences' vectors, weighted by the characters of each it
 * holds, so that every text is embedded once (the sentences are embedded for quoting anyway): about 3× fewer
 * characters to embed. 'embedded': the passage's own text is embedded too. On the blind half of `npm run eval`
 * (bundled encoder) the two give the same hit@1, hit@3 and abstention; the weighting (characters, not words or
 * their square root, or none) was chosen on the dev half. See README, "Passage vectors".
 */
export type PassageVectors = 'sentences' | 'embedded';
export const DEFAULT_PASSAGE_VECTORS: PassageVectors = 'sentences';

/** The normalised sum of vectors, each times its weight. */
function weightedMean(parts: readonly (readonly [Float32Array, number])[], dims: number): Float32Array {
  const out = new Float32Array(dims);
  for (const [v, w] of parts) for (let i = 0; i < dims; i++) out[i] += w * v[i];
  return l2normalise(out);
}

/** `work`, unless `signal` aborts first: then BuildStopped at once (what is in flight finishes unawaited). */
function stoppable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new BuildStopped());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new BuildStopped());
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', stop);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}

/** The points of writing an index where crash tests stop the process. */
export type Failpoint = 'mid-write' | 'before-swap' | 'mid-swap';

/** The build was stopped by its signal; the index on disk is the last one swapped in. */
export class BuildStopped extends Error {
  constructor() {
    super('the index update was stopped before it finished');
    this.name = 'BuildStopped';
  }
}

export interface SliceOptions {
  /** Default 30,000 ms. */
  everyMs: number;
  /** The slice after the first comes this soon, then each twice as late, up to `everyMs`. Default 5,000 ms. */
  firstMs: number;
  /** Default 200. */
  everyLetters: number;
  /** Called after each slice is swapped in. */
  onPublish?: (progress: { indexed: number; total: number }) => void;
}

const DEFAULT_SLICES: SliceOptions = { everyMs: 30_000, firstMs: 5_000, everyLetters: 200 };
/** Letters read and embedded together: one embedding call, spread over the pool's workers. */
const GROUP = 16;
/**
 * Texts per embedding call: a group's worth, so that a pool keeps every worker busy (on 80 SpamAssassin e-mails,
 * bundled, 2 workers: 64 → 28.8 s, 128 → 27.6 s, 256 → 25.6 s for the build).
 */
const EMBED_CHUNK = 256;
/** A first build's first group, small so that the first slice comes within seconds. */
const FIRST_GROUP = 4;

/** Why a build re-indexed every letter: data, worded by each adapter. */
export type RebuildReason =
  | { why: 'full' }
  | { why: 'no-index' }
  | { why: 'unreadable'; problem: IndexProblem }
  | { why: 'embedder'; from: string; to: string }
  | { why: 'passage-vectors'; to: PassageVectors };

export interface BuildReport {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  passagesEmbedded: number;
  /** Sentences embedded for quoting (not part of the contract's JSON). */
  sentencesEmbedded: number;
  /** Texts (passages and sentences) that went through the embedder, and those found in the embedding cache. */
  textsEmbedded: number;
  textsReused: number;
  embedder: string;
  durationMs: number;
  /** Why everything was re-indexed, when it was. */
  rebuilt: RebuildReason | null;
  errors: LetterError[];
  letters: number;
  passages: number;
  /** Ids of the letters added and changed by this run. */
  addedIds: string[];
  changedIds: string[];
  /**
   * OCR in this run: pages read by OCR, pages taken from the OCR cache, and every scanned page in the index
   * whose mean word confidence is below LOW_CONFIDENCE.
   */
  ocr: { pages: number; cached: number; lowConfidence: { file: string; page: number; confidence: number }[] };
  /** parseMs = readMs + cleanMs + chunkMs (+ change detection). */
  timings: { parseMs: number; readMs: number; cleanMs: number; chunkMs: number; embedMs: number; writeMs: number };
}

interface FileState {
  file: string;
  size: number;
  mtimeMs: number;
}

/** Size and mtime of a letter and its sidecar together: a cheap "did it change?" check. */
function fileState(dir: string, file: string): FileState {
  const s = statSync(join(dir, file));
  let size = s.size;
  let mtimeMs = s.mtimeMs;
  const sidecar = join(dir, sidecarPathFor(file));
  if (existsSync(sidecar)) {
    const t = statSync(sidecar);
    size += t.size;
    mtimeMs = Math.max(mtimeMs, t.mtimeMs);
  }
  return { file, size, mtimeMs };
}

function contentHash(dir: string, file: string, maxBytes: number, size: number): string {
  if (size > maxBytes) return `too-large:${size}`;
  const parts = [`parser:${PARSER_VERSION}`, readFileSync(join(dir, file)).toString('base64')];
  const sidecar = join(dir, sidecarPathFor(file));
  if (existsSync(sidecar)) parts.push(readFileSync(sidecar).toString('base64'));
  return sha256(parts.join('\n'));
}

export interface StaleCheck {
  stale: boolean;
  reason: string;
  /** The index is there but damaged: the build that follows reports it (once) and rebuilds. */
  damaged?: boolean;
}

/** Whether the index misses, is unreadable, or lags behind the letters folder (by size and mtime). */
export async function checkStale(lettersDir: string, indexDir: string, embedder?: Embedder, passageVectors: PassageVectors = DEFAULT_PASSAGE_VECTORS): Promise<StaleCheck> {
  recoverIndexDir(indexDir);
  let manifest: Manifest;
  try {
    manifest = parseManifest(readFileSync(join(indexDir, INDEX_FILES.manifest), 'utf8'));
  } catch {
    const damaged = existsSync(join(indexDir, INDEX_FILES.manifest));
    return { stale: true, reason: damaged ? 'the index manifest is unreadable' : 'there is no index yet', damaged };
  }
  if (embedder && !sameEmbedder(manifest.embedder, embedder.id)) {
    return { stale: true, reason: `the index was built with ${embedderLabel(manifest.embedder)}, not ${embedderLabel(embedder.id)}` };
  }
  if ((manifest.passageVectors ?? 'embedded') !== passageVectors) return { stale: true, reason: `passage vectors are now ${passageVectors === 'sentences' ? 'made from their sentences' : 'embedded'}` };
  if (manifest.parserVersion !== PARSER_VERSION) return { stale: true, reason: 'the letters are read differently since the index was built' };
  const files = await listLetterFiles(lettersDir);
  const known = new Set([...Object.keys(manifest.letters), ...Object.keys(manifest.failed)]);
  if (files.length !== known.size || files.some((f) => !known.has(f))) return { stale: true, reason: 'letters were added or removed' };
  for (const f of files) {
    const prev = manifest.letters[f] ?? manifest.failed[f];
    const now = fileState(lettersDir, f);
    if (now.size !== prev.size || now.mtimeMs !== prev.mtimeMs) return { stale: true, reason: `${f} changed` };
  }
  return { stale: false, reason: 'up to date' };
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Builds or updates the index: only new and changed letters are embedded; the swap is atomic. */
export async function buildIndex(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const hnsw = opts.hnsw ?? DEFAULT_HNSW;
  const passageVectors = opts.passageVectors ?? DEFAULT_PASSAGE_VECTORS;
  const timings = { parseMs: 0, readMs: 0, cleanMs: 0, chunkMs: 0, embedMs: 0, writeMs: 0 };
  mkdirSync(opts.indexDir, { recursive: true });
  const release = acquireLock(`${opts.indexDir}.lock`, `${opts.indexDir}/`);
  // One OCR worker for the whole build, started at the first page not in the cache, terminated after reading.
  const ocr = new OcrSession({ cache: new OcrCache(join(opts.indexDir, OCR_CACHE_DIR)), again: opts.ocrAgain, onProgress: opts.onOcrProgress, log });
  try {
    recoverIndexDir(opts.indexDir);
    removeStaleTemporaries(opts.indexDir);

    // The previous index, unless it must be rebuilt.
    let previous: LetterIndex | null = null;
    let rebuilt: RebuildReason | null = opts.full ? { why: 'full' } : null;
    if (!opts.full) {
      try {
        previous = LetterIndex.load(opts.indexDir);
        if (!sameEmbedder(previous.embedder, opts.embedder.id)) {
          rebuilt = { why: 'embedder', from: embedderLabel(previous.embedder), to: embedderLabel(opts.embedder.id) };
          previous = null;
        } else if ((previous.manifest.passageVectors ?? 'embedded') !== passageVectors) {
          rebuilt = { why: 'passage-vectors', to: passageVectors };
          previous = null;
        }
      } catch (err) {
        if (!(err instanceof IndexError)) throw err;
        if (existsSync(join(opts.indexDir, INDEX_FILES.manifest))) {
          log(`${err.message}: rebuilding it`);
          rebuilt = { why: 'unreadable', problem: err.problem };
        } else rebuilt = { why: 'no-index' };
      }
    }
    // The corpus's name counts: the previous index's, brought up to date at each snapshot.
    const nameCounter = (previous && loadNameCounts(opts.indexDir, previous)) ?? new NameCounter();
    const manifestLetters: Record<string, LetterEntry> = { ...(previous?.manifest.letters ?? {}) };
    const failed: Manifest['failed'] = {};
    const letters = new Map<string, StoredLetter>(previous?.letters ?? []);
    // Sentence vectors by letter: kept for unchanged letters, embedded for new ones.
    const sentenceVectors = new Map<string, Float32Array[]>();
    if (previous) {
      for (const l of previous.letters.values()) sentenceVectors.set(l.id, l.sentences.map((_, i) => previous!.sentenceVector(l, i)));
    }
    const passages = new Map<number, StoredPassage>(previous?.passages ?? []);
    const dims = opts.embedder.id.dimensions;
    let vectors = previous?.vectors ?? VectorStore.create(dims, 1024, hnsw);
    const lexical = previous?.lexical ?? LexicalStore.create();
    let nextLabel = previous?.manifest.nextLabel ?? 0;
    let deleted = previous?.manifest.deleted ?? 0;

    const report: BuildReport = {
      added: 0, changed: 0, removed: 0, unchanged: 0, passagesEmbedded: 0, sentencesEmbedded: 0, textsEmbedded: 0, textsReused: 0,
      embedder: embedderLabel(opts.embedder.id), durationMs: 0, rebuilt, errors: [], letters: 0, passages: 0, addedIds: [], changedIds: [], timings,
      ocr: { pages: 0, cached: 0, lowConfidence: [] },
    };

    const forget = (file: string) => {
      const entry = manifestLetters[file];
      if (!entry) return;
      for (const label of entry.labels) {
        vectors.delete(label);
        lexical.delete(label);
        passages.delete(label);
        deleted++;
      }
      letters.delete(entry.letterId);
      sentenceVectors.delete(entry.letterId);
      delete manifestLetters[file];
    };

    // What changed.
    const files = await listLetterFiles(opts.lettersDir);
    const present = new Set(files);
    for (const file of Object.keys(manifestLetters)) {
      if (!present.has(file)) {
        forget(file);
        report.removed++;
      }
    }
    const sameReader = previous?.manifest.parserVersion === PARSER_VERSION;
    const toRead: { file: string; state: FileState; hash: string; existed: boolean }[] = [];
    for (const file of files) {
      const state = fileState(opts.lettersDir, file);
      const prev = manifestLetters[file];
      const prevFailed = previous?.manifest.failed[file];
      // Changed or not, a file read by another version of the reader is read again, and --ocr-again re-reads the scans.
      const reread = (!sameReader && (prev || prevFailed)) || (opts.ocrAgain && ((prev && letters.get(prev.letterId)?.scan) || (prevFailed && isScanCandidate(file))));
      if (reread) {
        toRead.push({ file, state, hash: contentHash(opts.lettersDir, file, opts.maxBytes, state.size), existed: !!prev });
        continue;
      }
      if (prev && prev.size === state.size && prev.mtimeMs === state.mtimeMs) {
        report.unchanged++;
        continue;
      }
      const hash = contentHash(opts.lettersDir, file, opts.maxBytes, state.size);
      if (prev && prev.contentHash === hash) {
        manifestLetters[file] = { ...prev, size: state.size, mtimeMs: state.mtimeMs };
        report.unchanged++;
        continue;
      }
      if (prevFailed && prevFailed.contentHash === hash) {
        failed[file] = { ...prevFailed, size: state.size, mtimeMs: state.mtimeMs };
        report.errors.push({ file, reason: prevFailed.reason });
        continue;
      }
      toRead.push({ file, state, hash, existed: !!prev });
    }

    // The vectors of texts embedded before, by any earlier build of this folder (also after --full).
    const cache = loadEmbeddingCache(opts.indexDir, opts.embedder.id, log);
    for (const l of letters.values()) cache.keep('passage', l.sentences.map(([a, b]) => l.body.slice(a, b)));
    for (const p of passages.values()) cache.keep('passage', [p.text]);
    if (toRead.length) opts.embedder.warm?.();

    // The first build publishes the index in slices, so that answering can start before it ends.
    const slices = opts.publish && (!previous || previous.manifest.partial) && !opts.full ? { ...DEFAULT_SLICES, ...opts.publish } : null;
    let lastPublish = performance.now();
    let sincePublish = 0;
    let published = 0;
    const total = files.length;

    /** Writes the index as it stands: the letters indexed so far, and the manifest's record of them. */
    const snapshot = async (partial: boolean) => {
      const t2 = performance.now();
      const ordered = [...letters.values()].sort((a, b) => a.id.localeCompare(b.id));
      let row = 0;
      nameCounter.update(ordered);
      const { names, sure } = nameCounter.names();
      const catalogue: Catalogue = {
        letters: ordered.map((l) => {
          const placed = { ...l, sentenceRow: row };
          row += l.sentences.length;
          return placed;
        }),
        passages: [...passages.values()].sort((a, b) => a.label - b.label).map(({ text: _t, ...p }) => p),
        names,
        sureNames: sure,
      };
      const allSentences = SentenceVectors.quantise(catalogue.letters.flatMap((l) => sentenceVectors.get(l.id)!), dims);
      // What unrelated questions score against these letters: the answerer's abstention threshold (a slice
      // of a first build answers with the embedder's default one).
      // …measured again once the corpus has changed enough to move it (RECALIBRATE_AFTER).
      const before = previous?.manifest.calibration;
      const calibration = partial ? null : calibrationHolds(before, allSentences.rows) ? before! : await calibrate(opts.embedder, allSentences, frequentNames(catalogue.letters.map((l) => l.body)));
      writeIndex(opts.indexDir, opts.failpoint ?? (() => {}), {
        ocrCache: new Set([...ocr.stats.hashes, ...ordered.flatMap((l) => (l.scan ? [l.scan.sha256] : []))]),
        catalogue,
        sentences: allSentences,
        vectors,
        lexical,
        embeddings: cache,
        nameCounts: nameCounter.toJSON(PARSER_VERSION),
        manifest: {
          schemaVersion: SCHEMA_VERSION,
          builtAt: new Date().toISOString(),
          embedder: opts.embedder.id,
          hnsw,
          letters: { ...manifestLetters },
          failed: { ...failed },
          nextLabel,
          deleted,
          calibration,
          passageVectors,
          parserVersion: PARSER_VERSION,
          ...(partial ? { partial: { indexed: letters.size, total } } : {}),
          files: {},
        },
      });
      timings.writeMs += performance.now() - t2;
    };

    // Read, embed and add the new and changed letters, a group at a time (the readers load only when needed).
    const { readLetter } = toRead.length ? await import('../letters/catalogue.js') : { readLetter: null };
    opts.onProgress?.(0, toRead.length);
    for (let g = 0; g < toRead.length; ) {
      if (opts.signal?.aborted) throw new BuildStopped();
      const size = slices ? Math.min(published === 0 ? FIRST_GROUP : GROUP, slices.everyLetters) : GROUP;
      const group = toRead.slice(g, (g += size));
      const tr = performance.now();
      const fresh: { letter: Letter; entry: Omit<LetterEntry, 'labels'>; existed: boolean }[] = [];
      for (const item of group) {
        const errors: LetterError[] = [];
        const letter = await readLetter!(opts.lettersDir, item.file, { maxBytes: opts.maxBytes, stages: timings, ocr }, errors);
        report.errors.push(...errors);
        const letterError = errors.find((e) => e.file === item.file);
        if (item.existed) {
          forget(item.file);
          report.changed++;
        }
        if (!letter) {
          failed[item.file] = { contentHash: item.hash, size: item.state.size, mtimeMs: item.state.mtimeMs, reason: letterError?.reason ?? 'unreadable' };
          if (item.existed) {
            report.changed--;
            report.removed++;
          }
          continue;
        }
        if (!item.existed) report.added++;
        fresh.push({ letter, entry: { letterId: letter.id, contentHash: item.hash, size: item.state.size, mtimeMs: item.state.mtimeMs }, existed: item.existed });
        for (const low of lowConfidencePages([letter], LOW_CONFIDENCE)) log(lowConfidenceMessage(low));
      }
      timings.parseMs += performance.now() - tr;

      // One embedding call for the group's passages and sentences (a pool spreads it over its workers);
      // sentence vectors are kept so that answering embeds nothing but the question.
      const te = performance.now();
      const spansOf = fresh.map(({ letter }) => sentences(letter.body, letter.meta.language ?? 'en').map((x) => [x.start, x.end] as [number, number]));
      // Every sentence is embedded (for quoting). A passage's vector is the mean of its sentences' vectors, weighted
      // by how much of each it holds, unless passages are embedded themselves (or hold no sentence).
      const shares = fresh.map(({ letter }, i) =>
        letter.passages.map((p) => spansOf[i].flatMap(([a, b], j) => (Math.min(b, p.end) - Math.max(a, p.start) > 0 ? [[j, Math.min(b, p.end) - Math.max(a, p.start)] as const] : []))),
      );
      const embedded = fresh.map(({ letter }, i) => letter.passages.filter((_, k) => passageVectors === 'embedded' || !shares[i][k].length));
      const texts = [
        ...fresh.flatMap(({ letter }, i) => spansOf[i].map(([a, b]) => letter.body.slice(a, b))),
        ...embedded.flatMap((list) => list.map((p) => p.text)),
      ];
      const vectorsOf: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += EMBED_CHUNK) {
        vectorsOf.push(...(await stoppable(cache.embed(opts.embedder, texts.slice(i, i + EMBED_CHUNK), 'passage'), opts.signal)));
      }
      let at = 0;
      const rowsOf = spansOf.map((spans) => vectorsOf.slice(at, (at += spans.length)));
      fresh.forEach(({ letter, entry, existed }, i) => {
        const language = letter.meta.language ?? null;
        const labels: number[] = [];
        letter.passages.forEach((p, k) => {
          const label = nextLabel++;
          vectors.add(label, embedded[i].includes(p) ? vectorsOf[at++] : weightedMean(shares[i][k].map(([j, w]) => [rowsOf[i][j], w] as const), dims));
          lexical.add(label, p.text, language);
          passages.set(label, { ...p, label, language });
          labels.push(label);
        });
        report.passagesEmbedded += letter.passages.length;
        const spans = spansOf[i];
        const rows = rowsOf[i];
        (existed ? report.changedIds : report.addedIds).push(letter.id);
        report.sentencesEmbedded += spans.length;
        sentenceVectors.set(letter.id, rows);
        const { passages: _p, ...rest } = letter;
        letters.set(letter.id, { ...rest, labels, sentences: spans, sentenceRow: 0, keySentences: keySentences(letter.body, spans, rows) });
        manifestLetters[letter.file] = { ...entry, labels };
      });
      timings.embedMs += performance.now() - te;
      opts.onProgress?.(Math.min(g, toRead.length), toRead.length);

      sincePublish += group.length;
      // The first slices come sooner (5 s, 10 s, 20 s), then every `everyMs`.
      const interval = Math.min(slices?.everyMs ?? Infinity, (slices?.firstMs ?? Infinity) * 2 ** Math.max(0, published - 1));
      if (slices && g < toRead.length && (published === 0 || sincePublish >= slices.everyLetters || performance.now() - lastPublish >= interval)) {
        await snapshot(true);
        published++;
        sincePublish = 0;
        lastPublish = performance.now();
        slices.onPublish?.({ indexed: letters.size, total });
      }
    }
    await ocr.close();
    report.ocr.pages = ocr.stats.recognised;
    report.ocr.cached = ocr.stats.cached;
    report.textsEmbedded = cache.stats.embedded;
    report.textsReused = cache.stats.reused;

    // Compact when too much of the graph is deleted points (no re-embedding: vectors are copied).
    const stored = vectors.size;
    if (stored > 0 && deleted / stored > COMPACT_AT) {
      const compacted = VectorStore.create(dims, passages.size + 1024, hnsw);
      for (const label of passages.keys()) compacted.add(label, vectors.vector(label));
      vectors = compacted;
      deleted = 0;
      log(`compacted the vector index (${stored - passages.size} deleted points dropped)`);
    }

    report.letters = letters.size;
    report.passages = passages.size;
    report.ocr.lowConfidence = lowConfidencePages(letters.values(), LOW_CONFIDENCE);
    const nothingChanged = previous && !report.added && !report.changed && !report.removed && toRead.length === 0 &&
      isDeepStrictEqual(failed, previous.manifest.failed) &&
      isDeepStrictEqual(manifestLetters, previous.manifest.letters) && existsSync(join(opts.indexDir, EMBEDDING_CACHE_FILE));
    if (!nothingChanged || published > 0) await snapshot(false);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  } finally {
    await ocr.close();
    release();
  }
}

/**
 * The embedding cache of the index folder, when its checksum matches the manifest's record of it; otherwise an
 * empty one (a damaged cache costs re-embedding, nothing else).
 */
function loadEmbeddingCache(indexDir: string, embedder: Embedder['id'], log: (message: string) => void): EmbeddingCache {
  const path = join(indexDir, EMBEDDING_CACHE_FILE);
  if (!existsSync(path)) return new EmbeddingCache(embedder);
  let expected: string | undefined;
  try {
    expected = parseManifest(readFileSync(join(indexDir, INDEX_FILES.manifest), 'utf8')).files[EMBEDDING_CACHE_FILE];
  } catch {
    expected = undefined;
  }
  const data = readFileSync(path);
  // Without a readable manifest (reported on its own), nothing vouches for the cache.
  if (!expected) return new EmbeddingCache(embedder);
  if (sha256(data) !== expected) {
    log(`${path} is corrupt (checksum mismatch): embedding every text again`);
    return new EmbeddingCache(embedder);
  }
  const { cache, problem } = EmbeddingCache.fromBuffer(data, embedder);
  if (problem && !/holds the vectors of/.test(problem)) log(`${path}: ${problem}: embedding every text again`);
  return cache;
}

/** The name counts saved with `previous`, when their checksum matches its manifest and this reader made them; else null. */
function loadNameCounts(indexDir: string, previous: LetterIndex): NameCounter | null {
  const path = join(indexDir, NAME_COUNTS_FILE);
  const expected = previous.manifest.files[NAME_COUNTS_FILE];
  if (!expected || !existsSync(path)) return null;
  const data = readFileSync(path);
  if (sha256(data) !== expected) return null;
  return NameCounter.fromJSON(data.toString('utf8'), PARSER_VERSION, previous.letters.values());
}

/** Half-written index folders left by crashed indexers (the lock says none is running). */
function removeStaleTemporaries(indexDir: string): void {
  const parent = dirname(resolve(indexDir));
  const prefix = `${basename(resolve(indexDir))}.tmp-`;
  for (const name of readdirSync(parent)) if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
}


/** Writes a complete index beside `indexDir`, then swaps it in with renames. */
function writeIndex(indexDir: string, failpoint: (point: Failpoint) => void, parts: { ocrCache: Set<string>; catalogue: Catalogue; sentences: SentenceVectors; vectors: VectorStore; lexical: LexicalStore; embeddings: EmbeddingCache; nameCounts: string; manifest: Omit<Manifest, 'checksum'> }): void {
  const tmp = `${indexDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const files: Record<string, string> = {};
  /** The checksum of the word index written whole, which becomes the store's base once the new folder is in place. */
  let rebased: string | undefined;
  const put = (name: string, data: string | Buffer) => {
    writeFileSync(join(tmp, name), data);
    fsyncFile(join(tmp, name));
    files[name] = sha256(data);
  };
  put(INDEX_FILES.catalogue, JSON.stringify(parts.catalogue));
  // The word index: its changes beside the base it was read from (linked unchanged), or the whole index anew.
  const delta = parts.lexical.deltaJSON();
  const base = parts.lexical.base;
  if (delta !== null && base && linkInto(join(indexDir, INDEX_FILES.lexical), join(tmp, INDEX_FILES.lexical))) {
    files[INDEX_FILES.lexical] = base;
    put(INDEX_FILES.lexicalDelta, delta);
  } else {
    put(INDEX_FILES.lexical, parts.lexical.toJSON());
    put(INDEX_FILES.lexicalDelta, NO_CHANGES);
    rebased = files[INDEX_FILES.lexical];
  }
  put(INDEX_FILES.sentences, parts.sentences.toBuffer());
  put(EMBEDDING_CACHE_FILE, parts.embeddings.toBuffer());
  put(NAME_COUNTS_FILE, parts.nameCounts);
  failpoint('mid-write');
  parts.vectors.save(join(tmp, INDEX_FILES.vectors));
  fsyncFile(join(tmp, INDEX_FILES.vectors));
  files[INDEX_FILES.vectors] = sha256(readFileSync(join(tmp, INDEX_FILES.vectors)));
  writeFileSync(join(tmp, '.gitkeep'), '');
  keepOcrCache(join(indexDir, OCR_CACHE_DIR), join(tmp, OCR_CACHE_DIR), parts.ocrCache);
  // The manifest last: a folder without one is never taken for an index.
  put(INDEX_FILES.manifest, serialiseManifest({ ...parts.manifest, files }));
  failpoint('before-swap');
  const old = previousDir(indexDir);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(indexDir)) renameSync(indexDir, old);
  failpoint('mid-swap');
  renameSync(tmp, indexDir);
  rmSync(old, { recursive: true, force: true });
  if (rebased) parts.lexical.rebased(rebased);
}

/**
 * Links (or copies) an unchanged file of the index into the new folder; false when it is not there. Its checksum is
 * not read again: the lock keeps other writers out, and loading checks every file against the manifest.
 */
function linkInto(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
  return true;
}

/** Files that may be scans: read again by --ocr-again even when an earlier read failed. */
function isScanCandidate(file: string): boolean {
  return /\.(pdf|png|jpe?g|tiff?)$/i.test(file);
}

/**
 * The OCR cache moves with the index: the entries of the scans still in it are hard-linked (copied where links
 * fail) into the new folder, so that a crash before the swap leaves the old folder's cache whole.
 */
function keepOcrCache(from: string, to: string, hashes: Set<string>): void {
  if (!existsSync(from)) return;
  for (const name of readdirSync(from)) {
    if (!name.endsWith('.json') || !hashes.has(name.slice(0, -'.json'.length))) continue;
    mkdirSync(to, { recursive: true });
    try {
      linkSync(join(from, name), join(to, name));
    } catch {
      copyFileSync(join(from, name), join(to, name));
    }
  }
}
