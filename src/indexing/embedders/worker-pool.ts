import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BundledEmbedder, type BundledLoadOptions } from './bundled.js';
import { embedderLabel, sameEmbedder, type EmbedKind, type Embedder, type EmbedderId } from './embedder.js';
import { TransformersEmbedder, type TransformersLoadOptions } from './transformers.js';

/** How a worker thread loads its embedder: plain data, sent as workerData. */
export type EmbedderRecipe =
  | { kind: 'bundled'; options: BundledLoadOptions }
  | { kind: 'transformers'; options: TransformersLoadOptions }
  /** A module (file URL) exporting `load(options): Promise<Embedder>`: tests and benches. */
  | { kind: 'module'; url: string; options?: unknown };

/** Calls with fewer texts (a question) are embedded on the calling thread at once, never queued behind a build. */
export const SMALL_CALL = 8;

/**
 * ONNX Runtime intra-op threads per worker: the cores shared out, at least one. Measured on 2 idle cores
 * (bench/models/minilm-shaped q8, one call of 128 ~600-char texts in batches of 32, median texts/s of 5 runs,
 * bench/scratch/ort-threads.ts): 1 worker x default threads 18.0, 1 worker x 2 threads 18.6,
 * 2 workers x 1 thread 20.1, 2 workers x 2 threads 17.7 (oversubscribed); the main thread alone 19.1.
 */
export function intraOpThreadsPerWorker(workers: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, workers)));
}

/** Loads the embedder a recipe describes (in a worker thread). */
export async function loadRecipe(recipe: EmbedderRecipe): Promise<Embedder> {
  switch (recipe.kind) {
    case 'bundled':
      return BundledEmbedder.load(recipe.options);
    case 'transformers':
      return TransformersEmbedder.load({ ...recipe.options, allowRemote: false });
    case 'module': {
      const mod = (await import(recipe.url)) as { load?: (options: unknown) => Promise<Embedder> };
      if (typeof mod.load !== 'function') throw new Error(`${recipe.url} exports no load(options) function`);
      return mod.load(recipe.options);
    }
  }
}

/**
 * The recipe that loads `embedder` again in a worker: the choice already resolved on this thread
 * (an 'auto' that fell back gives bundled; a transformers model loads offline from where it was found).
 */
export function recipeFor(embedder: Embedder, workers = availableParallelism()): EmbedderRecipe {
  if (embedder instanceof BundledEmbedder) return { kind: 'bundled', options: embedder.loadOptions() };
  if (embedder instanceof TransformersEmbedder) {
    return {
      kind: 'transformers',
      options: { ...embedder.offlineOptions(), intraOpNumThreads: intraOpThreadsPerWorker(workers) },
    };
  }
  throw new Error(`no worker recipe for the embedder ${embedderLabel(embedder.id)}; pass one`);
}

export interface WorkerPoolOptions {
  /** Worker threads (default: os.availableParallelism()). */
  workers?: number;
  /** How each worker loads its embedder (default: recipeFor(main, workers)). */
  recipe?: EmbedderRecipe;
  /** Texts per message to a worker (default: the main embedder's batch size). */
  batchSize?: number;
  /** Calls with fewer texts run on the main embedder (default SMALL_CALL). */
  smallCall?: number;
}

/** Worker → pool messages. */
export type WorkerReply =
  | { type: 'ready'; id: EmbedderId }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; count: number; dims: number; data: Float32Array }
  | { type: 'error'; message: string };

/** Pool → worker message. */
export interface WorkerRequest {
  type: 'embed';
  texts: string[];
  kind: EmbedKind;
}

interface Call {
  out: Float32Array[];
  remaining: number;
  failed: boolean;
  resolve(v: Float32Array[]): void;
  reject(e: Error): void;
}

interface Job {
  call: Call;
  /** Positions in the caller's array of the texts below. */
  positions: number[];
  texts: string[];
  kind: EmbedKind;
}

interface Slot {
  n: number;
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'gone';
  job: Job | null;
  /** Why it failed, when it did ('error' comes before 'exit'). */
  cause: Error | null;
  ready: Promise<void>;
  settle(err: Error | null): void;
  /** warm() waits for it to load. */
  awaited: boolean;
}

const here = new URL(import.meta.url);
const entryUrl = new URL(`./embed-worker${here.pathname.endsWith('.ts') ? '.ts' : '.js'}`, here).href;

/**
 * Embeds large calls (an index build) in worker threads, each holding its own copy of the embedder,
 * and small calls (a question) on the main embedder at once. A call is split into batches that go to
 * idle workers; the vectors come back in input order. Workers start on the first large call (or warm())
 * and do not keep the process alive while idle.
 */
export class WorkerPoolEmbedder implements Embedder {
  readonly id: EmbedderId;
  readonly workers: number;
  readonly recipe: EmbedderRecipe;
  private readonly batchSize: number;
  private readonly smallCall: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private started = 0;
  private broken: Error | null = null;
  private disposed = false;

  constructor(
    private readonly main: Embedder,
    opts: WorkerPoolOptions = {},
  ) {
    this.id = main.id;
    this.workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
    this.recipe = opts.recipe ?? recipeFor(main, this.workers);
    const recipeBatch = (this.recipe.options as { batchSize?: number } | undefined)?.batchSize;
    this.batchSize = Math.max(1, Math.floor(opts.batchSize ?? recipeBatch ?? 32));
    this.smallCall = opts.smallCall ?? SMALL_CALL;
  }

  /** Worker threads running now (starting or loaded). */
  get running(): number {
    return this.slots.length;
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('the embedder was disposed');
    if (texts.length < this.smallCall) return this.main.embed(texts, kind);
    if (this.broken) throw this.broken;
    // Similar lengths together waste less padding (transformers); each worker gets its share of the call.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
    const size = Math.min(this.batchSize, Math.ceil(texts.length / this.workers));
    return new Promise<Float32Array[]>((resolve, reject) => {
      const call: Call = { out: new Array<Float32Array>(texts.length), remaining: 0, failed: false, resolve, reject };
      for (let start = 0; start < order.length; start += size) {
        const positions = order.slice(start, start + size);
        this.queue.push({ call, positions, texts: positions.map((i) => texts[i]), kind });
        call.remaining++;
      }
      this.fill();
      this.pump();
    });
  }

  /**
   * Starts every worker now; resolves when all have loaded, or rejects with why one could not. Safe to
   * call without awaiting (the failure then comes with the next large call).
   */
  warm(): Promise<void> {
    const run = async () => {
      if (this.disposed) throw new Error('the embedder was disposed');
      if (this.broken) throw this.broken;
      this.fill();
      for (const s of this.slots) {
        s.awaited = true;
        this.keepAlive(s);
      }
      await Promise.all(this.slots.map((s) => s.ready));
      if (this.broken) throw this.broken;
    };
    const p = run();
    p.catch(() => undefined);
    return p;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.failQueued(() => new Error('the embedder was disposed'));
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.job) this.failCall(s.job.call, new Error('the embedder was disposed'));
    // A worker still loading its model (native code, for onnxruntime) is let finish first, up to 10 s:
    // terminating a thread in the middle of loading a native addon can bring the whole process down.
    const loaded = Promise.allSettled(slots.filter((s) => s.state === 'starting').map((s) => s.ready));
    await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    for (const s of slots) s.state = 'gone';
    await Promise.all(slots.map((s) => s.worker.terminate()));
    await this.main.dispose?.();
  }

  /** Starts workers up to the pool size. */
  private fill(): void {
    while (this.slots.length < this.workers) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const n = ++this.started;
    const worker = startWorker(this.recipe);
    let settle!: (err: Error | null) => void;
    const ready = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    ready.catch(() => undefined); // a start failure is reported through the calls (or warm())
    const slot: Slot = { n, worker, state: 'starting', job: null, cause: null, ready, settle, awaited: false };
    this.keepAlive(slot);

    worker.on('message', (msg: WorkerReply) => {
      if (slot.state === 'gone') return;
      switch (msg.type) {
        case 'ready': {
          if (!sameEmbedder(msg.id, this.id)) {
            const err = new Error(
              `an embedding worker loaded ${embedderLabel(msg.id)} but this process uses ${embedderLabel(this.id)}; ` +
                'refusing to mix their vectors (set EMBED_WORKERS=0 to embed on the main thread)',
            );
            this.broken = err;
            settle(err);
            this.failQueued(() => err);
            for (const s of [...this.slots]) this.drop(s, err);
            return;
          }
          slot.state = 'idle';
          settle(null);
          this.pump();
          return;
        }
        case 'load-failed': {
          const err = new Error(`an embedding worker could not load its model: ${msg.message}`);
          settle(err);
          this.drop(slot, err);
          return;
        }
        case 'result': {
          const job = slot.job;
          slot.job = null;
          slot.state = 'idle';
          if (job && !job.call.failed) {
            if (msg.count !== job.positions.length) {
              this.failCall(job.call, new Error(`an embedding worker returned ${msg.count} vectors for ${job.positions.length} texts`));
            } else {
              job.positions.forEach((p, j) => (job.call.out[p] = msg.data.slice(j * msg.dims, (j + 1) * msg.dims)));
              if (--job.call.remaining === 0) job.call.resolve(job.call.out);
            }
          }
          this.pump();
          return;
        }
        case 'error': {
          // A worker whose embedder threw is replaced: its state is unknown.
          this.drop(slot, new Error(`embedding worker ${slot.n} failed: ${msg.message}`));
          return;
        }
      }
    });
    worker.on('error', (e) => {
      slot.cause = e instanceof Error ? e : new Error(String(e));
    });
    worker.on('messageerror', (e) => this.drop(slot, new Error(`embedding worker ${slot.n} sent an unreadable message: ${describe(e)}`)));
    worker.on('exit', (code) => {
      if (slot.state === 'gone') return;
      const why = slot.cause ? describe(slot.cause) : `it exited with code ${code}`;
      const err = new Error(`embedding worker ${slot.n} ${slot.state === 'starting' ? 'failed while loading' : 'crashed'}: ${why}`);
      settle(err);
      this.drop(slot, err);
    });
    return slot;
  }

  /** Removes a worker, failing the call it served; the queued work of other calls gets a replacement worker. */
  private drop(slot: Slot, err: Error): void {
    if (slot.state === 'gone') return;
    const wasStarting = slot.state === 'starting';
    slot.state = 'gone';
    slot.settle(err);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
    if (slot.job) this.failCall(slot.job.call, err);
    slot.job = null;
    // A worker that could not start: calls waiting for one fail with the reason, unless another may still serve them.
    if (wasStarting && !this.slots.some((s) => s.state !== 'gone')) this.failQueued(() => err);
    if (this.queue.length > 0 && !this.broken && !this.disposed && !wasStarting) this.fill();
    this.pump();
  }

  private failCall(call: Call, err: Error): void {
    if (call.failed) return;
    call.failed = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].call === call) this.queue.splice(i, 1);
    call.reject(err);
  }

  private failQueued(err: () => Error): void {
    for (const call of new Set(this.queue.map((j) => j.call))) this.failCall(call, err());
    this.queue.length = 0;
  }

  /** Deals queued batches to idle workers. */
  private pump(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'idle') continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.state = 'busy';
      slot.job = job;
      const req: WorkerRequest = { type: 'embed', texts: job.texts, kind: job.kind };
      slot.worker.postMessage(req);
    }
    for (const slot of this.slots) this.keepAlive(slot);
  }

  /** A worker keeps the process alive only while there is work it is (or will be) doing. */
  private keepAlive(slot: Slot): void {
    const needed = slot.state === 'busy' || (slot.state === 'starting' && (slot.awaited || this.queue.length > 0));
    if (needed) slot.worker.ref();
    else slot.worker.unref();
  }
}

/**
 * Starts the worker entry. `node --import tsx` does not reach worker threads, so a TypeScript entry is
 * imported after registering tsx in the worker (tsx resolved here, so any working directory works).
 */
function startWorker(recipe: EmbedderRecipe): Worker {
  const workerData = { recipe };
  if (!entryUrl.endsWith('.ts')) return new Worker(new URL(entryUrl), { workerData });
  const tsxApiUrl = import.meta.resolve('tsx/esm/api');
  const boot =
    `import(${JSON.stringify(tsxApiUrl)}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(entryUrl)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function describe(e: Error): string {
  return e.message || e.name || String(e);
}
