/**
 * `npm run index` for crash tests: the same build, with a failpoint hook that kills this process (kill -9, as a
 * power cut would) when the build reaches `FAILPOINT`. Usage: index-until-failpoint.ts LETTERS INDEX FAILPOINT,
 * with the embedder configured by the environment as for the CLI.
 */
import { parseConfig } from '../../src/config.js';
import { buildIndex } from '../../src/indexing/build.js';
import { createEmbedder } from '../../src/indexing/embedders/select.js';

const [lettersDir, indexDir, point] = process.argv.slice(2);
const config = parseConfig(process.env);
const embedder = await createEmbedder({ embedder: config.EMBEDDER, model: config.EMBEDDING_MODEL, modelDir: config.EMBEDDING_MODEL_DIR, cacheDir: config.EMBEDDING_CACHE_DIR, log: () => {} });
await buildIndex({
  lettersDir,
  indexDir,
  embedder,
  maxBytes: config.MAX_LETTER_BYTES,
  failpoint: (reached) => {
    if (reached === point) process.kill(process.pid, 'SIGKILL');
  },
});
process.stderr.write(`failpoint ${point} was never reached\n`);
process.exit(3);
