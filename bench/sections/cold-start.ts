/**
 * Child process of the benchmark. `cold-start.ts LETTERS INDEX` starts as `npm start` does (the
 * MiniLM-shaped model loads while the index is checked and read) and prints
 * {readyMs, firstAnswerMs, rssMb, passages}; `cold-start.ts --model-only` prints {rssMb} with the model alone.
 */
import { Answerer } from '../../src/answer/answerer.js';
import { LetterService } from '../../src/service/letter-service.js';
import { minilmShaped } from '../synthetic.js';

const args = process.argv.slice(2);
const mb = () => process.memoryUsage().rss / 1048576;
if (args[0] === '--model-only') {
  await (await minilmShaped()).embed(['warm up'], 'query');
  process.stdout.write(JSON.stringify({ rssMb: mb() }) + '\n');
} else {
  const [letters, index] = args;
  const { service } = await LetterService.open({ lettersDir: letters, indexDir: index, embedder: minilmShaped(), maxBytes: 20 * 1024 * 1024 });
  const readyMs = process.uptime() * 1000;
  await new Answerer(service.index, service.opts.embedder).answer('What did the minister say about the budget?');
  const firstAnswerMs = process.uptime() * 1000;
  process.stdout.write(JSON.stringify({ readyMs, firstAnswerMs, rssMb: mb(), passages: service.index.passages.size }) + '\n');
}
process.exit(0);
