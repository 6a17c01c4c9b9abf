import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** HNSW parameters: graph degree, build beam width and search beam width. */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 64 };

export interface VectorHit {
  label: number;
  /** Cosine similarity (inner product of normalised vectors). */
  score: number;
}

/** hnswlib-node takes plain arrays; an indexed loop is ~10× faster than Array.from for a typed array. */
function toArray(v: Float32Array): number[] {
  const a = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) a[i] = v[i];
  return a;
}

/** Passage vectors in an hnswlib HierarchicalNSW index, inner product on normalised vectors. */
export class VectorStore {
  private constructor(
    private readonly index: Hnsw,
    readonly dimensions: number,
    readonly params: HnswParams,
  ) {}

  static create(dimensions: number, capacity: number, params: HnswParams = DEFAULT_HNSW): VectorStore {
    const index = new HierarchicalNSW('ip', dimensions);
    index.initIndex({ maxElements: Math.max(capacity, 16), m: params.m, efConstruction: params.efConstruction, randomSeed: 100 });
    index.setEf(params.efSearch);
    return new VectorStore(index, dimensions, params);
  }

  static load(file: string, dimensions: number, params: HnswParams = DEFAULT_HNSW): VectorStore {
    const index = new HierarchicalNSW('ip', dimensions);
    index.readIndexSync(file);
    index.setEf(params.efSearch);
    return new VectorStore(index, dimensions, params);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  /** Labels of live and deleted points alike. */
  labels(): number[] {
    return this.index.getIdsList();
  }

  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) throw new Error(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    const needed = this.index.getCurrentCount() + 1;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.max(needed, Math.ceil(this.index.getMaxElements() * 1.5)));
    this.index.addPoint(toArray(vector), label);
  }

  delete(label: number): void {
    this.index.markDelete(label);
  }

  vector(label: number): Float32Array {
    return Float32Array.from(this.index.getPoint(label));
  }

  setEf(ef: number): void {
    this.index.setEf(ef);
  }

  /** The k nearest live points; `accept` filters labels inside the graph search, not after it. */
  search(query: Float32Array, k: number, accept?: (label: number) => boolean): VectorHit[] {
    const live = this.index.getCurrentCount();
    if (live === 0 || k <= 0) return [];
    const { neighbors, distances } = this.index.searchKnn(toArray(query), Math.min(k, live), accept);
    // hnswlib's inner-product distance is 1 - dot.
    return neighbors.map((label, i) => ({ label, score: 1 - distances[i] }));
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }
}
