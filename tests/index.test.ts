import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync, renameSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, checkStale, PARSER_VERSION, type BuildReport } from '../src/indexing/build.js';
import { parseManifest, serialiseManifest } from '../src/indexing/manifest.js';
import { LetterService } from '../src/service/letter-service.js';
import { LetterIndex, IndexError, EmbedderMismatchError } from '../src/indexing/letter-index.js';
import { CountingEmbedder, THIRD_LETTER, TINY_ENV, tempCorpus, tinyEmbedder, writeLetter } from './helpers/corpus.js';
import { indexUntilFailpoint, runCli } from './helpers/cli.js';
import { reportText } from '../src/commands/index-letters.js';
import type { Embedder } from '../src/indexing/embedders/embedder.js';

const MAX = 20 * 1024 * 1024;
let tiny: Embedder;
beforeAll(async () => {
  tiny = await tinyEmbedder();
});

/** Vectors that depend on the text alone (not on the batch it came in): a seeded random unit vector per text. */
class HashEmbedder implements Embedder {
  constructor(readonly id: Embedder['id']) {}
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => {
      let h = 2166136261;
      for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619) >>> 0;
      const v = Float32Array.from({ length: this.id.dimensions }, () => ((h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0) / 2 ** 32) - 0.5);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
  }
}

function cos(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

async function build(c: { letters: string; index: string }, embedder: Embedder, full = false) {
  return buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder, full, maxBytes: MAX });
}

describe('incremental indexing', () => {
  it('reads unchanged letters again when they were read by another version of the reader', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const path = join(c.index, 'manifest.json');
    const manifest = parseManifest(readFileSync(path, 'utf8'));
    expect(manifest.parserVersion).toBe(PARSER_VERSION);
    const { checksum: _c, ...rest } = manifest;
    writeFileSync(path, serialiseManifest({ ...rest, parserVersion: PARSER_VERSION - 1 }));
    expect((await checkStale(c.letters, c.index, tiny)).stale).toBe(true);
    expect(await build(c, tiny)).toMatchObject({ added: 0, changed: 2, unchanged: 0 });
    expect((await checkStale(c.letters, c.index, tiny)).stale).toBe(false);
  });

  it('embeds only what is new or changed, and forgets what is removed', async () => {
    const c = tempCorpus();
    const counting = new CountingEmbedder(tiny);
    const first = await build(c, counting);
    const built = LetterIndex.load(c.index);
    const seedPassages = built.passages.size;
    const seedSentences = [...built.letters.values()].reduce((n, l) => n + l.sentences.length, 0);
    // Each distinct sentence once, and nothing else: passage vectors are made from their sentences' vectors.
    const seedTexts = new Set<string>();
    for (const l of built.letters.values()) for (const [a, b] of l.sentences) seedTexts.add(l.body.slice(a, b));
    expect(seedTexts.size).toBeLessThan(seedSentences);
    expect(counting.texts.length).toBe(seedTexts.size);
    expect(new Set(counting.texts).size).toBe(counting.texts.length);
    expect(first.textsEmbedded).toBe(seedTexts.size);
    expect(first).toMatchObject({ added: 2, changed: 0, removed: 0, unchanged: 0, passagesEmbedded: seedPassages, sentencesEmbedded: seedSentences });
    expect(seedPassages).toBeGreaterThan(10);

    // Nothing changed: nothing embedded, nothing rewritten.
    counting.reset();
    const again = await build(c, counting);
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 2, passagesEmbedded: 0 });
    expect(counting.calls).toBe(0);

    // Add a letter: only its passages are embedded.
    counting.reset();
    writeLetter(c.letters, '002_third.txt', THIRD_LETTER);
    const added = await build(c, counting);
    expect(added).toMatchObject({ added: 1, changed: 0, removed: 0, unchanged: 2 });
    const index = LetterIndex.load(c.index);
    const third = index.passagesOf('002_third');
    expect(third.length).toBeGreaterThan(0);
    const thirdLetter = index.letters.get('002_third')!;
    const thirdTexts = thirdLetter.sentences.map(([a, b]) => thirdLetter.body.slice(a, b));
    // Texts the other letters share ("Dear Prime Minister,") come from the embedding cache.
    expect(counting.texts).toEqual([...new Set(thirdTexts)].filter((t) => !seedTexts.has(t)));
    expect(counting.texts.length).toBeGreaterThan(5);
    expect(added.passagesEmbedded).toBe(third.length);
    // Sentence vectors of the letters that did not change are carried over, row for row.
    const kelamBefore = built.letters.get('000_54ce065e8f9db68d')!;
    const kelamAfter = index.letters.get('000_54ce065e8f9db68d')!;
    for (let i = 0; i < kelamBefore.sentences.length; i++) expect(index.sentenceVector(kelamAfter, i)).toEqual(built.sentenceVector(kelamBefore, i));
    expect(index.letters.get('002_third')!.meta.sender).toBe('Annika Vestergaard');

    // Change one: only its passages again.
    counting.reset();
    writeLetter(c.letters, '002_third.txt', THIRD_LETTER.replace('in the coming weeks', 'on 3 April'));
    const changed = await build(c, counting);
    expect(changed).toMatchObject({ added: 0, changed: 1, removed: 0, unchanged: 2 });
    const changedLetter = LetterIndex.load(c.index).letters.get('002_third')!;
    expect(counting.texts.every((t) => changedLetter.body.includes(t))).toBe(true);
    expect(changed.passagesEmbedded).toBe(LetterIndex.load(c.index).passagesOf('002_third').length);

    // Remove one: nothing embedded; its passages leave both searches.
    counting.reset();
    unlinkSync(join(c.letters, '002_third.txt'));
    const removed = await build(c, counting);
    expect(removed).toMatchObject({ added: 0, changed: 0, removed: 1, unchanged: 2, passagesEmbedded: 0 });
    const after = LetterIndex.load(c.index);
    expect(after.letters.has('002_third')).toBe(false);
    expect(after.passages.size).toBe(seedPassages);
    expect(after.lexical.search('Fleury Mérogis', 10)).toEqual([]);
    const q = (await tiny.embed(['Council of State'], 'query'))[0];
    const hits = after.vectors.search(q, 50);
    expect(hits.every((h) => after.passages.has(h.label))).toBe(true);
  });

  it('keeps the corpus\'s calibration while its sentences change by at most 2%, and measures it again after', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const sentenceCount = (i: LetterIndex) => [...i.letters.values()].reduce((n, l) => n + l.sentences.length, 0);
    const first = LetterIndex.load(c.index);
    expect(first.manifest.calibration!.sentences).toBe(sentenceCount(first));
    // A calibration marked as ours: kept by an update that changes a word, not measured again.
    const manifestFile = join(c.index, 'manifest.json');
    const mark = (calibration: Record<string, unknown> | null) => {
      const m = parseManifest(readFileSync(manifestFile, 'utf8'));
      writeFileSync(manifestFile, serialiseManifest({ ...m, calibration } as typeof m));
    };
    const marked = { ...first.manifest.calibration!, p50: 0.1234 };
    mark(marked);
    const file = join(c.letters, readdirSync(c.letters).find((f) => f.endsWith('.txt'))!);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\bletter\b/, 'message'));
    expect((await build(c, tiny)).changed).toBe(1);
    expect(LetterIndex.load(c.index).manifest.calibration).toEqual(marked);
    // A third letter adds more than 2% of the sentences: measured again.
    writeFileSync(join(c.letters, 'third.txt'), THIRD_LETTER);
    await build(c, tiny);
    const third = LetterIndex.load(c.index);
    expect(third.manifest.calibration!.p50).not.toBe(0.1234);
    expect(third.manifest.calibration!.sentences).toBe(sentenceCount(third));
    expect(sentenceCount(third)).toBeGreaterThan(sentenceCount(first) * 1.02);
    // An index from before the count was kept is measured again.
    const { sentences: _s, ...legacy } = { ...third.manifest.calibration!, p50: 0.1234 };
    mark(legacy);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\bmessage\b/, 'letter'));
    await build(c, tiny);
    expect(LetterIndex.load(c.index).manifest.calibration).toEqual(third.manifest.calibration);
  });

  it('a changed sidecar re-reads its letter', async () => {
    const c = tempCorpus();
    const counting = new CountingEmbedder(tiny);
    await build(c, counting);
    counting.reset();
    writeFileSync(join(c.letters, '001_87c08d64c831245f.meta.json'), JSON.stringify({ place: 'Luxembourg' }));
    const r = await build(c, counting);
    expect(r).toMatchObject({ changed: 1, unchanged: 1 });
    expect(LetterIndex.load(c.index).letters.get('001_87c08d64c831245f')!.meta.place).toBe('Luxembourg');
  });

  it('a changed embedder, or --full, rebuilds everything', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const other = new CountingEmbedder(tiny, { ...tiny.id, queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const r = await build(c, other);
    expect(r.rebuilt).toEqual({ why: 'embedder', from: expect.stringContaining('tiny-bert'), to: expect.stringContaining('tiny-bert') });
    expect(reportText(r, c.index)).toMatch(/rebuilt: the embedder changed from transformers:.* to transformers:/);
    expect(r).toMatchObject({ added: 2, passagesEmbedded: LetterIndex.load(c.index).passages.size });
    // Queries from the old embedder are refused with a message that says which is which.
    expect(() => LetterIndex.load(c.index).checkEmbedder(tiny)).toThrow(EmbedderMismatchError);
    // The core says what is wrong, as data; the CLI says what to run.
    expect(() => LetterIndex.load(c.index).checkEmbedder(tiny)).toThrow(expect.objectContaining({ index: other.id, configured: tiny.id }));
    expect(() => LetterIndex.load(c.index).checkEmbedder(tiny)).not.toThrow(/npm/);
    other.reset();
    const full = await build(c, other, true);
    expect(full.rebuilt).toEqual({ why: 'full' });
    expect(reportText(full, c.index)).toMatch(/rebuilt: --full was given/);
    expect(full.passagesEmbedded).toBe(LetterIndex.load(c.index).passages.size);
    // --full re-reads and re-indexes every letter, but the embedding cache has every text already.
    expect(other.texts).toEqual([]);
    expect(full.textsEmbedded).toBe(0);
    expect(full.textsReused).toBe(full.sentencesEmbedded);
  });

  it("a passage's vector is the mean of its sentences' vectors, weighted by the characters of each it holds", async () => {
    const c = tempCorpus();
    const hashed = new HashEmbedder(tiny.id);
    await build(c, hashed);
    const index = LetterIndex.load(c.index);
    const letter = index.letters.get('000_54ce065e8f9db68d')!;
    const texts = letter.sentences.map(([a, b]) => letter.body.slice(a, b));
    const rows = await hashed.embed(texts);
    let checked = 0;
    for (const p of index.passagesOf(letter.id)) {
      const mean = new Float32Array(tiny.id.dimensions);
      letter.sentences.forEach(([a, b], j) => {
        const share = Math.min(b, p.end) - Math.max(a, p.start);
        if (share > 0) rows[j].forEach((x, i) => (mean[i] += share * x));
      });
      const stored = index.vectors.vector(p.label);
      expect(cos(stored, mean)).toBeGreaterThan(0.99999);
      // Not the passage's own embedding (a passage of one sentence is the same text).
      const own = (await hashed.embed([p.text]))[0];
      if (cos(stored, own) < 0.9) checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('PASSAGE_VECTORS=embedded embeds the passages themselves too, and a change of mode rebuilds', async () => {
    const c = tempCorpus();
    const hashed = new HashEmbedder(tiny.id);
    await build(c, hashed);
    const counting = new CountingEmbedder(hashed);
    const r = await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: counting, maxBytes: MAX, passageVectors: 'embedded' });
    expect(r.rebuilt).toEqual({ why: 'passage-vectors', to: 'embedded' });
    const index = LetterIndex.load(c.index);
    expect(index.manifest.passageVectors).toBe('embedded');
    // The sentences come from the cache; only the passages that are more than one sentence are new texts.
    const sentences = new Set([...index.letters.values()].flatMap((l) => l.sentences.map(([a, b]) => l.body.slice(a, b))));
    expect(counting.texts).toEqual([...new Set([...index.passages.values()].map((p) => p.text))].filter((t) => !sentences.has(t)));
    for (const p of index.passages.values()) {
      const own = (await hashed.embed([p.text]))[0];
      expect(cos(index.vectors.vector(p.label), own)).toBeGreaterThan(0.99999);
    }
  });

  it('a reindex asked for while one runs gets a fresh update after it, which sees what changed meanwhile', async () => {
    const c = tempCorpus();
    let armed = false;
    let second: Promise<BuildReport> | null = null;
    const { service } = await LetterService.open({
      lettersDir: c.letters,
      indexDir: c.index,
      embedder: tiny,
      maxBytes: MAX,
      // Called once the running update has listed the folder.
      onProgress: () => {
        if (!armed || second) return;
        writeLetter(c.letters, '002_third.txt', THIRD_LETTER);
        second = service.reindex();
      },
    });
    armed = true;
    const first = await service.reindex();
    expect(first.added).toBe(0);
    expect(second).not.toBeNull();
    expect((await second!).added).toBe(1);
    expect(service.letter('002_third')).toBeDefined();
    // Calls made during one update share the next one.
    const [a, b, d] = [service.reindex(), service.reindex(), service.reindex()];
    expect(b).toBe(d);
    expect(a).not.toBe(b);
    await Promise.all([a, b]);
    await service.idle();
  });

  it('an update saves the word index\'s changes beside its unchanged base; read back, it searches as one saved whole', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const base = readFileSync(join(c.index, 'lexical.json'));
    expect(JSON.parse(readFileSync(join(c.index, 'lexical-delta.json'), 'utf8'))).toEqual({ added: [], removed: [] });
    writeLetter(c.letters, '002_third.txt', THIRD_LETTER);
    unlinkSync(join(c.letters, '001_87c08d64c831245f.txt'));
    await build(c, tiny);
    // The base is the same file; the delta holds the new letter's passages and the removed letter's labels.
    expect(readFileSync(join(c.index, 'lexical.json')).equals(base)).toBe(true);
    const delta = JSON.parse(readFileSync(join(c.index, 'lexical-delta.json'), 'utf8')) as { added: [number, string, string][]; removed: number[] };
    expect(delta.added.some(([, text]) => text.includes('Cazeneuve'))).toBe(true);
    expect(delta.removed.length).toBeGreaterThan(0);
    const updated = LetterIndex.load(c.index);
    const whole = await build({ ...c, index: join(c.dir, 'whole') }, tiny, true);
    expect(whole.added).toBe(2);
    const rebuilt = LetterIndex.load(join(c.dir, 'whole'));
    for (const q of ['Cazeneuve Prime Minister', 'extradition Ablyazov Russia', 'Delvaux-Stehres', 'KazakhLeaks correspondence']) {
      // The same passages; ties may come in another order (a discarded passage's words still count in rarity until vacuumed).
      const text = (idx: LetterIndex) => idx.lexical.search(q, 10).map((h) => idx.passages.get(h.label)?.text).sort();
      expect(text(updated)).toEqual(text(rebuilt));
    }
    expect(updated.lexical.search('Delvaux-Stehres', 10)).toEqual([]);
  });

  it('compacts the vector store when more than 20% of it is deleted', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    writeLetter(c.letters, '002_third.txt', THIRD_LETTER);
    await build(c, tiny);
    const total = LetterIndex.load(c.index).vectors.size;
    unlinkSync(join(c.letters, '000_54ce065e8f9db68d.txt'));
    await build(c, tiny);
    const idx = LetterIndex.load(c.index);
    expect(idx.manifest.deleted).toBe(0);
    expect(idx.vectors.size).toBe(idx.passages.size);
    expect(idx.vectors.size).toBeLessThan(total);
  });
});

describe('the index on disk', () => {
  it('npm run index -- --json prints the contract object', () => {
    const c = tempCorpus();
    const r = runCli(['index', '--letters', c.letters, '--index', c.index, '--json'], TINY_ENV);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(['added', 'changed', 'durationMs', 'embedder', 'passagesEmbedded', 'removed', 'unchanged']);
    expect(report).toMatchObject({ added: 2, changed: 0, removed: 0, unchanged: 0 });
    expect(report.embedder).toMatch(/^transformers:tiny-bert@/);
    expect(report.passagesEmbedded).toBeGreaterThan(10);
    const again = JSON.parse(runCli(['index', '--letters', c.letters, '--index', c.index, '--json'], TINY_ENV).stdout);
    expect(again).toMatchObject({ added: 0, unchanged: 2, passagesEmbedded: 0 });
  });

  it.each(['mid-write', 'before-swap', 'mid-swap'])('a kill -9 at %s leaves the old index loadable, and the next run converges', async (point) => {
    const c = tempCorpus();
    await build(c, tiny);
    const before = LetterIndex.load(c.index);
    writeLetter(c.letters, '002_third.txt', THIRD_LETTER);
    const killed = indexUntilFailpoint(c.letters, c.index, point, TINY_ENV);
    expect(killed.signal).toBe('SIGKILL');
    const old = LetterIndex.load(c.index);
    expect([...old.letters.keys()]).toEqual([...before.letters.keys()]);
    expect(old.passages.size).toBe(before.passages.size);
    const q = (await tiny.embed(['extradition to Russia'], 'query'))[0];
    expect(old.vectors.search(q, 3)).toHaveLength(3);
    // The killed indexer's lock is stale: the next run takes it over and finishes the job.
    const next = runCli(['index', '--letters', c.letters, '--index', c.index, '--json'], TINY_ENV);
    expect(next.status).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ added: 1, unchanged: 2 });
    expect(LetterIndex.load(c.index).letters.has('002_third')).toBe(true);
    expect(readdirSync(c.dir).sort()).toEqual(['index', 'letters']);
  });

  it('refuses a second indexer while one runs', () => {
    const c = tempCorpus();
    // A live process other than the indexer holds the lock: this test runner.
    writeFileSync(`${c.index}.lock`, JSON.stringify({ pid: process.pid, since: 'now' }));
    const r = runCli(['index', '--letters', c.letters, '--index', c.index], TINY_ENV);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/locked by another indexer \(pid \d+/);
    expect(existsSync(join(c.index, 'manifest.json'))).toBe(false);
    rmSync(`${c.index}.lock`);
  });

  it('reports a truncated manifest in one line, and the next run rebuilds', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const manifest = join(c.index, 'manifest.json');
    truncateSync(manifest, 100);
    expect(() => LetterIndex.load(c.index)).toThrow(IndexError);
    expect(() => LetterIndex.load(c.index)).toThrow(/manifest\.json is not valid JSON/);
    const r = runCli(['index', '--letters', c.letters, '--index', c.index, '--json'], TINY_ENV);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/manifest\.json is not valid JSON \(truncated\?\): rebuilding it/);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 2 });
    expect(LetterIndex.load(c.index).letters.size).toBe(2);
  });

  it('detects an altered manifest by its own checksum, in one line, and rebuilds', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const manifest = join(c.index, 'manifest.json');
    // Still valid JSON and still the schema: only the checksum can tell.
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"nextLabel": (\d+)/, (_, n) => `"nextLabel": ${Number(n) + 1}`));
    expect(() => LetterIndex.load(c.index)).toThrow(/manifest\.json is corrupt \(its checksum does not match its contents\)/);
    const r = runCli(['index', '--letters', c.letters, '--index', c.index, '--json'], TINY_ENV);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n').filter((l) => /manifest/.test(l))).toEqual([expect.stringMatching(/manifest\.json is corrupt .*: rebuilding it$/)]);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 2 });
    expect(LetterIndex.load(c.index).letters.size).toBe(2);
  });

  it('detects altered data files by checksum', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    const file = join(c.index, 'vectors.hnsw');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => LetterIndex.load(c.index)).toThrow(/vectors\.hnsw is corrupt \(checksum mismatch\)/);
    const r = await build(c, tiny);
    expect(r.rebuilt).toEqual({ why: 'unreadable', problem: { kind: 'corrupt-file', file: file } });
    expect(LetterIndex.load(c.index).passages.size).toBeGreaterThan(0);
  });

  it('on start, a damaged index is reported in one line and rebuilt once; the next start is clean', async () => {
    const c = tempCorpus();
    const ask = () => runCli(['ask', '--letters', c.letters, '--index', c.index, '--json', 'What new evidence did Kelam mention?'], TINY_ENV);
    const first = ask();
    expect(first.status).toBe(0);
    const lexical = join(c.index, 'lexical.json');
    truncateSync(lexical, Math.floor(readFileSync(lexical).length / 2));
    const damaged = ask();
    expect(damaged.status).toBe(0);
    expect(damaged.stderr.split('\n').filter((l) => /lexical\.json|updating the index/.test(l))).toEqual([expect.stringMatching(/lexical\.json is corrupt \(checksum mismatch\): rebuilding it$/)]);
    expect(JSON.parse(damaged.stdout).citations).toEqual(JSON.parse(first.stdout).citations);
    const next = ask();
    expect(next.status).toBe(0);
    expect(next.stderr).not.toMatch(/index|rebuild/i);
    expect(JSON.parse(next.stdout).citations).toEqual(JSON.parse(first.stdout).citations);
  });

  it('recovers the previous index when a crash fell between the two renames', async () => {
    const c = tempCorpus();
    await build(c, tiny);
    renameSync(c.index, `${c.index}.old`);
    expect(LetterIndex.load(c.index).letters.size).toBe(2);
    expect(existsSync(`${c.index}.old`)).toBe(false);
  });
});
