/**
 * Worker-thread entry of WorkerPoolEmbedder: loads the embedder its recipe names (workerData.recipe),
 * reports its id, then embeds one batch per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from './embedder.js';
import { loadRecipe, type EmbedderRecipe, type WorkerReply, type WorkerRequest } from './worker-pool.js';

const port = parentPort;
if (!port) throw new Error('embed-worker.ts runs in a worker thread (see WorkerPoolEmbedder)');
const reply = (msg: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

let embedder: Embedder | null = null;
try {
  embedder = await loadRecipe((workerData as { recipe: EmbedderRecipe }).recipe);
} catch (e) {
  reply({ type: 'load-failed', message: message(e) });
}

if (embedder) {
  const loaded = embedder;
  port.on('message', (req: WorkerRequest) => {
    void loaded.embed(req.texts, req.kind).then(
      (vectors) => {
        const dims = vectors[0]?.length ?? 0;
        const data = new Float32Array(vectors.length * dims);
        vectors.forEach((v, i) => data.set(v, i * dims));
        reply({ type: 'result', count: vectors.length, dims, data }, [data.buffer]);
      },
      (e: unknown) => reply({ type: 'error', message: message(e) }),
    );
  });
  reply({ type: 'ready', id: loaded.id });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
