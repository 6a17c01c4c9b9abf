import { describe, expect, it, beforeAll, vi } from 'vitest';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, BuildStopped, type BuildReport } from '../src/indexing/build.js';
import { EMBEDDING_CACHE_FILE, EmbeddingCache } from '../src/indexing/embedding-cache.js';
import type { EmbedKind, Embedder } from '../src/indexing/embedders/embedder.js';
import { LetterIndex } from '../src/indexing/letter-index.js';
import { LetterService } from '../src/service/letter-service.js';
import { renderText } from '../src/answer/render-text.js';
import { CountingEmbedder, THIRD_LETTER, tempCorpus, tinyEmbedder, writeLetter } from './helpers/corpus.js';

const MAX = 20 * 1024 * 1024;
let tiny: Embedder;
beforeAll(async () => {
  tiny = await tinyEmbedder();
});

/** The seeds and three letters of our own: five letters. */
function fiveLetters() {
  const c = tempCorpus();
  const names = ['Annika Vestergaard', 'Jan Novák', 'Lucía Ferrer'];
  names.forEach((name, i) => writeLetter(c.letters, `00${i + 2}_more.txt`, THIRD_LETTER.replace('Annika Vestergaard', name).replace('14 March 2017', `${14 + i} March 2017`).replace('coming weeks', `coming ${i + 2} weeks`)));
  return c;
}

/** Distinct texts an index embedded: its sentences (passage vectors are made from them). */
function textsOf(index: LetterIndex): Set<string> {
  const out = new Set<string>();
  for (const l of index.letters.values()) for (const [a, b] of l.sentences) out.add(l.body.slice(a, b));
  return out;
}

function cacheOf(indexDir: string, embedder: Embedder): EmbeddingCache {
  const { cache, problem } = EmbeddingCache.fromBuffer(readFileSync(join(indexDir, EMBEDDING_CACHE_FILE)), embedder.id);
  expect(problem).toBeNull();
  return cache;
}

/** Holds the build's embedding calls, once `hold()` says so, until `release()`. */
class GatedEmbedder implements Embedder {
  readonly id: Embedder['id'];
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  constructor(
    private readonly inner: Embedder,
    private readonly hold: () => boolean,
  ) {
    this.id = inner.id;
  }
  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (kind === 'passage' && this.hold()) await this.gate;
    return this.inner.embed(texts, kind);
  }
  release(): void {
    this.open();
  }
}

describe('the first build publishes the index in slices', () => {
  it('swaps in a consistent index after each slice, saying how far it has got, then the whole index', async () => {
    const c = fiveLetters();
    const seen: { indexed: number; total: number; letters: number; partial: unknown; calibration: unknown }[] = [];
    const report = await buildIndex({
      lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX,
      publish: {
        everyLetters: 2, everyMs: 1e9, firstMs: 1e9,
        onPublish: (p) => {
          const index = LetterIndex.load(c.index);
          seen.push({ ...p, letters: index.letters.size, partial: index.manifest.partial, calibration: index.manifest.calibration });
        },
      },
    });
    // Slices of two letters (the first group is small), none after the last: the final swap is the whole index.
    expect(seen).toEqual([
      { indexed: 2, total: 5, letters: 2, partial: { indexed: 2, total: 5 }, calibration: null },
      { indexed: 4, total: 5, letters: 4, partial: { indexed: 4, total: 5 }, calibration: null },
    ]);
    expect(report).toMatchObject({ added: 5, letters: 5 });
    const index = LetterIndex.load(c.index);
    expect(index.manifest.partial).toBeUndefined();
    expect(index.manifest.calibration).not.toBeNull();
  });

  it('without `publish` (every later build, and --full), swaps once at the end', async () => {
    const c = fiveLetters();
    const published: unknown[] = [];
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX });
    writeLetter(c.letters, '009_more.txt', THIRD_LETTER.replace('Annika Vestergaard', 'Ivan Petrenko'));
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX, full: true, publish: { everyLetters: 1, onPublish: (p) => published.push(p) } });
    expect(published).toEqual([]);
    expect(LetterIndex.load(c.index).letters.size).toBe(6);
  });

  it('a first build stopped half-way goes on from its last slice, embedding only the letters not in yet', async () => {
    const c = fiveLetters();
    const controller = new AbortController();
    const stopped = buildIndex({
      lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX, signal: controller.signal,
      publish: { everyLetters: 2, everyMs: 1e9, firstMs: 1e9, onPublish: () => controller.abort() },
    });
    await expect(stopped).rejects.toBeInstanceOf(BuildStopped);
    const half = LetterIndex.load(c.index);
    expect(half.letters.size).toBe(2);
    expect(half.manifest.partial).toEqual({ indexed: 2, total: 5 });

    const counting = new CountingEmbedder(tiny);
    const published: number[] = [];
    const rest = await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: counting, maxBytes: MAX, publish: { everyLetters: 2, everyMs: 1e9, firstMs: 1e9, onPublish: (p) => published.push(p.indexed) } });
    expect(rest).toMatchObject({ added: 3, unchanged: 2, letters: 5 });
    // Still a first build: it goes on publishing slices.
    expect(published).toEqual([4]);
    const whole = LetterIndex.load(c.index);
    const before = textsOf(half);
    expect(counting.texts.some((t) => before.has(t))).toBe(false);
    expect(whole.manifest.partial).toBeUndefined();
  });
});

describe('the embedding cache', () => {
  it('holds exactly the texts the index uses: a removed letter takes its own texts with it', async () => {
    const c = fiveLetters();
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX });
    expect(cacheOf(c.index, tiny).size).toBe(textsOf(LetterIndex.load(c.index)).size);
    unlinkSync(join(c.letters, '004_more.txt'));
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX });
    const after = textsOf(LetterIndex.load(c.index));
    const cache = cacheOf(c.index, tiny);
    expect(cache.size).toBe(after.size);
    const probe = new CountingEmbedder(tiny);
    // Every text of the index is in the cache: embedding them again embeds nothing.
    await cache.embed(probe, [...after], 'passage');
    expect(probe.texts).toEqual([]);
  });

  it('gives back the vectors it was given, and none to another embedder', async () => {
    const cache = new EmbeddingCache(tiny.id);
    const texts = ['Dear Prime Minister,', 'I urge you to suspend the extradition.', 'Dear Prime Minister,'];
    const counting = new CountingEmbedder(tiny);
    const first = await cache.embed(counting, texts, 'passage');
    expect(counting.texts).toEqual(['Dear Prime Minister,', 'I urge you to suspend the extradition.']);
    expect(first[0]).toBe(first[2]);
    const read = EmbeddingCache.fromBuffer(cache.toBuffer(), tiny.id);
    expect(read.problem).toBeNull();
    counting.reset();
    const again = await read.cache.embed(counting, texts, 'passage');
    expect(counting.texts).toEqual([]);
    again.forEach((v, i) => expect([...v]).toEqual([...first[i]]));
    // A query is another text than the same words as a passage.
    await read.cache.embed(counting, ['Dear Prime Minister,'], 'query');
    expect(counting.calls).toBe(1);
    const other = EmbeddingCache.fromBuffer(cache.toBuffer(), { ...tiny.id, model: 'another-model' });
    expect(other.problem).toMatch(/holds the vectors of/);
    expect(other.cache.size).toBe(0);
  });

  it('a damaged cache file is reported by name and costs re-embedding, nothing else', async () => {
    const c = fiveLetters();
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX });
    const path = join(c.index, EMBEDDING_CACHE_FILE);
    const bytes = readFileSync(path);
    bytes[bytes.length - 3] ^= 0x5a;
    writeFileSync(path, bytes);
    const logs: string[] = [];
    const counting = new CountingEmbedder(tiny);
    const r = await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: counting, maxBytes: MAX, full: true, log: (m) => logs.push(m) });
    expect(logs).toEqual([expect.stringMatching(/embeddings\.bin is corrupt \(checksum mismatch\): embedding every text again$/)]);
    expect(r.textsEmbedded).toBe(textsOf(LetterIndex.load(c.index)).size);
    expect(cacheOf(c.index, tiny).size).toBe(r.textsEmbedded);
  });
});

describe('LetterService.start (npm start)', () => {
  it('answers at once, from the letters indexed so far and saying so, then from all of them', async () => {
    const c = fiveLetters();
    // Held once the first slice is on disk.
    const gated = new GatedEmbedder(tiny, () => existsSync(join(c.index, 'manifest.json')));
    const { service, report } = await LetterService.start({ lettersDir: c.letters, indexDir: c.index, embedder: gated, maxBytes: MAX, slices: { everyLetters: 2, everyMs: 1e9, firstMs: 1e9 } });
    let finished: BuildReport | null = null;
    void report.then((r) => (finished = r));

    // The first slice (two letters) is in; the rest waits on the embedder.
    await vi.waitFor(() => expect(service.progress?.indexed).toBe(2), { timeout: 20_000 });
    expect(finished).toBeNull();
    const early = await service.answer('Who wrote to Manuel Valls?');
    expect(early.progress).toEqual({ indexed: 2, total: 5 });
    expect(renderText(early)).toContain('(indexed 2 of 5 letters so far)');
    expect(service.letters()).toHaveLength(2);

    gated.release();
    await report;
    expect(service.progress).toBeNull();
    const later = await service.answer('Who wrote to Manuel Valls?');
    expect(later.progress).toBeUndefined();
    expect(renderText(later)).not.toContain('letters so far');
    expect(service.letters()).toHaveLength(5);
  });

  it('before the first slice, says that nothing is indexed yet', async () => {
    const c = fiveLetters();
    const gated = new GatedEmbedder(tiny, () => true);
    const { service, report } = await LetterService.start({ lettersDir: c.letters, indexDir: c.index, embedder: gated, maxBytes: MAX });
    const answer = await service.answer('What is Kelam asking France for?');
    expect(answer).toMatchObject({ abstained: true, citations: [], progress: { indexed: 0, total: 5 } });
    expect(answer.lead).toMatch(/No letter is indexed yet \(0 of 5\)/);
    expect(service.letters()).toEqual([]);
    expect(service.holdings().size).toBe(0);
    // Stopping: the update stops at its next embedding call, and nothing half-done is published.
    const closed = service.close();
    gated.release();
    await closed;
    await expect(report).rejects.toBeInstanceOf(BuildStopped);
  });

  it('with an index on disk, answers from it while the update runs', async () => {
    const c = fiveLetters();
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: tiny, maxBytes: MAX });
    writeLetter(c.letters, '009_more.txt', THIRD_LETTER.replace('Annika Vestergaard', 'Ivan Petrenko'));
    const gated = new GatedEmbedder(tiny, () => true);
    const { service, report } = await LetterService.start({ lettersDir: c.letters, indexDir: c.index, embedder: gated, maxBytes: MAX });
    expect(service.progress).toBeNull();
    expect(service.letters()).toHaveLength(5);
    expect((await service.answer('Who wrote to Valls?')).progress).toBeUndefined();
    gated.release();
    expect(await report).toMatchObject({ added: 1 });
    expect(service.letters()).toHaveLength(6);
  });
});
