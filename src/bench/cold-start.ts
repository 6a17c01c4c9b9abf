/**
 * Child process of the benchmark: starts as `npm start` would, with the MiniLM-shaped model and an index,
 * and prints {readyMs, firstAnswerMs, rssBaseMb, rssReadyMb} as JSON. Usage: cold-start.ts LETTERS INDEX
 */
import { Answerer } from '../answer/compose.js';
import { LetterService } from '../service/letter-service.js';
import { minilmShaped } from './synthetic.js';

const [letters, index] = process.argv.slice(2);
const embedder = await minilmShaped();
const rssBase = process.memoryUsage().rss;
const { service } = await LetterService.open({ lettersDir: letters, indexDir: index, embedder, maxBytes: 20 * 1024 * 1024 });
const readyMs = process.uptime() * 1000;
const rssReady = process.memoryUsage().rss;
await new Answerer(service.index, embedder).answer('What did the minister say about the budget?');
const firstAnswerMs = process.uptime() * 1000;
process.stdout.write(JSON.stringify({ readyMs, firstAnswerMs, rssBaseMb: rssBase / 1048576, rssReadyMb: rssReady / 1048576, passages: service.index.passages.size }) + '\n');
process.exit(0);
